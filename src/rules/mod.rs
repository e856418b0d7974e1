//! The rule engine: every working-time rule of domain.md §3–§5 as a small unit that turns one
//! employee's line of passes (or one day's cover) into [`Term`]s: a breach with its size.
//!
//! Each rule enumerates the terms that *touch* a window of days. Asked for the whole horizon,
//! that is the full evaluation ([`crate::eval::evaluate`], the oracle); asked for the few days a
//! move changes, it is what the incremental evaluator compares before and after. A term lies
//! wholly outside a window only if no cell inside the window can change it, so the difference
//! of the two window sums is the exact change of the total.
//!
//! A few rules depend on a whole line at once (total paid minutes, weekends worked, passes per
//! shift type); they are computed from [`Aggregates`], which the incremental evaluator keeps
//! up to date instead of recounting.

mod assignment;
mod cover;
mod hours;
mod night;
mod rest;
mod sequences;
mod weekends;
mod wishes;

pub(crate) use assignment::{closed, unavailable};
pub use cover::cover_terms;
pub(crate) use rest::first_period;
pub(crate) use weekends::{known_weekends_before, weekend_windows, worked_before};

use crate::model::*;

/// Names every rule; the snake-case name is the rule's term in `objective.terms`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleId {
    /// Dygnsvila: rest between consecutive passes.
    DailyRest,
    /// Veckovila: consecutive rest inside each fixed week.
    WeeklyRest,
    /// Work inside each 24-hour period from dygnsbryt.
    MaxDailyWork,
    /// Paid time per fixed week (total-time cap).
    MaxWeeklyWork,
    /// Working days in a row, at most.
    MaxConsecutiveDays,
    /// Working days in a row, at least.
    MinConsecutiveDays,
    /// Days off in a row, at least.
    MinConsecutiveDaysOff,
    /// Shift types that may not follow each other on consecutive days.
    ForbiddenSuccession,
    /// Paid minutes of the period inside the contract band.
    ContractMinutes,
    /// Paid minutes of the period against the target.
    HoursDeviation,
    /// Paid minutes of each week against its share of the target.
    WeeklySpread,
    /// Night workers' average work per 24 hours.
    NightWork,
    /// Night workers' share of paid time at night.
    NightShare,
    /// Heavy night work: work in every 24 hours with night work.
    HeavyNightWork,
    /// Weekends worked per window.
    MaxWeekends,
    /// A worked weekend should be whole.
    WholeWeekends,
    /// Passes of each shift type, at most.
    MaxShiftsPerType,
    /// No work on a day of absence or a fixed day off.
    Unavailable,
    /// Locked cells keep their value.
    Locked,
    /// The employee holds the task's skill and may work at its site.
    Eligibility,
    /// A pass of a split shift type (delad tur), where the instance allows them at a cost.
    SplitShift,
    /// A wished pass not granted.
    ShiftOnRequests,
    /// An unwanted pass worked.
    ShiftOffRequests,
    /// A wished day off not granted.
    DayOffRequests,
    /// Extra travel from the home site.
    Travel,
    /// A resource shift's placement cost.
    Resource,
    /// Headcount below the minimum.
    CoverMin,
    /// Headcount below the target.
    CoverUnder,
    /// Regular headcount above the target.
    CoverOver,
}

impl RuleId {
    /// Every rule, in report order.
    pub const ALL: [RuleId; 29] = [
        RuleId::DailyRest,
        RuleId::WeeklyRest,
        RuleId::MaxDailyWork,
        RuleId::MaxWeeklyWork,
        RuleId::MaxConsecutiveDays,
        RuleId::MinConsecutiveDays,
        RuleId::MinConsecutiveDaysOff,
        RuleId::ForbiddenSuccession,
        RuleId::ContractMinutes,
        RuleId::HoursDeviation,
        RuleId::WeeklySpread,
        RuleId::NightWork,
        RuleId::NightShare,
        RuleId::HeavyNightWork,
        RuleId::MaxWeekends,
        RuleId::WholeWeekends,
        RuleId::MaxShiftsPerType,
        RuleId::Unavailable,
        RuleId::Locked,
        RuleId::Eligibility,
        RuleId::SplitShift,
        RuleId::ShiftOnRequests,
        RuleId::ShiftOffRequests,
        RuleId::DayOffRequests,
        RuleId::Travel,
        RuleId::Resource,
        RuleId::CoverMin,
        RuleId::CoverUnder,
        RuleId::CoverOver,
    ];

