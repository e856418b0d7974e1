//! The instance file as written (TOML, or JSON with the same schema): plain serde types.
//!
//! Nothing here is checked beyond its type; [`crate::io::validate`] turns an [`InstanceFile`]
//! into a validated [`crate::Instance`], collecting every problem with its place in the file.
//! `heltid schema` prints the JSON Schema generated from these types.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A whole instance file.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct InstanceFile {
    /// Instance name, written into rosters.
    pub name: String,
    /// The schedule period.
    pub horizon: HorizonDto,
    /// Employers and payers.
    pub municipalities: Vec<MunicipalityDto>,
    /// Workplaces.
    pub sites: Vec<SiteDto>,
    /// Travel times between sites (symmetric; a site to itself is 0).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub travel: Vec<TravelDto>,
    /// Skills, and which other skills each may cover.
    pub skills: Vec<SkillDto>,
    /// Shift types.
    pub shifts: Vec<ShiftDto>,
    /// Demand per shift type and skill.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub demand: Vec<DemandDto>,
    /// Staff.
    pub staff: Vec<StaffDto>,
    /// Defaults for everyone (rules, full-time measure); see the README's rule table.
    #[serde(default)]
    pub defaults: DefaultsDto,
    /// Contract groups: named overrides of the defaults.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub groups: std::collections::BTreeMap<String, GroupDto>,
    /// Resource shifts (resurspass).
    #[serde(default)]
    pub resource_shifts: ResourceDto,
    /// Cost figures for reports and scenarios.
    #[serde(default)]
    pub costs: CostsDto,
}

/// The schedule period.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HorizonDto {
    /// First day, a Monday ("2027-01-04").
    pub start: String,
    /// Length in weeks (1–16).
    pub weeks: u16,
    /// IANA time zone; default "Europe/Stockholm".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Public holidays inside the horizon ("2027-01-06").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<String>,
    /// Major holidays (Easter, Midsummer, Christmas, New Year) for the higher OB rate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub major_holidays: Vec<String>,
}

/// A municipality.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MunicipalityDto {
    /// Id used elsewhere in the file.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// A site.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SiteDto {
    /// Id used elsewhere in the file.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The municipality that pays for hours worked here.
    pub municipality: String,
}

/// Travel time between two sites.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TravelDto {
    /// One site.
    pub from: String,
    /// The other site.
    pub to: String,
    /// Minutes by road.
    pub minutes: u16,
}

/// A skill.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SkillDto {
    /// Id ("usk").
    pub id: String,
    /// Display name ("Undersköterska").
    pub name: String,
    /// Other skills whose demand a holder of this one may cover (usk covers ["vbt"]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
}

/// A shift type.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ShiftDto {
    /// Id, unique in the file; shown in the roster grid.
    pub id: String,
    /// Display name ("Dag").
    pub name: String,
    /// Site id.
    pub site: String,
    /// Local start time "HH:MM".
    pub start: String,
    /// Local end time "HH:MM"; at or before the start means the next day.
    pub end: String,
    /// Unpaid break (rast) in minutes.
    #[serde(default)]
    pub rast: u16,
    /// A paid meal pause (måltidsuppehåll) instead of rast.
    #[serde(default)]
    pub paid_meal: bool,
}

/// Demand for one shift type and skill.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DemandDto {
    /// Shift type id.
    pub shift: String,
    /// Skill id.
    pub skill: String,
    /// Weekdays this line applies to ("mon" … "sun"); default every day.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weekdays: Vec<String>,
    /// Dates this line applies to (overrides weekday lines for those dates).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<String>,
    /// Fewest people needed.
    pub min: u16,
    /// Headcount wanted (default: `min`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<u16>,
    /// Cost per person below the minimum (on top of `weight_under`); default 1000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_min: Option<u32>,
    /// Cost per person below the target; default 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_under: Option<u32>,
    /// Cost per regular person above the target; default 20.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_over: Option<u32>,
}

