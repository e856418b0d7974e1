//! Rule settings: heltid's defaults ([`RULE_DEFAULTS`]) ← `defaults.rules` ← a contract group's
//! `rules`, merged field by field and resolved into a [`Contract`] per group.

use std::collections::BTreeMap;

use super::catalog::Catalog;
use super::Problems;
use crate::io::dto::{InstanceFile, LevelDto, RuleDto, RulesDto};
use crate::io::locate::key;
use crate::model::*;

/// The full-time measure (heltidsmått) in hours per week when neither the employee, the group
/// nor `defaults` give one: schedules that include Sundays and holidays (domain.md §4).
pub const FULL_TIME_HOURS: f64 = 38.25;
/// The full-time measure of night workers (at least 80 % of paid time at night): 34 h 20 min.
pub const NIGHT_FULL_TIME_HOURS: f64 = 34.0 + 20.0 / 60.0;
/// The full-time measure of weekday-only work (no Sundays or public holidays): 40 h.
pub const WEEKDAY_FULL_TIME_HOURS: f64 = 40.0;

/// Which parameter a rule takes, with heltid's default for it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RuleParam {
    /// Only a level (and a weight when soft).
    None,
    /// `hours`: a duration, with its default and the accepted range (inclusive).
    Hours {
        /// Default hours.
        default: f64,
        /// Fewest hours accepted.
        min: f64,
        /// Most hours accepted.
        max: f64,
    },
    /// `days`: a count of days (≥ 1); `None` when the rule has no default value.
    Days {
        /// Default days.
        default: Option<u16>,
    },
    /// At most `max` worked weekends in any `window` consecutive weekends.
    Weekends {
        /// Default `max`.
        max: u16,
        /// Default `window`.
        window: u16,
    },
    /// `pairs` of shift type ids `[from, to]`; the rule is off unless pairs are given.
    Pairs,
    /// `percent`: a share, with its default (whole percent, 0–100).
    Percent {
        /// Default percent.
        default: u16,
    },
}

/// How hard a rule is by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefaultLevel {
    /// Must hold.
    Hard,
    /// Costs this weight per unit of breach; also the weight used when an instance makes the
    /// rule soft without giving one.
    Soft(u32),
    /// Switched off.
    Off,
}

/// Whom a rule's setting applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleScope {
    /// Resolved per employee: contract groups may override it.
    Employee,
    /// One setting for the whole instance, under `defaults.rules` only.
    Everyone,
}

/// One row of heltid's rule table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RuleDefault {
    /// The key under `rules` (and the rule's term name).
    pub name: &'static str,
    /// Its parameter and default value.
    pub param: RuleParam,
    /// Its default level.
    pub level: DefaultLevel,
    /// Whether groups may override it.
    pub scope: RuleScope,
    /// What it means, in a sentence.
    pub meaning: &'static str,
}

