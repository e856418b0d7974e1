//! Validation: an [`InstanceFile`] as written → a validated [`Instance`], or every problem found.
//!
//! Validation runs in two stages. First each section is checked and turned into a draft with
//! dense indices ([`catalog`]: horizon, municipalities, sites, skills, shift types, travel,
//! costs; [`rules`]: rule settings resolved per contract group; [`staff`]; [`demand`]); every
//! problem is collected with its field path, and checking goes on after the first. Only when no
//! problem was found does [`build`] assemble the [`Instance`] (tasks, demand and resource-cost
//! tables, targets, history) and look for warnings: things that are legal but suspicious.
//! Last, [`checks`] looks at the whole instance for what no roster can mend (locks that force a
//! hard breach, shift times in the hour the spring DST change skips) and for consented sites
//! without a travel time.

mod build;
mod catalog;
mod checks;
mod demand;
mod rules;
mod staff;

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime, Timelike, Weekday};

pub use rules::{DefaultLevel, RuleDefault, RuleParam, RuleScope, FULL_TIME_HOURS, RULE_DEFAULTS};

use super::dto::InstanceFile;
use crate::model::{Day, Horizon};
use crate::{Error, ErrorKind, Instance, Problem, Result};

/// Validates an instance file and builds the [`Instance`]; also returns the warnings.
///
/// Problems carry field paths ("staff[3].sites[1]") but no positions; the loader adds line and
/// column for TOML input.
///
/// # Errors
/// [`ErrorKind::Invalid`] listing every problem found (the error names no file).
pub fn validate(file: &InstanceFile) -> Result<(Instance, Vec<Problem>)> {
    let mut p = Problems::default();
    let calendar = catalog::calendar(&file.horizon, &mut p);
    let cat = catalog::catalog(file, &mut p);
    let rules = rules::resolve(file, &cat, &mut p);
    let staff = staff::drafts(file, calendar.as_ref(), &cat, &rules, &mut p);
    let demand = demand::lines(file, calendar.as_ref(), &cat, &mut p);
    let ready = p.errors.is_empty();
    let drafts = (calendar, staff.into_iter().collect::<Option<Vec<_>>>(), demand.into_iter().collect::<Option<_>>());
    match drafts {
        (Some(calendar), Some(staff), Some(demand)) if ready => {
            let inst = build::instance(file, calendar, cat, rules, staff, demand);
            let errors = checks::errors(&inst);
            if !errors.is_empty() {
                return Err(Error::new("", ErrorKind::Invalid(errors)));
            }
            let mut warnings = build::warnings(file, &inst);
            warnings.extend(checks::warnings(file, &inst));
            Ok((inst, warnings))
        }
        _ => {
            if p.errors.is_empty() {
                // Every draft that could not be made reports why; this is a safety net.
                p.error("", "the instance could not be validated");
            }
            Err(Error::new("", ErrorKind::Invalid(p.errors)))
        }
    }
}

/// Problems found so far.
#[derive(Default)]
pub(crate) struct Problems {
    errors: Vec<Problem>,
}

impl Problems {
    /// Records a problem at a field path (once: a setting inherited by several contract
    /// groups is checked for each).
    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        let new = problem(path, message);
        if !self.errors.contains(&new) {
            self.errors.push(new);
        }
    }

    /// Parses a date written "YYYY-MM-DD".
    fn date(&mut self, text: &str, path: &str) -> Option<NaiveDate> {
        let parsed = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
        if parsed.is_none() {
            self.error(path, format!("bad date {text:?}: expected YYYY-MM-DD, e.g. \"2027-01-04\""));
        }
        parsed
    }

    /// Parses a wall-clock time written "HH:MM" (00:00–23:59).
    fn clock(&mut self, text: &str, path: &str) -> Option<NaiveTime> {
        let parsed = parse_clock(text);
        if parsed.is_none() {
            self.error(path, format!("bad time {text:?}: expected HH:MM between 00:00 and 23:59"));
        }
        parsed
    }

    /// Parses a date that must lie inside the horizon; returns its day index.
    /// Without a valid horizon the date is only parsed.
    fn day(&mut self, text: &str, path: &str, calendar: Option<&Calendar>) -> Option<Day> {
        let date = self.date(text, path)?;
        let cal = calendar?;
        let day = cal.horizon.day_of(date);
        if !cal.horizon.contains(day) {
            self.error(path, format!("{date} is outside the horizon ({})", cal.span()));
            return None;
        }
        Some(day)
    }
}

fn problem(path: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem { path: path.into(), position: None, message: message.into() }
}

/// Parses "HH:MM" (also "H:MM").
pub(crate) fn parse_clock(text: &str) -> Option<NaiveTime> {
    let (h, m) = text.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 || !(h.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

/// English name of a weekday ("Monday").
fn weekday_name(w: Weekday) -> &'static str {
    const NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    NAMES[w.num_days_from_monday() as usize]
}

/// Minutes after midnight of a clock time.
fn minutes_of(t: NaiveTime) -> u16 {
    (t.hour() * 60 + t.minute()) as u16
}

/// The validated horizon and its holidays.
pub(crate) struct Calendar {
    horizon: Horizon,
    holidays: Vec<bool>,
    major_holidays: Vec<bool>,
}

impl Calendar {
    /// "2027-01-04 – 2027-01-31", for messages.
    fn span(&self) -> String {
        let h = &self.horizon;
        format!("{} – {}", h.start(), h.date(h.days() as Day - 1))
    }
}

/// The ids of one section, each with its index; reports empty and duplicate ids.
pub(crate) struct Ids {
    what: &'static str,
    index: BTreeMap<String, usize>,
}

impl Ids {
    /// Indexes `ids` (written at `{section}[i].id`); a duplicate keeps its first index.
    fn new<'a>(what: &'static str, section: &str, ids: impl IntoIterator<Item = &'a str>, p: &mut Problems) -> Ids {
        let mut index = BTreeMap::new();
        for (i, id) in ids.into_iter().enumerate() {
            let path = format!("{section}[{i}].id");
            if id.trim().is_empty() {
                p.error(path, format!("the {what} id is empty"));
            } else if let Some(first) = index.get(id) {
                p.error(path, format!("duplicate {what} id {id:?} (first used at {section}[{first}])"));
            } else {
                index.insert(id.to_string(), i);
            }
        }
        Ids { what, index }
    }

    /// The index of `id`, or a problem at `path` naming the unknown id.
    fn get(&self, id: &str, path: &str, p: &mut Problems) -> Option<usize> {
        let found = self.index.get(id).copied();
        if found.is_none() {
            let known: Vec<&str> = self.index.keys().map(String::as_str).take(12).collect();
            let hint = if known.is_empty() {
                format!("no {} is defined", self.what)
            } else {
                format!("known: {}", known.join(", "))
            };
            p.error(path, format!("unknown {} {id:?} ({hint})", self.what));
        }
        found
    }
}

#[cfg(test)]
mod tests;