/// One employee.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StaffDto {
    /// Id, unique in the file.
    pub id: String,
    /// Name.
    pub name: String,
    /// Employing municipality id.
    pub employer: String,
    /// Employment degree (sysselsättningsgrad) in (0, 1].
    pub degree: f64,
    /// Contract group name (a key of `groups`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Full-time measure in hours per week, overriding the group's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_time_hours: Option<f64>,
    /// Skill ids.
    pub skills: Vec<String>,
    /// Site ids the employee may work at; the first is the home site. A site of another
    /// municipality than the employer's records the employee's consent to work there.
    pub sites: Vec<String>,
    /// Dygnsbryt "HH:MM" (default "00:00").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dygnsbryt: Option<String>,
    /// Night worker (≥ 80 % of ordinary time at night): the `night_share` rule applies, and
    /// the night full-time measure unless a measure is set for the group or the person.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub night_worker: bool,
    /// Night passes: `any`, `never` or `only` (default: the group's, else any).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nights: Option<crate::model::Nights>,
    /// Weekday-only work: no pass on Saturdays, Sundays or public holidays, the 40 h measure,
    /// and a target counted per working day (default: the group's, else false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekdays_only: Option<bool>,
    /// Cost per paid hour incl. overhead, SEK (default from `costs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_cost: Option<f64>,
    /// The degree the employee wishes to work (for scenarios).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wished_degree: Option<f64>,
    /// Planned absences.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub absences: Vec<AbsenceDto>,
    /// Locked passes (or locked days off).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locked: Vec<LockedDto>,
    /// Wishes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wishes: Vec<WishDto>,
    /// Passes worked just before the horizon (dates before its start).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<HistoryDto>,
}

/// A planned absence, both dates included.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AbsenceDto {
    /// First day.
    pub from: String,
    /// Last day.
    pub to: String,
    /// Kind.
    pub kind: crate::model::AbsenceKind,
}

/// A locked cell: a pass that must stay, or (without `shift`) a day that must stay off.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LockedDto {
    /// The day.
    pub date: String,
    /// Shift type id; absent for a locked day off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shift: Option<String>,
    /// Skill worked (default: the employee's first skill that may work the pass).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill: Option<String>,
    /// Locked as a resource shift.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub resource: bool,
}

/// What a wish asks for.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum WishKindDto {
    /// Wants to work `shift` that day.
    #[default]
    Want,
    /// Does not want `shift` that day.
    Avoid,
    /// Wants the day off.
    Off,
}

/// A wish.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WishDto {
    /// The day.
    pub date: String,
    /// What is wished.
    pub kind: WishKindDto,
    /// Shift type id (for `want` and `avoid`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shift: Option<String>,
    /// Cost of not granting it (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<u32>,
}

/// A pass worked before the horizon.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HistoryDto {
    /// The day (before the horizon start).
    pub date: String,
    /// Shift type id.
    pub shift: String,
}

/// Defaults for everyone.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DefaultsDto {
    /// Heltidsmått in hours per week (default 38.25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_time_hours: Option<f64>,
    /// Heltidsmått for night workers whose group or own entry sets none (default 34.33).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub night_full_time_hours: Option<f64>,
    /// Heltidsmått for weekday-only work whose group or own entry sets none (default 40).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekday_full_time_hours: Option<f64>,
    /// Rules; anything left out keeps heltid's default (domain.md §3–§5).
    #[serde(default)]
    pub rules: RulesDto,
}

/// A contract group.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GroupDto {
    /// Heltidsmått for the group (e.g. 34.33 for night staff).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_time_hours: Option<f64>,
    /// Night passes for the group's staff: `any`, `never` or `only` (a night team).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nights: Option<crate::model::Nights>,
    /// Weekday-only work for the group's staff (no weekends or public holidays, 40 h).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekdays_only: Option<bool>,
    /// Rule overrides for the group.
    #[serde(default)]
    pub rules: RulesDto,
}

