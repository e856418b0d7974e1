//! One employee's least line cost for each count of passes per shift type.
//!
//! The line is cut into weeks. Every pattern of one week (a day off or a shift type per day) is
//! judged by the engine on a line that is off outside the week. Only terms that the rest of a
//! real line can never make smaller are kept, each in the week that owns it: rest and daily
//! work ending in the week, the week's own rest, minutes and weekend, runs that are too long,
//! forbidden successions and every per-cell cost. Minimum runs are left out (days off around a
//! week could break a run the real line does not). The weeks are then joined with their paid
//! minutes and weekends, and the period's rules (hours deviation, contract band, night work,
//! weekends per window, passes per type) are judged exactly on the totals.

use std::time::Instant;

use rustc_hash::FxHashMap;

use super::{Counts, MAX_SHIFTS};
use crate::model::{Cell, Day, EmployeeId, Instance, Minute, ShiftId, TaskId};
use crate::rules::{aggregate_terms, window_terms, Aggregates, Detail, Line, RuleId, Term};

/// Patterns of one week enumerated per employee, at most; beyond it no bound is given.
const MAX_PATTERNS: usize = 400_000;
/// States of the join of weeks, at most.
const MAX_STATES: usize = 2_000_000;

/// A week's (or a line's) signature: passes per shift type, paid minutes, weekends touched.
type Key = (Counts, Minute, u64);

/// Rules judged per cell: their terms depend on one day's cell only.
fn per_cell(rule: RuleId) -> bool {
    matches!(
        rule,
        RuleId::Locked
            | RuleId::Unavailable
            | RuleId::Eligibility
            | RuleId::Travel
            | RuleId::Resource
            | RuleId::ShiftOnRequests
            | RuleId::ShiftOffRequests
            | RuleId::DayOffRequests
    )
}

/// Whether a term found on a line that is off outside days `lo..=hi` (week `week`) belongs to
/// that week and can only be as large or larger on any real line with the same week.
fn owned(term: &Term, lo: Day, hi: Day, week: usize) -> bool {
    let inside = |d: Day| (lo..=hi).contains(&d);
    match (term.rule, term.detail) {
        (RuleId::DailyRest, Detail::Rest { to_day, .. }) => inside(to_day),
        (RuleId::WeeklyRest, Detail::WeekRest { week: w, .. }) => w == week,
        (RuleId::MaxDailyWork, Detail::Minutes { day, .. }) => inside(day),
        (RuleId::MaxWeeklyWork | RuleId::WeeklySpread, Detail::Minutes { day, .. }) => day == lo,
        (RuleId::MaxConsecutiveDays, Detail::Run { first, len, .. }) => first <= hi && first + len as Day > lo,
        (RuleId::ForbiddenSuccession, Detail::Succession { day, .. }) => inside(day),
        (RuleId::WholeWeekends, Detail::PartWeekend { weekend }) => weekend == week,
        _ => false,
    }
}

/// Hard breaches and soft cost of the per-cell rules for `cell` on `day`.
fn cell_cost(inst: &Instance, e: EmployeeId, cells: &mut [Cell], day: usize, cell: Cell) -> (i64, i64) {
    cells[day] = cell;
    let line = Line { inst, e, emp: &inst.employees[e.idx()], cells };
    let (mut hard, mut soft) = (0, 0);
    window_terms(&line, day as Day, day as Day, &mut |t| {
        if per_cell(t.rule) && t.rule != RuleId::Resource {
            hard += t.hard();
            soft += t.soft();
        }
    });
    cells[day] = Cell::OFF;
    (hard, soft)
}

/// For each day: the options worth enumerating (off or a shift type), each with its per-cell
/// soft cost and the cell that stands for it, the cheapest task (regular or resource, the
/// resource cost itself left to the caller) without a hard per-cell breach.
fn day_options(inst: &Instance, e: EmployeeId) -> Vec<Vec<(Option<ShiftId>, Cell, i64)>> {
    let mut cells = vec![Cell::OFF; inst.days()];
    let variants: &[bool] = if inst.rules.resource_shifts { &[false, true] } else { &[false] };
    (0..inst.days())
        .map(|d| {
            let mut out = Vec::new();
            if let (0, soft) = cell_cost(inst, e, &mut cells, d, Cell::OFF) {
                out.push((None, Cell::OFF, soft));
            }
            for s in 0..inst.shifts.len() {
                let best = (0..inst.tasks.len())
                    .filter(|&t| inst.tasks[t].shift.idx() == s)
                    .flat_map(|t| variants.iter().map(move |&r| Cell::work(TaskId(t as u16), r)))
                    .filter_map(|c| match cell_cost(inst, e, &mut cells, d, c) {
                        (0, soft) => Some((soft, c)),
                        _ => None,
                    })
                    .min_by_key(|&(soft, _)| soft);
                if let Some((soft, c)) = best {
                    out.push((Some(ShiftId(s as u16)), Cell::work(c.task().unwrap(), false), soft));
                }
            }
            out
        })
        .collect()
}