/// heltid's rule defaults (domain.md §3–§5), the bottom layer under `defaults.rules` and each
/// contract group's `rules`, in the order of the instance file's `rules` table.
///
/// | rule | parameter (default) | level |
/// |---|---|---|
/// | daily_rest | hours 11 (9–24) | hard |
/// | weekly_rest | hours 36 (36–168) | hard |
/// | max_daily_work | hours 13 (1–24) | hard |
/// | max_weekly_work | hours 48 (1–168) | hard |
/// | max_consecutive_days | days 6 | hard |
/// | min_consecutive_days | days (none) | off |
/// | min_consecutive_days_off | days (none) | off |
/// | forbidden_succession | pairs (none: off) | hard once pairs are given; everyone |
/// | contract_minutes | hours 11: target ± 11 h (0–1000) | hard |
/// | hours_deviation | — | soft 10 per started hour |
/// | weekly_spread | — | soft 2 per started hour |
/// | night_work | hours 8 (1–24), night workers only | hard |
/// | night_share | percent 80 (0–100), night workers only | hard |
/// | heavy_night_work | hours 8 (1–24), night workers only | off |
/// | max_weekends | max 1 in window 2 | hard |
/// | whole_weekends | — | soft 20 per part weekend |
/// | unavailable | — | hard (hard or soft); everyone |
/// | locked | — | hard (hard or soft); everyone |
/// | eligibility | — | hard (hard or soft); everyone |
/// | travel | — | soft 1 per minute (soft or off); everyone |
/// | split_shift | — | hard: split shift types are an input error; soft per pass; everyone |
///
/// A level of `off` switches a rule off; `soft` without a weight takes the default weight, and
/// is an error for rules whose default is not soft.
pub const RULE_DEFAULTS: [RuleDefault; 21] = {
    use DefaultLevel::*;
    use RuleScope::*;
    const fn hours(default: f64, min: f64, max: f64) -> RuleParam {
        RuleParam::Hours { default, min, max }
    }
    const fn row(
        name: &'static str,
        param: RuleParam,
        level: DefaultLevel,
        scope: RuleScope,
        meaning: &'static str,
    ) -> RuleDefault {
        RuleDefault { name, param, level, scope, meaning }
    }
    [
        row("daily_rest", hours(11.0, 9.0, 24.0), Hard, Employee, "dygnsvila: rest between two passes"),
        row("weekly_rest", hours(36.0, 36.0, 168.0), Hard, Employee, "veckovila: consecutive rest in each fixed week"),
        row("max_daily_work", hours(13.0, 1.0, 24.0), Hard, Employee, "work per 24 h from the dygnsbryt"),
        row("max_weekly_work", hours(48.0, 1.0, 168.0), Hard, Employee, "paid time per fixed week"),
        row("max_consecutive_days", RuleParam::Days { default: Some(6) }, Hard, Employee, "working days in a row"),
        row(
            "min_consecutive_days",
            RuleParam::Days { default: None },
            Off,
            Employee,
            "working days in a row, at least",
        ),
        row(
            "min_consecutive_days_off",
            RuleParam::Days { default: None },
            Off,
            Employee,
            "days off in a row, at least",
        ),
        row("forbidden_succession", RuleParam::Pairs, Hard, Everyone, "shift types that may not follow each other"),
        row("contract_minutes", hours(11.0, 0.0, 1000.0), Hard, Employee, "period hours within target ± hours"),
        row("hours_deviation", RuleParam::None, Soft(10), Employee, "period hours against the target"),
        row("weekly_spread", RuleParam::None, Soft(2), Employee, "each week against its share of the target"),
        row("night_work", hours(8.0, 1.0, 24.0), Hard, Employee, "night workers' average work per 24 h"),
        row(
            "night_share",
            RuleParam::Percent { default: 80 },
            Hard,
            Employee,
            "night workers' share of paid time at night (22–06), at least",
        ),
        row(
            "heavy_night_work",
            hours(8.0, 1.0, 24.0),
            Off,
            Employee,
            "heavy night work: work in every 24 h with night work, at most",
        ),
        row("max_weekends", RuleParam::Weekends { max: 1, window: 2 }, Hard, Employee, "weekends worked per window"),
        row("whole_weekends", RuleParam::None, Soft(20), Employee, "a worked weekend is whole"),
        row("unavailable", RuleParam::None, Hard, Everyone, "no work on a day of absence"),
        row("locked", RuleParam::None, Hard, Everyone, "locked passes and days off are kept"),
        row("eligibility", RuleParam::None, Hard, Everyone, "skill and site of every pass"),
        row("travel", RuleParam::None, Soft(1), Everyone, "minutes of travel from the home site, per pass"),
        row("split_shift", RuleParam::None, Hard, Everyone, "no unpaid break over 1 h inside a pass (delad tur)"),
    ]
};

/// The settings of `rules`, in the order of [`RULE_DEFAULTS`].
fn settings(r: &RulesDto) -> [Option<&RuleDto>; 21] {
    [
        r.daily_rest.as_ref(),
        r.weekly_rest.as_ref(),
        r.max_daily_work.as_ref(),
        r.max_weekly_work.as_ref(),
        r.max_consecutive_days.as_ref(),
        r.min_consecutive_days.as_ref(),
        r.min_consecutive_days_off.as_ref(),
        r.forbidden_succession.as_ref(),
        r.contract_minutes.as_ref(),
        r.hours_deviation.as_ref(),
        r.weekly_spread.as_ref(),
        r.night_work.as_ref(),
        r.night_share.as_ref(),
        r.heavy_night_work.as_ref(),
        r.max_weekends.as_ref(),
        r.whole_weekends.as_ref(),
        r.unavailable.as_ref(),
        r.locked.as_ref(),
        r.eligibility.as_ref(),
        r.travel.as_ref(),
        r.split_shift.as_ref(),
    ]
}

