//! Rest rules on real instants: dygnsvila as forbidden (or priced) pairs of passes, veckovila
//! as the choice of one free stretch per week, and the work cap per 24-hour period as a sum.
//!
//! Every instant comes from [`PassTimes`](crate::model::PassTimes), per day, so a DST night
//! changes which pairs break the rest minimum on exactly the days it shortens or lengthens.

use good_lp::{Expression, IntoAffineExpression};

use super::formulation::{add, is_constant, konst, Formulation, Pick};
use crate::model::{Day, EmployeeId, Level, Minute, ShiftId};
use crate::rules::{first_period, started_hours};

/// The shift types with a possible pass on a day, with its indicator.
fn passes(f: &Formulation, e: EmployeeId, d: Day) -> Vec<(ShiftId, Expression)> {
    (0..f.inst.shifts.len()).map(|s| ShiftId(s as u16)).filter_map(|s| f.on(e, d, s).map(|x| (s, x))).collect()
}

/// Dygnsvila. The engine's term for the pass on day `d` measures the gap to the pass before it:
/// the pass on `d − 1`, or on `d − 2` when `d − 1` is off. For each shift type `b` on `d`:
/// hard, every too-short pair is forbidden (`x[d−1,a] + x[d,b] ≤ 1`; the `d − 2` pair only when
/// `d − 1` is off); soft, one penalty per day bounded below by the units of the active pair.
pub(super) fn daily_rest(f: &mut Formulation, e: EmployeeId) {
    let Some(limit) = f.inst.employees[e.idx()].contract.daily_rest.clone() else { return };
    let times = &f.inst.times;
    let units = |from_day: Day, a: ShiftId, to_day: Day, b: ShiftId| -> i64 {
        let gap = times.start(to_day, b) - times.end(from_day, a);
        if gap < limit.value {
            started_hours(limit.value - gap).max(1)
        } else {
            0
        }
    };
    for d in 0..f.days() as Day {
        let (now, prev, prev2) = (passes(f, e, d), passes(f, e, d - 1), passes(f, e, d - 2));
        let between = f.works(e, d - 1);
        let mut bounds = Vec::new();
        for (b, xb) in &now {
            for (back, list, through) in [(1, &prev, None), (2, &prev2, between.as_ref())] {
                let pairs: Vec<(i64, &Expression)> =
                    list.iter().map(|(a, xa)| (units(d - back, *a, d, *b), xa)).filter(|(u, _)| *u > 0).collect();
                if pairs.is_empty() {
                    continue;
                }
                match limit.level {
                    Level::Hard => {
                        for (_, xa) in &pairs {
                            let mut lhs = (*xa).clone() + xb.clone();
                            if let Some(t) = through {
                                lhs -= t.clone();
                            }
                            f.at_most(lhs, 1.0);
                        }
                    }
                    Level::Soft(_) => {
                        // p ≥ Σ_a u(a,b)·x[a] + U·(x[b] − 1) − U·works(d−1 if skipped over).
                        let top = pairs.iter().map(|(u, _)| *u).max().unwrap_or(0) as f64;
                        let mut lb = konst(-top);
                        for (u, xa) in &pairs {
                            lb.add_mul(*u as f64, (*xa).clone());
                        }
                        lb.add_mul(top, xb.clone());
                        if let Some(t) = through {
                            lb.add_mul(-top, t.clone());
                        }
                        bounds.push(lb);
                    }
                }
            }
        }
        if let Level::Soft(w) = limit.level {
            f.penalty(w, bounds);
        }
    }
}

/// Work inside each 24-hour period from the employee's dygnsbryt: each pass contributes its
/// paid minutes inside the period (the engine's [`crate::model::PassTimes::paid_within`]),
/// history passes as constants, from the period that starts the day before the horizon when the
/// dygnsbryt is after midnight.
pub(super) fn max_daily_work(f: &mut Formulation, e: EmployeeId) {
    let emp = &f.inst.employees[e.idx()];
    let Some(limit) = emp.contract.max_daily_work.clone() else { return };
    let brk = emp.dygnsbryt as Minute;
    let times = &f.inst.times;
    for k in first_period(brk)..f.days() as Day {
        let (from, to) = (times.day_start(k) + brk, times.day_start(k + 1) + brk);
        let mut worked = konst(0.0);
        for d in k - 1..=k + 1 {
            for (s, x) in passes(f, e, d) {
                let minutes = times.paid_within(d, s, from, to);
                if minutes > 0 {
                    add(&mut worked, minutes as f64, &Some(x));
                }
            }
        }
        f.limit_minutes(limit.level, worked, limit.value as f64);
    }
}

/// Heavy night work: in every 24-hour period with night work, work at most the limit. The
/// period's work is bounded only while some pass with night minutes in it is worked: for each
/// such pass `x`, `work + M·x ≤ limit + M` (hard), or the started hours over bounded below by
/// `work − limit − M·(1 − x)` (soft), with `M` more than any period can hold.
pub(super) fn heavy_night_work(f: &mut Formulation, e: EmployeeId) {
    let emp = &f.inst.employees[e.idx()];
    let (Some(limit), true) = (emp.contract.heavy_night_work.clone(), emp.night_worker) else { return };
    let brk = emp.dygnsbryt as Minute;
    let times = &f.inst.times;
    const M: f64 = 3.0 * 24.0 * 60.0;
    for k in first_period(brk)..f.days() as Day {
        let (from, to) = (times.day_start(k) + brk, times.day_start(k + 1) + brk);
        let mut worked = konst(0.0);
        let mut at_night = Vec::new();
        for d in k - 1..=k + 1 {
            for (s, x) in passes(f, e, d) {
                let minutes = times.paid_within(d, s, from, to);
                if minutes > 0 {
                    add(&mut worked, minutes as f64, &Some(x.clone()));
                }
                if times.night_within(d, s, from, to) > 0 {
                    at_night.push(x);
                }
            }
        }
        f.limit_minutes_while(limit.level, worked, limit.value as f64, at_night, M);
    }
}

