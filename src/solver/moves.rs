//! The move set: each move writes the [`Change`]s it would make into a buffer, or declines.
//!
//! - change one cell (a pass, another pass, a resource shift, or off);
//! - swap the cells of two employees on a day, over a block of days, or over a weekend;
//! - move one of an employee's passes to a day they are off, or exchange two of their days;
//! - cover-directed: give an under-covered task of a day to an eligible employee;
//! - wish-directed: grant a wish by swapping the day with someone who holds the wished cell;
//! - give one employee the same pass (or days off) over a few consecutive days;
//! - flip a short run of work days or days off, extend a run by a day, or slide cells along
//!   a few days.
//!
//! Beside these, the annealer now and then re-plans a whole line
//! ([`replan`](crate::solver::replan)).

use crate::eval::{Change, State};
use crate::model::{Cell, EmployeeId};
use crate::rng::Rng;
use crate::solver::domain::Domain;

/// The kinds of move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Move {
    /// Change one cell.
    Change,
    /// Swap two employees' cells on one day.
    Swap,
    /// Swap two employees' cells over 2–7 consecutive days.
    BlockSwap,
    /// Move a pass of one employee to one of their days off, at most [`REACH`] days away.
    Shift,
    /// Put someone on an under-covered task.
    Cover,
    /// Give one employee the same cell (a pass, or off) on 2–5 consecutive days.
    BlockChange,
    /// Reshape an employee's runs: flip a short run of work days (or days off) to the other
    /// kind, or extend a run by copying a neighbouring day's cell.
    Run,
    /// Rotate one employee's cells over 3–8 consecutive days by one day (a run slides along,
    /// totals unchanged).
    Rotate,
    /// Swap a whole weekend (Saturday and Sunday) between two employees, half the time with a
    /// weekday of the same week swapped back, so that hours stay balanced.
    Weekend,
    /// Exchange one employee's cells on two days at most [`REACH`] apart (totals unchanged).
    Exchange,
    /// Grant a wish not granted now: swap the day with someone who holds what is wished (cover
    /// unchanged), or else change the employee's cell to it.
    Wish,
}

/// Chooses a move kind by fixed weights.
pub(crate) fn pick(rng: &mut Rng) -> Move {
    match rng.below(100) {
        0..=16 => Move::Change,
        17..=24 => Move::Wish,
        25..=37 => Move::Swap,
        38..=44 => Move::Weekend,
        45..=55 => Move::BlockSwap,
        56..=65 => Move::Shift,
        66..=71 => Move::Exchange,
        72..=77 => Move::Rotate,
        78..=84 => Move::BlockChange,
        85..=91 => Move::Run,
        _ => Move::Cover,
    }
}

