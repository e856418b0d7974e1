//! Rule parameters as resolved for one employee (their contract), and how hard each rule is.
//!
//! An instance states defaults (domain.md §3–§5), contract groups override them, and validation
//! resolves the result per employee into a [`Contract`]. A rule that is `None` is switched off.

use crate::model::Minute;

/// How a rule counts: a hard rule must hold; a soft rule costs `weight` per unit of breach.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Level {
    /// Must hold; a breach makes the roster infeasible.
    Hard,
    /// May be broken at `weight` per unit (per hour, day, pass, ... as the rule states).
    Soft(u32),
}

/// A rule's parameter together with its level.
#[derive(Clone, Debug, PartialEq)]
pub struct Limit<P> {
    /// The rule's parameter (a duration, a count, ...).
    pub value: P,
    /// Hard, or soft with a weight.
    pub level: Level,
}

impl<P> Limit<P> {
    /// A hard limit.
    pub fn hard(value: P) -> Self {
        Limit { value, level: Level::Hard }
    }
    /// A soft limit costing `weight` per unit of breach.
    pub fn soft(value: P, weight: u32) -> Self {
        Limit { value, level: Level::Soft(weight) }
    }
}

/// Bounds on the paid minutes of the whole schedule period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MinutesBand {
    /// Fewest paid minutes allowed.
    pub min: Minute,
    /// Most paid minutes allowed.
    pub max: Minute,
}

/// At most `max` worked weekends in any `window` consecutive weekends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeekendLimit {
    /// Most weekends worked in a window.
    pub max: u16,
    /// Window length in weekends; a window at least as long as the horizon means "in total".
    pub window: u16,
}

/// Every rule that applies to one employee's line of passes, resolved from the instance's
/// defaults and the employee's contract group.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Contract {
    /// Dygnsvila: minimum rest in minutes between the end of one pass and the start of the next.
    pub daily_rest: Option<Limit<Minute>>,
    /// Veckovila: minimum consecutive minutes off inside every fixed 7-day period.
    pub weekly_rest: Option<Limit<Minute>>,
    /// Most minutes of work in any 24-hour period counted from the employee's dygnsbryt.
    pub max_daily_work: Option<Limit<Minute>>,
    /// Most paid minutes in any fixed 7-day period (total-time cap, 48 h).
    pub max_weekly_work: Option<Limit<Minute>>,
    /// Most working days in a row.
    pub max_consecutive_days: Option<Limit<u16>>,
    /// Fewest working days in a row (runs touching an unknown horizon edge are exempt).
    pub min_consecutive_days: Option<Limit<u16>>,
    /// Fewest days off in a row (runs touching an unknown horizon edge are exempt).
    pub min_consecutive_days_off: Option<Limit<u16>>,
    /// Hard band on the period's paid minutes (target ± carry-over, or a benchmark's min/max).
    pub contract_minutes: Option<Limit<MinutesBand>>,
    /// Soft cost per started hour of deviation from the period target.
    pub hours_deviation: Option<Limit<()>>,
    /// Jämn fördelning: soft cost per started hour a week deviates from its weekly target.
    pub weekly_spread: Option<Limit<()>>,
    /// Weekend rotation: at most so many worked weekends per window.
    pub max_weekends: Option<Limit<WeekendLimit>>,
    /// A worked weekend should have passes on both Saturday and Sunday.
    pub whole_weekends: Option<Limit<()>>,
    /// Most passes of each shift type over the period (indexed by shift).
    pub max_shifts_per_type: Option<Limit<Vec<u16>>>,
    /// Night workers: average work per 24 hours, in minutes, over the period.
    pub night_work: Option<Limit<Minute>>,
    /// Night workers: the least share of paid minutes at night (22:00–06:00), in percent.
    pub night_share: Option<Limit<u16>>,
    /// Night workers whose work has special risks or heavy strain: most minutes of work in
    /// every 24-hour period from the dygnsbryt in which they work at night (ATL 13 a §).
    pub heavy_night_work: Option<Limit<Minute>>,
    /// Weekday-only work (the 40 h measure): no pass on a Saturday, Sunday or public holiday.
    pub weekdays_only: bool,
}

impl Contract {
    /// Whether a hard per-type limit of zero forbids every pass of shift type `s` (a benchmark's
    /// way of saying the employee does not work it).
    pub fn forbids_shift(&self, s: crate::model::ShiftId) -> bool {
        matches!(&self.max_shifts_per_type, Some(l) if l.level == Level::Hard && l.value[s.idx()] == 0)
    }
}