/// A contract group's rules (or the defaults', for staff without a group), resolved.
#[derive(Clone, Debug)]
pub(super) struct ContractDraft {
    /// Every rule except the contract band, which depends on each employee's target.
    pub contract: Contract,
    /// Carry-over allowed around the target (the contract band's half-width).
    pub carry_over: Option<Limit<Minute>>,
    /// Heltidsmått in hours per week, when the group (or the defaults, for staff without a
    /// group) sets one.
    pub full_time_hours: Option<f64>,
    /// Night passes for the group's staff, when it says.
    pub nights: Option<Nights>,
    /// Weekday-only work for the group's staff, when it says.
    pub weekdays_only: Option<bool>,
}

/// Resolved rules of the whole instance.
pub(super) struct Rules {
    /// For staff without a group.
    pub default: ContractDraft,
    /// Per contract group.
    pub groups: BTreeMap<String, ContractDraft>,
    /// Rules for everyone.
    pub global: GlobalRules,
    /// Full-time measures for night workers and weekday-only work.
    pub measures: Measures,
}

/// One rule's settings merged so far.
#[derive(Clone, Debug)]
struct Setting {
    row: &'static RuleDefault,
    level: LevelDto,
    /// Where the level was set ("" for heltid's default).
    level_at: String,
    weight: Option<u32>,
    hours: Option<f64>,
    days: Option<u16>,
    percent: Option<u16>,
    max: Option<u16>,
    window: Option<u16>,
    pairs: Option<Vec<[String; 2]>>,
}

impl Setting {
    fn new(row: &'static RuleDefault) -> Setting {
        let mut s = Setting {
            row,
            level: match row.level {
                DefaultLevel::Hard => LevelDto::Hard,
                DefaultLevel::Soft(_) => LevelDto::Soft,
                DefaultLevel::Off => LevelDto::Off,
            },
            level_at: String::new(),
            weight: None,
            hours: None,
            days: None,
            percent: None,
            max: None,
            window: None,
            pairs: None,
        };
        match row.param {
            RuleParam::Hours { default, .. } => s.hours = Some(default),
            RuleParam::Days { default } => s.days = default,
            RuleParam::Weekends { max, window } => (s.max, s.window) = (Some(max), Some(window)),
            RuleParam::Percent { default } => s.percent = Some(default),
            RuleParam::None | RuleParam::Pairs => {}
        }
        s
    }

