//! Weekend rules: a "weekend touched" indicator per weekend bounded below by every pass that
//! touches it (the engine's reading: by instant, or by start day for benchmarks), a limit per
//! window of weekends, and whole weekends as "touched ⇒ Saturday and Sunday worked".

use good_lp::{Expression, IntoAffineExpression};

use super::formulation::{add, is_constant, konst, Formulation};
use crate::model::{Day, EmployeeId, Level, ShiftId};
use crate::rules::{known_weekends_before, weekend_windows, worked_before, Line};

/// The passes that touch weekend `w`: passes start on its Friday to Sunday.
fn touching(f: &Formulation, e: EmployeeId, w: usize) -> Vec<Expression> {
    let times = &f.inst.times;
    let sat = 7 * w as Day + 5;
    let mut out = Vec::new();
    for d in sat - 1..=sat + 1 {
        for s in 0..f.inst.shifts.len() {
            let s = ShiftId(s as u16);
            if let Some(x) = f.on(e, d, s) {
                if times.weekend_of(d, s) == Some(w) {
                    out.push(x);
                }
            }
        }
    }
    out
}

/// Worked weekends per window, at most the limit; the engine's windows
/// ([`crate::rules::weekend_windows`]), weekends worked in the history as constants.
pub(super) fn max_weekends(f: &mut Formulation, e: EmployeeId) {
    let emp = &f.inst.employees[e.idx()];
    let Some(limit) = emp.contract.max_weekends.clone() else { return };
    let n = f.inst.weekends();
    let before = known_weekends_before(emp);
    let Some((first, last, len)) = weekend_windows(n, before, limit.value.window) else { return };
    let history = Line { inst: f.inst, e, emp, cells: &[] };
    let history: Vec<bool> = (first.min(0)..0).map(|w| worked_before(&history, w)).collect();
    // t_w ≥ every touching pass; 0 ≤ t_w ≤ 1. Minimising (or the hard sum) keeps it at the max.
    let touched: Vec<Expression> = (0..n)
        .map(|w| {
            let passes = touching(f, e, w);
            if passes.iter().any(|x| is_constant(x) && x.constant() > 0.5) {
                return konst(1.0);
            }
            if passes.is_empty() {
                return konst(0.0);
            }
            let t = f.slack();
            f.at_most(t.into(), 1.0);
            for x in passes {
                f.at_most(x - t, 0.0);
            }
            t.into()
        })
        .collect();
    for s in first..=last {
        let mut sum = konst(0.0);
        for w in s..s + len {
            if w >= 0 {
                add(&mut sum, 1.0, &Some(touched[w as usize].clone()));
            } else if history[(w - first.min(0)) as usize] {
                sum += 1.0;
            }
        }
        f.limit_units(limit.level, sum, limit.value.max as f64);
    }
}

/// A touched weekend should be worked on Saturday and Sunday: for each touching pass `x`,
/// `x − works(Sat)` and `x − works(Sun)` bound the weekend's term from below.
pub(super) fn whole_weekends(f: &mut Formulation, e: EmployeeId) {
    let Some(rule) = f.inst.employees[e.idx()].contract.whole_weekends.clone() else { return };
    for w in 0..f.inst.weekends() {
        let sat = 7 * w as Day + 5;
        let mut bounds = Vec::new();
        for x in touching(f, e, w) {
            for day in [sat, sat + 1] {
                let mut lb = x.clone();
                add(&mut lb, -1.0, &f.works(e, day));
                match rule.level {
                    Level::Hard => f.at_most(lb, 0.0),
                    Level::Soft(_) => bounds.push(lb),
                }
            }
        }
        if let Level::Soft(weight) = rule.level {
            f.penalty(weight, bounds);
        }
    }
}
