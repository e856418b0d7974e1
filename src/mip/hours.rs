//! Hours rules as sums of paid minutes: the weekly cap and even spread per fixed week, the
//! period's contract band, deviation from target and night workers' average.
//!
//! Deviations count started hours; ceil is not linear, but an integer number of hours `h` with
//! `60 h ≥ deviation` is, and at the optimum `h` is the smallest such integer: the started hours.

use good_lp::Expression;

use super::formulation::{add, konst, Formulation};
use crate::model::{Day, EmployeeId, Level, ShiftId};

/// Paid minutes of passes starting on days `from..to`.
fn paid(f: &Formulation, e: EmployeeId, from: Day, to: Day) -> Expression {
    let times = &f.inst.times;
    let mut sum = konst(0.0);
    for d in from..to {
        for s in 0..f.inst.shifts.len() {
            let s = ShiftId(s as u16);
            if let x @ Some(_) = f.on(e, d, s) {
                add(&mut sum, times.paid(d, s) as f64, &x);
            }
        }
    }
    sum
}

/// Paid minutes worked inside fixed week `w`: each pass with its minutes inside the week (the
/// engine's [`crate::model::PassTimes::paid_within`]), the history pass of the day before
/// as a constant.
fn week_minutes(f: &Formulation, e: EmployeeId, w: Day) -> Expression {
    let times = &f.inst.times;
    let (from, to) = (times.day_start(7 * w), times.day_start(7 * w + 7));
    let mut sum = konst(0.0);
    for d in 7 * w - 1..7 * w + 7 {
        for s in 0..f.inst.shifts.len() {
            let s = ShiftId(s as u16);
            if let x @ Some(_) = f.on(e, d, s) {
                let minutes = times.paid_within(d, s, from, to);
                if minutes > 0 {
                    add(&mut sum, minutes as f64, &x);
                }
            }
        }
    }
    sum
}

/// `|minutes − target|` in started hours: hard, equality; soft, one integer per side.
fn deviation(f: &mut Formulation, level: Level, minutes: Expression, target: f64) {
    match level {
        Level::Hard => {
            f.at_most(minutes.clone(), target);
            f.at_most(-minutes, -target);
        }
        Level::Soft(_) => {
            f.limit_minutes(level, minutes.clone(), target);
            f.limit_minutes(level, -minutes, -target);
        }
    }
}

/// Per fixed week: the total-time cap and the even spread, on the minutes inside the week.
pub(super) fn weekly(f: &mut Formulation, e: EmployeeId) {
    let c = f.inst.employees[e.idx()].contract.clone();
    if c.max_weekly_work.is_none() && c.weekly_spread.is_none() {
        return;
    }
    for w in 0..(f.days() / 7) as Day {
        let minutes = week_minutes(f, e, w);
        if let Some(cap) = &c.max_weekly_work {
            f.limit_minutes(cap.level, minutes.clone(), cap.value as f64);
        }
        if let Some(spread) = &c.weekly_spread {
            let target = f.inst.employees[e.idx()].weekly_target_minutes.get(w as usize).copied().unwrap_or(0);
            deviation(f, spread.level, minutes, target as f64);
        }
    }
}

/// The period: contract band, deviation from target, night workers' average.
pub(super) fn period(f: &mut Formulation, e: EmployeeId) {
    let emp = &f.inst.employees[e.idx()];
    let c = emp.contract.clone();
    let (target, night_worker) = (emp.target_minutes, emp.night_worker);
    let days = f.days() as Day;
    let minutes = paid(f, e, 0, days);
    if let Some(band) = &c.contract_minutes {
        let (min, max) = (band.value.min as f64, band.value.max as f64);
        // Below the band counts from min, above it from max; with min > max both would count
        // for the same roster, which the engine reads as one side only (validation rejects it).
        f.limit_minutes(band.level, -minutes.clone(), -min);
        f.limit_minutes(band.level, minutes.clone(), max);
    }
    if let Some(dev) = &c.hours_deviation {
        deviation(f, dev.level, minutes.clone(), target as f64);
    }
    if let (Some(night), true) = (&c.night_work, night_worker) {
        let periods = (days - days / 7).max(1);
        f.limit_minutes(night.level, minutes.clone(), (night.value * periods) as f64);
    }
    if let (Some(share), true) = (&c.night_share, night_worker) {
        // Night minutes short of the share: share × paid − night ≤ 0 (the engine rounds the
        // share up to a minute, which changes no started hour).
        let mut short = minutes * (share.value as f64 / 100.0);
        for d in 0..days {
            for s in 0..f.inst.shifts.len() {
                let s = ShiftId(s as u16);
                if let x @ Some(_) = f.on(e, d, s) {
                    add(&mut short, -f.inst.times.night(d, s) as f64, &x);
                }
            }
        }
        f.limit_minutes(share.level, short, 0.0);
    }
}
