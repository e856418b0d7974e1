//! Places in a TOML document: field paths ("staff[3].sites[1]") ↔ byte spans ↔ line and column.
//!
//! Validation works on serde types that know nothing of positions, so it names each problem by
//! its field path; for TOML input this module parses the text once more with `toml_edit`, which
//! keeps spans, and finds where each path is written. The other way round, it names the field
//! under a byte offset that the TOML deserializer reports.

use std::collections::HashMap;
use std::ops::Range;

use crate::Problem;

/// A path segment written as a key: bare if it is safe to read back, quoted otherwise.
pub(crate) fn key(parent: &str, key: &str) -> String {
    let bare = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let seg = if bare { key.to_string() } else { format!("{key:?}") };
    if parent.is_empty() {
        seg
    } else {
        format!("{parent}.{seg}")
    }
}

/// The path of the enclosing field ("staff[3].sites[1]" → "staff[3].sites" → "staff[3]" →
/// "staff"), or `None` at the top.
pub(crate) fn parent(path: &str) -> Option<&str> {
    let mut in_quotes = false;
    let mut escaped = false;
    let mut cut = None;
    for (i, c) in path.char_indices() {
        if in_quotes {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_quotes = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_quotes = true,
            '.' | '[' => cut = Some(i),
            _ => {}
        }
    }
    cut.map(|i| &path[..i])
}

/// 1-based line and column (in characters) of a byte offset into `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

/// The spans of every key and value of a TOML document, by field path.
pub(crate) struct TomlIndex<'t> {
    text: &'t str,
    /// Span of the value (or table header) at each path.
    values: HashMap<String, Range<usize>>,
    /// Every key and value span with its path, for looking up the field under an offset.
    all: Vec<(Range<usize>, String)>,
}

impl<'t> TomlIndex<'t> {
    /// Indexes `text`; `None` if it is not TOML at all.
    pub(crate) fn new(text: &'t str) -> Option<Self> {
        let doc = toml_edit::Document::parse(text).ok()?;
        let mut index = TomlIndex { text, values: HashMap::new(), all: Vec::new() };
        index.table(doc.as_table(), "");
        Some(index)
    }

    fn record(&mut self, path: &str, span: Option<Range<usize>>) {
        if let Some(span) = span {
            self.values.entry(path.to_string()).or_insert_with(|| span.clone());
            self.all.push((span, path.to_string()));
        }
    }

    fn table(&mut self, table: &dyn toml_edit::TableLike, path: &str) {
        for (k, item) in table.iter() {
            let here = key(path, k);
            if let Some(key) = table.key(k) {
                self.all.push((key.span().unwrap_or_default(), here.clone()));
            }
            self.item(item, &here);
        }
    }

    fn item(&mut self, item: &toml_edit::Item, path: &str) {
        match item {
            toml_edit::Item::None => {}
            toml_edit::Item::Value(v) => self.value(v, path),
            toml_edit::Item::Table(t) => {
                self.record(path, t.span());
                self.table(t, path);
            }
            toml_edit::Item::ArrayOfTables(a) => {
                self.record(path, a.span());
                for (i, t) in a.iter().enumerate() {
                    let here = format!("{path}[{i}]");
                    self.record(&here, t.span());
                    self.table(t, &here);
                }
            }
        }
    }

    fn value(&mut self, value: &toml_edit::Value, path: &str) {
        self.record(path, value.span());
        match value {
            toml_edit::Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    self.value(v, &format!("{path}[{i}]"));
                }
            }
            toml_edit::Value::InlineTable(t) => self.table(t, path),
            _ => {}
        }
    }

    /// Line and column where `path` (or its nearest written ancestor) is written.
    pub(crate) fn position_of(&self, path: &str) -> Option<(usize, usize)> {
        let mut p = Some(path);
        while let Some(here) = p {
            if let Some(span) = self.values.get(here) {
                return Some(line_col(self.text, span.start));
            }
            p = parent(here);
        }
        None
    }

    /// The path of the innermost key or value whose span holds `offset`, or else of the last
    /// one that starts before it.
    pub(crate) fn path_at(&self, offset: usize) -> Option<&str> {
        let holding = self
            .all
            .iter()
            .filter(|(s, _)| s.start <= offset && (offset < s.end || s.is_empty() && offset == s.start))
            .min_by_key(|(s, _)| s.len());
        let before = || self.all.iter().filter(|(s, _)| s.start <= offset).max_by_key(|(s, _)| s.start);
        holding.or_else(before).map(|(_, p)| p.as_str())
    }

    /// Fills in the position of every problem that has none.
    pub(crate) fn fill(&self, problems: &mut [Problem]) {
        for p in problems.iter_mut().filter(|p| p.position.is_none() && !p.path.is_empty()) {
            p.position = self.position_of(&p.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "name = \"x\"\n\n[[staff]]\nid = \"a\"\nsites = [\"s1\", \"s2\"]\n\n[[staff]]\nid = \"b\"\nsites = [\"s1\", \"s3\"]\n\n[groups.\"natt grupp\"]\nfull_time_hours = 34.33\n";

    #[test]
    fn paths_find_their_place() {
        let ix = TomlIndex::new(DOC).unwrap();
        assert_eq!(ix.position_of("staff[1].sites[1]"), Some((9, 16)));
        assert_eq!(ix.position_of("staff[1].id"), Some((8, 6)));
        // A missing field points at its table.
        assert_eq!(ix.position_of("staff[1].degree"), Some((7, 1)));
        assert_eq!(ix.position_of(&key("groups.\"natt grupp\"", "full_time_hours")), Some((12, 19)));
        assert_eq!(ix.position_of("nothing.at.all"), None);
    }

    #[test]
    fn offsets_find_their_path() {
        let ix = TomlIndex::new(DOC).unwrap();
        let at = DOC.find("\"s3\"").unwrap();
        assert_eq!(ix.path_at(at + 1), Some("staff[1].sites[1]"));
        let at = DOC.rfind("id").unwrap();
        assert_eq!(ix.path_at(at), Some("staff[1].id"));
    }

    #[test]
    fn parents_respect_quotes() {
        assert_eq!(parent("staff[3].sites[1]"), Some("staff[3].sites"));
        assert_eq!(parent("staff[3]"), Some("staff"));
        assert_eq!(parent("staff"), None);
        assert_eq!(parent("groups.\"a.b\".rules"), Some("groups.\"a.b\""));
        assert_eq!(parent("groups.\"a.b\""), Some("groups"));
    }

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_col("ab\ncåd", 6), (2, 3));
        assert_eq!(line_col("", 0), (1, 1));
        assert_eq!(line_col("abc", 99), (1, 4));
    }
}