    /// The rule's name, as used in `objective.terms`, instance files and reports.
    pub fn name(self) -> &'static str {
        match self {
            RuleId::DailyRest => "daily_rest",
            RuleId::WeeklyRest => "weekly_rest",
            RuleId::MaxDailyWork => "max_daily_work",
            RuleId::MaxWeeklyWork => "max_weekly_work",
            RuleId::MaxConsecutiveDays => "max_consecutive_days",
            RuleId::MinConsecutiveDays => "min_consecutive_days",
            RuleId::MinConsecutiveDaysOff => "min_consecutive_days_off",
            RuleId::ForbiddenSuccession => "forbidden_succession",
            RuleId::ContractMinutes => "contract_minutes",
            RuleId::HoursDeviation => "hours_deviation",
            RuleId::WeeklySpread => "weekly_spread",
            RuleId::NightWork => "night_work",
            RuleId::NightShare => "night_share",
            RuleId::HeavyNightWork => "heavy_night_work",
            RuleId::MaxWeekends => "max_weekends",
            RuleId::WholeWeekends => "whole_weekends",
            RuleId::MaxShiftsPerType => "max_shifts_per_type",
            RuleId::Unavailable => "unavailable",
            RuleId::Locked => "locked",
            RuleId::Eligibility => "eligibility",
            RuleId::SplitShift => "split_shift",
            RuleId::ShiftOnRequests => "shift_on_requests",
            RuleId::ShiftOffRequests => "shift_off_requests",
            RuleId::DayOffRequests => "day_off_requests",
            RuleId::Travel => "travel",
            RuleId::Resource => "resource",
            RuleId::CoverMin => "cover_min",
            RuleId::CoverUnder => "cover_under",
            RuleId::CoverOver => "cover_over",
        }
    }

    /// The rule with a given name.
    pub fn from_name(name: &str) -> Option<RuleId> {
        RuleId::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// What a term is about, with the numbers a person needs to understand it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// Rest between two passes.
    Rest {
        /// Day of the earlier pass.
        from_day: Day,
        /// Its shift type.
        from: ShiftId,
        /// Day of the later pass.
        to_day: Day,
        /// Its shift type.
        to: ShiftId,
        /// Minutes between them.
        gap: Minute,
        /// Minutes required.
        required: Minute,
    },
    /// Longest rest inside a fixed week.
    WeekRest {
        /// Week index.
        week: usize,
        /// Longest consecutive minutes off.
        longest: Minute,
        /// Minutes required.
        required: Minute,
    },
    /// Minutes of work (or paid minutes) in a period against a limit or target.
    Minutes {
        /// First day of the period (day of the 24-hour period, first day of the week, or 0).
        day: Day,
        /// Length of the period in days.
        days: u16,
        /// Minutes counted.
        actual: Minute,
        /// The limit or target.
        limit: Minute,
    },
    /// A run of consecutive working days or days off.
    Run {
        /// First day of the run.
        first: Day,
        /// Its length.
        len: u16,
        /// The limit it breaks.
        limit: u16,
    },
    /// Two passes on consecutive days that may not follow each other.
    Succession {
        /// Day of the second pass.
        day: Day,
        /// First shift type.
        from: ShiftId,
        /// Second shift type.
        to: ShiftId,
    },
    /// Weekends worked in a window.
    Weekends {
        /// First weekend of the window (negative: before the horizon, from history).
        first: i32,
        /// Weekends worked in it.
        worked: u16,
        /// The limit.
        limit: u16,
        /// Window length.
        window: u16,
    },
    /// A weekend worked on one day only.
    PartWeekend {
        /// Weekend index.
        weekend: usize,
    },
    /// Passes of one shift type over the period.
    ShiftCount {
        /// The shift type.
        shift: ShiftId,
        /// Passes worked.
        count: u16,
        /// The limit.
        limit: u16,
    },
    /// A single cell (absence, lock, eligibility, wish, travel, resource).
    Cell {
        /// The day.
        day: Day,
        /// What the roster holds there.
        cell: Cell,
    },
    /// A wish not granted.
    Wish {
        /// The wish.
        wish: Wish,
        /// What the roster holds that day.
        cell: Cell,
    },
    /// Headcount of a task on a day.
    Cover {
        /// The day.
        day: Day,
        /// The task.
        task: TaskId,
        /// Regular passes counted.
        count: u16,
        /// The demand.
        demand: DemandCell,
    },
}

/// One breach (or cost) found by a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    /// Which rule.
    pub rule: RuleId,
    /// Hard, or soft with a weight.
    pub level: Level,
    /// Size of the breach in the rule's unit (started hours, days, passes, people, minutes).
    pub units: i64,
    /// The numbers behind it.
    pub detail: Detail,
}

impl Term {
    /// Hard penalty of the term (its units if hard, else 0).
    #[inline]
    pub fn hard(&self) -> i64 {
        match self.level {
            Level::Hard => self.units,
            Level::Soft(_) => 0,
        }
    }
    /// Soft cost of the term (units × weight if soft, else 0).
    #[inline]
    pub fn soft(&self) -> i64 {
        match self.level {
            Level::Hard => 0,
            Level::Soft(w) => self.units * w as i64,
        }
    }
}

