//! Loading an instance file: TOML or JSON → [`InstanceFile`] → validated [`Instance`].

use std::path::Path;

use super::dto::InstanceFile;
use super::locate::{line_col, TomlIndex};
use super::validate::validate;
use crate::{Error, ErrorKind, Instance, Problem, Result};

/// How an instance file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// TOML (the default for any extension but `.json`).
    Toml,
    /// JSON with the same schema.
    Json,
}

impl Format {
    /// The format of a file by its extension: `.json` is JSON, anything else TOML.
    pub fn of_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("json") => Format::Json,
            _ => Format::Toml,
        }
    }
}

/// Reads, parses and validates an instance file (`.json` is JSON, anything else TOML).
///
/// # Errors
/// An [`Error`] naming the file, and the line and column or field path of every problem found.
pub fn load_instance(path: &Path) -> Result<Instance> {
    load_instance_with_warnings(path).map(|(inst, _)| inst)
}

/// Like [`load_instance`], and also returns the warnings: things that are legal but suspicious
/// (demand far from contracted hours, demand nobody can cover, ...).
///
/// # Errors
/// As [`load_instance`].
pub fn load_instance_with_warnings(path: &Path) -> Result<(Instance, Vec<Problem>)> {
    let text = read_text(path)?;
    parse_instance_str(&text, Format::of_path(path), path)
}

/// Parses and validates an instance from text; `file_label` names it in errors.
///
/// # Errors
/// [`ErrorKind::Syntax`] if the text is not a well-formed instance file,
/// [`ErrorKind::Invalid`] with every problem found if its content is invalid.
pub fn parse_instance_str(
    text: &str,
    format: Format,
    file_label: impl AsRef<Path>,
) -> Result<(Instance, Vec<Problem>)> {
    let file = parse_instance_file(text, format, file_label.as_ref())?;
    let index = match format {
        Format::Toml => TomlIndex::new(text),
        Format::Json => None,
    };
    match validate(&file) {
        Ok((inst, mut warnings)) => {
            if let Some(ix) = &index {
                ix.fill(&mut warnings);
            }
            Ok((inst, warnings))
        }
        Err(mut err) => {
            if let (ErrorKind::Invalid(problems), Some(ix)) = (&mut err.kind, &index) {
                ix.fill(problems);
            }
            err.file = file_label.as_ref().to_path_buf();
            Err(err)
        }
    }
}

/// Parses an instance file without validating its content.
///
/// # Errors
/// [`ErrorKind::Syntax`] with the line, column and (for TOML) field path of the first error.
pub fn parse_instance_file(text: &str, format: Format, file_label: impl AsRef<Path>) -> Result<InstanceFile> {
    let file = file_label.as_ref();
    match format {
        Format::Toml => toml::from_str(text).map_err(|e| {
            let offset = e.span().map(|s| s.start);
            let path = match offset {
                Some(at) => TomlIndex::new(text).and_then(|ix| ix.path_at(at).map(str::to_string)),
                None => None,
            };
            let message = e.message().trim().to_string();
            Error::syntax(file, path.unwrap_or_default(), offset.map(|at| line_col(text, at)), message)
        }),
        Format::Json => serde_json::from_str(text).map_err(|e| {
            let full = e.to_string();
            // serde_json appends " at line L column C"; the position is reported on its own.
            let message = match full.rfind(" at line ") {
                Some(i) => full[..i].to_string(),
                None => full,
            };
            let position = (e.line() > 0).then(|| (e.line(), e.column().max(1)));
            Error::syntax(file, "", position, message)
        }),
    }
}

/// Reads a text file; bytes that are not UTF-8 are a syntax error at their place.
pub(crate) fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::new(path, ErrorKind::Io(e)))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        // The valid prefix is UTF-8, so the position can be counted on it.
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        Error::syntax(path, "", Some(line_col(prefix, valid)), "the file is not UTF-8 text")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syntax(text: &str, format: Format) -> Problem {
        match parse_instance_file(text, format, "x").unwrap_err().kind {
            ErrorKind::Syntax(p) => p,
            other => panic!("not a syntax error: {other:?}"),
        }
    }

    #[test]
    fn toml_type_errors_name_line_column_and_field() {
        let text = "name = \"x\"\nmunicipalities = []\nsites = []\nskills = []\nshifts = []\n\
                    [horizon]\nstart = \"2027-01-04\"\nweeks = \"two\"\n";
        let p = syntax(text, Format::Toml);
        assert_eq!(p.position, Some((8, 9)));
        assert_eq!(p.path, "horizon.weeks");
    }

    #[test]
    fn toml_unknown_fields_point_at_the_key() {
        let text = "name = \"x\"\ncolour = 3\n";
        let p = syntax(text, Format::Toml);
        assert_eq!(p.position, Some((2, 1)));
        assert!(p.message.contains("unknown field `colour`"), "{}", p.message);
    }

    #[test]
    fn truncated_toml_is_a_syntax_error() {
        let p = syntax("name = \"x\"\n[horizon\n", Format::Toml);
        assert_eq!(p.position.map(|(l, _)| l), Some(2));
    }

    #[test]
    fn json_errors_have_line_and_column() {
        let p = syntax("{\n  \"name\": 3\n}", Format::Json);
        assert_eq!(p.position.map(|(l, _)| l), Some(2));
        assert!(!p.message.contains("at line"));
    }

    #[test]
    fn format_follows_the_extension() {
        assert_eq!(Format::of_path(Path::new("a/b.JSON")), Format::Json);
        assert_eq!(Format::of_path(Path::new("a/b.toml")), Format::Toml);
        assert_eq!(Format::of_path(Path::new("a/b")), Format::Toml);
    }
}
