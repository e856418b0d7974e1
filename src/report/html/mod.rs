//! The roster as one self-contained HTML page (inline CSS and SVG, no scripts, no external
//! assets), readable on a laptop and printable on A4 landscape: a week-by-week grid per site,
//! the cover heat map, hours against target, weekends, breaches and the cost per municipality.
//!
//! Every piece of text from the instance is escaped.

mod breaches;
mod cost;
mod cover;
mod escape;
mod grid;
mod marks;
mod people;
mod style;

use std::fmt::Write;

pub use cover::{shift_cover, ShiftCover};
pub use escape::esc;
pub use grid::{absence_label, site_employees};
pub use people::ob_minutes;
pub use style::{shift_kinds, short_code, PALETTE};

use crate::model::{Instance, Roster};
use crate::report::CheckReport;

/// The report page of `roster` (a roster of `inst`), given its check report.
pub fn render(inst: &Instance, roster: &Roster, report: &CheckReport) -> String {
    let (kind_names, kinds) = shift_kinds(inst);
    let marks = marks::cell_marks(inst, report);
    let last = inst.date(inst.days() as i32 - 1);
    let mut out = String::with_capacity(1 << 20);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Roster {}</title><style>{}</style></head><body>\n",
        esc(&inst.name),
        style::CSS
    );
    let _ = write!(out, "<h1>Roster {} · {} – {}</h1>", esc(&inst.name), inst.horizon.start(), last);
    let status = if report.feasible {
        match report.below_minimum.passes {
            0 => "<span class=\"good\">feasible: no hard rule broken</span>".to_string(),
            _ => format!(
                "<span class=\"good\">feasible: no hard rule broken</span><span class=\"bad\">{}</span>",
                esc(report.below_minimum.verdict_note().trim_start_matches(", "))
            ),
        }
    } else {
        format!("<span class=\"bad\">NOT feasible: {} hard breaches</span>", report.hard_violations)
    };
    let w = &report.summary.wishes;
    let _ = write!(
        out,
        "<div class=\"facts\"><div>{status}</div><div>soft cost {}</div><div>{} employees</div>\
         <div>{} days</div><div>wishes granted {} of {}</div></div>",
        report.soft,
        inst.employees.len(),
        inst.days(),
        w.granted,
        w.total
    );
    out.push_str(
        "<nav><a href=\"#grid\">Grid</a><a href=\"#cover\">Cover</a><a href=\"#hours\">Hours</a>\
         <a href=\"#breaches\">Breaches</a><a href=\"#cost\">Cost</a></nav>\n",
    );

    out.push_str("<h2 id=\"grid\" class=\"first\">Roster by site and week</h2>");
    legend(&mut out, &kind_names);
    out.push_str(&grid::site_grids(inst, roster, &marks, &kinds));

    out.push_str("<h2 id=\"cover\">Cover: regular passes against demand</h2>");
    out.push_str(
        "<div class=\"legend\"><span><span class=\"sw\" style=\"background:#dc2626\"></span>below minimum</span>\
         <span><span class=\"sw\" style=\"background:#fdba74\"></span>below target</span>\
         <span><span class=\"sw\" style=\"background:#bbf7d0\"></span>on target</span>\
         <span><span class=\"sw\" style=\"background:#93c5fd\"></span>over target</span>\
         <span>numbers: worked − target</span></div>",
    );
    out.push_str(&cover::heat_map(inst, roster));

    out.push_str("<h2 id=\"hours\">Hours, weekends and nights per employee</h2>");
    out.push_str("<p>Bar: scheduled paid hours; black line: target. Squares: weekends worked.</p>");
    out.push_str(&people::people_table(inst, roster, &report.summary));

    out.push_str("<h2 id=\"breaches\">Rule breaches</h2>");
    out.push_str(&breaches::breaches(report));

    out.push_str("<h2 id=\"cost\">Paid hours and cost per municipality</h2>");
    out.push_str(&cost::cost_table(&report.summary));
    out.push_str("<footer>Made by heltid. Every paid hour is charged to the municipality where it is worked.</footer>");
    out.push_str("</body></html>\n");
    out
}

fn legend(out: &mut String, kind_names: &[String]) {
    out.push_str("<div class=\"legend\">");
    for (k, name) in kind_names.iter().enumerate() {
        let _ = write!(
            out,
            "<span><span class=\"sw\" style=\"background:{}\"></span>{}</span>",
            style::colour(k),
            esc(name)
        );
    }
    out.push_str(
        "<span><span class=\"sw res\" style=\"background-color:#fde68a;background-image:repeating-linear-gradient(135deg, rgba(0,0,0,.18) 0 2px, transparent 2px 6px)\">R</span>resource shift</span>\
         <span><span class=\"sw\" style=\"border-bottom:4px solid #1e293b\"></span>locked</span>\
         <span><span class=\"sw\" style=\"outline:3px solid #dc2626;outline-offset:-3px\"></span>hard breach (hover for why)</span>\
         <span><span class=\"sw\" style=\"box-shadow:inset 4px 0 0 #ea580c\"></span>soft cost (hover for why)</span>\
         <span><span class=\"sw\" style=\"background:#f8fafc;color:#64748b\">N@X</span>pass at another site</span>\
         <span><span class=\"sw\">Sem</span>vacation · Tjl leave · FL parental leave · Utb education · Fri fixed day off</span>",
    );
    out.push_str("</div>");
}

#[cfg(test)]
mod tests;
