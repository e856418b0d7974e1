//! The text layer of the Curtois–Qu format: lines → sections → comma-separated records, each
//! field with its line and column, and the helpers that turn fields into numbers or report
//! where they went wrong.

use std::path::{Path, PathBuf};

use crate::{Error, ErrorKind, Problem, Result};

/// The seven section keywords, in the order the files use (any order is accepted).
pub(super) const SECTIONS: [&str; 7] = [
    "SECTION_HORIZON",
    "SECTION_SHIFTS",
    "SECTION_STAFF",
    "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS",
    "SECTION_SHIFT_OFF_REQUESTS",
    "SECTION_COVER",
];

/// Index of each section in [`SECTIONS`].
pub(super) mod sec {
    pub const HORIZON: usize = 0;
    pub const SHIFTS: usize = 1;
    pub const STAFF: usize = 2;
    pub const DAYS_OFF: usize = 3;
    pub const ON_REQUESTS: usize = 4;
    pub const OFF_REQUESTS: usize = 5;
    pub const COVER: usize = 6;
}

/// One field of a record, trimmed, with its 1-based line and column.
#[derive(Clone, Copy, Debug)]
pub(super) struct Field<'a> {
    pub text: &'a str,
    pub line: usize,
    pub col: usize,
}

impl Field<'_> {
    pub fn pos(&self) -> Option<(usize, usize)> {
        Some((self.line, self.col))
    }
}

/// One data line: its fields split at commas.
#[derive(Clone, Debug)]
pub(super) struct Record<'a> {
    pub line: usize,
    pub col: usize,
    pub fields: Vec<Field<'a>>,
}

impl Record<'_> {
    pub fn pos(&self) -> Option<(usize, usize)> {
        Some((self.line, self.col))
    }
}

/// A section that was found: the line of its keyword and its data lines.
#[derive(Clone, Debug, Default)]
pub(super) struct Section<'a> {
    pub line: usize,
    pub records: Vec<Record<'a>>,
}

/// Splits `content` (a trimmed line starting at column `col`) at `sep`, keeping each piece's column.
pub(super) fn split<'a>(content: &'a str, sep: char, line: usize, col: usize) -> Vec<Field<'a>> {
    let mut out = Vec::new();
    let mut at = col; // column of the piece's first character
    for piece in content.split(sep) {
        let lead = piece.len() - piece.trim_start().len();
        let lead_chars = piece[..lead].chars().count();
        out.push(Field { text: piece.trim(), line, col: at + lead_chars });
        at += piece.chars().count() + 1;
    }
    out
}

/// Splits a text into its sections. Comment lines (`#` first, after any blanks) and blank lines
/// are skipped wherever they are; a byte-order mark and CR line ends are accepted.
///
/// # Errors
/// Syntax errors for an unknown section keyword, a section given twice, or data before the
/// first section.
pub(super) fn sections<'a>(text: &'a str, ctx: &Ctx) -> Result<[Option<Section<'a>>; 7]> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut found: [Option<Section<'a>>; 7] = Default::default();
    let mut current: Option<usize> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let content = raw.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let col = raw[..raw.len() - raw.trim_start().len()].chars().count() + 1;
        if content.starts_with("SECTION_") {
            let Some(s) = SECTIONS.iter().position(|&k| k == content) else {
                return Err(ctx.syntax(
                    content,
                    Some((line, col)),
                    format!("unknown section `{content}`; the sections are {}", SECTIONS.join(", ")),
                ));
            };
            if let Some(first) = &found[s] {
                return Err(ctx.syntax(
                    SECTIONS[s],
                    Some((line, col)),
                    format!("section {} appears twice (first on line {})", SECTIONS[s], first.line),
                ));
            }
            found[s] = Some(Section { line, records: Vec::new() });
            current = Some(s);
            continue;
        }
        let Some(s) = current else {
            return Err(ctx.syntax(
                "",
                Some((line, col)),
                format!("data `{}` before the first section keyword", shorten(content)),
            ));
        };
        let fields = split(content, ',', line, col);
        if let Some(section) = found[s].as_mut() {
            section.records.push(Record { line, col, fields });
        }
    }
    Ok(found)
}

/// The first 40 characters of a text, for messages.
pub(super) fn shorten(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// The file being read and the content problems found so far.
pub(super) struct Ctx {
    pub file: PathBuf,
    pub problems: Vec<Problem>,
}

impl Ctx {
    pub fn new(file: &Path) -> Self {
        Ctx { file: file.to_path_buf(), problems: Vec::new() }
    }

    /// A syntax error: returned at once.
    pub fn syntax(&self, path: &str, position: Option<(usize, usize)>, message: impl Into<String>) -> Error {
        Error::syntax(&self.file, path, position, message)
    }

    /// A content problem: collected, reported together at the end.
    pub fn invalid(&mut self, path: &str, position: Option<(usize, usize)>, message: impl Into<String>) {
        self.problems.push(Problem { path: path.to_string(), position, message: message.into() });
    }

    /// The collected problems as an error, if there are any.
    pub fn finish(&mut self) -> Result<()> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(Error::new(&self.file, ErrorKind::Invalid(std::mem::take(&mut self.problems))))
        }
    }

    /// Checks that a record has `expected` fields (`columns` names them for the message).
    pub fn arity(&self, section: usize, rec: &Record, expected: &[usize], columns: &str) -> Result<()> {
        if expected.contains(&rec.fields.len()) {
            return Ok(());
        }
        let want = expected[expected.len() - 1];
        Err(self.syntax(
            SECTIONS[section],
            rec.pos(),
            format!("expected {want} comma-separated fields ({columns}), found {}", rec.fields.len()),
        ))
    }

    /// An integer field in `min..=max`; `what` names the column in messages.
    pub fn int(&self, section: usize, f: Field, what: &str, min: i64, max: i64) -> Result<i64> {
        let v: i64 = f.text.parse().map_err(|_| {
            self.syntax(SECTIONS[section], f.pos(), format!("{what}: expected an integer, found `{}`", shorten(f.text)))
        })?;
        if v < min || v > max {
            return Err(self.syntax(
                SECTIONS[section],
                f.pos(),
                format!("{what}: {v} is out of range (expected {min} to {max})"),
            ));
        }
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_keep_their_columns() {
        let f = split("A, 3 ,x", ',', 7, 3);
        let got: Vec<_> = f.iter().map(|f| (f.text, f.col)).collect();
        assert_eq!(got, vec![("A", 3), ("3", 6), ("x", 9)]);
        let f = split("E,480,", ',', 1, 1);
        assert_eq!(f.len(), 3);
        assert_eq!((f[2].text, f[2].col), ("", 7));
    }

    #[test]
    fn comments_and_blank_lines_are_skipped_anywhere() {
        let ctx = Ctx::new(Path::new("x"));
        let text = "\u{feff}# top\r\n\r\nSECTION_HORIZON\r\n  # indented comment\r\n\r\n 14\r\n";
        let s = sections(text, &ctx).unwrap();
        let h = s[sec::HORIZON].as_ref().unwrap();
        assert_eq!(h.line, 3);
        assert_eq!(h.records.len(), 1);
        assert_eq!((h.records[0].fields[0].text, h.records[0].line, h.records[0].col), ("14", 6, 2));
        assert!(s[sec::SHIFTS].is_none());
    }

    #[test]
    fn long_text_is_shortened() {
        assert_eq!(shorten("abc"), "abc");
        assert_eq!(shorten(&"é".repeat(50)).chars().count(), 41);
    }
}
