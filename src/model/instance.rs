//! The validated, index-based problem: who can work which passes, what must be covered, and
//! which rules apply to whom.
//!
//! An [`Instance`] is built only by validation (from TOML/JSON) or by a benchmark importer; every
//! index inside it is in range and every derived table (instants of each pass, weekends touched)
//! is filled in by [`Instance::finish`].

use chrono::{NaiveDate, NaiveTime, Timelike, Weekday};

use crate::model::calendar::{Day, Horizon, Minute};
use crate::model::ids::*;
use crate::model::roster::Cell;
use crate::model::rule_params::{Contract, Level, Limit};

/// A municipality: the employer of its own staff and the payer of hours worked at its sites.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Municipality {
    /// The id used in files ("mellerud").
    pub id: String,
    /// Display name ("Mellerud").
    pub name: String,
}

/// A workplace (unit): a SÄBO unit, a home-care group, ...
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Site {
    /// The id used in files.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The municipality that pays for hours worked here.
    pub municipality: MunicipalityId,
}

/// A skill (ssk, usk, vbt, service).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Skill {
    /// The id used in files.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// A shift type (pass): clock times at one site.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ShiftType {
    /// The id used in files and in the roster grid ("D", "K", "N").
    pub id: String,
    /// Display name ("Dag").
    pub name: String,
    /// Where it is worked.
    pub site: SiteId,
    /// Local start time.
    pub start: NaiveTime,
    /// Local end time; before or equal to `start` means the next day.
    pub end: NaiveTime,
    /// Unpaid break (rast) in minutes; zero when the meal pause is paid (måltidsuppehåll).
    pub rast_minutes: u16,
    /// Whether the pass has a paid meal pause instead of rast.
    pub paid_meal: bool,
}

/// An unpaid break longer than this inside a pass makes it a split shift (delad tur).
pub const SPLIT_SHIFT_RAST: u16 = 60;

impl ShiftType {
    /// Whether the pass has an unpaid break over an hour inside it: a split shift (delad tur),
    /// which full time as the norm removes (domain.md §3).
    pub fn is_split(&self) -> bool {
        self.rast_minutes > SPLIT_SHIFT_RAST
    }

    /// Whether this is a night pass: at least half of its clock time lies in 22:00–06:00.
    /// "Never nights" and "only nights" staff are told apart by it.
    pub fn is_night(&self) -> bool {
        let minute = |t: NaiveTime| (t.hour() * 60 + t.minute()) as i32;
        let start = minute(self.start);
        let mut end = minute(self.end);
        if end <= start {
            end += 24 * 60;
        }
        // Night windows on the clock of the start day and the next: [-2 h, 6 h), [22 h, 30 h),
        // [46 h, 54 h).
        let night: i32 =
            [(-120, 360), (1320, 1800), (2760, 3240)].iter().map(|&(a, b)| (end.min(b) - start.max(a)).max(0)).sum();
        2 * night >= end - start
    }
}

/// Whom night passes ([`ShiftType::is_night`]) are for: a per-person or per-group setting.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Nights {
    /// Night passes and others alike.
    #[default]
    Any,
    /// Never a night pass.
    Never,
    /// Night passes only (a night team of its own, as in SÄBO).
    Only,
}

impl Nights {
    /// Whether someone under this setting may work a shift type.
    pub fn allows(self, shift: &ShiftType) -> bool {
        match self {
            Nights::Any => true,
            Nights::Never => !shift.is_night(),
            Nights::Only => shift.is_night(),
        }
    }
}

/// A task: a shift type worked in one skill. Demand is per task, and a roster cell names a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Task {
    /// The shift type.
    pub shift: ShiftId,
    /// The skill the pass is worked in.
    pub skill: SkillId,
}

/// Why an employee is unavailable on a day.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum AbsenceKind {
    /// Semester.
    #[default]
    Vacation,
    /// Tjänstledighet or other planned leave.
    Leave,
    /// Föräldraledighet.
    ParentalLeave,
    /// Planned education days.
    Education,
    /// A day off fixed by the instance (e.g. a benchmark's days off).
    DayOff,
}

impl AbsenceKind {
    /// Whether this absence reduces the period's target hours pro rata (planned absence).
    pub fn reduces_target(self) -> bool {
        !matches!(self, AbsenceKind::DayOff)
    }

    /// Whether the absence starts at 00:00 of its first day, so that a pass running past
    /// midnight into it breaks it. A fixed day off is a day by its date instead.
    pub fn starts_at_midnight(self) -> bool {
        !matches!(self, AbsenceKind::DayOff)
    }
}