/// Builds a random move of `kind` into `buf`, about the employee and day `at` (random ones if
/// `None`); false if none was found this time.
pub(crate) fn build(
    kind: Move,
    state: &State,
    dom: &Domain,
    rng: &mut Rng,
    buf: &mut Vec<Change>,
    at: Option<(EmployeeId, usize)>,
) -> bool {
    buf.clear();
    let inst = state.instance();
    let (n, days) = (inst.employees.len(), inst.days());
    let roster = state.roster();
    let (e, day) = at.unwrap_or_else(|| (EmployeeId(rng.below(n) as u16), rng.below(days)));
    match kind {
        Move::Change => {
            if !dom.is_free(e, day) {
                return false;
            }
            let cands = dom.candidates(e);
            let cell = match rng.below(cands.len() + 1) {
                0 => Cell::OFF,
                i => cands[i - 1],
            };
            if cell == roster.get(e, day) {
                return false;
            }
            buf.push(Change { e, day, cell });
        }
        Move::Swap => {
            let f = EmployeeId(rng.below(n) as u16);
            swap_day(dom, roster, e, f, day, buf);
        }
        Move::BlockSwap => {
            let f = EmployeeId(rng.below(n) as u16);
            let len = 2 + rng.below(6);
            for d in day..(day + len).min(days) {
                if !swap_day(dom, roster, e, f, d, buf) && !roster.get(e, d).eq(&roster.get(f, d)) {
                    buf.clear();
                    return false;
                }
            }
        }
        Move::BlockChange => {
            let cands = dom.candidates(e);
            let cell = match rng.below(cands.len() + 1) {
                0 => Cell::OFF,
                i => cands[i - 1],
            };
            let len = 2 + rng.below(4);
            for d in day..(day + len).min(days) {
                if dom.is_free(e, d) && roster.get(e, d) != cell {
                    buf.push(Change { e, day: d, cell });
                }
            }
        }
        Move::Run => {
            if rng.chance(0.5) {
                return flip_run(dom, roster, e, day, rng, buf);
            }
            let from = if rng.chance(0.5) { day.checked_sub(1) } else { Some(day + 1) };
            let Some(from) = from.filter(|&d| d < days) else { return false };
            let cell = roster.get(e, from);
            // The neighbour may be a locked pass this employee could not otherwise hold.
            if cell == roster.get(e, day) || !dom.is_free(e, day) || !dom.allows(e, cell) {
                return false;
            }
            buf.push(Change { e, day, cell });
        }
        Move::Rotate => {
            let len = 3 + rng.below(6);
            if day + len > days || (day..day + len).any(|d| !dom.is_free(e, d)) {
                return false;
            }
            let right = rng.chance(0.5);
            for i in 0..len {
                let from = if right { (i + len - 1) % len } else { (i + 1) % len };
                let cell = roster.get(e, day + from);
                if cell != roster.get(e, day + i) {
                    buf.push(Change { e, day: day + i, cell });
                }
            }
        }
        Move::Weekend => {
            // Horizons start on a Monday, so day 7k + 5 is a Saturday.
            let saturday = day / 7 * 7 + 5;
            if saturday + 1 >= days {
                return false;
            }
            let f = EmployeeId(rng.below(n) as u16);
            let weekday = rng.chance(0.5).then(|| day / 7 * 7 + rng.below(5));
            for d in [Some(saturday), Some(saturday + 1), weekday].into_iter().flatten() {
                if !swap_day(dom, roster, e, f, d, buf) && roster.get(e, d) != roster.get(f, d) {
                    buf.clear();
                    return false;
                }
            }
        }
        Move::Exchange => {
            let Some(to) = nearby(day, days, rng) else { return false };
            let (a, b) = (roster.get(e, day), roster.get(e, to));
            if a == b || !dom.is_free(e, day) || !dom.is_free(e, to) {
                return false;
            }
            buf.push(Change { e, day, cell: b });
            buf.push(Change { e, day: to, cell: a });
        }
        Move::Shift => {
            let cell = roster.get(e, day);
            let Some(to) = nearby(day, days, rng) else { return false };
            if !cell.is_work() || roster.get(e, to).is_work() || !dom.is_free(e, day) || !dom.is_free(e, to) {
                return false;
            }
            buf.push(Change { e, day, cell: Cell::OFF });
            buf.push(Change { e, day: to, cell });
        }
        Move::Wish => return grant_wish(state, dom, rng, buf),
        Move::Cover => {
            let nt = inst.tasks.len();
            let start = rng.below(nt);
            let short = (0..nt)
                .map(|i| crate::model::TaskId(((start + i) % nt) as u16))
                .find(|&t| state.cover_count(day, t) < inst.demand(day, t).target);
            let Some(t) = short else { return false };
            let cell = Cell::work(t, false);
            // A few tries to find an eligible, free employee.
            for _ in 0..8 {
                let e = EmployeeId(rng.below(n) as u16);
                if dom.allows(e, cell) && dom.is_free(e, day) && roster.get(e, day) != cell {
                    buf.push(Change { e, day, cell });
                    return true;
                }
            }
            return false;
        }
    }
    !buf.is_empty()
}