/// Rule settings; each is optional and overrides the level above it field by field.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RulesDto {
    /// Dygnsvila: `hours` (default 11, hard; never below 9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_rest: Option<RuleDto>,
    /// Veckovila: `hours` (default 36, hard; 47 is the alternative reading).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekly_rest: Option<RuleDto>,
    /// Work per 24 h from dygnsbryt: `hours` (default 13, hard).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_daily_work: Option<RuleDto>,
    /// Paid time per week: `hours` (default 48, hard).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_weekly_work: Option<RuleDto>,
    /// Working days in a row: `days` (default 6, hard).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_consecutive_days: Option<RuleDto>,
    /// Working days in a row, at least: `days` (default off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_consecutive_days: Option<RuleDto>,
    /// Days off in a row, at least: `days` (default off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_consecutive_days_off: Option<RuleDto>,
    /// Shift types that may not follow each other: `pairs` of [from, to] (default none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forbidden_succession: Option<RuleDto>,
    /// Period hours within target ± `hours` (carry-over, default 11, hard).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_minutes: Option<RuleDto>,
    /// Period hours against target: `weight` per started hour (default soft 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_deviation: Option<RuleDto>,
    /// Each week against its share of the target: `weight` per started hour (default soft 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekly_spread: Option<RuleDto>,
    /// Night workers' average per 24 h: `hours` (default 8, hard).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub night_work: Option<RuleDto>,
    /// Night workers' share of paid time in 22:00–06:00: `percent` (default 80, hard).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub night_share: Option<RuleDto>,
    /// Night work with special risks or heavy strain: `hours` of work at most in every 24 h
    /// with night work (default off; 8 when switched on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heavy_night_work: Option<RuleDto>,
    /// Weekends: at most `max` worked in any `window` weekends (default 1 of 2, hard).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_weekends: Option<RuleDto>,
    /// A worked weekend is whole: `weight` per part weekend (default soft 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whole_weekends: Option<RuleDto>,
    /// Absences are respected (default hard).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unavailable: Option<RuleDto>,
    /// Locked passes are kept (default hard).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked: Option<RuleDto>,
    /// Skill and site eligibility (default hard).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility: Option<RuleDto>,
    /// Travel from the home site: `weight` per minute per pass (default soft 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub travel: Option<RuleDto>,
    /// Split shifts (rast over 60 min): hard makes them an input error (default); soft allows
    /// them at `weight` per pass; off allows them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split_shift: Option<RuleDto>,
}

/// How hard a rule is.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum LevelDto {
    /// Must hold.
    Hard,
    /// Costs `weight` per unit of breach.
    Soft,
    /// Switched off.
    Off,
}

/// One rule's settings. Which parameter a rule takes is listed on the rule.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RuleDto {
    /// hard, soft or off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<LevelDto>,
    /// Cost per unit when soft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<u32>,
    /// A duration parameter in hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    /// A count of days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u16>,
    /// A share in percent (0–100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    /// A maximum count (weekends).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u16>,
    /// A window length (weekends).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<u16>,
    /// Pairs of shift ids [from, to].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pairs: Option<Vec<[String; 2]>>,
}

/// Resource shifts (resurspass).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ResourceDto {
    /// Whether surplus hours may be scheduled as resource shifts (default true).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Cost of a resource shift where absence is unlikely (default 30).
    #[serde(default = "base_resource_cost")]
    pub cost: u32,
    /// Cost where absence is most likely: weekday mornings, weekends, holiday weeks (default 5).
    #[serde(default = "likely_resource_cost")]
    pub likely_cost: u32,
}

fn yes() -> bool {
    true
}
fn base_resource_cost() -> u32 {
    30
}
fn likely_resource_cost() -> u32 {
    5
}

impl Default for ResourceDto {
    fn default() -> Self {
        ResourceDto { enabled: true, cost: base_resource_cost(), likely_cost: likely_resource_cost() }
    }
}

/// Cost figures (domain.md §6).
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CostsDto {
    /// Cost per paid hour for staff without their own figure, per skill id.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub hourly_by_skill: std::collections::BTreeMap<String, f64>,
    /// Cost per paid hour when nothing else is given (default 290 SEK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly: Option<f64>,
    /// Cost per hour of an hourly substitute (default 300 SEK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substitute_per_hour: Option<f64>,
    /// Cost per hour of agency staff (default 650 SEK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency_per_hour: Option<f64>,
    /// Share of uncovered hours going to agency staff (default 0.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency_share: Option<f64>,
    /// OB rates, SEK per hour (default: the 2024 levels of domain.md §6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ob: Option<ObDto>,
}

/// OB rates.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ObDto {
    /// Mon–Thu 19–22.
    pub weekday_evening: f64,
    /// 22–06.
    pub night: f64,
    /// Fri 19:00 – Mon 07:00.
    pub weekend: f64,
    /// Night in the weekend.
    pub weekend_night: f64,
    /// Major holiday.
    pub holiday: f64,
    /// Night in a major holiday.
    pub holiday_night: f64,
}
