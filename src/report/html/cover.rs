//! The cover heat map: for every shift type and day, regular passes worked against the demand
//! (the sum over the shift type's tasks of minimum and target headcount).

use std::fmt::Write;

use super::escape::esc;
use crate::model::{Instance, Roster, TaskId};

/// Passes worked and demand of one shift type on one day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ShiftCover {
    /// Regular (non-resource) passes worked.
    pub worked: u32,
    /// Minimum headcount.
    pub min: u32,
    /// Target headcount (at least the minimum).
    pub target: u32,
}

impl ShiftCover {
    /// The heat-map class: no demand, below minimum, below target, on target, over target.
    pub fn class(self) -> &'static str {
        if self.target == 0 && self.worked == 0 {
            "h-none"
        } else if self.worked < self.min {
            "h-min"
        } else if self.worked < self.target {
            "h-under"
        } else if self.worked == self.target {
            "h-ok"
        } else {
            "h-over"
        }
    }
}

/// Cover per day × shift type (`[day][shift]`).
pub fn shift_cover(inst: &Instance, roster: &Roster) -> Vec<Vec<ShiftCover>> {
    let mut cover = vec![vec![ShiftCover::default(); inst.shifts.len()]; inst.days()];
    for (d, row) in cover.iter_mut().enumerate() {
        for (t, task) in inst.tasks.iter().enumerate() {
            let dem = inst.demand(d, TaskId(t as u16));
            let c = &mut row[task.shift.idx()];
            c.min += dem.min as u32;
            c.target += dem.target.max(dem.min) as u32;
        }
        for e in 0..roster.employees().min(inst.employees.len()) {
            let cell = roster.get(crate::model::EmployeeId(e as u16), d);
            if let (Some(t), false) = (cell.task(), cell.is_resource()) {
                row[inst.tasks[t.idx()].shift.idx()].worked += 1;
            }
        }
    }
    cover
}

/// The heat map as a table: a row per shift type (grouped by site), a column per day; each cell
/// shows worked − target when it differs.
pub fn heat_map(inst: &Instance, roster: &Roster) -> String {
    let cover = shift_cover(inst, roster);
    let mut out = String::from("<table class=\"heat\"><thead><tr><th>Shift</th>");
    for d in 0..inst.days() {
        let date = inst.date(d as i32);
        let _ = write!(out, "<th class=\"day\">{}<br>{}</th>", &date.format("%a").to_string()[..2], date.format("%-d"));
    }
    out.push_str("</tr></thead><tbody>");
    for (s, shift) in inst.shifts.iter().enumerate() {
        if cover.iter().all(|row| row[s] == ShiftCover::default()) {
            continue;
        }
        let _ = write!(out, "<tr><td class=\"lab\">{} {}</td>", esc(&shift.id), esc(&shift.name));
        for (d, row) in cover.iter().enumerate() {
            let c = row[s];
            let diff = c.worked as i64 - c.target as i64;
            let text = if c.class() == "h-none" || diff == 0 { String::new() } else { format!("{diff:+}") };
            let _ = write!(
                out,
                "<td class=\"{}\" title=\"{} {}: worked {}, min {}, target {}\">{}</td>",
                c.class(),
                esc(&shift.id),
                inst.date(d as i32),
                c.worked,
                c.min,
                c.target,
                text.replace('-', "−")
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}
