//! The week-by-week grid of each site: its employees × the days of a week, passes coloured by
//! shift type, resource shifts hatched, locked cells underlined, absences shown, breaches outlined.

use std::fmt::Write;

use super::escape::esc;
use super::marks::Marks;
use super::style::{colour, short_code};
use crate::model::{AbsenceKind, Day, EmployeeId, Instance, Roster, SiteId};

/// Short label of an absence in a grid cell.
pub fn absence_label(kind: AbsenceKind) -> &'static str {
    match kind {
        AbsenceKind::Vacation => "Sem",
        AbsenceKind::Leave => "Tjl",
        AbsenceKind::ParentalLeave => "FL",
        AbsenceKind::Education => "Utb",
        AbsenceKind::DayOff => "Fri",
    }
}

/// The employees shown in a site's grid: those whose first site it is, and anyone with a pass
/// there, in instance order.
pub fn site_employees(inst: &Instance, roster: &Roster, site: SiteId) -> Vec<EmployeeId> {
    (0..inst.employees.len().min(roster.employees()))
        .map(|e| EmployeeId(e as u16))
        .filter(|&e| {
            inst.employees[e.idx()].sites.first() == Some(&site)
                || roster
                    .line(e)
                    .iter()
                    .filter_map(|c| c.task())
                    .any(|t| inst.shift_site(inst.tasks[t.idx()].shift) == site)
        })
        .collect()
}

/// The grids of every site with at least one employee, one table per week.
pub fn site_grids(inst: &Instance, roster: &Roster, marks: &Marks, kinds: &[usize]) -> String {
    let mut out = String::new();
    for (s, site) in inst.sites.iter().enumerate() {
        let site_id = SiteId(s as u16);
        let emps = site_employees(inst, roster, site_id);
        if emps.is_empty() {
            continue;
        }
        let _ = writeln!(out, "<h3 id=\"site-{}\">{} — {}</h3>", esc(&site.id), esc(&site.id), esc(&site.name));
        out.push_str("<div class=\"weeks\">");
        for week_start in (0..inst.days()).step_by(7) {
            let days: Vec<Day> = (week_start..(week_start + 7).min(inst.days())).map(|d| d as Day).collect();
            week_table(&mut out, inst, roster, marks, kinds, site_id, &emps, &days);
        }
        out.push_str("</div>\n");
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn week_table(
    out: &mut String,
    inst: &Instance,
    roster: &Roster,
    marks: &Marks,
    kinds: &[usize],
    site: SiteId,
    emps: &[EmployeeId],
    days: &[Day],
) {
    let week = days[0] / 7 + 1;
    let _ = write!(
        out,
        "<div class=\"week\"><table class=\"grid\" data-site=\"{}\"><thead><tr><th class=\"emp\">Week {week}</th>",
        esc(&inst.sites[site.idx()].id)
    );
    for &d in days {
        let date = inst.date(d);
        let class = if inst.holidays.get(d as usize).copied().unwrap_or(false) {
            " class=\"hol\""
        } else if inst.is_weekend_day(d) {
            " class=\"we\""
        } else {
            ""
        };
        let _ = write!(out, "<th{class}>{}<br>{}</th>", date.format("%a"), date.format("%-d/%-m"));
    }
    out.push_str("</tr></thead><tbody>");
    for &e in emps {
        let emp = &inst.employees[e.idx()];
        let _ = write!(
            out,
            "<tr><td class=\"emp\" title=\"{}\">{} · {}</td>",
            esc(&emp.name),
            esc(&emp.id),
            esc(&emp.name)
        );
        for &d in days {
            cell(out, inst, roster, marks, kinds, site, e, d);
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>\n");
}

#[allow(clippy::too_many_arguments)]
fn cell(
    out: &mut String,
    inst: &Instance,
    roster: &Roster,
    marks: &Marks,
    kinds: &[usize],
    site: SiteId,
    e: EmployeeId,
    d: Day,
) {
    let emp = &inst.employees[e.idx()];
    let c = roster.get(e, d as usize);
    let mut classes: Vec<&str> = Vec::new();
    let mut style = String::new();
    let mut titles: Vec<String> = Vec::new();
    let text = if let Some(task) = c.task() {
        let t = &inst.tasks[task.idx()];
        let sh = &inst.shifts[t.shift.idx()];
        let code = short_code(inst, t.shift);
        titles.push(format!(
            "{} {} {}–{}, {}{}",
            sh.id,
            sh.name,
            sh.start.format("%H:%M"),
            sh.end.format("%H:%M"),
            inst.skills[t.skill.idx()].id,
            if c.is_resource() { ", resource shift" } else { "" }
        ));
        if c.is_resource() {
            classes.push("res");
        }
        if sh.site == site {
            classes.push("p");
            let _ = write!(style, " style=\"background-color:{}\"", colour(kinds[t.shift.idx()]));
            format!("{}{}", esc(code), if c.is_resource() { " R" } else { "" })
        } else {
            classes.push("away");
            format!("{}@{}", esc(code), esc(&inst.sites[sh.site.idx()].id))
        }
    } else if let Some(kind) = emp.absence.get(d as usize).copied().flatten() {
        classes.push("abs");
        titles.push(format!("absent: {kind:?}"));
        absence_label(kind).to_string()
    } else {
        String::new()
    };
    if emp.locked.get(d as usize).copied().flatten().is_some() {
        classes.push("lock");
        titles.push("locked".into());
    }
    if let Some(ms) = marks.get(&(e, d)) {
        classes.push(if ms.iter().any(|m| m.hard) { "hard" } else { "soft" });
        titles.extend(ms.iter().map(|m| format!("{}{}", if m.hard { "HARD " } else { "" }, m.text)));
    }
    out.push_str("<td");
    if !classes.is_empty() {
        let _ = write!(out, " class=\"{}\"", classes.join(" "));
    }
    out.push_str(&style);
    if !titles.is_empty() {
        let _ = write!(out, " title=\"{}\"", esc(&titles.join("\n")));
    }
    let _ = write!(out, ">{text}</td>");
}
