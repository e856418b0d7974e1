//! Incremental evaluation: the score change of a move, computed from the few days it touches.
//!
//! A move is a list of [`Change`]s. For each employee it touches, the windowed rules are
//! evaluated over the changed days (plus the neighbourhood each rule reads) before and after,
//! and the totals-based rules from [`Aggregates`] kept up to date; cover is re-priced for the
//! (day, task) pairs whose count changes. Nothing depends on the number of employees or days.

use crate::eval::full::{cover_counts, score};
use crate::eval::Score;
use crate::model::{Cell, Day, EmployeeId, Instance, Roster, ShiftId, TaskId};
use crate::rules::{aggregate_terms_touching, cover_terms, weekends_touching, window_terms, Aggregates, Line};

/// Set one cell of the roster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    /// Whose line.
    pub e: EmployeeId,
    /// Which day.
    pub day: usize,
    /// The new cell.
    pub cell: Cell,
}

/// A roster with its score and the counters that make moves cheap to evaluate.
#[derive(Clone, Debug)]
pub struct State<'a> {
    inst: &'a Instance,
    roster: Roster,
    aggs: Vec<Aggregates>,
    cover: Vec<u16>,
    score: Score,
    // Scratch space, reused between calls.
    touched: Vec<(EmployeeId, Day, Day)>,
    pairs: Vec<(usize, TaskId)>,
    undo: Vec<Change>,
    shifts: Vec<ShiftId>,
}

impl<'a> State<'a> {
    /// Builds the state of a roster (a full evaluation).
    pub fn new(inst: &'a Instance, roster: Roster) -> Self {
        let aggs = (0..inst.employees.len())
            .map(|e| Aggregates::of(&Line::new(inst, &roster, EmployeeId(e as u16))))
            .collect();
        let cover = cover_counts(inst, &roster);
        let score = score(inst, &roster);
        State {
            inst,
            roster,
            aggs,
            cover,
            score,
            touched: Vec::new(),
            pairs: Vec::new(),
            undo: Vec::new(),
            shifts: Vec::new(),
        }
    }