    /// Checks one layer (`dto` written at `path`) and applies it on top.
    fn apply(&mut self, dto: &RuleDto, path: &str, cat: &Catalog, p: &mut Problems) {
        let name = self.row.name;
        let takes = match self.row.param {
            RuleParam::None => "no parameter besides level and weight",
            RuleParam::Hours { .. } => "`hours`",
            RuleParam::Days { .. } => "`days`",
            RuleParam::Weekends { .. } => "`max` and `window`",
            RuleParam::Pairs => "`pairs`",
            RuleParam::Percent { .. } => "`percent`",
        };
        let given = [
            ("hours", dto.hours.is_some(), matches!(self.row.param, RuleParam::Hours { .. })),
            ("days", dto.days.is_some(), matches!(self.row.param, RuleParam::Days { .. })),
            ("max", dto.max.is_some(), matches!(self.row.param, RuleParam::Weekends { .. })),
            ("window", dto.window.is_some(), matches!(self.row.param, RuleParam::Weekends { .. })),
            ("pairs", dto.pairs.is_some(), matches!(self.row.param, RuleParam::Pairs)),
            ("percent", dto.percent.is_some(), matches!(self.row.param, RuleParam::Percent { .. })),
        ];
        for (field, is_given, taken) in given {
            if is_given && !taken {
                p.error(format!("{path}.{field}"), format!("{name} does not take `{field}`; it takes {takes}"));
            }
        }
        if let (Some(h), RuleParam::Hours { min, max, .. }) = (dto.hours, self.row.param) {
            if !(h.is_finite() && (min..=max).contains(&h)) {
                let why = match name {
                    "daily_rest" => " (dygnsvila may be shortened to 9 h, never lower)",
                    "weekly_rest" => " (veckovila is at least 36 h)",
                    _ => "",
                };
                p.error(format!("{path}.hours"), format!("{name} hours must be between {min} and {max}, not {h}{why}"));
            } else {
                self.hours = Some(h);
            }
        }
        if let (Some(pc), RuleParam::Percent { .. }) = (dto.percent, self.row.param) {
            if pc.is_finite() && (0.0..=100.0).contains(&pc) && pc.fract() == 0.0 {
                self.percent = Some(pc as u16);
            } else {
                p.error(format!("{path}.percent"), format!("{name} percent must be a whole number 0–100, not {pc}"));
            }
        }
        if let Some(d) = dto.days.filter(|_| matches!(self.row.param, RuleParam::Days { .. })) {
            if d == 0 {
                p.error(format!("{path}.days"), format!("{name} days must be at least 1"));
            } else {
                self.days = Some(d);
            }
        }
        if matches!(self.row.param, RuleParam::Weekends { .. }) {
            if dto.window == Some(0) {
                p.error(format!("{path}.window"), "the window must be at least 1 weekend");
            } else {
                self.window = dto.window.or(self.window);
            }
            self.max = dto.max.or(self.max);
        }
        if let (Some(pairs), RuleParam::Pairs) = (&dto.pairs, self.row.param) {
            for (i, pair) in pairs.iter().enumerate() {
                for (j, id) in pair.iter().enumerate() {
                    cat.shift_ids.get(id, &format!("{path}.pairs[{i}][{j}]"), p);
                }
            }
            self.pairs = Some(pairs.clone());
        }
        if let Some(level) = dto.level {
            let refused = match (name, level) {
                ("travel", LevelDto::Hard) => Some("travel can only be soft or off"),
                ("unavailable" | "locked" | "eligibility", LevelDto::Off) => {
                    Some("this rule cannot be switched off; make it soft with a weight instead")
                }
                _ => None,
            };
            match refused {
                Some(why) => p.error(format!("{path}.level"), why),
                None => {
                    self.level = level;
                    self.level_at = format!("{path}.level");
                }
            }
        }
        if let Some(w) = dto.weight {
            if self.level != LevelDto::Soft {
                p.error(
                    format!("{path}.weight"),
                    format!("a weight applies only to a soft rule; {name} is not soft here"),
                );
            }
            self.weight = Some(w);
        }
    }

    /// The level, or `None` when off; a soft level without any weight is a problem.
    fn level(&self, p: &mut Problems) -> Option<Level> {
        match self.level {
            LevelDto::Off => None,
            LevelDto::Hard => Some(Level::Hard),
            LevelDto::Soft => match (self.weight, self.row.level) {
                (Some(w), _) | (None, DefaultLevel::Soft(w)) => Some(Level::Soft(w)),
                (None, _) => {
                    p.error(
                        self.level_at.clone(),
                        format!("{} is made soft without a weight, and it has no default weight", self.row.name),
                    );
                    None
                }
            },
        }
    }

    fn limit<P>(&self, value: P, p: &mut Problems) -> Option<Limit<P>> {
        self.level(p).map(|level| Limit { value, level })
    }

    /// A limit in minutes from `hours`.
    fn minutes(&self, p: &mut Problems) -> Option<Limit<Minute>> {
        self.limit((self.hours.unwrap_or(0.0) * 60.0).round() as Minute, p)
    }

    /// A limit in days; a rule switched on without days is a problem.
    fn day_limit(&self, p: &mut Problems) -> Option<Limit<u16>> {
        self.limit(self.days?, p)
    }
}

/// Resolves `defaults.rules` and each group's rules on top of [`RULE_DEFAULTS`].
pub(super) fn resolve(file: &InstanceFile, cat: &Catalog, p: &mut Problems) -> Rules {
    let defaults = layer(None, &file.defaults.rules, "defaults.rules", cat, p);
    let measure = |h: Option<f64>, path: &str, p: &mut Problems| h.and_then(|h| full_time(Some(h), path, None, p));
    let default_hours = measure(file.defaults.full_time_hours, "defaults.full_time_hours", p);
    let measures = Measures {
        default: default_hours.unwrap_or(FULL_TIME_HOURS),
        night: measure(file.defaults.night_full_time_hours, "defaults.night_full_time_hours", p)
            .unwrap_or(NIGHT_FULL_TIME_HOURS),
        weekday: measure(file.defaults.weekday_full_time_hours, "defaults.weekday_full_time_hours", p)
            .unwrap_or(WEEKDAY_FULL_TIME_HOURS),
    };
    let default = contract(&defaults, None, p);
    let mut groups = BTreeMap::new();
    for (name, g) in &file.groups {
        let path = key("groups", name);
        let merged = layer(Some(&defaults), &g.rules, &key(&path, "rules"), cat, p);
        let hours = measure(g.full_time_hours, &key(&path, "full_time_hours"), p);
        let mut c = contract(&merged, hours, p);
        (c.nights, c.weekdays_only) = (g.nights, g.weekdays_only);
        groups.insert(name.clone(), c);
    }
    Rules { default, groups, global: global(&defaults, file, cat, p), measures }
}

