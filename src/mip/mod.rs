//! An exact model of the roster problem as a mixed-integer program (good_lp), to prove optima
//! and lower bounds on small instances and to re-optimise a window of a roster exactly.
//!
//! **Variables.** A binary `x[e,d,c]` for every employee, day and candidate cell of the search
//! [`Domain`](crate::solver::Domain) (eligible tasks, their resource variants), at most one per
//! (employee, day); cells the domain fixes (hard absences and locks) and history are constants.
//! Every rule reads the same parameters as the engine ([`Contract`](crate::model::Contract),
//! [`GlobalRules`](crate::model::GlobalRules)). A hard rule is a constraint; a soft rule adds
//! `weight × units` through penalty variables bounded below so that, at the optimum, each equals
//! the engine's units. So the MIP's optimal objective is [`crate::eval::score`]'s soft cost of
//! its roster, and no hard term is broken.
//!
//! **Rules and their linear forms.**
//! * per cell (lock, absence, eligibility, travel, resource cost, wishes): costs on `x`;
//!   a cell breaking a hard one is excluded;
//! * cover: count of regular passes per day and task, penalties for min / under / over;
//! * dygnsvila: from real pass instants per day pair (DST included), every pair of shift types
//!   on consecutive days — or two days apart with a day off between — whose gap is short is
//!   forbidden (hard) or priced in started hours missing (soft);
//! * veckovila: a week's longest rest starts at the week's start or at the end of a pass, so
//!   one candidate stretch per such start; hard: some candidate has no blocking pass worked
//!   (continuous choice variables suffice); soft: a binary picks the candidate whose missing
//!   started hours price the week;
//! * max daily work, weekly cap, weekly spread, contract band, hours deviation, night work:
//!   sums of paid minutes; started hours over as integer `h` with `60 h ≥ minutes over` (exact
//!   at the optimum);
//! * max consecutive days: one window of `k + 1` days per start (history included, windows in
//!   history stretched to day 0); min consecutive days / days off: one pattern per start and
//!   short length, with the Curtois–Qu edge exemption (unless `strict_edges`);
//! * forbidden successions, max shifts per type, max weekends per window (a touched indicator
//!   per weekend), whole weekends.
//!
//! No rule is omitted. The one case without an exact form is a soft contract band with
//! `min > max`, which validation rejects. **Bounds**: the model is exact, so the MIP's proven
//! bound and its LP relaxation's optimum are valid lower bounds on the soft cost of every roster
//! without hard breaches. The roster a solve returns is always scored by the engine as well.
//! A second bound that keeps the rounding of hours to whole passes, the
//! [counting bound](counting_bound), raises the LP's where cost is mostly hours (see `counting`).

mod backend;
mod build;
mod cells;
mod columns;
mod counting;
mod cover;
mod exact;
mod formulation;
mod hours;
mod repair;
mod rest;
mod sequences;
mod weekends;

#[cfg(test)]
mod tests;

use std::time::Duration;

pub(crate) use columns::Pool as ColumnPool;
pub use counting::counting_bound;
#[cfg(test)]
use counting::counting_bound_within;
pub(crate) use counting::{Counting, Limits, LineSpace, SCALE as LINE_SCALE};
pub(crate) use exact::COUNTING_TIME;
pub use exact::{lower_bound, lower_bound_cost, lp_bound, solve_exact};
pub use repair::repair;

use crate::{Roster, Score};

/// The MIP solver behind good_lp.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Backend {
    /// microlp: pure Rust, always built.
    MicroLp,
    /// HiGHS (feature `highs`): a C++ solver, much faster on larger models.
    #[cfg(feature = "highs")]
    Highs,
}

impl Default for Backend {
    /// HiGHS when built in, else microlp.
    fn default() -> Self {
        #[cfg(feature = "highs")]
        return Backend::Highs;
        #[cfg(not(feature = "highs"))]
        Backend::MicroLp
    }
}

impl Backend {
    /// The solver's name, for reports.
    pub fn name(self) -> &'static str {
        match self {
            Backend::MicroLp => "microlp",
            #[cfg(feature = "highs")]
            Backend::Highs => "HiGHS",
        }
    }
}

/// Options of [`solve_exact`].
#[derive(Clone, Debug, Default)]
pub struct ExactOptions {
    /// Stop after this long and keep the best roster found (`None`: until proven).
    pub time_limit: Option<Duration>,
    /// The MIP solver.
    pub backend: Backend,
    /// A roster to start from (e.g. the search's best): the solver keeps it until it finds a
    /// better one, so a roster comes back even when the proof runs out of time.
    pub start: Option<Roster>,
    /// A lower bound already proven (e.g. [`counting_bound`] against the start roster): the
    /// counting bound is then not computed again.
    pub known_bound: Option<i64>,
}

/// How far a solve got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// The roster is proven optimal.
    Optimal,
    /// A roster without hard breaches, not proven optimal.
    Feasible,
    /// Proven: every roster breaks a hard rule.
    Infeasible,
    /// Stopped (time limit or solver failure) without a roster.
    Unknown,
}

impl Status {
    /// Lower-case name, for reports.
    pub fn name(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::Feasible => "feasible",
            Status::Infeasible => "infeasible",
            Status::Unknown => "unknown",
        }
    }
}

/// What [`solve_exact`] found.
#[derive(Clone, Debug)]
pub struct ExactResult {
    /// The best roster found, if any.
    pub roster: Option<Roster>,
    /// The MIP's objective for that roster (equal to its soft score when optimal).
    pub objective: Option<i64>,
    /// A proven lower bound on the soft cost of every roster without hard breaches.
    pub bound: Option<i64>,
    /// How far the solve got.
    pub status: Status,
    /// Relative gap `(objective − bound) / max(1, objective)`, when both are known.
    pub gap: Option<f64>,
    /// The engine's score of the roster: the oracle the objective is checked against.
    pub score: Option<Score>,
}