/// Builds a [`Move::Wish`]: picks a wish at random and, if it is not granted, swaps the day
/// with an employee whose cell grants it (found from a random place among everyone), or, half
/// the time or when nobody can swap, changes the cell to one that grants it.
fn grant_wish(state: &State, dom: &Domain, rng: &mut Rng, buf: &mut Vec<Change>) -> bool {
    let wishes = dom.wishes();
    if wishes.is_empty() {
        return false;
    }
    let inst = state.instance();
    let roster = state.roster();
    let (e, wish) = *rng.pick(wishes);
    let day = wish.day as usize;
    let grants = |c: Cell| wish.kind.granted_by(c.task().map(|t| inst.tasks[t.idx()].shift));
    if grants(roster.get(e, day)) {
        return false;
    }
    if rng.chance(0.5) {
        let n = inst.employees.len();
        let from = rng.below(n);
        for i in 0..n {
            let f = EmployeeId(((from + i) % n) as u16);
            if grants(roster.get(f, day)) && swap_day(dom, roster, e, f, day, buf) {
                return true;
            }
        }
    }
    // Change the cell: off, or a candidate that grants the wish.
    let cands = dom.candidates(e);
    let start = rng.below(cands.len() + 1);
    for i in 0..=cands.len() {
        let cell = match (start + i) % (cands.len() + 1) {
            0 => Cell::OFF,
            k => cands[k - 1],
        };
        if grants(cell) && !cell.is_resource() {
            buf.push(Change { e, day, cell });
            return true;
        }
    }
    false
}

/// Longest run [`Move::Run`] flips.
const SHORT_RUN: usize = 4;

/// Flips the run of work days (or days off) around `day` if it is short: work becomes off, and
/// off becomes the pass worked next to the run (or a random candidate). False if not possible.
fn flip_run(
    dom: &Domain,
    roster: &crate::Roster,
    e: EmployeeId,
    day: usize,
    rng: &mut Rng,
    buf: &mut Vec<Change>,
) -> bool {
    let days = roster.days();
    let work = roster.get(e, day).is_work();
    let (mut a, mut b) = (day, day);
    while a > 0 && roster.get(e, a - 1).is_work() == work && day - a < SHORT_RUN {
        a -= 1;
    }
    while b + 1 < days && roster.get(e, b + 1).is_work() == work && b - day < SHORT_RUN {
        b += 1;
    }
    if b - a + 1 > SHORT_RUN {
        return false;
    }
    let cell = if work {
        Cell::OFF
    } else {
        // The passes just before and after the run (no allocation: this is the hot path).
        let mut beside = [Cell::OFF; 2];
        let mut found = 0;
        for d in [a.checked_sub(1), Some(b + 1)].into_iter().flatten().filter(|&d| d < days) {
            let c = roster.get(e, d);
            if c.is_work() && dom.allows(e, c) {
                beside[found] = c;
                found += 1;
            }
        }
        match (found == 0, dom.candidates(e).is_empty()) {
            (false, _) => *rng.pick(&beside[..found]),
            (true, false) => *rng.pick(dom.candidates(e)),
            (true, true) => return false,
        }
    };
    for d in a..=b {
        if !dom.is_free(e, d) {
            buf.clear();
            return false;
        }
        buf.push(Change { e, day: d, cell });
    }
    true
}

/// Days a two-day move may span: far enough to reach the next week, near enough that
/// evaluating it stays cheap on year-long horizons (the rules are re-evaluated over the span).
const REACH: usize = 14;

/// Another day within [`REACH`] days of `day`, inside the horizon.
fn nearby(day: usize, days: usize, rng: &mut Rng) -> Option<usize> {
    let offset = 1 + rng.below(REACH);
    let to = if rng.chance(0.5) { day.checked_sub(offset) } else { Some(day + offset) };
    to.filter(|&d| d < days)
}

