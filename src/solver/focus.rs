//! Where the roster breaks hard rules, so that moves can be aimed there while a worker has no
//! feasible roster. On a year-long horizon a move at a random employee and day rarely lands on
//! one of the few cells a remaining breach is about; aimed moves try those cells far more often.

use crate::eval::for_each_term;
use crate::model::{EmployeeId, Instance, Roster};
use crate::rng::Rng;
use crate::rules::Detail;

/// One hard breach: whose line (or `None` for cover, which anyone may fix) and which days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Spot {
    e: Option<EmployeeId>,
    first: usize,
    last: usize,
}

/// The hard breaches of a roster, as places to aim moves at.
#[derive(Clone, Debug, Default)]
pub(crate) struct Focus {
    spots: Vec<Spot>,
}

impl Focus {
    /// The hard breaches of `roster` (none if it is feasible).
    pub(crate) fn of(inst: &Instance, roster: &Roster) -> Self {
        let days = inst.days();
        let mut spots = Vec::new();
        for_each_term(inst, roster, &mut |e, term| {
            if term.hard() > 0 {
                let (first, last) = days_of(&term.detail, days);
                spots.push(Spot { e, first, last });
            }
        });
        Focus { spots }
    }

    /// Whether there is nothing to aim at.
    pub(crate) fn is_empty(&self) -> bool {
        self.spots.is_empty()
    }

    /// An employee and day at a random breach: the breach's employee (any for cover) and a
    /// day of its span.
    pub(crate) fn place(&self, employees: usize, rng: &mut Rng) -> Option<(EmployeeId, usize)> {
        if self.spots.is_empty() {
            return None;
        }
        let s = self.spots[rng.below(self.spots.len())];
        let e = s.e.unwrap_or_else(|| EmployeeId(rng.below(employees) as u16));
        Some((e, s.first + rng.below(s.last - s.first + 1)))
    }
}

/// The first and last day of the horizon a breach is about (the whole horizon when it is about
/// a count over the period or over weekends), clamped to the horizon of `days` days.
fn days_of(detail: &Detail, days: usize) -> (usize, usize) {
    let last = days.saturating_sub(1) as i64;
    let (a, b): (i64, i64) = match *detail {
        Detail::Rest { from_day, to_day, .. } => (from_day.into(), to_day.into()),
        Detail::WeekRest { week, .. } => (7 * week as i64, 7 * week as i64 + 6),
        Detail::Minutes { day, days, .. } => (day.into(), i64::from(day) + i64::from(days) - 1),
        Detail::Run { first, len, .. } => (first.into(), i64::from(first) + i64::from(len) - 1),
        Detail::Succession { day, .. } => (i64::from(day) - 1, day.into()),
        Detail::Cell { day, .. } => (day.into(), day.into()),
        Detail::Cover { day, .. } => (day as i64, day as i64),
        Detail::Wish { .. } | Detail::Weekends { .. } | Detail::PartWeekend { .. } | Detail::ShiftCount { .. } => {
            (0, last)
        }
    };
    let (a, b) = (a.clamp(0, last), b.clamp(0, last));
    (a.min(b) as usize, a.max(b) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, ShiftId};
    use crate::rules::testkit::Kit;

    #[test]
    fn a_breach_s_days_are_clamped_to_the_horizon() {
        let run = |first, len| Detail::Run { first, len, limit: 6 };
        // Four days of history and three in the horizon.
        assert_eq!(days_of(&run(-4, 7), 14), (0, 2));
        // A run to the end of the horizon.
        assert_eq!(days_of(&run(10, 8), 14), (10, 13));
        let (d, n) = (ShiftId(0), ShiftId(2));
        let rest = Detail::Rest { from_day: 3, from: n, to_day: 4, to: d, gap: 600, required: 660 };
        assert_eq!(days_of(&rest, 14), (3, 4));
        assert_eq!(days_of(&Detail::Succession { day: 0, from: n, to: d }, 14), (0, 0));
        assert_eq!(days_of(&Detail::Succession { day: 9, from: n, to: d }, 14), (8, 9));
        assert_eq!(days_of(&Detail::WeekRest { week: 1, longest: 0, required: 2160 }, 14), (7, 13));
        assert_eq!(days_of(&Detail::Minutes { day: 7, days: 7, actual: 0, limit: 0 }, 14), (7, 13));
        assert_eq!(days_of(&Detail::ShiftCount { shift: d, count: 9, limit: 8 }, 14), (0, 13));
        assert_eq!(days_of(&Detail::Cell { day: 13, cell: Cell::OFF }, 14), (13, 13));
    }

    #[test]
    fn moves_are_aimed_at_the_days_of_the_breaches_and_nowhere_on_a_feasible_roster() {
        let k = Kit::swedish();
        let inst = k.instance(14);
        let mut roster = Roster::empty(&inst);
        assert!(Focus::of(&inst, &roster).is_empty());
        assert_eq!(Focus::of(&inst, &roster).place(1, &mut Rng::new(1)), None);
        // Eight day passes in a row: too many days in a row, too little weekly rest and too
        // many hours in week 0; all about days 0–7.
        let dag = Cell::work(crate::model::TaskId(0), false);
        for d in 0..8 {
            roster.set(EmployeeId(0), d, dag);
        }
        let focus = Focus::of(&inst, &roster);
        assert!(!focus.is_empty());
        let mut rng = Rng::new(2);
        for _ in 0..200 {
            let (e, day) = focus.place(1, &mut rng).unwrap();
            assert_eq!(e, EmployeeId(0));
            assert!(day <= 7, "aimed at day {day}");
        }
    }
}
