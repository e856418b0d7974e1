//! Paid hours and cost per municipality, with who employs the people who work there.

use std::fmt::Write;

use super::escape::esc;
use super::people::hours;
use crate::report::Summary;

/// SEK with a thin space between thousands and no decimals ("12 345 kr").
pub fn sek(x: f64) -> String {
    let n = x.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    format!("{}{out} kr", if n < 0 { "−" } else { "" })
}

/// The municipalities' table.
pub fn cost_table(summary: &Summary) -> String {
    let mut out = String::from(
        "<table class=\"cost\"><thead><tr><th>Municipality</th><th class=\"num\">Paid h</th><th>By employer (h)</th>\
         <th class=\"num\">Wages</th><th class=\"num\">OB h</th><th class=\"num\">OB</th><th class=\"num\">Total</th>\
         <th class=\"num\">Uncovered h</th><th class=\"num\">Uncovered cost</th></tr></thead><tbody>",
    );
    for m in &summary.municipalities {
        let by: Vec<String> = m.paid_by_employer.iter().map(|(k, v)| format!("{} {}", esc(k), hours(*v))).collect();
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\"><b>{}</b></td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&m.name),
            hours(m.paid_minutes),
            by.join(", "),
            sek(m.wage_cost),
            hours(m.ob_minutes.total()),
            sek(m.ob_cost),
            sek(m.total_cost),
            hours(m.uncovered_minutes),
            sek(m.uncovered_cost)
        );
    }
    out.push_str("</tbody></table>");
    out
}

#[cfg(test)]
mod tests {
    use super::sek;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(sek(1234567.4), "1\u{202f}234\u{202f}567 kr");
        assert_eq!(sek(999.0), "999 kr");
        assert_eq!(sek(-1000.0), "−1\u{202f}000 kr");
    }
}