/// Started hours in a number of minutes (the unit of minute-based rules): 1 min → 1 h.
#[inline]
pub(crate) fn started_hours(minutes: Minute) -> i64 {
    if minutes <= 0 {
        0
    } else {
        ((minutes + 59) / 60) as i64
    }
}

/// One employee's line of cells, with history before the horizon and instants at hand.
#[derive(Clone, Copy)]
pub struct Line<'a> {
    /// The instance.
    pub inst: &'a Instance,
    /// The employee's index.
    pub e: EmployeeId,
    /// The employee.
    pub emp: &'a Employee,
    /// Cells of the horizon days.
    pub cells: &'a [Cell],
}

impl<'a> Line<'a> {
    /// The line of employee `e` in `roster`.
    pub fn new(inst: &'a Instance, roster: &'a Roster, e: EmployeeId) -> Self {
        Line { inst, e, emp: &inst.employees[e.idx()], cells: roster.line(e) }
    }

    /// The first day whose cell is known: the start of history, or day 0 without history.
    #[inline]
    pub fn known_from(&self) -> Day {
        -(self.emp.history.len() as Day)
    }

    /// Number of horizon days.
    #[inline]
    pub fn days(&self) -> Day {
        self.cells.len() as Day
    }

    /// The cell on a day; history before day 0, off outside what is known.
    #[inline]
    pub fn cell(&self, day: Day) -> Cell {
        if day >= 0 {
            self.cells.get(day as usize).copied().unwrap_or(Cell::OFF)
        } else {
            let h = &self.emp.history;
            let i = h.len() as Day + day;
            if i >= 0 {
                h[i as usize]
            } else {
                Cell::OFF
            }
        }
    }

    /// The shift type worked on a day, if any.
    #[inline]
    pub fn shift(&self, day: Day) -> Option<ShiftId> {
        self.cell(day).task().map(|t| self.inst.tasks[t.idx()].shift)
    }

    /// Paid minutes of the pass on a day (0 on a day off).
    #[inline]
    pub fn paid(&self, day: Day) -> Minute {
        self.shift(day).map_or(0, |s| self.inst.times.paid(day, s))
    }
}

/// Per-employee totals that some rules read instead of scanning the line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Aggregates {
    /// Paid minutes over the horizon.
    pub paid: Minute,
    /// Paid minutes at night (22:00–06:00) over the horizon.
    pub night: Minute,
    /// Passes per shift type.
    pub shift_count: Vec<u16>,
    /// Per weekend: how many passes touch it.
    pub weekend_touch: Vec<u8>,
}

impl Aggregates {
    /// Counts a line from scratch.
    pub fn of(line: &Line) -> Self {
        let inst = line.inst;
        let mut a = Aggregates {
            paid: 0,
            night: 0,
            shift_count: vec![0; inst.shifts.len()],
            weekend_touch: vec![0; inst.weekends()],
        };
        for d in 0..line.days() {
            a.add(inst, d, line.cell(d), 1);
        }
        a
    }

    /// Adds (`sign` = 1) or removes (`sign` = -1) one cell's contribution.
    #[inline]
    pub fn add(&mut self, inst: &Instance, day: Day, cell: Cell, sign: i32) {
        if let Some(t) = cell.task() {
            let s = inst.tasks[t.idx()].shift;
            self.paid += sign * inst.times.paid(day, s);
            self.night += sign * inst.times.night(day, s);
            let c = &mut self.shift_count[s.idx()];
            *c = (*c as i32 + sign) as u16;
            if let Some(w) = inst.times.weekend_of(day, s) {
                let c = &mut self.weekend_touch[w];
                *c = (*c as i32 + sign) as u8;
            }
        }
    }
}

/// Emits every line term touching days `lo..=hi` (clamped to the horizon) for windowed rules.
pub fn window_terms(line: &Line, lo: Day, hi: Day, sink: &mut impl FnMut(Term)) {
    rest::daily_rest(line, lo, hi, sink);
    rest::weekly_rest(line, lo, hi, sink);
    rest::max_daily_work(line, lo, hi, sink);
    night::heavy_night_work(line, lo, hi, sink);
    hours::weekly_minutes(line, lo, hi, sink);
    sequences::runs(line, lo, hi, sink);
    sequences::forbidden_succession(line, lo, hi, sink);
    weekends::whole_weekends(line, lo, hi, sink);
    assignment::cells(line, lo, hi, sink);
    wishes::wishes(line, lo, hi, sink);
}