    /// The instance.
    pub fn instance(&self) -> &'a Instance {
        self.inst
    }

    /// The current roster.
    pub fn roster(&self) -> &Roster {
        &self.roster
    }

    /// The current score.
    pub fn score(&self) -> Score {
        self.score
    }

    /// Paid minutes currently scheduled for an employee.
    pub fn paid_minutes(&self, e: EmployeeId) -> i32 {
        self.aggs[e.idx()].paid
    }

    /// Regular passes of a task on a day.
    pub fn cover_count(&self, day: usize, task: TaskId) -> u16 {
        self.cover[day * self.inst.tasks.len() + task.idx()]
    }

    /// The score change the changes would make; the state is left as it was.
    pub fn delta(&mut self, changes: &[Change]) -> Score {
        let d = self.apply_inner(changes);
        let undo = std::mem::take(&mut self.undo);
        self.write(&undo);
        self.undo = undo;
        self.undo.clear();
        d
    }

    /// Makes the changes and returns the new score.
    pub fn apply(&mut self, changes: &[Change]) -> Score {
        let d = self.apply_inner(changes);
        self.undo.clear();
        self.score += d;
        self.score
    }

    /// Applies the changes, remembering in `undo` how to revert them; returns the score change.
    fn apply_inner(&mut self, changes: &[Change]) -> Score {
        self.collect_touched(changes);
        let before = self.local_cost(changes);
        self.undo.clear();
        for c in changes.iter().rev() {
            self.undo.push(Change { cell: self.roster.get(c.e, c.day), ..*c });
        }
        self.write(changes);
        let after = self.local_cost(changes);
        after - before
    }

    /// Writes cells, keeping aggregates and cover counts in step.
    fn write(&mut self, changes: &[Change]) {
        let inst = self.inst;
        let nt = inst.tasks.len();
        for c in changes {
            let old = self.roster.get(c.e, c.day);
            if old == c.cell {
                continue;
            }
            let agg = &mut self.aggs[c.e.idx()];
            agg.add(inst, c.day as Day, old, -1);
            agg.add(inst, c.day as Day, c.cell, 1);
            if let (Some(t), false) = (old.task(), old.is_resource()) {
                self.cover[c.day * nt + t.idx()] -= 1;
            }
            if let (Some(t), false) = (c.cell.task(), c.cell.is_resource()) {
                self.cover[c.day * nt + t.idx()] += 1;
            }
            self.roster.set(c.e, c.day, c.cell);
        }
    }

    /// Groups the changes by employee into day windows, and lists the cover pairs and shift
    /// types they can affect (before or after).
    fn collect_touched(&mut self, changes: &[Change]) {
        self.touched.clear();
        self.pairs.clear();
        self.shifts.clear();
        for c in changes {
            let day = c.day as Day;
            match self.touched.iter_mut().find(|(e, _, _)| *e == c.e) {
                Some((_, lo, hi)) => {
                    *lo = (*lo).min(day);
                    *hi = (*hi).max(day);
                }
                None => self.touched.push((c.e, day, day)),
            }
            for cell in [self.roster.get(c.e, c.day), c.cell] {
                if let Some(t) = cell.task() {
                    if !self.pairs.contains(&(c.day, t)) {
                        self.pairs.push((c.day, t));
                    }
                    let s = self.inst.tasks[t.idx()].shift;
                    if !self.shifts.contains(&s) {
                        self.shifts.push(s);
                    }
                }
            }
        }
    }

    /// Cost of every term the changes can affect, in the current roster.
    fn local_cost(&self, _changes: &[Change]) -> Score {
        let inst = self.inst;
        let mut s = Score::ZERO;
        let mut add = |t: crate::rules::Term| s.add_term(&t);
        for &(e, lo, hi) in &self.touched {
            let line = Line::new(inst, &self.roster, e);
            window_terms(&line, lo, hi, &mut add);
            let wk = weekends_touching(inst, lo, hi);
            aggregate_terms_touching(&line, &self.aggs[e.idx()], &self.shifts, wk, &mut add);
        }
        for &(day, t) in &self.pairs {
            cover_terms(inst, day, t, self.cover_count(day, t), &mut add);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;
    use crate::rules::testkit::random_instance;

    fn random_cell(inst: &Instance, rng: &mut Rng) -> Cell {
        if rng.chance(0.3) {
            Cell::OFF
        } else {
            Cell::work(TaskId(rng.below(inst.tasks.len()) as u16), rng.chance(0.2))
        }
    }

    /// Over 10,000+ random moves on random instances, the incremental score equals a full
    /// recomputation after every move, and `delta` leaves the state as it was.
    #[test]
    fn incremental_score_equals_full_recomputation() {
        let mut rng = Rng::new(2027);
        let mut moves = 0;
        for _ in 0..60 {
            let inst = random_instance(&mut rng);
            let mut roster = Roster::empty(&inst);
            for e in 0..inst.employees.len() {
                for d in 0..inst.days() {
                    roster.set(EmployeeId(e as u16), d, random_cell(&inst, &mut rng));
                }
            }
            let mut state = State::new(&inst, roster);
            for _ in 0..200 {
                let n = 1 + rng.below(4);
                let changes: Vec<Change> = (0..n)
                    .map(|_| Change {
                        e: EmployeeId(rng.below(inst.employees.len()) as u16),
                        day: rng.below(inst.days()),
                        cell: random_cell(&inst, &mut rng),
                    })
                    .collect();
                let before = state.roster().clone();
                let predicted = state.score() + state.delta(&changes);
                assert_eq!(state.roster(), &before, "delta must not change the roster");
                let after = state.apply(&changes);
                assert_eq!(after, predicted);
                assert_eq!(after, score(&inst, state.roster()), "after {changes:?}");
                moves += 1;
            }
        }
        assert!(moves >= 10_000);
    }
}
