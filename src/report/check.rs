//! The rule check of a roster as data: every breach grouped by employee and rule (hard rules
//! first), cover problems grouped by day, soft cost by term, and the [`Summary`].
//!
//! `heltid check` prints it as text ([`CheckReport::to_text`]) or as one JSON document.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::eval::{describe, Evaluation};
use crate::model::{Day, EmployeeId, Instance, Level, Roster};
use crate::report::summary::Summary;
use crate::rules::{Detail, RuleId, Term};

/// Everything `heltid check` reports about one roster.
#[derive(Clone, Debug, Serialize)]
pub struct CheckReport {
    /// Instance name.
    pub instance: String,
    /// First day of the horizon.
    pub start: String,
    /// Days in the horizon.
    pub days: usize,
    /// Whether no hard rule is broken.
    pub feasible: bool,
    /// Number of hard breaches.
    pub hard_violations: usize,
    /// Sum of the units of hard breaches.
    pub hard_penalty: i64,
    /// Total soft cost.
    pub soft: i64,
    /// Passes (a shift type and skill on a day) staffed below their minimum, and the people
    /// missing there: "feasible" says nothing about safe staffing, so the verdict says this too.
    pub below_minimum: BelowMinimum,
    /// Employees with at least one breach or cost, in instance order.
    pub employees: Vec<EmployeeBreaches>,
    /// Days with a cover problem, in order.
    pub cover: Vec<DayCover>,
    /// Soft cost per rule name (rules without cost left out).
    pub soft_by_term: BTreeMap<String, i64>,
    /// Hours, weekends, municipalities, uncovered demand, wishes.
    pub summary: Summary,
}

impl CheckReport {
    /// The verdict line of a roster without hard breaches, with the passes below minimum.
    pub(crate) fn feasible_verdict(&self) -> String {
        format!("Result: feasible, no hard rule broken{}; soft cost {}", self.below_minimum.verdict_note(), self.soft)
    }
}

/// Passes staffed below their minimum headcount.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BelowMinimum {
    /// Passes (task and day) below the minimum.
    pub passes: usize,
    /// People missing to reach every minimum.
    pub people: i64,
}

impl BelowMinimum {
    /// Counts regular passes (resource shifts do not cover demand) against every minimum.
    pub fn of(inst: &Instance, roster: &Roster) -> Self {
        let tasks = inst.tasks.len();
        let mut count = vec![0u16; inst.days() * tasks];
        for e in 0..inst.employees.len() {
            for d in 0..inst.days() {
                let cell = roster.get(EmployeeId(e as u16), d);
                if let (Some(t), false) = (cell.task(), cell.is_resource()) {
                    count[d * tasks + t.idx()] += 1;
                }
            }
        }
        let mut out = BelowMinimum::default();
        for (i, &n) in count.iter().enumerate() {
            let min = inst.demand[i].min;
            if n < min {
                out.passes += 1;
                out.people += (min - n) as i64;
            }
        }
        out
    }

    /// What to add to a verdict of "no hard rule broken": nothing, or how many passes are short.
    pub fn verdict_note(&self) -> String {
        match self.passes {
            0 => String::new(),
            n => format!(
                ", but {n} pass{} below minimum staffing ({} {} missing)",
                if n == 1 { " is" } else { "es are" },
                self.people,
                if self.people == 1 { "person" } else { "people" }
            ),
        }
    }
}

/// One employee's breaches.
#[derive(Clone, Debug, Serialize)]
pub struct EmployeeBreaches {
    /// The employee's index.
    #[serde(skip)]
    pub employee: EmployeeId,
    /// Employee id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Number of hard breaches.
    pub hard_violations: usize,
    /// Soft cost.
    pub soft: i64,
    /// Per rule: hard rules first, then soft, each in the engine's rule order.
    pub rules: Vec<RuleBreaches>,
}

/// The breaches of one rule for one employee (or one day's cover).
#[derive(Clone, Debug, Serialize)]
pub struct RuleBreaches {
    /// The rule's name.
    pub rule: &'static str,
    /// Whether the rule is hard.
    pub hard: bool,
    /// Sum of the units of the breaches.
    pub units: i64,
    /// Soft cost (0 for a hard rule).
    pub cost: i64,
    /// Each breach.
    pub breaches: Vec<Breach>,
}

