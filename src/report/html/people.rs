//! Per employee: hours against target as bars, weekends, nights, resource and OB hours.

use std::fmt::Write;

use super::escape::esc;
use crate::model::{EmployeeId, Instance, Minute, Roster};
use crate::report::ob::pass_hours;
use crate::report::Summary;

/// Paid minutes with any OB supplement in one employee's passes.
pub fn ob_minutes(inst: &Instance, roster: &Roster, e: EmployeeId) -> Minute {
    roster
        .line(e)
        .iter()
        .enumerate()
        .take(inst.days())
        .filter_map(|(d, c)| c.task().map(|t| pass_hours(inst, d as i32, inst.tasks[t.idx()].shift).ob.total()))
        .sum()
}

/// Hours as text with one decimal.
pub fn hours(minutes: Minute) -> String {
    format!("{:.1}", minutes as f64 / 60.0)
}

/// The table of employees: target, scheduled, deviation (with a bar), weekends, nights, OB.
pub fn people_table(inst: &Instance, roster: &Roster, summary: &Summary) -> String {
    const W: f64 = 220.0;
    let scale =
        summary.employees.iter().map(|e| e.target_minutes.max(e.scheduled_minutes)).max().unwrap_or(1).max(1) as f64;
    let weekends = inst.weekends();
    let mut out = String::from(
        "<table class=\"people\"><thead><tr><th>Employee</th><th>Employer</th><th class=\"num\">Target h</th>\
         <th class=\"num\">Scheduled h</th><th class=\"num\">Deviation h</th><th>Hours against target</th>\
         <th class=\"num\">Weekends</th><th>Weekends worked</th><th class=\"num\">Nights</th>\
         <th class=\"num\">Resource h</th><th class=\"num\">OB h</th></tr></thead><tbody>",
    );
    for s in &summary.employees {
        let x = |m: Minute| m as f64 / scale * W;
        let off = s.deviation_minutes.abs() > 8 * 60;
        let fill = if off { "#f97316" } else { "#22c55e" };
        let _ = write!(
            out,
            "<tr><td>{} · {}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num{}\">{:+.1}</td><td><svg width=\"{}\" height=\"14\" role=\"img\" aria-label=\"{} of {} h\">\
             <rect x=\"0\" y=\"2\" width=\"{:.1}\" height=\"10\" fill=\"{fill}\"/>\
             <line x1=\"{:.1}\" y1=\"0\" x2=\"{:.1}\" y2=\"14\" stroke=\"#111\" stroke-width=\"2\"/></svg></td>",
            esc(&s.id),
            esc(&s.name),
            esc(&s.employer),
            hours(s.target_minutes),
            hours(s.scheduled_minutes),
            if off { " bad" } else { "" },
            s.deviation_minutes as f64 / 60.0,
            W as i64 + 2,
            hours(s.scheduled_minutes),
            hours(s.target_minutes),
            x(s.scheduled_minutes),
            x(s.target_minutes).min(W),
            x(s.target_minutes).min(W),
        );
        let _ = write!(
            out,
            "<td class=\"num\">{}</td><td><svg width=\"{}\" height=\"12\">",
            s.weekends_worked,
            weekends * 12 + 2
        );
        let line = roster.line(s.employee);
        for w in 0..weekends {
            let worked = line.iter().enumerate().take(inst.days()).any(|(d, c)| {
                c.task().is_some_and(|t| inst.times.weekend_of(d as i32, inst.tasks[t.idx()].shift) == Some(w))
            });
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"1\" width=\"10\" height=\"10\" fill=\"{}\" stroke=\"#64748b\"><title>weekend {}</title></rect>",
                w * 12 + 1,
                if worked { "#334155" } else { "#fff" },
                w + 1
            );
        }
        let _ = write!(
            out,
            "</svg></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            s.nights_worked,
            hours(s.resource_minutes),
            hours(ob_minutes(inst, roster, s.employee))
        );
    }
    out.push_str("</tbody></table>");
    out
}