/// Signatures of every pattern of days `lo..=hi` with no owned hard breach, each at its least
/// owned soft cost. `None` when there are too many patterns.
fn week_signatures(
    inst: &Instance,
    e: EmployeeId,
    options: &[Vec<(Option<ShiftId>, Cell, i64)>],
    lo: usize,
    hi: usize,
) -> Option<FxHashMap<Key, i64>> {
    let week = lo / 7;
    let patterns = options[lo..=hi].iter().map(|o| o.len()).try_fold(1usize, |n, k| n.checked_mul(k))?;
    if patterns > MAX_PATTERNS {
        return None;
    }
    let mut out: FxHashMap<Key, i64> = FxHashMap::default();
    let mut cells = vec![Cell::OFF; inst.days()];
    let mut choice = vec![0usize; hi - lo + 1];
    let emp = &inst.employees[e.idx()];
    'patterns: loop {
        let (mut counts, mut minutes, mut weekends, mut soft) = ([0u16; MAX_SHIFTS], 0, 0u64, 0);
        for (i, &c) in choice.iter().enumerate() {
            let d = lo + i;
            let (shift, cell, cost) = options[d][c];
            cells[d] = cell;
            soft += cost;
            if let Some(s) = shift {
                counts[s.idx()] += 1;
                minutes += inst.times.paid(d as Day, s);
                if let Some(w) = inst.times.weekend_of(d as Day, s) {
                    weekends |= 1 << w;
                }
            }
        }
        let line = Line { inst, e, emp, cells: &cells };
        let mut hard = 0;
        window_terms(&line, lo as Day, hi as Day, &mut |t| {
            if !per_cell(t.rule) && owned(&t, lo as Day, hi as Day, week) {
                hard += t.hard();
                soft += t.soft();
            }
        });
        if hard == 0 {
            let slot = out.entry((counts, minutes, weekends)).or_insert(i64::MAX);
            *slot = (*slot).min(soft);
        }
        // Next pattern (odometer).
        for (i, c) in choice.iter_mut().enumerate() {
            *c += 1;
            if *c < options[lo + i].len() {
                continue 'patterns;
            }
            *c = 0;
        }
        break;
    }
    Some(out)
}

/// The least cost of employee `e`'s line for every count of passes per shift type (all passes
/// counted as regular), on the per-cell, per-week and period rules: a lower bound on the cost
/// of the line's own terms. `None` when too large or past `deadline`.
pub(super) fn line_costs(inst: &Instance, e: EmployeeId, deadline: Instant) -> Option<FxHashMap<Counts, i64>> {
    let options = day_options(inst, e);
    let days = inst.days();
    let mut states: FxHashMap<Key, i64> = FxHashMap::default();
    states.insert(([0; MAX_SHIFTS], 0, 0), 0);
    for lo in (0..days).step_by(7) {
        if Instant::now() > deadline {
            return None;
        }
        let week = week_signatures(inst, e, &options, lo, (lo + 6).min(days - 1))?;
        let mut next: FxHashMap<Key, i64> = FxHashMap::default();
        for (&(c1, m1, w1), &v1) in &states {
            for (&(c2, m2, w2), &v2) in &week {
                let mut c = c1;
                for (a, b) in c.iter_mut().zip(c2) {
                    *a += b;
                }
                let slot = next.entry((c, m1 + m2, w1 | w2)).or_insert(i64::MAX);
                *slot = (*slot).min(v1 + v2);
            }
            if next.len() > MAX_STATES {
                return None;
            }
        }
        states = next;
    }
    // The period's rules, exactly, on the totals.
    let cells = vec![Cell::OFF; days];
    let line = Line { inst, e, emp: &inst.employees[e.idx()], cells: &cells };
    let mut out: FxHashMap<Counts, i64> = FxHashMap::default();
    for ((counts, paid, weekends), cost) in states {
        let agg = Aggregates {
            paid,
            shift_count: counts[..inst.shifts.len()].to_vec(),
            weekend_touch: (0..inst.weekends()).map(|w| (weekends >> w & 1) as u8).collect(),
        };
        let (mut hard, mut soft) = (0, cost);
        aggregate_terms(&line, &agg, &mut |t| {
            hard += t.hard();
            soft += t.soft();
        });
        if hard == 0 {
            let slot = out.entry(counts).or_insert(i64::MAX);
            *slot = (*slot).min(soft);
        }
    }
    Some(out)
}