/// A wish (önskemål): a preference with a weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wish {
    /// The day the wish is about.
    pub day: Day,
    /// What is wished.
    pub kind: WishKind,
    /// Cost of not granting it.
    pub weight: u32,
}

/// What a wish asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WishKind {
    /// Wants to work exactly this shift type that day.
    WantShift(ShiftId),
    /// Does not want this shift type that day.
    AvoidShift(ShiftId),
    /// Wants the day off.
    WantOff,
}

impl WishKind {
    /// Whether a day worked on shift type `worked` (`None`: off) grants the wish.
    #[inline]
    pub fn granted_by(self, worked: Option<ShiftId>) -> bool {
        match self {
            WishKind::WantShift(s) => worked == Some(s),
            WishKind::AvoidShift(s) => worked != Some(s),
            WishKind::WantOff => worked.is_none(),
        }
    }
}

/// One employee, with everything resolved: contract, target, availability, wishes, history.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Employee {
    /// The id used in files.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The employing municipality.
    pub employer: MunicipalityId,
    /// Sysselsättningsgrad: the contract's share of full time, in (0, 1].
    pub degree: f64,
    /// Skills held.
    pub skills: Vec<SkillId>,
    /// Sites the employee may work at; the first is the home site. A site in another
    /// municipality than the employer's means the employee consented to work there.
    pub sites: Vec<SiteId>,
    /// Dygnsbryt: minutes after midnight where the employee's 24-hour periods begin.
    pub dygnsbryt: u16,
    /// Night worker (at least 80 % of ordinary time at night).
    pub night_worker: bool,
    /// Whether the employee works night passes: any, never, or only those.
    pub nights: Nights,
    /// Name of the contract group, if any.
    pub group: Option<String>,
    /// Rules that apply to this employee.
    pub contract: Contract,
    /// Target paid minutes for the whole period (after planned absence).
    pub target_minutes: Minute,
    /// Target paid minutes per week (even spread).
    pub weekly_target_minutes: Vec<Minute>,
    /// Cost per paid hour (salary and overhead), SEK.
    pub hourly_cost: f64,
    /// Per horizon day: the absence, if any.
    pub absence: Vec<Option<AbsenceKind>>,
    /// Per horizon day: a locked cell, if any (a locked day off is `Some(Cell::OFF)`).
    pub locked: Vec<Option<Cell>>,
    /// Wishes sorted by day.
    pub wishes: Vec<Wish>,
    /// Passes just before the horizon, one cell per history day (`history[0]` is the earliest).
    /// Empty when the history is unknown.
    pub history: Vec<Cell>,
}

/// Headcount wanted for one task on one day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DemandCell {
    /// Fewest people needed (below this, each missing person costs `weight_min` on top).
    pub min: u16,
    /// Headcount wanted.
    pub target: u16,
    /// Cost per person below `min`, in addition to `weight_under`.
    pub weight_min: u32,
    /// Cost per person below `target`.
    pub weight_under: u32,
    /// Cost per regular (non-resource) person above `target`.
    pub weight_over: u32,
}

/// The cost figures of domain.md §6, used for reports and scenarios (not by the search).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Costs {
    /// Cost per hour of an hourly substitute covering a gap, SEK.
    pub substitute_per_hour: f64,
    /// Cost per hour of agency staff, SEK.
    pub agency_per_hour: f64,
    /// Share of uncovered hours assumed to go to agency staff (the rest to hourly substitutes).
    pub agency_share: f64,
    /// OB supplements in SEK per hour.
    pub ob: ObRates,
}

/// Unsocial-hours supplements (OB-tillägg), SEK per hour.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct ObRates {
    /// Mon–Thu 19–22.
    pub weekday_evening: f64,
    /// 22–06 on ordinary days.
    pub night: f64,
    /// Fri 19:00 to Mon 07:00.
    pub weekend: f64,
    /// Night inside the weekend band.
    pub weekend_night: f64,
    /// Major holiday (18:00 the day before to 07:00 after).
    pub holiday: f64,
    /// Night inside a major holiday.
    pub holiday_night: f64,
}