/// The full-time measures that apply where no group or person sets one.
#[derive(Clone, Copy, Debug)]
pub(super) struct Measures {
    /// For everyone else (38.25 h unless `defaults.full_time_hours` says).
    pub default: f64,
    /// For night workers (34.33 h).
    pub night: f64,
    /// For weekday-only work (40 h).
    pub weekday: f64,
}

impl Measures {
    /// The measure of an employee: their own, their group's, else the night measure for a
    /// night worker, the weekday measure for weekday-only work, and the default for everyone else.
    pub fn of(&self, own: Option<f64>, group: &ContractDraft, night: bool, weekdays: bool) -> f64 {
        own.or(group.full_time_hours).unwrap_or(if night {
            self.night
        } else if weekdays {
            self.weekday
        } else {
            self.default
        })
    }
}

/// Validates a full-time measure, or takes `fallback`.
pub(super) fn full_time<F>(hours: Option<f64>, path: &str, fallback: F, p: &mut Problems) -> F
where
    F: From<f64>,
{
    match hours {
        Some(h) if h.is_finite() && h > 0.0 && h <= 48.0 => F::from(h),
        Some(h) => {
            p.error(path, format!("the full-time measure must be more than 0 and at most 48 hours a week, not {h}"));
            fallback
        }
        None => fallback,
    }
}

/// Applies one layer of rule settings on top of `below` (or of heltid's defaults).
fn layer(below: Option<&[Setting]>, rules: &RulesDto, path: &str, cat: &Catalog, p: &mut Problems) -> Vec<Setting> {
    let group = below.is_some();
    let mut merged: Vec<Setting> = match below {
        Some(b) => b.to_vec(),
        None => RULE_DEFAULTS.iter().map(Setting::new).collect(),
    };
    for (s, dto) in merged.iter_mut().zip(settings(rules)) {
        let Some(dto) = dto else { continue };
        let here = key(path, s.row.name);
        if group && s.row.scope == RuleScope::Everyone {
            p.error(here, format!("{} applies to everyone; set it under defaults.rules", s.row.name));
            continue;
        }
        s.apply(dto, &here, cat, p);
    }
    merged
}

fn find<'s>(settings: &'s [Setting], name: &str) -> &'s Setting {
    // Every name is a row of RULE_DEFAULTS, so the lookup cannot miss; fall back to the first
    // row rather than panic if a name were ever mistyped.
    settings.iter().find(|s| s.row.name == name).unwrap_or(&settings[0])
}

/// The per-employee rules of one layer stack.
fn contract(s: &[Setting], full_time_hours: Option<f64>, p: &mut Problems) -> ContractDraft {
    let weekends = find(s, "max_weekends");
    let contract = Contract {
        daily_rest: find(s, "daily_rest").minutes(p),
        weekly_rest: find(s, "weekly_rest").minutes(p),
        max_daily_work: find(s, "max_daily_work").minutes(p),
        max_weekly_work: find(s, "max_weekly_work").minutes(p),
        max_consecutive_days: needs_days(find(s, "max_consecutive_days"), p),
        min_consecutive_days: needs_days(find(s, "min_consecutive_days"), p),
        min_consecutive_days_off: needs_days(find(s, "min_consecutive_days_off"), p),
        contract_minutes: None,
        hours_deviation: find(s, "hours_deviation").limit((), p),
        weekly_spread: find(s, "weekly_spread").limit((), p),
        max_weekends: weekends
            .limit(WeekendLimit { max: weekends.max.unwrap_or(1), window: weekends.window.unwrap_or(2) }, p),
        whole_weekends: find(s, "whole_weekends").limit((), p),
        max_shifts_per_type: None,
        night_work: find(s, "night_work").minutes(p),
        night_share: find(s, "night_share").limit(find(s, "night_share").percent.unwrap_or(80), p),
        heavy_night_work: find(s, "heavy_night_work").minutes(p),
        weekdays_only: false,
    };
    ContractDraft {
        contract,
        carry_over: find(s, "contract_minutes").minutes(p),
        full_time_hours,
        nights: None,
        weekdays_only: None,
    }
}

