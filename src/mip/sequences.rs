//! Runs of working days and days off as window constraints, and forbidden successions as pairs.
//!
//! The engine judges maximal runs that end inside the horizon (runs wholly in history are not
//! judged). A run of `L` working days over a maximum `k` costs `L − k`: exactly the number of
//! windows of `k + 1` worked days inside it, so one penalty per window is exact. A run shorter
//! than a minimum `m` is a pattern (boundary, `l` days, boundary) and costs `m − l`; runs
//! touching the first known day or the horizon's last day are exempt unless
//! [`strict_edges`](crate::model::GlobalRules) is set, exactly as the engine applies it.

use good_lp::Expression;

use super::formulation::{add, konst, Formulation, Lin};
use crate::model::{Day, EmployeeId, Level, Limit, ShiftId};

/// Maximum working days in a row: one window per start. Windows lying wholly in history count
/// only when the run reaches day 0, so they are stretched to day 0.
fn max_run(f: &mut Formulation, e: EmployeeId, limit: &Limit<u16>) {
    let k = limit.value as Day;
    let (first, last) = (f.known_from(e), f.days() as Day - 1);
    for a in first..=last - k {
        let b = (a + k).max(0);
        let mut sum = konst(0.0);
        for d in a..=b {
            add(&mut sum, 1.0, &f.works(e, d));
        }
        let len = (b - a + 1) as f64;
        // All of a..=b worked means one unit (len − 1 allowed).
        f.limit_units(limit.level, sum, len - 1.0);
    }
}

/// Minimum run length of working days (`work = true`) or days off: one pattern per start and
/// short length, with a shared penalty per start (runs from one start have one length).
fn min_run(f: &mut Formulation, e: EmployeeId, limit: &Limit<u16>, work: bool) {
    let m = limit.value as Day;
    let (first, last) = (f.known_from(e), f.days() as Day - 1);
    let strict = f.inst.rules.strict_edges;
    // in_run(d): 1 when day d belongs to a run of the kind judged.
    let in_run = |f: &Formulation, d: Day| -> Expression {
        let w = f.works(e, d);
        if work {
            w.unwrap_or_else(|| konst(0.0))
        } else {
            let mut off = konst(1.0);
            add(&mut off, -1.0, &w);
            off
        }
    };
    for a in first..=last {
        let mut bounds = Vec::new();
        for l in 1..m {
            let b = a + l - 1;
            if b > last {
                break;
            }
            if b < 0 || (!strict && (a == first || b == last)) {
                continue;
            }
            // Pattern: a−1 not in the run (if known), a..=b in it, b+1 not in it (if in the horizon).
            let mut matched = konst(0.0);
            let mut n = 0.0;
            for d in a..=b {
                matched += in_run(f, d);
                n += 1.0;
            }
            for d in [a - 1, b + 1] {
                if (d == a - 1 && a > first) || (d == b + 1 && b < last) {
                    matched += konst(1.0) - in_run(f, d);
                    n += 1.0;
                }
            }
            match limit.level {
                Level::Hard => f.at_most(matched, n - 1.0),
                Level::Soft(_) => bounds.push((m - l) as f64 * (matched - (n - 1.0))),
            }
        }
        if let Level::Soft(w) = limit.level {
            f.penalty(w, bounds);
        }
    }
}

/// Runs of working days and days off.
pub(super) fn runs(f: &mut Formulation, e: EmployeeId) {
    let c = f.inst.employees[e.idx()].contract.clone();
    if let Some(max) = &c.max_consecutive_days {
        max_run(f, e, max);
    }
    if let Some(min) = &c.min_consecutive_days {
        min_run(f, e, min, true);
    }
    if let Some(min) = &c.min_consecutive_days_off {
        min_run(f, e, min, false);
    }
}

/// Forbidden successions: for each day and shift type `b`, the passes the day before that `b`
/// may not follow. Hard: at most one of them and `b`; soft: one penalty per day.
pub(super) fn forbidden_succession(f: &mut Formulation, e: EmployeeId) {
    let Some(rule) = f.inst.rules.forbidden_succession.clone() else { return };
    let n = f.inst.shifts.len();
    for d in 0..f.days() as Day {
        let mut bounds = Vec::new();
        for b in 0..n {
            let Some(xb) = f.on(e, d, ShiftId(b as u16)) else { continue };
            let before: Vec<Lin> =
                (0..n).filter(|&a| rule.value[a * n + b]).map(|a| f.on(e, d - 1, ShiftId(a as u16))).collect();
            if before.iter().all(Option::is_none) {
                continue;
            }
            let mut pair = xb;
            for x in &before {
                add(&mut pair, 1.0, x);
            }
            match rule.level {
                Level::Hard => f.at_most(pair, 1.0),
                Level::Soft(_) => bounds.push(pair - 1.0),
            }
        }
        if let Level::Soft(w) = rule.level {
            f.penalty(w, bounds);
        }
    }
}
