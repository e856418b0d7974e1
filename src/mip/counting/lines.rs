//! One employee's least line cost for each count of passes per shift type it tells apart,
//! under prices per day and shift type.
//!
//! The line is cut into weeks. Every pattern of one week (a day off or a shift type per day) is
//! judged by the engine on a line that is off outside the week. Only terms that the rest of a
//! real line can never make smaller are kept, each in the week that owns it: rest and daily
//! work ending in the week, the week's own rest, minutes and weekend, runs that are too long,
//! forbidden successions and every per-cell cost. Minimum runs are left out (days off around a
//! week could break a run the real line does not). The weeks are then joined with their paid
//! minutes and weekends, and through their edges (the shift type of the day on each side of a
//! boundary and the run of work through it), so that rest, daily work, successions and runs
//! across a boundary are judged too ([`boundary_cost`]). The period's rules (hours deviation,
//! contract band, night work, weekends per window, passes per type) are judged exactly on the
//! totals. Two days side by side that break a hard rule on their own ([`clashes`]: rest, a
//! forbidden succession) rule out every pattern holding them, so those are never judged.
//! A signature keeps only what the period's rules read ([`Signing`]), so that lines which
//! differ in nothing else are joined as one.
//!
//! The enumeration and the join's structure do not depend on the prices, so [`LineSpace`] holds
//! them once; [`LineSpace::price`] then only re-costs the patterns and runs the join.

use std::time::Instant;

use rustc_hash::FxHashMap;

use super::{Counts, MAX_SHIFTS, SCALE};
use crate::model::{Cell, Day, EmployeeId, Instance, Minute, ShiftId, TaskId};
use crate::rules::{
    aggregate_terms, started_hours, window_terms, AggregateReads, Aggregates, Detail, Line, RuleId, Term, WeekendReads,
};

/// Patterns of one week enumerated per employee, at most; beyond it no bound is given.
const MAX_PATTERNS: usize = 400_000;
/// States of the join of weeks, at most.
const MAX_STATES: usize = 2_000_000;
/// Transitions of one step of the join (states before × week signatures), at most.
const MAX_TRANSITIONS: usize = 4_000_000;
/// Marks "none" in the index arrays.
const NONE: u32 = u32::MAX;

/// A week's (or a line's) signature: passes per shift type, paid minutes, weekends touched,
/// each as far as [`Signing`] keeps it.
type Key = (Counts, Minute, u64);

/// Which passes per shift type a line space tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Counting {
    /// Every shift type's count: the counting bound spreads each type's passes over cover.
    EveryType,
    /// Only the counts a per-type limit can break: a re-plan wants the cheapest line of any
    /// counts, and fewer signatures make a smaller join.
    Limited,
}

/// What a signature keeps: only what the period's rules read ([`AggregateReads`]), plus the
/// counts of every shift type under [`Counting::EveryType`]. Lines that differ only in what is
/// left out cost the same, so the join keeps one of them.
struct Signing {
    counted: [bool; MAX_SHIFTS],
    paid: bool,
    weekends: WeekendReads,
}

impl Signing {
    fn new(inst: &Instance, e: EmployeeId, counting: Counting) -> Self {
        let reads = AggregateReads::of(inst, e);
        let mut counted = [false; MAX_SHIFTS];
        for (s, c) in counted.iter_mut().enumerate().take(inst.shifts.len()) {
            *c = counting == Counting::EveryType || reads.shift_count[s];
        }
        Signing { counted, paid: reads.paid, weekends: reads.weekends }
    }

    /// The signature of one week's passes: `counts` per shift type, `paid` minutes and the
    /// weekends it touches as a bitmask.
    fn week(&self, mut counts: Counts, paid: Minute, touched: u64) -> Key {
        for (c, &kept) in counts.iter_mut().zip(&self.counted) {
            *c *= u16::from(kept);
        }
        let weekends = match self.weekends {
            WeekendReads::None => 0,
            WeekendReads::Total => u64::from(touched.count_ones()),
            WeekendReads::Each => touched,
        };
        (counts, if self.paid { paid } else { 0 }, weekends)
    }

    /// The signature of two stretches of days one after the other.
    fn join(&self, (c1, m1, w1): Key, (c2, m2, w2): Key) -> Key {
        let mut c = c1;
        for (a, b) in c.iter_mut().zip(c2) {
            *a += b;
        }
        let w = if self.weekends == WeekendReads::Total { w1 + w2 } else { w1 | w2 };
        (c, m1 + m2, w)
    }

    /// Totals with the signature's period terms: weekends counted in total are put first.
    fn aggregates(&self, inst: &Instance, (c, paid, weekends): Key) -> Aggregates {
        let touched = |w: usize| match self.weekends {
            WeekendReads::None => 0,
            WeekendReads::Total => u8::from((w as u64) < weekends),
            WeekendReads::Each => (weekends >> w & 1) as u8,
        };
        Aggregates {
            paid,
            // Not kept in a signature: the night share is left out of line costs (see below).
            night: 0,
            shift_count: c[..inst.shifts.len()].to_vec(),
            weekend_touch: (0..inst.weekends()).map(touched).collect(),
        }
    }
}

/// Rules judged per cell: their terms depend on one day's cell only.
fn per_cell(rule: RuleId) -> bool {
    matches!(
        rule,
        RuleId::Locked
            | RuleId::Unavailable
            | RuleId::Eligibility
            | RuleId::SplitShift
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
        // The period from the dygnsbryt the day before the horizon reads history and day 0.
        (RuleId::MaxDailyWork | RuleId::HeavyNightWork, Detail::Minutes { day, .. }) => {
            inside(day) || (lo == 0 && day == -1)
        }
        (RuleId::MaxWeeklyWork | RuleId::WeeklySpread, Detail::Minutes { day, .. }) => day == lo,
        (RuleId::MaxConsecutiveDays, Detail::Run { first, len, .. }) => first <= hi && first + len as Day > lo,
        // A run of work or days off that touches neither edge has its real length.
        (RuleId::MinConsecutiveDays | RuleId::MinConsecutiveDaysOff, Detail::Run { first, len, .. }) => {
            first > lo && first + (len as Day) - 1 < hi
        }
        (RuleId::ForbiddenSuccession, Detail::Succession { day, .. }) => inside(day),
        (RuleId::WholeWeekends, Detail::PartWeekend { weekend }) => weekend == week,
        _ => false,
    }
}

