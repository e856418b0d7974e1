//! One search worker: simulated annealing over the move set, keeping its best roster.
//!
//! The annealer minimises `hard × hard_weight + soft`, so it may cross infeasible ground but
//! pays heavily for it. Temperatures fall geometrically over a cycle of steps; the schedule
//! depends only on the step count, so a worker with a given seed follows the same path
//! whatever the machine's speed. While its roster breaks hard rules, half its moves are aimed
//! at the breaches ([`focus`](crate::solver::focus)). Every thousand steps or more (more where
//! a line space costs more to price) one step re-plans a whole line instead
//! ([`replan`](crate::solver::replan)), aimed like the others.

use crate::eval::{Change, Score, State};
use crate::model::{EmployeeId, Instance, Roster};
use crate::rng::Rng;
use crate::solver::domain::Domain;
use crate::solver::focus::Focus;
use crate::solver::replan::Lines;
use crate::solver::{moves, weighted};

/// A search worker.
pub(crate) struct Worker<'a> {
    pub(crate) state: State<'a>,
    dom: &'a Domain,
    lines: &'a Lines,
    pub(crate) rng: Rng,
    buf: Vec<Change>,
    hard_weight: i64,
    best: Score,
    best_roster: Roster,
    /// Whether the current roster is the best one (so `best_roster` may be stale until we leave it).
    at_best: bool,
    /// Moves evaluated.
    pub(crate) moves: u64,
    /// The hard breaches of the current roster as last looked at (empty once it is feasible).
    focus: Focus,
}

impl<'a> Worker<'a> {
    pub(crate) fn new(
        inst: &'a Instance,
        dom: &'a Domain,
        lines: &'a Lines,
        roster: Roster,
        rng: Rng,
        hard_weight: i64,
    ) -> Self {
        let state = State::new(inst, roster.clone());
        let best = state.score();
        Worker {
            state,
            dom,
            lines,
            rng,
            buf: Vec::new(),
            hard_weight,
            best,
            best_roster: roster,
            at_best: true,
            moves: 0,
            focus: Focus::default(),
        }
    }

    /// Sets the weight of a unit of hard penalty for the next cycles.
    pub(crate) fn set_hard_weight(&mut self, weight: i64) {
        self.hard_weight = weight;
    }

    /// The best score seen.
    pub(crate) fn best_score(&self) -> Score {
        self.best
    }

    /// The best roster seen.
    pub(crate) fn best_roster(&mut self) -> &Roster {
        if self.at_best {
            self.best_roster.clone_from(self.state.roster());
        }
        &self.best_roster
    }

    /// Continues from another roster (a shared best, or a perturbed one).
    pub(crate) fn restart_from(&mut self, roster: &Roster) {
        let inst = self.state.instance();
        self.best_roster();
        self.state = State::new(inst, roster.clone());
        self.note_current();
    }

    fn note_current(&mut self) {
        let s = self.state.score();
        if s < self.best {
            self.best = s;
            self.at_best = true;
        } else {
            self.at_best = self.at_best && s == self.best;
        }
    }

    /// Greedy insertion into the current roster (see [`construct`](crate::solver::construct)).
    pub(crate) fn construct(&mut self) {
        let inst = self.state.instance();
        let relaxed = crate::solver::construct::relaxed(inst);
        let mut draft = State::new(&relaxed, self.state.roster().clone());
        crate::solver::construct::greedy(&mut draft, self.dom, &mut self.rng, self.hard_weight);
        self.state = State::new(inst, draft.roster().clone());
        crate::solver::construct::fill_band(&mut self.state, &mut draft, self.dom, &mut self.rng, self.hard_weight);
        self.best = self.state.score();
        self.at_best = true;
    }

