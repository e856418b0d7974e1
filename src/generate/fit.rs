//! Fitting minimum headcounts to the staff, so that covering every minimum is within reach.
//!
//! A generated roster should be able to meet every `min` with no hard rule broken; the rest of
//! each target is the gap hourly and agency staff fill today. Two necessary conditions are
//! checked for groups of lines and the staff who work them, and minimums are lowered one at a
//! time until both hold everywhere:
//!
//! - **Hours**: the minimum hours over the horizon are at most 97 % of the staff's target hours
//!   after planned absence (a little room for 11 h rest, weekly rest and whole passes).
//! - **Weekends**: with at most one weekend in two worked, the heads needed on weekend `w`
//!   plus those on `w + 1` are at most the staff available on one of the two, and each weekend
//!   needs at most those available on it. Absence, and a weekend worked just before the
//!   horizon (history), make a person unavailable. Night lines count the Friday, Saturday and
//!   Sunday nights, which all touch the weekend.
//!
//! The groups: each day team (all its lines against all its staff; its usk lines against its
//! usk), each night, service and nurse team, and all usk/vbt lines of a municipality's place
//! against all its usk/vbt staff (night workers and day staff at a unit may stand in for each
//! other). Lowering prefers weekday lines for hours and weekend lines for weekends, Dag before
//! Kväll, and lines still above half their target; Natt lines come last.

use super::calendar::Calendar;
use super::demand::{line_minutes, Line};
use super::sites::{ShiftKind, Site};
use super::staff::{Person, Role, Team};
use super::Skill;

/// A group of lines and the staff who may work them.
#[derive(Clone, Debug)]
pub(crate) struct Check {
    /// What the group is, for messages.
    #[cfg_attr(not(test), allow(dead_code))]
    pub label: String,
    pub lines: Vec<usize>,
    pub staff: Vec<usize>,
    /// Whether the hours condition applies (night teams are checked with their place).
    pub hours: bool,
    /// Whether the weekend condition applies.
    pub weekends: bool,
}

/// The checks of an instance.
pub(crate) fn checks(sites: &[Site], lines: &[Line], teams: &[Team], staff: &[Person]) -> Vec<Check> {
    let mut out = Vec::new();
    for t in teams {
        let label = format!("{:?} team at {}", t.role, sites[lines[t.lines[0]].site].id);
        out.push(Check {
            label: label.clone(),
            lines: t.lines.clone(),
            staff: t.staff.clone(),
            hours: t.role != Role::Night,
            weekends: true,
        });
        if t.role == Role::Day {
            out.push(Check {
                label: format!("{label} (usk)"),
                lines: t.lines.iter().copied().filter(|&l| lines[l].skill == Skill::Usk).collect(),
                staff: t.staff.iter().copied().filter(|&p| staff[p].skill == Skill::Usk).collect(),
                hours: true,
                weekends: true,
            });
        }
    }
    // Places: day and night teams of one municipality in one place together.
    let mut places: Vec<(usize, super::places::Place)> =
        teams.iter().filter(|t| matches!(t.role, Role::Day | Role::Night)).map(|t| (t.muni, t.place)).collect();
    places.sort_unstable();
    places.dedup();
    for (muni, place) in places {
        let members = teams.iter().filter(|t| t.muni == muni && t.place == place && matches!(t.role, Role::Day | Role::Night));
        let (mut l, mut s) = (Vec::new(), Vec::new());
        for t in members {
            l.extend(t.lines.iter().copied());
            s.extend(t.staff.iter().copied());
        }
        l.sort_unstable();
        s.sort_unstable();
        out.push(Check { label: format!("usk/vbt in {} ({})", place.name(), muni), lines: l, staff: s, hours: true, weekends: false });
    }
    out
}

/// Days of weekend `w` that count for a line: Saturday and Sunday, and for nights Friday too.
fn weekend_days(line: &Line, w: usize) -> Vec<usize> {
    let sat = 7 * w + 5;
    if line.shift == ShiftKind::Natt {
        vec![sat - 1, sat, sat + 1]
    } else {
        vec![sat, sat + 1]
    }
}

