//! A short form of [`CheckReport`] for the end of `heltid solve`: what a unit manager acts on,
//! without listing every soft breach.

use std::fmt::Write;

use crate::model::{Day, Instance};
use crate::report::check::CheckReport;
use crate::report::table::{hm, Align, Table};

/// Days listed in the table of uncovered hours (the worst ones).
const WORST_DAYS: usize = 10;

impl CheckReport {
    /// The verdict, any hard breach in full, soft cost by term, uncovered hours by skill and
    /// by day (worst days), the `worst` employees furthest from their target, weekends per
    /// person, resource hours, who pays what, and wishes granted.
    pub fn to_brief_text(&self, inst: &Instance, worst: usize) -> String {
        let mut out = String::new();
        self.write_brief(&mut out, inst, worst).expect("writing to a String cannot fail");
        out
    }

    fn write_brief(&self, out: &mut String, inst: &Instance, worst: usize) -> std::fmt::Result {
        writeln!(out, "Roster for {:?} ({}, {} days)", self.instance, self.start, self.days)?;
        if self.feasible {
            writeln!(out, "{}", self.feasible_verdict())?;
        } else {
            writeln!(out, "Result: NOT FEASIBLE, {} hard breaches; soft cost {}", self.hard_violations, self.soft)?;
            for e in self.employees.iter().filter(|e| e.hard_violations > 0) {
                writeln!(out, "  {} {}", e.id, e.name)?;
                for r in e.rules.iter().filter(|r| r.hard) {
                    for b in &r.breaches {
                        writeln!(out, "    HARD {}: {}", r.rule, b.text)?;
                    }
                }
            }
            for day in &self.cover {
                for r in day.rules.iter().filter(|r| r.hard) {
                    for b in &r.breaches {
                        writeln!(out, "  {} HARD {}: {}", day.date, r.rule, b.text)?;
                    }
                }
            }
        }

        writeln!(out, "\nSoft cost by term")?;
        self.write_soft_terms(out);

        self.write_uncovered_days(out, inst)?;
        self.write_hours(out, worst)?;
        self.write_weekends_and_resource(out)?;
        self.write_municipalities(out)
    }

    /// Uncovered hours (below target) per skill on the worst days.
    fn write_uncovered_days(&self, out: &mut String, inst: &Instance) -> std::fmt::Result {
        let skills = &self.summary.uncovered;
        let mut days: Vec<(usize, i32)> =
            (0..self.days).map(|d| (d, skills.iter().map(|s| s.by_day.get(d).copied().unwrap_or(0)).sum())).collect();
        days.retain(|&(_, m)| m > 0);
        writeln!(out, "\nUncovered hours below target by day ({} days with gaps; worst first)", days.len())?;
        if days.is_empty() {
            return writeln!(out, "  none");
        }
        days.sort_by_key(|&(d, m)| (std::cmp::Reverse(m), d));
        let mut cols = vec![("day", Align::Left)];
        cols.extend(skills.iter().map(|s| (s.id.as_str(), Align::Right)));
        cols.push(("total", Align::Right));
        let mut t = Table::new(&cols);
        for &(d, total) in days.iter().take(WORST_DAYS) {
            let date = inst.date(d as Day);
            let mut row = vec![format!("{} {}", date, date.format("%a"))];
            row.extend(skills.iter().map(|s| hm(s.by_day.get(d).copied().unwrap_or(0))));
            row.push(hm(total));
            t.row(row);
        }
        out.push_str(&t.render("  "));
        Ok(())
    }

    /// The spread of weekends worked, and resource-shift hours.
    fn write_weekends_and_resource(&self, out: &mut String) -> std::fmt::Result {
        let employees = &self.summary.employees;
        let mut histogram = std::collections::BTreeMap::<usize, usize>::new();
        for e in employees {
            *histogram.entry(e.weekends_worked).or_default() += 1;
        }
        let spread: Vec<String> = histogram.iter().map(|(w, n)| format!("{n} with {w}")).collect();
        writeln!(out, "\nWeekends worked per person: {}", spread.join(", "))?;
        let resource: i32 = employees.iter().map(|e| e.resource_minutes).sum();
        let holders = employees.iter().filter(|e| e.resource_minutes > 0).count();
        writeln!(out, "Resource shifts (resurspass): {} h over {holders} employees", hm(resource))
    }
}