/// Veckovila. The longest stretch without work inside a fixed week starts at the week's start
/// or at the end of some pass; so the week is short of rest by `min_t u_t` started hours, where
/// `u_t` is what a stretch from candidate start `t` lacks: the most of `c_t` (the week ends
/// too soon after `t`) and, for each pass `p` worked that overlaps `t` or starts within the
/// limit after it, the started hours between its start and `t + limit`. Hard: some candidate
/// with `c_t = 0` has none of its blocking passes worked. Soft: a binary picks the candidate,
/// and the week's penalty is bounded below by the picked candidate's `u_t`.
pub(super) fn weekly_rest(f: &mut Formulation, e: EmployeeId) {
    let Some(limit) = f.inst.employees[e.idx()].contract.weekly_rest.clone() else { return };
    let times = &f.inst.times;
    let need = limit.value;
    let full = started_hours(need) as f64;
    for w in 0..(f.days() / 7) as Day {
        let (from, to) = (times.day_start(7 * w), times.day_start(7 * w + 7));
        // Passes that can lie inside the week: starting on its days or the evening before.
        let mut week: Vec<(Minute, Minute, Expression)> = Vec::new();
        for d in 7 * w - 1..7 * w + 7 {
            for (s, x) in passes(f, e, d) {
                let (start, end) = (times.start(d, s), times.end(d, s));
                if end > from {
                    week.push((start, end, x));
                }
            }
        }
        let mut starts: Vec<Minute> = vec![from];
        starts.extend(week.iter().map(|p| p.1).filter(|&end| end > from && end < to));
        starts.sort_unstable();
        starts.dedup();
        // (c_t, blocking passes with their units) per candidate.
        let candidates: Vec<(i64, Vec<(f64, Expression)>)> = starts
            .iter()
            .map(|&t| {
                let c = started_hours(need - (to - t));
                let blocks = week
                    .iter()
                    .filter_map(|(start, end, x)| {
                        let u = if *start < t && *end > t {
                            full as i64
                        } else if *start >= t && *start < t + need {
                            started_hours(need - (start - t)).max(1)
                        } else {
                            0
                        };
                        (u > 0).then(|| (u as f64, x.clone()))
                    })
                    .collect();
                (c, blocks)
            })
            .collect();
        match limit.level {
            Level::Hard => {
                let mut chosen = konst(0.0);
                for (c, blocks) in candidates {
                    if c > 0 || blocks.iter().any(|(_, x)| is_constant(x) && x.constant() > 0.5) {
                        continue;
                    }
                    let s = f.slack();
                    f.at_most(s.into(), 1.0);
                    for (_, x) in blocks {
                        f.at_most(x + s, 1.0);
                    }
                    chosen.add_mul(1.0, s);
                }
                f.at_most(-chosen, -1.0);
            }
            Level::Soft(weight) => week_penalty(f, weight, full, candidates),
        }
    }
}

/// Soft veckovila: binaries pick one candidate (or none, at the best constant cost `cap`);
/// `U ≥ fixed_t·s_t` and `U ≥ u·x_p − M(1 − s_t)` price the picked one, with `M` the full need.
fn week_penalty(f: &mut Formulation, weight: u32, full: f64, candidates: Vec<(i64, Vec<(f64, Expression)>)>) {
    if weight == 0 {
        return;
    }
    // The best constant candidate caps the week's penalty; candidates no better are not needed.
    let mut cap = full;
    let mut varying = Vec::new();
    for (c, blocks) in candidates {
        let fixed =
            blocks.iter().filter(|(_, x)| is_constant(x)).map(|(u, x)| u * x.constant()).fold(c as f64, f64::max);
        let moving: Vec<(f64, Expression)> =
            blocks.into_iter().filter(|(u, x)| !is_constant(x) && *u > fixed).collect();
        if moving.is_empty() {
            cap = cap.min(fixed);
        } else if fixed < cap {
            varying.push((fixed, moving));
        }
    }
    varying.retain(|(fixed, _)| *fixed < cap);
    if varying.is_empty() {
        f.cost(weight as f64 * cap, konst(1.0));
        return;
    }
    let u = f.slack();
    let mut pick = konst(0.0);
    // Picking no candidate costs the constant cap.
    let none = f.binary();
    pick.add_mul(1.0, none);
    f.constraints.push((Expression::from(u) - cap * none).geq(konst(0.0)));
    let mut options = Vec::new();
    for (fixed, moving) in varying {
        let s = f.binary();
        pick.add_mul(1.0, s);
        // U ≥ fixed·s, and U ≥ coef·x − M(1 − s) for each blocking pass (M = the full need).
        f.constraints.push((Expression::from(u) - fixed * s).geq(konst(0.0)));
        for (coef, x) in &moving {
            let rhs = *coef * x.clone() - full + full * s;
            f.constraints.push(Expression::from(u).geq(rhs));
        }
        options.push((s, fixed, moving));
    }
    f.constraints.push(pick.eq(1.0));
    f.cost(weight as f64, u.into());
    f.picks.push(Pick { none, cap, options });
}