/// The paid minutes that a pass on the day before week `lo..` can put inside the week, for each
/// option of that day (0 for a day off): a week judged on its own misses them. Week 0 is judged
/// with the real history, so nothing is missing there.
fn spills_into(inst: &Instance, options: &Options, lo: usize) -> Vec<Minute> {
    let mut out = vec![0];
    if lo > 0 {
        let times = &inst.times;
        let (d, from) = (lo as Day - 1, times.day_start(lo as Day));
        let to = times.day_start((lo as Day + 7).min(inst.days() as Day));
        out.extend(options[lo - 1].iter().filter_map(|o| o.0).map(|s| times.paid_within(d, s, from, to)));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A week's term judged on the week alone, made a bound for every real line: the even spread
/// is taken at the least deviation that any pass spilling in from the day before could leave.
fn bounded(term: Term, spills: &[Minute]) -> Term {
    match (term.rule, term.detail) {
        (RuleId::WeeklySpread, Detail::Minutes { actual, limit, .. }) if spills.len() > 1 => {
            let units = spills.iter().map(|x| started_hours((actual + x - limit).abs())).min().unwrap_or(0);
            Term { units, ..term }
        }
        _ => term,
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

/// For each day: the options worth enumerating (off or a shift type no hard zero limit
/// forbids), each with its per-cell soft cost and the cell that stands for it, the cheapest
/// task (regular or resource, the resource cost itself left to the caller) without a hard
/// per-cell breach.
fn day_options(inst: &Instance, e: EmployeeId) -> Vec<Vec<(Option<ShiftId>, Cell, i64)>> {
    let emp = &inst.employees[e.idx()];
    let mut cells = vec![Cell::OFF; inst.days()];
    let variants: &[bool] = if inst.rules.resource_shifts { &[false, true] } else { &[false] };
    (0..inst.days())
        .map(|d| {
            let mut out = Vec::new();
            if let (0, soft) = cell_cost(inst, e, &mut cells, d, Cell::OFF) {
                out.push((None, Cell::OFF, soft));
            }
            for s in (0..inst.shifts.len()).filter(|&s| !emp.contract.forbids_shift(ShiftId(s as u16))) {
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

/// Every day's options ([`day_options`]), side by side.
type Options = [Vec<(Option<ShiftId>, Cell, i64)>];

/// Per day `d` from 1: for option `i` on day `d - 1` and option `j` on day `d`, at
/// `i * options[d].len() + j`, whether the two passes side by side break a hard rule on their
/// own (rest between them, a forbidden succession, too much work in a day). Each of those
/// stays broken on every line that holds both passes, so no pattern with such a pair is
/// judged. Day 0 has none.
fn clashes(inst: &Instance, e: EmployeeId, options: &Options) -> Vec<Vec<bool>> {
    let emp = &inst.employees[e.idx()];
    let mut cells = vec![Cell::OFF; inst.days()];
    let mut clash = |d: usize, a: Cell, b: Cell| {
        (cells[d - 1], cells[d]) = (a, b);
        let line = Line { inst, e, emp, cells: &cells };
        let (lo, hi) = (d as Day - 1, d as Day);
        let mut hard = 0;
        window_terms(&line, lo, hi, &mut |t| {
            if across(t.rule) && t.rule != RuleId::MaxConsecutiveDays && owned(&t, lo, hi, d / 7) {
                hard += t.hard();
            }
        });
        (cells[d - 1], cells[d]) = (Cell::OFF, Cell::OFF);
        hard > 0
    };
    let mut out = vec![Vec::new()];
    for d in 1..inst.days() {
        let (before, after) = (&options[d - 1], &options[d]);
        out.push(
            before
                .iter()
                .flat_map(|a| after.iter().map(move |b| (a, b)))
                .map(|(a, b)| a.0.is_some() && b.0.is_some() && clash(d, a.1, b.1))
                .collect(),
        );
    }
    out
}

/// How many patterns days `lo..=hi` have without a clash (saturating).
fn week_count(options: &Options, clashes: &[Vec<bool>], lo: usize, hi: usize) -> usize {
    let mut ways = vec![1usize; options[lo].len()];
    for d in lo + 1..=hi {
        let n = options[d].len();
        ways = (0..n)
            .map(|j| (0..ways.len()).filter(|&i| !clashes[d][i * n + j]).fold(0, |s, i| ways[i].saturating_add(s)))
            .collect();
    }
    ways.into_iter().fold(0, usize::saturating_add)
}

/// How many week patterns employee `e` has (saturating): the sequences of each week's options
/// without a clash, summed over the weeks. Building takes about a microsecond per pattern.
fn pattern_count(inst: &Instance, options: &Options, clashes: &[Vec<bool>]) -> usize {
    let days = inst.days();
    (0..days)
        .step_by(7)
        .map(|lo| week_count(options, clashes, lo, (lo + 6).min(days - 1)))
        .fold(0, usize::saturating_add)
}

/// How large a line space [`LineSpace::new`] may build.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// Week patterns in all, at most.
    pub patterns: usize,
    /// [`LineSpace::size`], at most.
    pub size: usize,
}

impl Limits {
    /// Only the join's own limits.
    pub const NONE: Limits = Limits { patterns: usize::MAX, size: usize::MAX };
}

/// A week's edge, as far as the next or previous week can tell: the shift type of its edge
/// day (`None` off) and how many days the run of work or days off through that day has inside
/// the week, packed as `(shift + 1) * 8 + run`, or `run` when off (0: no edge, at the horizon's
/// ends).
type Edge = u8;

fn edge(shift: Option<u8>, run: usize) -> Edge {
    shift.map_or(0, |s| (s + 1) * 8) + run as u8
}

/// The edge's shift type and run, `None` at the horizon's ends.
fn unpack(e: Edge) -> Option<(Option<ShiftId>, usize)> {
    (e > 0).then(|| ((e >= 8).then(|| ShiftId((e / 8 - 1) as u16)), (e % 8) as usize))
}

/// How many days from the start of `days` are of the same kind (worked or off) as the first.
fn run_of(mut days: impl Iterator<Item = u8>) -> usize {
    let Some(first) = days.next() else { return 0 };
    1 + days.take_while(|&s| (s > 0) == (first > 0)).count()
}

/// One week's patterns: each with its key (an index into the week's keys), its least owned
/// soft cost (scaled) and its shift type per day (0 off, `s + 1` shift type `s`).
struct Week {
    lo: usize,
    keys: usize,
    /// Sorted by key.
    patterns: Vec<Pattern>,
    /// Where each key's patterns start in `patterns` (one more entry than keys).
    by_key: Vec<u32>,
}

#[derive(Clone, Copy)]
struct Pattern {
    key: u32,
    soft: i64,
    shifts: [u8; 7],
}

/// A week pattern's key: its signature, its first day's edge (0 in the first week) and its
/// last day's edge (0 in the last week).
type WeekKey = (Key, Edge, Edge);

/// Every pattern of days `lo..=hi` with no owned hard breach, at its owned soft cost, and the
/// distinct keys. `None` when there are too many patterns, or none.
fn week_patterns(
    inst: &Instance,
    e: EmployeeId,
    (options, clashes, signing): (&Options, &[Vec<bool>], &Signing),
    lo: usize,
    hi: usize,
) -> Option<(Week, Vec<WeekKey>)> {
    let week = lo / 7;
    let count = week_count(options, clashes, lo, hi);
    // A day without any option (every cell breaks a hard per-cell rule) leaves no pattern.
    if count == 0 || count > MAX_PATTERNS {
        return None;
    }
    let clash = |choice: &[usize]| {
        (1..choice.len()).any(|i| clashes[lo + i][choice[i - 1] * options[lo + i].len() + choice[i]])
    };
    let (first, last) = (lo == 0, hi + 1 == inst.days());
    let spills = spills_into(inst, options, lo);
    let mut index: FxHashMap<WeekKey, u32> = FxHashMap::default();
    let mut keys = Vec::new();
    let mut patterns = Vec::new();
    let mut cells = vec![Cell::OFF; inst.days()];
    let mut choice = vec![0usize; hi - lo + 1];
    let emp = &inst.employees[e.idx()];
    loop {
        if !clash(&choice) {
            let (mut counts, mut minutes, mut weekends, mut soft) = ([0u16; MAX_SHIFTS], 0, 0u64, 0);
            let mut shifts = [0u8; 7];
            for (i, &c) in choice.iter().enumerate() {
                let d = lo + i;
                let (shift, cell, cost) = options[d][c];
                cells[d] = cell;
                soft += cost;
                if let Some(s) = shift {
                    shifts[i] = s.0 as u8 + 1;
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
                    let t = bounded(t, &spills);
                    hard += t.hard();
                    soft += t.soft();
                }
            });
            if hard == 0 {
                let days = &shifts[..=hi - lo];
                let head = if first { 0 } else { edge(days[0].checked_sub(1), run_of(days.iter().copied())) };
                let tail =
                    if last { 0 } else { edge(days[hi - lo].checked_sub(1), run_of(days.iter().rev().copied())) };
                let key = (signing.week(counts, minutes, weekends), head, tail);
                let key = *index.entry(key).or_insert_with(|| {
                    keys.push(key);
                    keys.len() as u32 - 1
                });
                patterns.push(Pattern { key, soft: soft * SCALE, shifts });
            }
        }
        // Next pattern (odometer).
        let Some(i) = choice.iter().enumerate().position(|(i, &c)| c + 1 < options[lo + i].len()) else { break };
        choice[i] += 1;
        choice[..i].fill(0);
    }
    patterns.sort_by_key(|p| p.key);
    let by_key = offsets(keys.len(), patterns.iter().map(|p| p.key));
    Some((Week { lo, keys: keys.len(), patterns, by_key }, keys))
}

/// Rules whose terms a week boundary can add: rest, daily work and successions across it, and
/// the run of work through it.
fn across(rule: RuleId) -> bool {
    matches!(
        rule,
        RuleId::DailyRest
            | RuleId::MaxDailyWork
            | RuleId::HeavyNightWork
            | RuleId::ForbiddenSuccession
            | RuleId::MaxConsecutiveDays
    )
}

/// What joining a week ending in `tail` to the next, starting on day `lo` with `head`, adds to
/// the two weeks' own terms (scaled), `None` when that is a hard breach:
/// * when both edge days are worked, the terms of the rules [`across`] the boundary on a line
///   worked only around it, less those of its two sides alone; the run through the boundary is
///   judged only when it starts inside the earlier week (a run that fills it may begin before,
///   and is then left to the weeks' own terms);
/// * the minimum-run terms of the runs of work or days off through the edge days, when both
///   ends of the run are known ([`edge_runs`]).
fn boundary_cost(
    inst: &Instance,
    e: EmployeeId,
    options: &[Vec<(Option<ShiftId>, Cell, i64)>],
    lo: usize,
    tail: Edge,
    head: Edge,
) -> Option<i64> {
    let (Some((before, left)), Some((after, right))) = (unpack(tail), unpack(head)) else {
        return Some(0);
    };
    // Any work on a day (the days a pattern works have one).
    let cell = |d: usize, s: Option<ShiftId>| {
        let o = &options[d];
        o.iter().find(|o| o.0.is_some() && (s.is_none() || o.0 == s)).map_or(Cell::OFF, |o| o.1)
    };
    let (runs_hard, runs_soft) =
        edge_runs(inst, e, lo, (before.is_some(), left), (after.is_some(), right), &|d| cell(d, None));
    let (Some(before), Some(after)) = (before, after) else {
        return (runs_hard == 0).then_some(runs_soft * SCALE);
    };
    let runs = left < 7;
    // The edge days hold their shift types; the rest of each run any work (they cancel out).
    let both: Vec<Cell> = (0..inst.days())
        .map(|d| match d {
            _ if d == lo - 1 => cell(d, Some(before)),
            _ if d == lo => cell(d, Some(after)),
            _ if (lo - left..lo + right).contains(&d) => cell(d, None),
            _ => Cell::OFF,
        })
        .collect();
    let mut only_left = both.clone();
    only_left[lo..].fill(Cell::OFF);
    let mut only_right = both.clone();
    only_right[..lo].fill(Cell::OFF);
    let judge = |cells: &[Cell]| {
        let line = Line { inst, e, emp: &inst.employees[e.idx()], cells };
        let (mut hard, mut soft) = (0, 0);
        window_terms(&line, lo as Day - 1, lo as Day, &mut |t| {
            if across(t.rule) && (runs || t.rule != RuleId::MaxConsecutiveDays) {
                hard += t.hard();
                soft += t.soft();
            }
        });
        (hard, soft)
    };
    let ((h, s), (hl, sl), (hr, sr)) = (judge(&both), judge(&only_left), judge(&only_right));
    (h <= hl + hr && runs_hard == 0).then_some(((s - sl - sr).max(0) + runs_soft) * SCALE)
}

/// Hard breaches and soft cost of the minimum-run rules on the runs through days `lo - 1` and
/// `lo`, given the run of each side (`(worked, days)`) inside its week, judged only when both
/// ends of the run are known: it stops inside its weeks, or at the horizon's end. `work(d)` is a
/// cell worked on day `d`, put where a run of days off ends.
fn edge_runs(
    inst: &Instance,
    e: EmployeeId,
    lo: usize,
    (left_worked, left): (bool, usize),
    (right_worked, right): (bool, usize),
    work: &dyn Fn(usize) -> Cell,
) -> (i64, i64) {
    let days = inst.days();
    let week = 7.min(days - lo);
    // Each side's run, and a worked day where a run of days off ends inside its week.
    let delimits = |d: usize| {
        (!left_worked && left < 7 && d + left + 1 == lo) || (!right_worked && right < week && d == lo + right)
    };
    let cells: Vec<Cell> = (0..days)
        .map(|d| {
            let worked = (lo - left..lo).contains(&d) && left_worked
                || (lo..lo + right).contains(&d) && right_worked
                || delimits(d);
            if worked {
                work(d)
            } else {
                Cell::OFF
            }
        })
        .collect();
    let (start_known, end_known) = (left < 7, right < week || lo + right == days);
    let (lo, same) = (lo as Day, left_worked == right_worked);
    let line = Line { inst, e, emp: &inst.employees[e.idx()], cells: &cells };
    let (mut hard, mut soft) = (0, 0);
    window_terms(&line, lo - 1, lo, &mut |t| {
        let (RuleId::MinConsecutiveDays | RuleId::MinConsecutiveDaysOff, Detail::Run { first, len, .. }) =
            (t.rule, t.detail)
        else {
            return;
        };
        let holds = |d: Day| first <= d && d < first + len as Day;
        let known = match (holds(lo - 1), holds(lo)) {
            (true, true) => same && start_known && end_known,
            (true, false) => start_known,
            (false, true) => end_known,
            (false, false) => false,
        };
        if known {
            hard += t.hard();
            soft += t.soft();
        }
    });
    (hard, soft)
}

/// One step of the join, from the states after the weeks before to those after this week:
/// first each state is *bridged* to every head the week's patterns start with, at the
/// boundary's cost (one bridged state per signature and head); then each bridged state is
/// joined with the week keys of its head.
struct Step {
    bridged: usize,
    /// `(state before, bridged state, cost)`, sorted by bridged state.
    bridges: Vec<(u32, u32, i64)>,
    /// Where each bridged state's bridges start in `bridges`.
    into_bridged: Vec<u32>,
    states: usize,
    /// `(bridged state, week key, state after)`, sorted by state after.
    transitions: Vec<(u32, u32, u32)>,
    /// Where each state's transitions start in `transitions`.
    into_state: Vec<u32>,
}

/// Where each of `n` groups starts in a list sorted by group (`groups`), and where the last ends.
fn offsets(n: usize, groups: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut out = vec![0u32; n + 1];
    for g in groups {
        out[g as usize + 1] += 1;
    }
    for i in 0..n {
        out[i + 1] += out[i];
    }
    out
}

/// All lines of one employee, as week patterns joined by their signatures: the least cost of
/// the line's own terms for every count of passes per shift type (all passes counted as
/// regular), under any prices.
pub(crate) struct LineSpace {
    weeks: Vec<Week>,
    steps: Vec<Step>,
    /// Per state after the last week: its counts (an index into `counts`) and the period rules'
    /// scaled soft cost, `None` when they break a hard rule.
    finals: Vec<Option<(u32, i64)>>,
    counts: Vec<Counts>,
}

/// [`LineSpace::price`]'s result: the least priced cost per count vector, and what it takes to
/// find the line behind it.
pub(crate) struct PricedLines {
    /// Per entry of [`LineSpace::counts`]: the least scaled cost, `i64::MAX` when none.
    pub cost: Vec<i64>,
    best_pattern: Vec<Vec<u32>>,
    best_bridge: Vec<Vec<u32>>,
    best_transition: Vec<Vec<u32>>,
    best_final: Vec<u32>,
    /// Per week, the least cost of each state before it; then of each state after the last.
    reached: Vec<Vec<i64>>,
    /// Per week, the least cost of each bridged state.
    bridged: Vec<Vec<i64>>,
    /// The prices, per day and shift type.
    prices: Vec<i64>,
    shifts: usize,
}

impl Pattern {
    /// The pattern's scaled cost with the prices of its passes (see [`LineSpace::price`]).
    fn priced(&self, lo: usize, prices: &[i64], shifts: usize) -> i64 {
        let mut v = self.soft;
        for (j, &s) in self.shifts.iter().enumerate() {
            if s > 0 {
                v += prices[(lo + j) * shifts + s as usize - 1];
            }
        }
        v
    }
}

/// [`LineSpace::within`]'s walk back through the join, week by week.
struct Walk<'a> {
    space: &'a LineSpace,
    priced: &'a PricedLines,
    limit: i64,
    most: usize,
    /// The line being walked, from the last week back.
    line: Vec<Option<ShiftId>>,
    out: Vec<Vec<Option<ShiftId>>>,
}

impl Walk<'_> {
    /// Every way into `state` after week `w` whose cost before plus `rest` (the cost of the
    /// weeks after) is within the limit.
    fn back(&mut self, w: usize, state: usize, rest: i64) {
        let (week, step) = (&self.space.weeks[w], &self.space.steps[w]);
        let into = step.into_state[state] as usize..step.into_state[state + 1] as usize;
        for &(b, k, _) in &step.transitions[into] {
            let bridged = self.priced.bridged[w][b as usize];
            if bridged == i64::MAX {
                continue;
            }
            for p in &week.patterns[week.by_key[k as usize] as usize..week.by_key[k as usize + 1] as usize] {
                let rest = rest + p.priced(week.lo, &self.priced.prices, self.priced.shifts);
                if bridged + rest > self.limit {
                    continue;
                }
                for (j, &s) in p.shifts.iter().enumerate().take(self.line.len() - week.lo) {
                    self.line[week.lo + j] = s.checked_sub(1).map(|s| ShiftId(s as u16));
                }
                let from = step.into_bridged[b as usize] as usize..step.into_bridged[b as usize + 1] as usize;
                for &(before, _, extra) in &step.bridges[from] {
                    let reached = self.priced.reached[w][before as usize];
                    if reached == i64::MAX || reached + extra + rest > self.limit {
                        continue;
                    }
                    if w == 0 {
                        self.out.push(self.line.clone());
                    } else {
                        self.back(w - 1, before as usize, rest + extra);
                    }
                    if self.out.len() >= self.most {
                        return;
                    }
                }
            }
        }
    }
}

/// A state of the join: the signature of the weeks so far and the last one's tail.
type State = (Key, Edge);

impl LineSpace {
    /// Whether `inst` is within what line spaces hold: at least one and at most [`MAX_SHIFTS`]
    /// shift types (a count each) and at most 64 weekends (a bit each).
    pub fn fits(inst: &Instance) -> bool {
        (1..=MAX_SHIFTS).contains(&inst.shifts.len()) && inst.weekends() <= 64
    }

    /// How many week patterns [`LineSpace::new`] enumerates for employee `e`.
    #[cfg(test)]
    fn patterns(inst: &Instance, e: EmployeeId) -> usize {
        let options = day_options(inst, e);
        pattern_count(inst, &options, &clashes(inst, e, &options))
    }

    /// Enumerates employee `e`'s week patterns and joins them, telling apart the counts
    /// `counting` asks for. `None` when too large (more patterns or a larger [`size`] than
    /// `limits` allow, or past the join's own limits) or past `deadline`.
    ///
    /// [`size`]: LineSpace::size
    pub fn new(inst: &Instance, e: EmployeeId, counting: Counting, limits: Limits, deadline: Instant) -> Option<Self> {
        let options = day_options(inst, e);
        let clashes = clashes(inst, e, &options);
        if pattern_count(inst, &options, &clashes) > limits.patterns {
            return None;
        }
        let signing = Signing::new(inst, e, counting);
        let days = inst.days();
        let mut states: Vec<State> = vec![(([0; MAX_SHIFTS], 0, 0), 0)];
        let (mut weeks, mut steps) = (Vec::new(), Vec::new());
        let mut size = 0;
        for lo in (0..days).step_by(7) {
            if Instant::now() > deadline {
                return None;
            }
            let (week, keys) = week_patterns(inst, e, (&options, &clashes, &signing), lo, (lo + 6).min(days - 1))?;
            let mut by_head: FxHashMap<Edge, Vec<u32>> = FxHashMap::default();
            for (k, &(_, head, _)) in keys.iter().enumerate() {
                by_head.entry(head).or_default().push(k as u32);
            }
            // Bridge every state to every head.
            let mut costs: FxHashMap<(Edge, Edge), Option<i64>> = FxHashMap::default();
            let mut bridged_index: FxHashMap<(Key, Edge), u32> = FxHashMap::default();
            let mut bridged: Vec<(Key, Edge)> = Vec::new();
            let mut bridges = Vec::new();
            for (p, &(sig, tail)) in states.iter().enumerate() {
                for &head in by_head.keys() {
                    let cost =
                        *costs.entry((tail, head)).or_insert_with(|| boundary_cost(inst, e, &options, lo, tail, head));
                    let Some(cost) = cost else { continue };
                    let to = *bridged_index.entry((sig, head)).or_insert_with(|| {
                        bridged.push((sig, head));
                        bridged.len() as u32 - 1
                    });
                    bridges.push((p as u32, to, cost));
                }
            }
            let pairs: usize = bridged.iter().map(|(_, h)| by_head[h].len()).sum();
            size += 7 * week.patterns.len() + bridges.len() + pairs;
            if pairs > MAX_TRANSITIONS || size > limits.size {
                return None;
            }
            let mut index: FxHashMap<State, u32> = FxHashMap::default();
            let mut next = Vec::new();
            let mut transitions = Vec::with_capacity(pairs);
            for (b, &(before, head)) in bridged.iter().enumerate() {
                for &k in &by_head[&head] {
                    let (week, _, tail) = keys[k as usize];
                    let state = (signing.join(before, week), tail);
                    let to = *index.entry(state).or_insert_with(|| {
                        next.push(state);
                        next.len() as u32 - 1
                    });
                    transitions.push((b as u32, k, to));
                }
            }
            if next.len() > MAX_STATES {
                return None;
            }
            bridges.sort_by_key(|b| b.1);
            transitions.sort_by_key(|t| t.2);
            let into_bridged = offsets(bridged.len(), bridges.iter().map(|b| b.1));
            let into_state = offsets(next.len(), transitions.iter().map(|t| t.2));
            steps.push(Step {
                bridged: bridged.len(),
                bridges,
                into_bridged,
                states: next.len(),
                transitions,
                into_state,
            });
            weeks.push(week);
            states = next;
        }
        // The period's rules, exactly, on the totals; a night worker's night share is not in
        // the signature, so it is left out (a line costs at least what is left).
        let cells = vec![Cell::OFF; days];
        let line = Line { inst, e, emp: &inst.employees[e.idx()], cells: &cells };
        let mut index: FxHashMap<Counts, u32> = FxHashMap::default();
        let mut counts = Vec::new();
        let finals = states
            .iter()
            .map(|&(sig, _)| {
                let c = sig.0;
                let agg = signing.aggregates(inst, sig);
                let (mut hard, mut soft) = (0, 0);
                aggregate_terms(&line, &agg, &mut |t| {
                    if t.rule != RuleId::NightShare {
                        hard += t.hard();
                        soft += t.soft();
                    }
                });
                (hard == 0).then(|| {
                    let i = *index.entry(c).or_insert_with(|| {
                        counts.push(c);
                        counts.len() as u32 - 1
                    });
                    (i, soft * SCALE)
                })
            })
            .collect();
        Some(LineSpace { weeks, steps, finals, counts })
    }

    /// How much work pricing this line space is: the days of its week patterns plus the
    /// bridges and transitions of its join (pricing takes a few nanoseconds for each).
    pub fn size(&self) -> usize {
        let patterns: usize = self.weeks.iter().map(|w| 7 * w.patterns.len()).sum();
        patterns + self.steps.iter().map(|s| s.bridges.len() + s.transitions.len()).sum::<usize>()
    }

    /// The count vectors some line without hard breaches has.
    pub fn counts(&self) -> &[Counts] {
        &self.counts
    }

    /// The least scaled cost of the line's own terms plus `prices[d * shifts + s]` for every
    /// pass of shift type `s` on day `d`, per count vector.
    pub fn price(&self, prices: &[i64], shifts: usize) -> PricedLines {
        let weeks = self.weeks.len();
        let mut best_pattern = Vec::with_capacity(weeks);
        let mut best_bridge = Vec::with_capacity(weeks);
        let mut best_transition = Vec::with_capacity(weeks);
        let mut reached = Vec::with_capacity(weeks + 1);
        let mut bridged_at = Vec::with_capacity(weeks);
        reached.push(vec![0i64]);
        for (week, step) in self.weeks.iter().zip(&self.steps) {
            let mut cost = vec![i64::MAX; week.keys];
            let mut arg = vec![NONE; week.keys];
            for (i, p) in week.patterns.iter().enumerate() {
                let v = p.priced(week.lo, prices, shifts);
                let k = p.key as usize;
                if v < cost[k] {
                    cost[k] = v;
                    arg[k] = i as u32;
                }
            }
            let before = reached.last().expect("the start is reached");
            let mut bridged = vec![i64::MAX; step.bridged];
            let mut via_bridge = vec![NONE; step.bridged];
            for (i, &(from, to, extra)) in step.bridges.iter().enumerate() {
                let a = before[from as usize];
                if a != i64::MAX && a + extra < bridged[to as usize] {
                    bridged[to as usize] = a + extra;
                    via_bridge[to as usize] = i as u32;
                }
            }
            let mut next = vec![i64::MAX; step.states];
            let mut via = vec![NONE; step.states];
            for (t, &(from, k, to)) in step.transitions.iter().enumerate() {
                let (a, b) = (bridged[from as usize], cost[k as usize]);
                if a != i64::MAX && b != i64::MAX && a + b < next[to as usize] {
                    next[to as usize] = a + b;
                    via[to as usize] = t as u32;
                }
            }
            best_pattern.push(arg);
            best_bridge.push(via_bridge);
            best_transition.push(via);
            bridged_at.push(bridged);
            reached.push(next);
        }
        let last = reached.last().expect("the start is reached");
        let mut cost = vec![i64::MAX; self.counts.len()];
        let mut best_final = vec![NONE; self.counts.len()];
        for (f, fin) in self.finals.iter().enumerate() {
            if let (Some((c, agg)), v) = (fin, last[f]) {
                if v != i64::MAX && v + agg < cost[*c as usize] {
                    cost[*c as usize] = v + agg;
                    best_final[*c as usize] = f as u32;
                }
            }
        }
        let prices = prices.to_vec();
        PricedLines {
            cost,
            best_pattern,
            best_bridge,
            best_transition,
            best_final,
            reached,
            bridged: bridged_at,
            prices,
            shifts,
        }
    }

    /// Up to `most` lines (the shift type worked per day, `None` off) whose scaled cost under
    /// the prices `priced` was computed with is at most `limit`, whatever their counts. The
    /// join's least costs up to each state bound what the rest of a line can cost, so the
    /// walk back from the last week only follows what can still end within `limit`.
    pub fn within(&self, priced: &PricedLines, days: usize, limit: i64, most: usize) -> Vec<Vec<Option<ShiftId>>> {
        let mut walk = Walk { space: self, priced, limit, most, line: vec![None; days], out: Vec::new() };
        let last = priced.reached.last().expect("the start is reached");
        for (f, fin) in self.finals.iter().enumerate() {
            if let Some((_, agg)) = fin {
                if last[f] != i64::MAX && last[f] + agg <= limit && walk.out.len() < most {
                    walk.back(self.weeks.len() - 1, f, *agg);
                }
            }
        }
        walk.out
    }

    /// The shift type worked per day (`None` off) on the least-cost line with the count vector
    /// `counts[c]` under the prices `priced` was computed with.
    pub fn line(&self, priced: &PricedLines, c: usize, days: usize) -> Vec<Option<ShiftId>> {
        let mut out = vec![None; days];
        let mut state = priced.best_final[c];
        for w in (0..self.weeks.len()).rev() {
            let step = &self.steps[w];
            let (bridged, k, _) = step.transitions[priced.best_transition[w][state as usize] as usize];
            let week = &self.weeks[w];
            let pattern = &week.patterns[priced.best_pattern[w][k as usize] as usize];
            for (j, &s) in pattern.shifts.iter().enumerate() {
                if s > 0 {
                    out[week.lo + j] = Some(ShiftId(s as u16 - 1));
                }
            }
            state = step.bridges[priced.best_bridge[w][bridged as usize] as usize].0;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Limit, WeekendLimit};
    use crate::rules::testkit::Kit;

    /// The boundary cost between Sunday (day 6) and Monday (day 7) of the kit's first weeks.
    fn across(kit: &Kit, tail: Edge, head: Edge) -> Option<i64> {
        let inst = kit.instance(14);
        let e = EmployeeId(0);
        boundary_cost(&inst, e, &day_options(&inst, e), 7, tail, head)
    }

    #[test]
    fn the_patterns_of_a_line_are_counted_per_week_and_add_up_over_weeks() {
        let free = Kit::swedish().instance(14);
        let per_week = LineSpace::patterns(&free, EmployeeId(0)) / 2;
        // Off and at least one pass a day: at least 2^7 patterns a week.
        assert!(per_week >= 128 && per_week * 2 == LineSpace::patterns(&free, EmployeeId(0)));
        // Absent (hard) all of the first week: one pattern there, all off.
        let mut kit = Kit::swedish();
        for d in 0..7 {
            kit.absent(d, crate::model::AbsenceKind::Vacation);
        }
        assert_eq!(LineSpace::patterns(&kit.instance(14), EmployeeId(0)), 1 + per_week);
        // Locked (hard) to a pass that needs a skill the employee lacks: no option on day 9, so
        // no pattern in that week and no line space.
        kit.lock(9, "S");
        let inst = kit.instance(14);
        assert_eq!(LineSpace::patterns(&inst, EmployeeId(0)), 1);
        let deadline = Instant::now() + std::time::Duration::from_secs(60);
        assert!(LineSpace::new(&inst, EmployeeId(0), Counting::EveryType, Limits::NONE, deadline).is_none());
    }

    #[test]
    fn a_week_boundary_adds_the_rest_and_the_run_across_it() {
        let kit = Kit::swedish();
        let id = |s: &str| Some(kit.shift(s).0 as u8);
        let (d, k, n) = (id("D"), id("K"), id("N"));
        // Natt Sunday (to 07:15 Monday), then Dag Monday at 07:00: dygnsvila broken, hard.
        assert_eq!(across(&kit, edge(n, 1), edge(d, 1)), None);
        // Kväll Sunday to 21:30, Dag Monday at 07:00: 9 h 30 of rest, hard too.
        assert_eq!(across(&kit, edge(k, 1), edge(d, 1)), None);
        // Dag then Kväll, three days on each side: a run of 6 is allowed, nothing is added.
        assert_eq!(across(&kit, edge(d, 3), edge(k, 3)), Some(0));
        // Four days to Sunday and three from Monday: a run of 7 breaks the hard maximum of 6.
        assert_eq!(across(&kit, edge(d, 4), edge(d, 3)), None);
        // An edge day off: nothing across (the kit has no minimum runs).
        assert_eq!(across(&kit, edge(None, 1), edge(d, 2)), Some(0));

        let mut soft = Kit::swedish();
        soft.contract().max_consecutive_days = Some(Limit::soft(6, 5));
        // The same run of 7 with a soft maximum (weight 5): one day over.
        assert_eq!(across(&soft, edge(d, 4), edge(d, 3)), Some(5 * SCALE));
        // A run that fills the earlier week may have begun before it: left to the weeks' terms.
        assert_eq!(across(&soft, edge(d, 7), edge(d, 3)), Some(0));
    }

    #[test]
    fn a_week_boundary_judges_the_minimum_runs_whose_ends_it_knows() {
        let mut kit = Kit::swedish();
        kit.contract().min_consecutive_days = Some(Limit::soft(3, 7));
        kit.contract().min_consecutive_days_off = Some(Limit::soft(2, 5));
        let d = Some(kit.shift("D").0 as u8);
        // Dag on Sunday only (Saturday off), Monday and Tuesday off: a run of 1 day of work
        // (2 short, 14), then 2 days off (enough).
        assert_eq!(across(&kit, edge(d, 1), edge(None, 2)), Some(14 * SCALE));
        // Off Sunday only, Dag from Monday for 3 days: one day off (1 short, 5); the work is
        // long enough.
        assert_eq!(across(&kit, edge(None, 1), edge(d, 3)), Some(5 * SCALE));
        // Two days of work on each side make one run of 4: enough.
        assert_eq!(across(&kit, edge(d, 2), edge(d, 2)), Some(0));
        // One day off on each side: a run of 2 days off, enough.
        assert_eq!(across(&kit, edge(None, 1), edge(None, 1)), Some(0));
        // A week of work ending on Sunday may have begun earlier: its run is not judged, but
        // Monday's single day off (Dag on Tuesday) is: 5.
        assert_eq!(across(&kit, edge(d, 7), edge(None, 1)), Some(5 * SCALE));
    }

    #[test]
    fn a_pair_without_enough_rest_is_left_out_and_the_week_keeps_the_same_patterns() {
        let kit = Kit::swedish();
        let inst = kit.instance(14);
        let e = EmployeeId(0);
        let options = day_options(&inst, e);
        let clashes = clashes(&inst, e, &options);
        let at = |d: usize, s: &str| options[d].iter().position(|o| o.0 == Some(kit.shift(s))).unwrap();
        let pair = |s: &str, t: &str| clashes[9][at(8, s) * options[9].len() + at(9, t)];
        // Natt to 07:15, then Dag at 07:00: no dygnsvila. Dag, then Natt the same evening: fine.
        assert!(pair("N", "D"));
        assert!(!pair("D", "N"));
        // Without the clash table the week's own judge rejects the very same patterns.
        let none: Vec<Vec<bool>> = clashes.iter().map(|c| vec![false; c.len()]).collect();
        let signing = Signing::new(&inst, e, Counting::EveryType);
        let kept = |clashes: &[Vec<bool>]| {
            let (week, _) = week_patterns(&inst, e, (&options, clashes, &signing), 7, 10).unwrap();
            let mut shifts: Vec<[u8; 7]> = week.patterns.iter().map(|p| p.shifts).collect();
            shifts.sort();
            shifts
        };
        assert_eq!(kept(&clashes), kept(&none));
        assert!(week_count(&options, &clashes, 7, 10) < week_count(&options, &none, 7, 10));
    }

    #[test]
    fn telling_apart_only_the_counts_a_limit_reads_keeps_the_least_cost_under_any_prices() {
        // A window of one weekend reads each weekend; one of 99 reads only how many.
        for window in [1, 99] {
            let mut kit = Kit::swedish();
            kit.contract().max_weekends = Some(Limit::soft(WeekendLimit { max: 1, window }, 20));
            let mut limits = vec![14; kit.shift_count()];
            limits[kit.shift("N").idx()] = 2;
            kit.contract().max_shifts_per_type = Some(Limit::soft(limits, 30));
            let inst = kit.instance(14);
            let e = EmployeeId(0);
            let far = Instant::now() + std::time::Duration::from_secs(600);
            let every = LineSpace::new(&inst, e, Counting::EveryType, Limits::NONE, far).unwrap();
            let limited = LineSpace::new(&inst, e, Counting::Limited, Limits::NONE, far).unwrap();
            assert!(limited.size() < every.size(), "{} against {}", limited.size(), every.size());
            let shifts = inst.shifts.len();
            let mut rng = crate::rng::Rng::new(u64::from(window));
            for _ in 0..5 {
                let prices: Vec<i64> =
                    (0..inst.days() * shifts).map(|_| (rng.below(4000) as i64 - 2000) * SCALE / 64).collect();
                let least = |l: &LineSpace| l.price(&prices, shifts).cost.into_iter().min().unwrap();
                assert_eq!(least(&limited), least(&every));
            }
        }
    }

    #[test]
    fn the_lines_within_a_limit_hold_each_count_s_cheapest_within_it_and_nothing_twice() {
        let kit = Kit::swedish();
        let inst = kit.instance(14);
        let e = EmployeeId(0);
        let far = Instant::now() + std::time::Duration::from_secs(600);
        let (days, shifts) = (inst.days(), inst.shifts.len());
        let mut rng = crate::rng::Rng::new(3);
        for counting in [Counting::EveryType, Counting::Limited] {
            let space = LineSpace::new(&inst, e, counting, Limits::NONE, far).unwrap();
            for _ in 0..5 {
                // Prices of up to about 30 soft units either way, as a master's duals are.
                let prices: Vec<i64> =
                    (0..days * shifts).map(|_| (rng.below(4000) as i64 - 2000) * SCALE / 64).collect();
                let priced = space.price(&prices, shifts);
                let mut costs: Vec<i64> = priced.cost.iter().copied().filter(|&c| c != i64::MAX).collect();
                costs.sort_unstable();
                assert!(space.within(&priced, days, costs[0] - 1, usize::MAX).is_empty());
                let limit = costs[costs.len().min(6) - 1] + 10 * SCALE;
                let all = space.within(&priced, days, limit, usize::MAX);
                let distinct: std::collections::HashSet<_> = all.iter().cloned().collect();
                assert_eq!(distinct.len(), all.len(), "a line found twice");
                let mut cheapest = 0;
                for (c, &cost) in priced.cost.iter().enumerate() {
                    if cost <= limit {
                        assert!(distinct.contains(&space.line(&priced, c, days)), "count {c} at {cost} missing");
                        cheapest += 1;
                    }
                }
                // Not only the cheapest line of each count.
                assert!(all.len() > cheapest, "{counting:?}: {} lines, {cheapest} counts", all.len());
                // A lower limit finds a subset; a cap stops the walk there.
                let fewer = space.within(&priced, days, costs[0], usize::MAX);
                assert!(!fewer.is_empty() && fewer.len() <= all.len() && fewer.iter().all(|l| distinct.contains(l)));
                assert_eq!(space.within(&priced, days, limit, 2).len(), all.len().min(2));
            }
        }
    }

    /// On random instances (every rule, history, DST), every line without a hard breach costs
    /// at least its line space's least cost for its counts: the line space is a bound, so a
    /// re-plan or the column generation never misses a line by pricing it too high.
    #[test]
    fn no_line_costs_less_than_its_line_space_says() {
        let mut rng = crate::rng::Rng::new(77);
        let far = Instant::now() + std::time::Duration::from_secs(600);
        let mut checked = 0;
        for _ in 0..40 {
            let mut inst = crate::rules::testkit::random_instance(&mut rng);
            // Soft rules, so that random lines are mostly without hard breaches.
            fn soft<P>(l: &mut Option<crate::model::Limit<P>>) {
                if let Some(l) = l {
                    l.level = crate::model::Level::Soft(3);
                }
            }
            let e = EmployeeId(rng.below(inst.employees.len()) as u16);
            let c = &mut inst.employees[e.idx()].contract;
            soft(&mut c.daily_rest);
            soft(&mut c.weekly_rest);
            soft(&mut c.max_daily_work);
            soft(&mut c.max_weekly_work);
            soft(&mut c.max_consecutive_days);
            soft(&mut c.min_consecutive_days);
            soft(&mut c.min_consecutive_days_off);
            soft(&mut c.contract_minutes);
            soft(&mut c.max_weekends);
            soft(&mut c.max_shifts_per_type);
            soft(&mut c.night_work);
            soft(&mut c.night_share);
            soft(&mut c.heavy_night_work);
            soft(&mut inst.rules.forbidden_succession);
            let Some(space) = LineSpace::new(&inst, e, Counting::EveryType, Limits::NONE, far) else { continue };
            let shifts = inst.shifts.len();
            let priced = space.price(&vec![0; inst.days() * shifts], shifts);
            let options = day_options(&inst, e);
            for _ in 0..200 {
                // A random line of each day's options (the cheapest task of each shift type).
                let cells: Vec<Cell> = options.iter().map(|o| o[rng.below(o.len())].1).collect();
                let line = Line { inst: &inst, e, emp: &inst.employees[e.idx()], cells: &cells };
                let (mut hard, mut soft) = (0, 0);
                let mut sink = |t: Term| {
                    if t.rule != RuleId::Resource {
                        hard += t.hard();
                        soft += t.soft();
                    }
                };
                window_terms(&line, 0, inst.days() as Day - 1, &mut sink);
                aggregate_terms(&line, &Aggregates::of(&line), &mut sink);
                if hard > 0 {
                    continue;
                }
                let mut counts = [0u16; MAX_SHIFTS];
                for c in &cells {
                    if let Some(t) = c.task() {
                        counts[inst.tasks[t.idx()].shift.idx()] += 1;
                    }
                }
                let c = space.counts().iter().position(|k| *k == counts).expect("the line's counts are in the space");
                assert!(
                    priced.cost[c] <= soft * SCALE,
                    "line {cells:?} costs {soft} but its line space says at least {}",
                    priced.cost[c] as f64 / SCALE as f64
                );
                checked += 1;
            }
        }
        assert!(checked > 200, "only {checked} lines checked");
    }
}