/// Rules that are not part of a personal contract.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct GlobalRules {
    /// Pairs of shift types that may not be worked on consecutive days, as a dense
    /// `shifts × shifts` matrix (`forbidden[a * n + b]`: `b` may not follow `a`).
    pub forbidden_succession: Option<Limit<Vec<bool>>>,
    /// Level of the absence / day-off rule.
    pub unavailable: Level,
    /// Level of the locked-pass rule.
    pub locked: Level,
    /// Level of the skill-and-site eligibility rule.
    pub eligibility: Level,
    /// Weight per extra minute of travel from the home site to another site, per pass
    /// (`None`: travel is not priced).
    pub travel_weight: Option<u32>,
    /// Weight per pass of a split shift type ([`ShiftType::is_split`]) when the instance allows
    /// them at a cost (`None`: they are an input error, or allowed freely when the rule is off).
    pub split_shift_weight: Option<u32>,
    /// Whether resource shifts (resurspass) may be scheduled.
    pub resource_shifts: bool,
    /// Whether a weekend is touched by any pass overlapping Saturday 00:00 – Monday 00:00
    /// (true) or only by passes starting on Saturday or Sunday (false, the benchmark reading).
    pub weekend_by_instant: bool,
    /// Whether the minimum-run rules also judge runs touching an unknown horizon edge (strict
    /// borders). False is the Curtois–Qu reading, which exempts them; true is a diagnostic.
    pub strict_edges: bool,
}

/// The complete, validated problem.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Instance {
    /// Instance name (written into rosters).
    pub name: String,
    /// The schedule period.
    pub horizon: Horizon,
    /// Public holidays inside the horizon, by day index.
    pub holidays: Vec<bool>,
    /// Major holidays (Easter, Midsummer, Christmas, New Year) by day index, for OB.
    pub major_holidays: Vec<bool>,
    /// Employers and payers.
    pub municipalities: Vec<Municipality>,
    /// Workplaces.
    pub sites: Vec<Site>,
    /// Travel minutes between sites, dense `sites × sites`.
    pub travel: Vec<u16>,
    /// Skills.
    pub skills: Vec<Skill>,
    /// `covers[holder * skills + needed]`: whether a holder of one skill may work in another.
    pub covers: Vec<bool>,
    /// Shift types.
    pub shifts: Vec<ShiftType>,
    /// Tasks (shift × skill) that demand names or that staff may work.
    pub tasks: Vec<Task>,
    /// Staff.
    pub employees: Vec<Employee>,
    /// Demand per day and task, dense `days × tasks`.
    pub demand: Vec<DemandCell>,
    /// Cost of placing one resource shift on a day and task, dense `days × tasks`
    /// (low where absence is most likely).
    pub resource_cost: Vec<u32>,
    /// Rules that are not per employee.
    pub rules: GlobalRules,
    /// Cost figures for reports.
    pub costs: Costs,
    /// Number of history days before the horizon that employees' `history` covers.
    pub history_days: usize,
    /// Derived: real instants of every pass, see [`PassTimes`].
    pub times: PassTimes,
    /// Derived: `eligible[e * tasks + t]`, whether employee `e` may work task `t`.
    pub eligible: Vec<bool>,
}

/// Real start, end and paid minutes of every shift type on every day, history days included.
#[derive(Clone, Debug, Default)]
pub struct PassTimes {
    first_day: Day,
    shifts: usize,
    start: Vec<Minute>,
    end: Vec<Minute>,
    paid: Vec<Minute>,
    night: Vec<Minute>,
    /// Per day from the one before `first_day`: the real night 22:00 → 06:00 the next morning.
    nights: Vec<(Minute, Minute)>,
    weekend: Vec<i16>,
    weekends: usize,
    day_start: Vec<Minute>,
}

/// Marker for "touches no weekend" in [`PassTimes::weekend_of`].
const NO_WEEKEND: i16 = i16::MIN;