/// One breach in words.
#[derive(Clone, Debug, Serialize)]
pub struct Breach {
    /// The day the breach is about, when it is about one (or the first day of its week or run).
    pub date: Option<String>,
    /// Size in the rule's unit (started hours, days, passes, people, minutes).
    pub units: i64,
    /// Soft cost (0 for a hard rule).
    pub cost: i64,
    /// What is wrong, with the numbers.
    pub text: String,
}

/// One day's cover problems.
#[derive(Clone, Debug, Serialize)]
pub struct DayCover {
    /// The day.
    pub date: String,
    /// Weekday ("Mon").
    pub weekday: String,
    /// Per cover rule.
    pub rules: Vec<RuleBreaches>,
}

impl CheckReport {
    /// The report of `roster`, given its evaluation `eval` (from [`crate::evaluate`]).
    pub fn new(inst: &Instance, roster: &Roster, eval: &Evaluation) -> CheckReport {
        let mut per_employee: Vec<Vec<&Term>> = vec![Vec::new(); inst.employees.len()];
        let mut per_day: BTreeMap<Day, Vec<&Term>> = BTreeMap::new();
        for (e, term) in &eval.terms {
            match (e, term.detail) {
                (Some(e), _) if e.idx() < per_employee.len() => per_employee[e.idx()].push(term),
                (_, Detail::Cover { day, .. }) => per_day.entry(day).or_default().push(term),
                _ => {}
            }
        }
        let employees = per_employee
            .into_iter()
            .enumerate()
            .filter(|(_, terms)| !terms.is_empty())
            .map(|(i, terms)| {
                let emp = &inst.employees[i];
                EmployeeBreaches {
                    employee: EmployeeId(i as u16),
                    id: emp.id.clone(),
                    name: emp.name.clone(),
                    hard_violations: terms.iter().filter(|t| t.hard() > 0).count(),
                    soft: terms.iter().map(|t| t.soft()).sum(),
                    rules: by_rule(inst, &terms),
                }
            })
            .collect();
        let cover = per_day
            .into_iter()
            .map(|(day, terms)| DayCover {
                date: inst.date(day).to_string(),
                weekday: inst.date(day).format("%a").to_string(),
                rules: by_rule(inst, &terms),
            })
            .collect();
        let below_minimum = BelowMinimum::of(inst, roster);
        CheckReport {
            instance: inst.name.clone(),
            start: inst.horizon.start().to_string(),
            days: inst.days(),
            feasible: eval.score.is_feasible(),
            hard_violations: eval.hard_violations(),
            hard_penalty: eval.score.hard,
            soft: eval.score.soft,
            below_minimum,
            employees,
            cover,
            soft_by_term: eval.soft_by_rule().into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            summary: Summary::new(inst, roster),
        }
    }
}

/// Groups terms by rule: hard rules first, then soft, each in [`RuleId::ALL`] order.
fn by_rule(inst: &Instance, terms: &[&Term]) -> Vec<RuleBreaches> {
    let mut groups: BTreeMap<(bool, RuleId), Vec<&Term>> = BTreeMap::new();
    for t in terms {
        groups.entry((t.level != Level::Hard, t.rule)).or_default().push(t);
    }
    groups
        .into_iter()
        .map(|((soft, rule), terms)| RuleBreaches {
            rule: rule.name(),
            hard: !soft,
            units: terms.iter().map(|t| t.units).sum(),
            cost: terms.iter().map(|t| t.soft()).sum(),
            breaches: terms
                .iter()
                .map(|t| Breach {
                    date: term_day(inst, t).map(|d| inst.date(d).to_string()),
                    units: t.units,
                    cost: t.soft(),
                    text: describe(inst, t),
                })
                .collect(),
        })
        .collect()
}

