//! Escaping text for HTML element content and attribute values.

/// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references, safe both as element
/// content and inside a quoted attribute value.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn markup_and_quotes_are_escaped() {
        assert_eq!(esc(r#"<b a="x">Å & 'ö'</b>"#), "&lt;b a=&quot;x&quot;&gt;Å &amp; &#39;ö&#39;&lt;/b&gt;");
    }
}
