//! [`CheckReport`] as text for a terminal: aligned columns, hard breaches marked `HARD`.

use std::fmt::Write;

use crate::report::check::{CheckReport, RuleBreaches};
use crate::report::ob::ObBand;
use crate::report::table::{hm, sek, Align, Table};

impl CheckReport {
    /// The report as text: verdict, breaches by employee and rule, cover problems by day, soft
    /// cost by term, hours against target (worst first), and who pays what.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write_text(&mut out).expect("writing to a String cannot fail");
        out
    }

    fn write_text(&self, out: &mut String) -> std::fmt::Result {
        writeln!(out, "Roster check, instance {:?} ({}, {} days)", self.instance, self.start, self.days)?;
        if self.feasible {
            writeln!(out, "{}", self.feasible_verdict())?;
        } else {
            writeln!(
                out,
                "Result: NOT FEASIBLE, {} hard breach{} (hard penalty {}); soft cost {}",
                self.hard_violations,
                if self.hard_violations == 1 { "" } else { "es" },
                self.hard_penalty,
                self.soft
            )?;
        }

        writeln!(out, "\nBreaches by employee (hard rules first)")?;
        if self.employees.is_empty() {
            writeln!(out, "  none")?;
        }
        for e in &self.employees {
            writeln!(out, "  {} {}: {} hard, soft cost {}", e.id, e.name, e.hard_violations, e.soft)?;
            write_rules(out, &e.rules, "    ", true)?;
        }

        writeln!(out, "\nCover problems by day")?;
        if self.cover.is_empty() {
            writeln!(out, "  none")?;
        }
        for day in &self.cover {
            writeln!(out, "  {} {}", day.date, day.weekday)?;
            write_rules(out, &day.rules, "    ", false)?;
        }

        writeln!(out, "\nSoft cost by term")?;
        self.write_soft_terms(out);

        self.write_hours(out, usize::MAX)?;
        self.write_municipalities(out)
    }

    /// The soft cost by term, then the total, as a table.
    pub(super) fn write_soft_terms(&self, out: &mut String) {
        let mut t = Table::new(&[("term", Align::Left), ("cost", Align::Right)]);
        for (term, cost) in &self.soft_by_term {
            t.row(vec![term.clone(), cost.to_string()]);
        }
        t.row(vec!["total".into(), self.soft.to_string()]);
        out.push_str(&t.render("  "));
    }

    pub(super) fn write_hours(&self, out: &mut String, limit: usize) -> std::fmt::Result {
        let shown = if limit < self.summary.employees.len() {
            format!("the {limit} furthest from target")
        } else {
            "worst first".into()
        };
        writeln!(out, "\nHours against target per employee ({shown}; h:mm)")?;
        let mut t = Table::new(&[
            ("employee", Align::Left),
            ("name", Align::Left),
            ("employer", Align::Left),
            ("target", Align::Right),
            ("scheduled", Align::Right),
            ("deviation", Align::Right),
            ("passes", Align::Right),
            ("weekends", Align::Right),
            ("nights", Align::Right),
            ("resource", Align::Right),
        ]);
        let mut employees: Vec<_> = self.summary.employees.iter().collect();
        employees.sort_by_key(|e| std::cmp::Reverse(e.deviation_minutes.abs()));
        for e in employees.into_iter().take(limit) {
            t.row(vec![
                e.id.clone(),
                e.name.clone(),
                self.municipality_name(&e.employer),
                hm(e.target_minutes),
                hm(e.scheduled_minutes),
                format!("{}{}", if e.deviation_minutes > 0 { "+" } else { "" }, hm(e.deviation_minutes)),
                e.passes.to_string(),
                e.weekends_worked.to_string(),
                e.nights_worked.to_string(),
                hm(e.resource_minutes),
            ]);
        }
        out.push_str(&t.render("  "));
        Ok(())
    }

    pub(super) fn write_municipalities(&self, out: &mut String) -> std::fmt::Result {
        let s = &self.summary;
        writeln!(out, "\nPaid hours and cost per municipality (charged where the pass is worked; SEK)")?;
        let mut t = Table::new(&[
            ("municipality", Align::Left),
            ("paid h", Align::Right),
            ("wages", Align::Right),
            ("OB", Align::Right),
            ("total", Align::Right),
            ("uncovered h", Align::Right),
            ("cover cost", Align::Right),
        ]);
        for m in &s.municipalities {
            t.row(vec![
                m.name.clone(),
                hm(m.paid_minutes),
                sek(m.wage_cost),
                sek(m.ob_cost),
                sek(m.total_cost),
                hm(m.uncovered_minutes),
                sek(m.uncovered_cost),
            ]);
        }
        out.push_str(&t.render("  "));

        let mut lent = Vec::new();
        for m in &s.municipalities {
            for (employer, minutes) in m.paid_by_employer.iter().filter(|(id, _)| **id != m.id) {
                lent.push(format!(
                    "  {} pays {} h worked by staff employed by {}",
                    m.name,
                    hm(*minutes),
                    self.municipality_name(employer)
                ));
            }
        }
        if !lent.is_empty() {
            writeln!(out, "\nWho pays for whom")?;
            for line in lent {
                writeln!(out, "{line}")?;
            }
            for e in s.employees.iter().filter(|e| e.paid_by_municipality.len() > 1) {
                let split: Vec<String> = e
                    .paid_by_municipality
                    .iter()
                    .map(|(m, minutes)| format!("{} {}", self.municipality_name(m), hm(*minutes)))
                    .collect();
                writeln!(
                    out,
                    "  {} {} (employed by {}): {}",
                    e.id,
                    e.name,
                    self.municipality_name(&e.employer),
                    split.join(", ")
                )?;
            }
        }

        writeln!(out, "\nOB hours per municipality (h:mm)")?;
        let mut cols = vec![("municipality", Align::Left)];
        cols.extend(ObBand::ALL.iter().map(|b| (b.name(), Align::Right)));
        cols.push(("OB SEK", Align::Right));
        let mut t = Table::new(&cols);
        for m in &s.municipalities {
            let mut row = vec![m.name.clone()];
            row.extend(ObBand::ALL.iter().map(|&b| hm(m.ob_minutes.get(b))));
            row.push(sek(m.ob_cost));
            t.row(row);
        }
        out.push_str(&t.render("  "));

        writeln!(out, "\nUncovered demand per skill (below target)")?;
        if s.uncovered.is_empty() {
            writeln!(out, "  no demand")?;
        } else {
            let mut t = Table::new(&[
                ("skill", Align::Left),
                ("hours", Align::Right),
                ("substitutes SEK", Align::Right),
                ("agency SEK", Align::Right),
            ]);
            for u in &s.uncovered {
                t.row(vec![u.id.clone(), hm(u.minutes), sek(u.substitute_cost), sek(u.agency_cost)]);
            }
            out.push_str(&t.render("  "));
        }
        writeln!(out, "\nWishes granted: {} of {}", s.wishes.granted, s.wishes.total)
    }

    fn municipality_name(&self, id: &str) -> String {
        self.summary.municipalities.iter().find(|m| m.id == id).map_or_else(|| id.to_string(), |m| m.name.clone())
    }
}

/// One line per rule, then one per breach (with its date when `dated`).
fn write_rules(out: &mut String, rules: &[RuleBreaches], indent: &str, dated: bool) -> std::fmt::Result {
    for r in rules {
        let n = r.breaches.len();
        let count = format!("{n} breach{}", if n == 1 { "" } else { "es" });
        if r.hard {
            writeln!(out, "{indent}HARD {}: {count}, penalty {}", r.rule, r.units)?;
        } else {
            writeln!(out, "{indent}soft {}: {count}, cost {}", r.rule, r.cost)?;
        }
        for b in &r.breaches {
            let size = if r.hard { format!("penalty {}", b.units) } else { format!("cost {}", b.cost) };
            if dated {
                let date = b.date.as_deref().unwrap_or("period");
                writeln!(out, "{indent}  {date:<10}  {} ({size})", b.text)?;
            } else {
                writeln!(out, "{indent}  {} ({size})", b.text)?;
            }
        }
    }
    Ok(())
}
