//! The score of a roster: hard penalty first, then soft cost, compared lexicographically.

use std::fmt;
use std::ops::{Add, AddAssign, Sub};

use crate::rules::Term;

/// Hard penalty and soft cost. Lower is better; any hard penalty outranks any soft cost
/// (the derived ordering compares `hard` first).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score {
    /// Sum of the units of hard breaches (started hours, days, passes): 0 means feasible.
    pub hard: i64,
    /// Sum of weight × units of soft terms.
    pub soft: i64,
}

impl Score {
    /// The zero score.
    pub const ZERO: Score = Score { hard: 0, soft: 0 };

    /// Whether no hard rule is broken.
    pub fn is_feasible(&self) -> bool {
        self.hard == 0
    }

    /// Adds a term's contribution.
    #[inline]
    pub fn add_term(&mut self, t: &Term) {
        self.hard += t.hard();
        self.soft += t.soft();
    }
}

impl Add for Score {
    type Output = Score;
    fn add(self, o: Score) -> Score {
        Score { hard: self.hard + o.hard, soft: self.soft + o.soft }
    }
}

impl AddAssign for Score {
    fn add_assign(&mut self, o: Score) {
        self.hard += o.hard;
        self.soft += o.soft;
    }
}

impl Sub for Score {
    type Output = Score;
    fn sub(self, o: Score) -> Score {
        Score { hard: self.hard - o.hard, soft: self.soft - o.soft }
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}hard/{}soft", self.hard, self.soft)
    }
}