    /// The size of a typical uphill move around the current roster, to scale temperatures: the
    /// mean weighted cost of up to [`UPHILL_SAMPLES`] random moves that cost more than nothing
    /// but less than a unit of hard penalty (drawn from at most [`UPHILL_TRIES`] moves), times
    /// [`UPHILL_SHARE`]; at least 1.
    ///
    /// On tightly constrained rosters only a few moves in a hundred are such soft uphill moves,
    /// and their costs cluster at very different sizes (a request of weight 1, a cover slot of
    /// weight 100), so a small sample or a low quantile swings by a factor of a hundred from
    /// one seed to the next. The mean of a few hundred does not.
    pub(crate) fn typical_uphill(&mut self) -> f64 {
        let (mut sum, mut found) = (0i64, 0usize);
        for _ in 0..UPHILL_TRIES {
            if found == UPHILL_SAMPLES {
                break;
            }
            let kind = moves::pick(&mut self.rng);
            if moves::build(kind, &self.state, self.dom, &mut self.rng, &mut self.buf, None) {
                let d = weighted(self.state.delta(&self.buf), self.hard_weight);
                if d > 0 && d < self.hard_weight {
                    (sum, found) = (sum + d, found + 1);
                }
            }
        }
        if found == 0 {
            return 1.0;
        }
        (UPHILL_SHARE * sum as f64 / found as f64).max(1.0)
    }

    /// Runs up to `steps` annealing steps from temperature `t0` down to `t1`; `stop` is asked
    /// every 1,024 steps, given the steps done and the best score. Returns the steps done.
    pub(crate) fn anneal(&mut self, steps: u64, t0: f64, t1: f64, stop: &mut impl FnMut(u64, Score) -> bool) -> u64 {
        let alpha = (t1 / t0).powf(1.0 / steps.max(1) as f64);
        let mut t = t0;
        let mut done = 0;
        // A whole line is re-planned now and then (see `replan`), first after a short while.
        let mut replan_at = FIRST_REPLAN;
        while done < steps {
            if done % 1024 == 0 && stop(done, self.best) {
                break;
            }
            if done % FOCUS_EVERY == 0 {
                self.refocus();
            }
            done += 1;
            t *= alpha;
            let kind = moves::pick(&mut self.rng);
            let employees = self.state.instance().employees.len();
            let at = if !self.focus.is_empty() && self.rng.chance(FOCUS_SHARE) {
                self.focus.place(employees, &mut self.rng)
            } else {
                None
            };
            let built = if done >= replan_at {
                let e = at.map_or_else(|| EmployeeId(self.rng.below(employees) as u16), |(e, _)| e);
                let built = self.lines.replan(&self.state, self.dom, e, &mut self.buf);
                replan_at = done + self.lines.pause(e);
                built
            } else {
                moves::build(kind, &self.state, self.dom, &mut self.rng, &mut self.buf, at)
            };
            if !built {
                continue;
            }
            self.moves += 1;
            let delta = self.state.delta(&self.buf);
            let d = weighted(delta, self.hard_weight);
            if d <= 0 || self.rng.unit() < (-(d as f64) / t).exp() {
                let new = self.state.score() + delta;
                if self.at_best && new > self.best {
                    // Leaving the best roster: keep a copy of it first.
                    self.best_roster.clone_from(self.state.roster());
                    self.at_best = false;
                }
                self.state.apply(&self.buf);
                if new < self.best {
                    self.best = new;
                    self.at_best = true;
                }
            }
        }
        done
    }

    /// Looks again at where the current roster breaks hard rules (nowhere, if it breaks none).
    fn refocus(&mut self) {
        self.focus = if self.state.score().is_feasible() {
            Focus::default()
        } else {
            Focus::of(self.state.instance(), self.state.roster())
        };
    }
}

/// Soft uphill moves whose mean sets the temperature scale.
const UPHILL_SAMPLES: usize = 400;
/// Moves drawn at most to find them.
const UPHILL_TRIES: usize = 100_000;
/// The temperature scale as a share of the mean soft uphill move. Measured on Curtois–Qu
/// Instances 1, 2 and 4–9 (BENCHMARKS.md, *Temperature scale*): a fifth of the mean (about 30
/// there) beats both a twentieth and two thirds of it.
const UPHILL_SHARE: f64 = 0.2;

/// Steps of a cycle before its first re-plan of a whole line ([`replan`](crate::solver::replan));
/// later ones follow at [`Lines::pause`] intervals.
const FIRST_REPLAN: u64 = 1 << 12;

/// Steps between two looks at where the current roster breaks hard rules (a full evaluation,
/// so rare enough to cost little even on year-long horizons).
const FOCUS_EVERY: u64 = 1 << 16;
/// Share of moves aimed at a hard breach while the current roster has any.
const FOCUS_SHARE: f64 = 0.5;