/// Heads needed on weekend `w`: the most on any one of its days.
fn weekend_heads(cal: &Calendar, lines: &[Line], check: &Check, w: usize) -> u32 {
    let sat = 7 * w + 5;
    (sat - 1..=sat + 1)
        .map(|day| {
            check
                .lines
                .iter()
                .map(|&l| &lines[l])
                .filter(|l| weekend_days(l, w).contains(&day) && l.applies(cal, day))
                .map(|l| l.min as u32)
                .sum::<u32>()
        })
        .max()
        .unwrap_or(0)
}

/// Whether a person may work weekend `w` of a check.
fn available(staff: &[Person], p: usize, w: usize, nights: bool) -> bool {
    let sat = 7 * w + 5;
    let first = if nights { sat - 1 } else { sat };
    !(first..=sat + 1).any(|d| staff[p].absent(d)) && !(w == 0 && staff[p].history_weekend)
}

/// What a failed check asks to lower.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Failure {
    Hours,
    Weekend,
}

/// The first condition a check breaks, if any.
fn failure(cal: &Calendar, sites: &[Site], lines: &[Line], staff: &[Person], check: &Check) -> Option<Failure> {
    if check.hours {
        let need: u64 = check.lines.iter().map(|&l| line_minutes(cal, sites, &lines[l]).1).sum();
        let have: f64 = check.staff.iter().map(|&p| staff[p].target_minutes(cal)).sum();
        if need as f64 > 0.97 * have {
            return Some(Failure::Hours);
        }
    }
    if check.weekends {
        let nights = check.lines.iter().any(|&l| lines[l].shift == ShiftKind::Natt);
        let weeks = cal.weeks as usize;
        let avail = |w: usize| -> Vec<bool> { check.staff.iter().map(|&p| available(staff, p, w, nights)).collect() };
        for w in 0..weeks {
            let a = avail(w);
            let heads = weekend_heads(cal, lines, check, w);
            if heads > a.iter().filter(|&&x| x).count() as u32 {
                return Some(Failure::Weekend);
            }
            if w + 1 < weeks {
                let b = avail(w + 1);
                let either = a.iter().zip(&b).filter(|(x, y)| **x || **y).count() as u32;
                if heads + weekend_heads(cal, lines, check, w + 1) > either {
                    return Some(Failure::Weekend);
                }
            }
        }
    }
    None
}

/// Lowers one minimum of a failed check; `false` if none can be lowered.
fn lower(lines: &mut [Line], check: &Check, why: Failure) -> bool {
    // Weekday lines for hours (five days a week), weekend lines for weekends; lines still above
    // half their target first; Dag before Kväll before Helg lång (mornings have the most
    // people); the largest minimum; vbt before usk. Natt last of all.
    let rank = |l: &Line| {
        let wrong_pattern = match why {
            Failure::Hours => l.weekend,
            Failure::Weekend => !l.weekend && l.shift != ShiftKind::Natt,
        };
        let order = match l.shift {
            ShiftKind::Dag => 0,
            ShiftKind::Kvall => 1,
            ShiftKind::HelgLang => 2,
            ShiftKind::Natt => 3,
        };
        (l.shift == ShiftKind::Natt, wrong_pattern, 2 * l.min <= l.target, order, std::cmp::Reverse(l.min), l.skill != Skill::Vbt)
    };
    let pick = check.lines.iter().copied().filter(|&l| lines[l].min > 0).min_by_key(|&l| (rank(&lines[l]), l));
    match pick {
        Some(l) => {
            lines[l].min -= 1;
            true
        }
        None => false,
    }
}

/// Lowers minimums until every check holds (or nothing is left to lower).
pub(crate) fn fit_minimums(cal: &Calendar, sites: &[Site], lines: &mut [Line], staff: &[Person], checks: &[Check]) {
    loop {
        let mut changed = false;
        for check in checks {
            while let Some(why) = failure(cal, sites, lines, staff, check) {
                if !lower(lines, check, why) {
                    break;
                }
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

/// The checks that still fail, as messages (empty for a well-fitted instance).
#[cfg(test)]
pub(crate) fn failures(cal: &Calendar, sites: &[Site], lines: &[Line], staff: &[Person], checks: &[Check]) -> Vec<String> {
    checks
        .iter()
        .filter_map(|c| failure(cal, sites, lines, staff, c).map(|f| format!("{}: {f:?}", c.label)))
        .collect()
}
