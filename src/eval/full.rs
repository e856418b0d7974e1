//! Full evaluation from scratch: the oracle every faster evaluator is checked against.

use std::collections::BTreeMap;

use crate::eval::Score;
use crate::model::{EmployeeId, Instance, Roster, TaskId};
use crate::rules::{aggregate_terms, cover_terms, window_terms, Aggregates, Line, RuleId, Term};

/// Every term of a roster, with the employee it concerns (`None` for cover).
#[derive(Clone, Debug, Default)]
pub struct Evaluation {
    /// Hard penalty and soft cost.
    pub score: Score,
    /// Each breach or cost, in employee order, then cover by day.
    pub terms: Vec<(Option<EmployeeId>, Term)>,
}

impl Evaluation {
    /// Number of hard breaches (terms of hard rules).
    pub fn hard_violations(&self) -> usize {
        self.terms.iter().filter(|(_, t)| t.hard() > 0).count()
    }

    /// Soft cost per rule name (rules with a zero cost are left out).
    pub fn soft_by_rule(&self) -> BTreeMap<&'static str, i64> {
        let mut out = BTreeMap::new();
        for (_, t) in &self.terms {
            if t.soft() != 0 {
                *out.entry(t.rule.name()).or_insert(0) += t.soft();
            }
        }
        out
    }

    /// Hard penalty per rule (rules without breaches are left out).
    pub fn hard_by_rule(&self) -> BTreeMap<RuleId, i64> {
        let mut out = BTreeMap::new();
        for (_, t) in &self.terms {
            if t.hard() != 0 {
                *out.entry(t.rule).or_insert(0) += t.hard();
            }
        }
        out
    }
}

/// Regular passes per day and task, dense `days × tasks`.
pub(crate) fn cover_counts(inst: &Instance, roster: &Roster) -> Vec<u16> {
    let nt = inst.tasks.len();
    let mut counts = vec![0u16; inst.days() * nt];
    for e in 0..roster.employees() {
        for (d, c) in roster.line(EmployeeId(e as u16)).iter().enumerate() {
            if let (Some(t), false) = (c.task(), c.is_resource()) {
                counts[d * nt + t.idx()] += 1;
            }
        }
    }
    counts
}

/// Calls `sink` for every term of the roster.
pub fn for_each_term(inst: &Instance, roster: &Roster, sink: &mut impl FnMut(Option<EmployeeId>, Term)) {
    let last = inst.days() as i32 - 1;
    for e in 0..inst.employees.len() {
        let e = EmployeeId(e as u16);
        let line = Line::new(inst, roster, e);
        window_terms(&line, 0, last, &mut |t| sink(Some(e), t));
        aggregate_terms(&line, &Aggregates::of(&line), &mut |t| sink(Some(e), t));
    }
    let counts = cover_counts(inst, roster);
    let nt = inst.tasks.len();
    for d in 0..inst.days() {
        for t in 0..nt {
            cover_terms(inst, d, TaskId(t as u16), counts[d * nt + t], &mut |term| sink(None, term));
        }
    }
}

/// Evaluates a roster from scratch, keeping every term.
pub fn evaluate(inst: &Instance, roster: &Roster) -> Evaluation {
    let mut ev = Evaluation::default();
    for_each_term(inst, roster, &mut |e, t| {
        ev.score.add_term(&t);
        ev.terms.push((e, t));
    });
    ev
}

/// The score of a roster, from scratch.
pub fn score(inst: &Instance, roster: &Roster) -> Score {
    let mut s = Score::ZERO;
    for_each_term(inst, roster, &mut |_, t| s.add_term(&t));
    s
}