/// Emits the terms of rules that depend on a line's totals.
pub fn aggregate_terms(line: &Line, agg: &Aggregates, sink: &mut impl FnMut(Term)) {
    hours::period_minutes(line, agg.paid, sink);
    night::night_share(line, agg.paid, agg.night, sink);
    weekends::max_weekends(line, &agg.weekend_touch, 0, usize::MAX, sink);
    assignment::max_shifts_per_type(line, &agg.shift_count, sink);
}

/// How the period's rules ([`aggregate_terms`]) read an employee's weekends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeekendReads {
    /// Not at all: no weekend limit.
    None,
    /// Only how many weekends are touched: one window holds every weekend.
    Total,
    /// Which weekends are touched: windows shorter than the horizon.
    Each,
}

/// Which parts of [`Aggregates`] the period's rules can find a breach in for one employee, so
/// that whoever sums lines up may leave the rest out: a line with the same parts read has the
/// same period terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AggregateReads {
    /// Whether the paid minutes are read (a contract band, hours deviation or night work).
    pub paid: bool,
    /// Whether the night minutes are read (a night worker's share of night work).
    pub night: bool,
    /// Per shift type, whether its count can break a limit within the horizon.
    pub shift_count: Vec<bool>,
    /// How the weekends are read.
    pub weekends: WeekendReads,
}

impl AggregateReads {
    /// What the period's rules read of employee `e` over `inst`'s horizon.
    pub fn of(inst: &Instance, e: EmployeeId) -> Self {
        let c = &inst.employees[e.idx()].contract;
        let night = c.night_work.is_some() && inst.employees[e.idx()].night_worker;
        let share = c.night_share.is_some() && inst.employees[e.idx()].night_worker;
        let days = inst.days();
        let shift_count = (0..inst.shifts.len())
            .map(|s| c.max_shifts_per_type.as_ref().is_some_and(|l| (l.value[s] as usize) < days))
            .collect();
        // One window holds every weekend only when it reaches over the known history too.
        let known = inst.weekends() + weekends::known_weekends_before(&inst.employees[e.idx()]);
        let weekends = match &c.max_weekends {
            None => WeekendReads::None,
            Some(l) if l.value.window as usize >= known => WeekendReads::Total,
            Some(_) => WeekendReads::Each,
        };
        AggregateReads {
            paid: c.contract_minutes.is_some() || c.hours_deviation.is_some() || night || share,
            night: share,
            shift_count,
            weekends,
        }
    }
}

/// Emits aggregate terms that a change of the given shift types and weekends can affect.
pub fn aggregate_terms_touching(
    line: &Line,
    agg: &Aggregates,
    shifts: &[ShiftId],
    weekends: (usize, usize),
    sink: &mut impl FnMut(Term),
) {
    hours::period_minutes(line, agg.paid, sink);
    night::night_share(line, agg.paid, agg.night, sink);
    weekends::max_weekends(line, &agg.weekend_touch, weekends.0, weekends.1, sink);
    assignment::max_shifts_of(line, &agg.shift_count, shifts, sink);
}

/// The weekends whose worked/whole status a change of days `lo..=hi` can affect.
#[inline]
pub fn weekends_touching(inst: &Instance, lo: Day, hi: Day) -> (usize, usize) {
    // Weekend w involves passes starting on days 7w+4 (a Friday night) to 7w+6.
    let first = lo.div_euclid(7);
    let last = (hi - 4).div_euclid(7);
    let n = inst.weekends() as Day;
    (first.clamp(0, n) as usize, (last + 1).clamp(0, n) as usize)
}

#[cfg(test)]
pub(crate) mod testkit;

#[cfg(test)]
mod tests {
    use super::*;
    use testkit::Kit;

    #[test]
    fn the_period_rules_read_only_what_can_break_a_limit() {
        let mut kit = Kit::swedish();
        let e = EmployeeId(0);
        // The kit has an hours target, and no weekend or per-type limit.
        let reads = AggregateReads::of(&kit.instance(14), e);
        assert!(reads.paid && !reads.shift_count.contains(&true));
        assert_eq!(reads.weekends, WeekendReads::None);
        let mut limits = vec![14; kit.shift_count()];
        limits[kit.shift("N").idx()] = 2;
        kit.contract().max_shifts_per_type = Some(Limit::hard(limits));
        kit.contract().max_weekends = Some(Limit::hard(WeekendLimit { max: 1, window: 2 }));
        let reads = AggregateReads::of(&kit.instance(14), e);
        // Fourteen days hold at most 14 passes of a type, so only Natt's limit of 2 can break.
        let read: Vec<usize> = (0..kit.shift_count()).filter(|&s| reads.shift_count[s]).collect();
        assert_eq!(read, vec![kit.shift("N").idx()]);
        // One window of two weekends holds both weekends of two weeks, but not the three of three.
        assert_eq!(reads.weekends, WeekendReads::Total);
        assert_eq!(AggregateReads::of(&kit.instance(21), e).weekends, WeekendReads::Each);
    }
}
