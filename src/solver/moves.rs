//! The move set: each move writes the [`Change`]s it would make into a buffer, or declines.
//!
//! - change one cell (a pass, another pass, a resource shift, or off);
//! - swap the cells of two employees on a day, or over a block of days;
//! - move one of an employee's passes to a day they are off;
//! - cover-directed: give an under-covered task of a day to an eligible employee.

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
    /// Move a pass of one employee to one of their days off.
    Shift,
    /// Put someone on an under-covered task.
    Cover,
}

/// Chooses a move kind by fixed weights.
pub(crate) fn pick(rng: &mut Rng) -> Move {
    match rng.below(100) {
        0..=34 => Move::Change,
        35..=59 => Move::Swap,
        60..=74 => Move::BlockSwap,
        75..=89 => Move::Shift,
        _ => Move::Cover,
    }
}

/// Builds a random move of `kind` into `buf`; false if none was found this time.
pub(crate) fn build(kind: Move, state: &State, dom: &Domain, rng: &mut Rng, buf: &mut Vec<Change>) -> bool {
    buf.clear();
    let inst = state.instance();
    let (n, days) = (inst.employees.len(), inst.days());
    let roster = state.roster();
    let e = EmployeeId(rng.below(n) as u16);
    let day = rng.below(days);
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
        Move::Shift => {
            let cell = roster.get(e, day);
            let to = rng.below(days);
            if !cell.is_work() || roster.get(e, to).is_work() || !dom.is_free(e, day) || !dom.is_free(e, to) {
                return false;
            }
            buf.push(Change { e, day, cell: Cell::OFF });
            buf.push(Change { e, day: to, cell });
        }
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