impl PassTimes {
    #[inline]
    fn at(&self, day: Day, shift: ShiftId) -> usize {
        (day - self.first_day) as usize * self.shifts + shift.idx()
    }
    /// Real start of a pass of `shift` starting on `day`.
    #[inline]
    pub fn start(&self, day: Day, shift: ShiftId) -> Minute {
        self.start[self.at(day, shift)]
    }
    /// Real end.
    #[inline]
    pub fn end(&self, day: Day, shift: ShiftId) -> Minute {
        self.end[self.at(day, shift)]
    }
    /// Paid minutes (real length minus rast).
    #[inline]
    pub fn paid(&self, day: Day, shift: ShiftId) -> Minute {
        self.paid[self.at(day, shift)]
    }
    /// Paid minutes of the pass of `shift` starting on `day` that fall inside the real interval
    /// `[from, to)`: its minutes there, less its rast in proportion (rounded down at each cut,
    /// so the parts of one pass on either side of a cut add up to its paid minutes exactly).
    #[inline]
    pub fn paid_within(&self, day: Day, shift: ShiftId, from: Minute, to: Minute) -> Minute {
        let i = self.at(day, shift);
        let (start, end) = (self.start[i], self.end[i]);
        if from <= start && end <= to {
            return self.paid[i]; // wholly inside: most passes of a week or a 24-hour period
        }
        self.paid_at(i, start, end, from, to)
    }
    /// [`PassTimes::paid_within`] for the pass at table index `i`, real `[start, end)`.
    fn paid_at(&self, i: usize, start: Minute, end: Minute, from: Minute, to: Minute) -> Minute {
        let paid = self.paid[i] as i64;
        let len = (end - start).max(1) as i64;
        // Paid minutes from the pass's start up to instant `t`.
        let until = |t: Minute| ((t.clamp(start, end) - start) as i64 * paid / len) as Minute;
        if to <= from {
            0
        } else {
            until(to) - until(from)
        }
    }
    /// Paid minutes of the pass inside the night, 22:00–06:00 local time (its minutes there,
    /// less its rast in proportion, as [`PassTimes::paid_within`]).
    #[inline]
    pub fn night(&self, day: Day, shift: ShiftId) -> Minute {
        self.night[self.at(day, shift)]
    }
    /// Real minutes of the pass that lie both in a night (22:00–06:00) and in `[from, to)`.
    pub fn night_within(&self, day: Day, shift: ShiftId, from: Minute, to: Minute) -> Minute {
        let (start, end) = (self.start(day, shift).max(from), self.end(day, shift).min(to));
        self.night_windows(day).map(|(a, b)| (end.min(b) - start.max(a)).max(0)).sum()
    }
    /// The nights a pass starting on `day` can touch: those starting the evening before, that
    /// evening and the next.
    fn night_windows(&self, day: Day) -> impl Iterator<Item = (Minute, Minute)> + '_ {
        let i = (day - self.first_day) as usize; // nights[i] is the night before `day`
        self.nights[i..i + 3].iter().copied()
    }
    /// The weekend of the horizon (0-based, Saturday of week w) the pass touches, if any.
    #[inline]
    pub fn weekend_of(&self, day: Day, shift: ShiftId) -> Option<usize> {
        self.weekend_touched(day, shift).filter(|&w| w >= 0 && (w as usize) < self.weekends).map(|w| w as usize)
    }
    /// The weekend the pass touches, counted from the horizon's first (negative before it, as
    /// for a history pass), if any.
    #[inline]
    pub fn weekend_touched(&self, day: Day, shift: ShiftId) -> Option<i32> {
        match self.weekend[self.at(day, shift)] {
            NO_WEEKEND => None,
            w => Some(w as i32),
        }
    }
    /// Real instant of local midnight starting `day` (history and one day past the end included).
    #[inline]
    pub fn day_start(&self, day: Day) -> Minute {
        self.day_start[(day - self.first_day) as usize]
    }
}

impl Instance {
    /// Number of days in the horizon.
    #[inline]
    pub fn days(&self) -> usize {
        self.horizon.days()
    }

    /// Number of weekends (Saturday–Sunday pairs) in the horizon.
    #[inline]
    pub fn weekends(&self) -> usize {
        self.horizon.weeks()
    }

    /// Demand of a task on a day.
    #[inline]
    pub fn demand(&self, day: usize, task: TaskId) -> &DemandCell {
        &self.demand[day * self.tasks.len() + task.idx()]
    }

    /// The shift type of a task.
    #[inline]
    pub fn task_shift(&self, task: TaskId) -> &ShiftType {
        &self.shifts[self.tasks[task.idx()].shift.idx()]
    }

    /// The site of a shift type.
    #[inline]
    pub fn shift_site(&self, shift: ShiftId) -> SiteId {
        self.shifts[shift.idx()].site
    }

    /// Whether a holder of skill `holder` may work a task that needs `needed`.
    #[inline]
    pub fn skill_covers(&self, holder: SkillId, needed: SkillId) -> bool {
        self.covers[holder.idx() * self.skills.len() + needed.idx()]
    }

    /// Travel minutes between two sites.
    #[inline]
    pub fn travel_minutes(&self, from: SiteId, to: SiteId) -> u16 {
        self.travel[from.idx() * self.sites.len() + to.idx()]
    }

    /// Whether an employee holds a skill that may work `task`, at a site they may work at.
    #[inline]
    pub fn is_eligible(&self, e: EmployeeId, task: TaskId) -> bool {
        self.eligible[e.idx() * self.tasks.len() + task.idx()]
    }