/// Pushes the swap of `e`'s and `f`'s cells on `day` if both may hold the other's; false if not.
fn swap_day(
    dom: &Domain,
    roster: &crate::Roster,
    e: EmployeeId,
    f: EmployeeId,
    day: usize,
    buf: &mut Vec<Change>,
) -> bool {
    let (a, b) = (roster.get(e, day), roster.get(f, day));
    if e == f || a == b || !dom.is_free(e, day) || !dom.is_free(f, day) || !dom.allows(e, b) || !dom.allows(f, a) {
        return false;
    }
    buf.push(Change { e, day, cell: b });
    buf.push(Change { e: f, day, cell: a });
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::random_instance;

    const ALL: [Move; 11] = [
        Move::Change,
        Move::Swap,
        Move::BlockSwap,
        Move::Shift,
        Move::Cover,
        Move::BlockChange,
        Move::Run,
        Move::Rotate,
        Move::Weekend,
        Move::Exchange,
        Move::Wish,
    ];

    /// A state on a random roster of `inst` (random single-cell changes, whatever they cost).
    fn scrambled<'a>(inst: &'a crate::model::Instance, dom: &Domain, rng: &mut Rng) -> State<'a> {
        let mut state = State::new(inst, dom.seed_roster(inst));
        let mut buf = Vec::new();
        for _ in 0..inst.employees.len() * inst.days() {
            if build(Move::Change, &state, dom, rng, &mut buf, None) {
                state.apply(&buf);
            }
        }
        state
    }

    #[test]
    fn every_move_changes_only_free_cells_to_allowed_cells_once_each() {
        let mut rng = Rng::new(4);
        for _ in 0..6 {
            let inst = random_instance(&mut rng);
            let dom = Domain::new(&inst);
            let state = scrambled(&inst, &dom, &mut rng);
            let mut buf = Vec::new();
            for kind in ALL {
                for _ in 0..300 {
                    if !build(kind, &state, &dom, &mut rng, &mut buf, None) {
                        continue;
                    }
                    for (i, c) in buf.iter().enumerate() {
                        assert!(dom.is_free(c.e, c.day), "{kind:?} changes a fixed cell");
                        assert!(dom.allows(c.e, c.cell), "{kind:?} assigns a barred cell");
                        let twice = buf[..i].iter().any(|b| (b.e, b.day) == (c.e, c.day));
                        assert!(!twice, "{kind:?} changes a cell twice");
                    }
                }
            }
        }
    }

    #[test]
    fn a_wish_move_grants_a_wish_not_granted_before_and_a_swap_keeps_the_days_cover() {
        let mut rng = Rng::new(9);
        let mut built = 0;
        for _ in 0..6 {
            let inst = random_instance(&mut rng);
            let dom = Domain::new(&inst);
            let state = scrambled(&inst, &dom, &mut rng);
            let shift = |c: Cell| c.task().map(|t| inst.tasks[t.idx()].shift);
            let mut buf = Vec::new();
            for _ in 0..300 {
                if !build(Move::Wish, &state, &dom, &mut rng, &mut buf, None) {
                    continue;
                }
                built += 1;
                let first = buf[0];
                let (old, new) = (state.roster().get(first.e, first.day), first.cell);
                let granted = inst.employees[first.e.idx()]
                    .wishes
                    .iter()
                    .filter(|w| w.day as usize == first.day)
                    .any(|w| w.kind.granted_by(shift(new)) && !w.kind.granted_by(shift(old)));
                assert!(granted, "no wish granted by {first:?}");
                match buf[..] {
                    [_] => {}
                    [a, b] => {
                        // A swap: the other takes the first's old cell on the same day.
                        assert_eq!((b.day, b.cell, state.roster().get(b.e, b.day)), (a.day, old, a.cell));
                    }
                    _ => panic!("a wish move changes at most two cells"),
                }
            }
        }
        assert!(built > 50, "only {built} wish moves built");
    }

    #[test]
    fn a_move_aimed_at_a_place_changes_that_place() {
        let mut rng = Rng::new(6);
        let inst = random_instance(&mut rng);
        let dom = Domain::new(&inst);
        let state = scrambled(&inst, &dom, &mut rng);
        let mut buf = Vec::new();
        let mut built = 0;
        for _ in 0..500 {
            let at = (EmployeeId(rng.below(inst.employees.len()) as u16), rng.below(inst.days()));
            for kind in [Move::Change, Move::Exchange, Move::BlockChange] {
                if build(kind, &state, &dom, &mut rng, &mut buf, Some(at)) {
                    built += 1;
                    assert!(buf.iter().all(|c| c.e == at.0), "{kind:?} changes another employee");
                    assert!(buf.iter().any(|c| c.day == at.1) || kind == Move::BlockChange, "{kind:?} misses the day");
                    assert!(buf.iter().all(|c| c.day >= at.1) || kind != Move::BlockChange);
                }
            }
        }
        assert!(built > 0);
    }
}