/// The day a term is about, if it is about one.
fn term_day(inst: &Instance, t: &Term) -> Option<Day> {
    let day = match t.detail {
        Detail::Rest { to_day, .. } => to_day,
        Detail::WeekRest { week, .. } => 7 * week as Day,
        Detail::Minutes { day, days, .. } if days <= 7 => day,
        Detail::Minutes { .. } | Detail::ShiftCount { .. } => return None,
        Detail::Run { first, .. } => first,
        Detail::Succession { day, .. } | Detail::Cell { day, .. } | Detail::Cover { day, .. } => day,
        Detail::Weekends { first, .. } => 7 * first.max(0) + 5,
        Detail::PartWeekend { weekend } => 7 * weekend as Day + 5,
        Detail::Wish { wish, .. } => wish.day,
    };
    inst.horizon.contains(day).then_some(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, DemandCell, TaskId, Wish, WishKind};
    use crate::rules::testkit::Kit;

    #[test]
    fn a_feasible_roster_below_minimum_staffing_says_so_in_the_verdict() {
        let k = Kit::swedish();
        let mut inst = k.instance(14);
        let nt = inst.tasks.len();
        let d = k.shift("D").idx();
        // Two needed on the first Monday's Dag, one on Tuesday's, none otherwise.
        inst.demand[d] = DemandCell { min: 2, target: 2, ..Default::default() };
        inst.demand[nt + d] = DemandCell { min: 1, target: 1, ..Default::default() };
        let mut r = Roster::empty(&inst);
        r.set(EmployeeId(0), 0, Cell::work(TaskId(d as u16), false));
        let eval = crate::evaluate(&inst, &r);
        let report = CheckReport::new(&inst, &r, &eval);
        assert!(report.feasible);
        // Weights of zero cost nothing, but the passes are short all the same.
        assert_eq!(report.below_minimum, BelowMinimum { passes: 2, people: 2 });
        assert!(report
            .to_text()
            .contains("no hard rule broken, but 2 passes are below minimum staffing (2 people missing)"));
        // A resource shift does not cover demand.
        r.set(EmployeeId(0), 1, Cell::work(TaskId(d as u16), true));
        assert_eq!(BelowMinimum::of(&inst, &r).passes, 2);
        r.set(EmployeeId(0), 1, Cell::work(TaskId(d as u16), false));
        assert_eq!(BelowMinimum::of(&inst, &r), BelowMinimum { passes: 1, people: 1 });
    }

    #[test]
    fn breaches_grouped_by_employee_then_rule_hard_first_and_cover_by_day() {
        let mut k = Kit::swedish();
        k.lock(4, "D");
        k.wish(Wish { day: 2, kind: WishKind::WantOff, weight: 3 });
        let mut inst = k.instance(14);
        let nt = inst.tasks.len();
        inst.demand[nt + k.shift("D").idx()] =
            DemandCell { min: 1, target: 2, weight_min: 1000, weight_under: 100, weight_over: 20 };
        let mut r = Roster::empty(&inst);
        for (d, s) in [(0, "K"), (1, "D"), (2, "D")] {
            r.set(EmployeeId(0), d, Cell::work(TaskId(k.shift(s).0), false));
        }
        let eval = crate::evaluate(&inst, &r);
        let report = CheckReport::new(&inst, &r, &eval);
        assert!(!report.feasible);
        assert_eq!(report.hard_violations, eval.hard_violations());
        let e = &report.employees[0];
        assert_eq!(e.id, "e1");
        let rules: Vec<(&str, bool)> = e.rules.iter().map(|r| (r.rule, r.hard)).collect();
        let first_soft = rules.iter().position(|r| !r.1).unwrap();
        assert!(rules[..first_soft].iter().all(|r| r.1) && rules[first_soft..].iter().all(|r| !r.1));
        assert!(rules.contains(&("daily_rest", true)) && rules.contains(&("locked", true)));
        assert!(rules.contains(&("day_off_requests", false)));
        let rest = e.rules.iter().find(|r| r.rule == "daily_rest").unwrap();
        assert_eq!(rest.breaches[0].date.as_deref(), Some("2027-01-05"));
        assert!(rest.breaches[0].text.contains("9 h 30 min"));
        // Tuesday's Dag: one regular against a target of two; Monday–Sunday otherwise no demand.
        assert_eq!(report.cover.len(), 1);
        assert_eq!((report.cover[0].date.as_str(), report.cover[0].weekday.as_str()), ("2027-01-05", "Tue"));
        assert_eq!(report.cover[0].rules.iter().map(|r| r.rule).collect::<Vec<_>>(), ["cover_under"]);
        assert_eq!(report.soft_by_term.values().sum::<i64>(), report.soft);

        let text = report.to_text();
        assert!(text.contains("Result: NOT FEASIBLE"), "{text}");
        assert!(text.contains("    HARD daily_rest: 1 breach, penalty 2\n      2027-01-05  only 9 h 30 min"), "{text}");
        assert!(text.contains("    soft day_off_requests: 1 breach, cost 3"), "{text}");
        assert!(text.contains("  2027-01-05 Tue\n    soft cover_under: 1 breach, cost 100\n      Dag (usk)"), "{text}");
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["employees"][0]["rules"][0]["hard"], true);
        assert_eq!(json["summary"]["employees"][0]["passes"], 3);
    }
}