    fn compute_eligible(&self, e: EmployeeId, task: TaskId) -> bool {
        let emp = &self.employees[e.idx()];
        let t = self.tasks[task.idx()];
        emp.sites.contains(&self.shift_site(t.shift))
            && emp.skills.iter().any(|&s| self.skill_covers(s, t.skill))
            && emp.nights.allows(&self.shifts[t.shift.idx()])
    }

    /// Looks up an employee by id.
    pub fn employee_by_id(&self, id: &str) -> Option<EmployeeId> {
        self.employees.iter().position(|e| e.id == id).map(|i| EmployeeId(i as u16))
    }

    /// Looks up a shift type by id.
    pub fn shift_by_id(&self, id: &str) -> Option<ShiftId> {
        self.shifts.iter().position(|s| s.id == id).map(|i| ShiftId(i as u16))
    }

    /// Looks up a skill by id.
    pub fn skill_by_id(&self, id: &str) -> Option<SkillId> {
        self.skills.iter().position(|s| s.id == id).map(|i| SkillId(i as u16))
    }

    /// The task of a shift worked in a skill, if the instance has it.
    pub fn task_of(&self, shift: ShiftId, skill: SkillId) -> Option<TaskId> {
        self.tasks.iter().position(|t| t.shift == shift && t.skill == skill).map(|i| TaskId(i as u16))
    }

    /// Whether `day` is a Saturday or Sunday.
    pub fn is_weekend_day(&self, day: Day) -> bool {
        matches!(self.horizon.weekday(day), Weekday::Sat | Weekday::Sun)
    }

    /// Date of a day index.
    pub fn date(&self, day: Day) -> NaiveDate {
        self.horizon.date(day)
    }

    /// Fills in the derived tables ([`PassTimes`]). Called once after every field is set.
    pub(crate) fn finish(&mut self) {
        // At least the day before the horizon: a 24-hour period from a dygnsbryt after
        // midnight starts there.
        let first_day = -(self.history_days.max(1) as Day);
        let last_day = self.days() as Day; // one day past the end, for day_start
        let n = self.shifts.len();
        let h = &self.horizon;
        let mut t = PassTimes { first_day, shifts: n, weekends: self.weekends(), ..Default::default() };
        let ten_pm = NaiveTime::from_hms_opt(22, 0, 0).unwrap_or_default();
        let six_am = NaiveTime::from_hms_opt(6, 0, 0).unwrap_or_default();
        t.nights = (first_day - 1..=last_day + 1).map(|d| (h.instant(d, ten_pm), h.instant(d + 1, six_am))).collect();
        for day in first_day..=last_day {
            t.day_start.push(h.day_start(day));
            for s in &self.shifts {
                let start = h.instant(day, s.start);
                let end_day = if s.end <= s.start { day + 1 } else { day };
                let end = h.instant(end_day, s.end);
                t.start.push(start);
                t.end.push(end);
                t.paid.push(end - start - s.rast_minutes as Minute);
                let i = t.paid.len() - 1;
                let night = t.night_windows(day).map(|(a, b)| t.paid_at(i, start, end, a, b)).sum();
                t.night.push(night);
                t.weekend.push(weekend_touched(self, day, start, end));
            }
        }
        self.times = t;
        self.eligible = (0..self.employees.len())
            .flat_map(|e| (0..self.tasks.len()).map(move |t| (EmployeeId(e as u16), TaskId(t as u16))))
            .map(|(e, t)| self.compute_eligible(e, t))
            .collect();
    }
}

/// The weekend a pass starting on `day` at `[start, end)` touches, or [`NO_WEEKEND`]; history
/// passes touch weekends before the horizon (negative), the last day's pass may touch the one
/// after it.
fn weekend_touched(inst: &Instance, day: Day, start: Minute, end: Minute) -> i16 {
    let h = &inst.horizon;
    if !inst.rules.weekend_by_instant {
        return match h.weekday(day) {
            Weekday::Sat | Weekday::Sun => day.div_euclid(7) as i16,
            _ => NO_WEEKEND,
        };
    }
    // Saturday 00:00 to Monday 00:00 of the week holding `day` (a pass is at most a day long,
    // so no other weekend can be touched): a pass starting on its Saturday or Sunday touches it,
    // one starting on its Friday only if it runs past midnight.
    let w = day.div_euclid(7);
    let touches = match h.weekday(day) {
        Weekday::Sat | Weekday::Sun => true,
        Weekday::Fri => end > h.day_start(day + 1) && start < end,
        _ => false,
    };
    if touches {
        w as i16
    } else {
        NO_WEEKEND
    }
}