/// A days rule that is switched on must have its `days`.
fn needs_days(s: &Setting, p: &mut Problems) -> Option<Limit<u16>> {
    if s.level != LevelDto::Off && s.days.is_none() {
        p.error(s.level_at.clone(), format!("{} is switched on but has no `days`", s.row.name));
        return None;
    }
    s.day_limit(p)
}

/// The rules for everyone, from `defaults.rules`.
fn global(s: &[Setting], file: &InstanceFile, cat: &Catalog, p: &mut Problems) -> GlobalRules {
    let succession = find(s, "forbidden_succession");
    let n = cat.shifts.len();
    let forbidden_succession = match &succession.pairs {
        Some(pairs) if !pairs.is_empty() => {
            let mut matrix = vec![false; n * n];
            for [a, b] in pairs {
                if let (Some(&a), Some(&b)) = (cat.shift_ids.index.get(a), cat.shift_ids.index.get(b)) {
                    matrix[a * n + b] = true;
                }
            }
            succession.limit(matrix, p)
        }
        _ => None,
    };
    let hard_or_soft = |name: &str, p: &mut Problems| find(s, name).level(p).unwrap_or(Level::Hard);
    GlobalRules {
        forbidden_succession,
        unavailable: hard_or_soft("unavailable", p),
        locked: hard_or_soft("locked", p),
        eligibility: hard_or_soft("eligibility", p),
        travel_weight: match find(s, "travel").level(p) {
            Some(Level::Soft(w)) => Some(w),
            _ => None,
        },
        split_shift_weight: split_shifts(find(s, "split_shift"), file, p),
        resource_shifts: file.resource_shifts.enabled,
        weekend_by_instant: true,
        strict_edges: false,
    }
}

/// The split-shift rule: hard (the default) makes every shift type with a rast over 60
/// minutes an input error; soft allows them at its weight per pass; off allows them freely.
fn split_shifts(rule: &Setting, file: &InstanceFile, p: &mut Problems) -> Option<u32> {
    let level = rule.level(p);
    if level == Some(Level::Hard) {
        for (i, s) in file.shifts.iter().enumerate().filter(|(_, s)| !s.paid_meal && s.rast > SPLIT_SHIFT_RAST) {
            let path = format!("shifts[{i}].rast");
            if p.errors.iter().any(|e| e.path == path) {
                continue; // a rast the shift cannot hold is already reported
            }
            p.error(
                path,
                format!(
                    "shift type {:?} has {} min unpaid break: over {SPLIT_SHIFT_RAST} min inside a pass is a split \
                     shift (delad tur); shorten the break, or allow split shifts at a cost with \
                     defaults.rules.split_shift = {{ level = \"soft\", weight = 50 }}",
                    s.id, s.rast
                ),
            );
        }
    }
    match level {
        Some(Level::Soft(w)) => Some(w),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_follows_the_rules_section() {
        // `settings` lists the fields of RulesDto in table order; a rule set only in one field
        // must land on the row of the same name.
        let names: Vec<&str> = RULE_DEFAULTS.iter().map(|r| r.name).collect();
        let schema = serde_json::to_value(schemars::schema_for!(RulesDto)).unwrap();
        let props = schema["properties"].as_object().unwrap();
        assert_eq!(props.len(), names.len());
        for name in &names {
            let json = format!("{{\"{name}\": {{\"level\": \"off\"}}}}");
            let dto: RulesDto = serde_json::from_str(&json).unwrap();
            let set: Vec<usize> =
                settings(&dto).iter().enumerate().filter(|(_, s)| s.is_some()).map(|(i, _)| i).collect();
            assert_eq!(set.len(), 1);
            assert_eq!(RULE_DEFAULTS[set[0]].name, *name);
        }
    }
}
