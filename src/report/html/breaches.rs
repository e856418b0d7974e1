//! The rule breaches in words: per employee (hard rules first), cover by day, soft cost by term.

use std::fmt::Write;

use super::escape::esc;
use crate::report::check::RuleBreaches;
use crate::report::CheckReport;

fn rules_list(out: &mut String, rules: &[RuleBreaches]) {
    out.push_str("<ul class=\"breaches\">");
    for r in rules {
        let (class, tag) = if r.hard { ("hard", "HARD") } else { ("soft", "soft") };
        let _ = write!(
            out,
            "<li class=\"{class}\"><span class=\"tag {class}\">{tag}</span><b>{}</b>: {} breach{}, {} {}<ul>",
            esc(r.rule),
            r.breaches.len(),
            if r.breaches.len() == 1 { "" } else { "es" },
            if r.hard { "penalty" } else { "cost" },
            if r.hard { r.units } else { r.cost }
        );
        for b in &r.breaches {
            let _ = write!(
                out,
                "<li>{}{}</li>",
                b.date.as_deref().map(|d| format!("{d} ")).unwrap_or_default(),
                esc(&b.text)
            );
        }
        out.push_str("</ul></li>");
    }
    out.push_str("</ul>");
}

/// The breaches section's body.
pub fn breaches(report: &CheckReport) -> String {
    let mut out = String::new();
    if report.employees.is_empty() && report.cover.is_empty() {
        out.push_str("<p class=\"good\">No rule is broken and nothing costs.</p>");
    }
    for e in &report.employees {
        let _ = write!(
            out,
            "<h3 id=\"emp-{}\">{} · {} <small>({} hard, soft cost {})</small></h3>",
            esc(&e.id),
            esc(&e.id),
            esc(&e.name),
            e.hard_violations,
            e.soft
        );
        rules_list(&mut out, &e.rules);
    }
    if !report.cover.is_empty() {
        out.push_str("<h3>Cover by day</h3>");
        for d in &report.cover {
            let _ = write!(out, "<h4>{} {}</h4>", esc(&d.date), esc(&d.weekday));
            rules_list(&mut out, &d.rules);
        }
    }
    if !report.soft_by_term.is_empty() {
        out.push_str("<h3>Soft cost by term</h3><table><tbody>");
        for (term, cost) in &report.soft_by_term {
            let _ = write!(out, "<tr><td>{}</td><td class=\"num\">{cost}</td></tr>", esc(term));
        }
        out.push_str("</tbody></table>");
    }
    out
}
