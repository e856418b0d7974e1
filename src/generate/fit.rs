//! Fitting minimum headcounts to the staff, so that covering every minimum is within reach.
//!
//! A generated roster should be able to meet every `min` with no hard rule broken; the rest of
//! each target is the gap hourly and agency staff fill today. Two necessary conditions are
//! checked for groups of lines and the staff who work them, and minimums are lowered one at a
//! time until both hold everywhere:
//!
//! - **Hours**: the minimum hours over the horizon are at most [`HOURS_MARGIN`] (88 %) of the
//!   staff's target hours after planned absence (room for 11 h rest, weekly rest, whole passes).
//! - **Weekends**: with at most one weekend in two worked, the heads needed on weekend `w`
//!   plus those on `w + 1` are at most [`WEEKEND_MARGIN`] (80 %) of the staff available on one
//!   of the two, and leave one of them spare; each weekend needs at most 80 % of those
//!   available on it (one spare); and all weekends
//!   together need at most [`WEEKEND_TOTAL_MARGIN`] (90 %) of the person-weekends the staff can
//!   give (each person every other weekend they are available). Absence, and a weekend worked just before the
//!   horizon (history), make a person unavailable. Night lines count the Friday, Saturday and
//!   Sunday nights, which all touch the weekend.
//!
//! The margins are what makes the instances easy to solve to zero hard breaches: a check that
//! passes with no margin can still leave the search no room.
//!
//! The groups: each day team (all its lines against all its staff; its usk lines against its
//! usk), each night, service and nurse team, and all usk/vbt lines of a municipality's place
//! against all its usk/vbt staff (night workers and day staff at a unit may stand in for each
//! other). Minimums fall evenly as a share of their targets; Natt lines and the last person
//! of a site in a part of the day come last (see [`lower`]).

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
        let members =
            teams.iter().filter(|t| t.muni == muni && t.place == place && matches!(t.role, Role::Day | Role::Night));
        let (mut l, mut s) = (Vec::new(), Vec::new());
        for t in members {
            l.extend(t.lines.iter().copied());
            s.extend(t.staff.iter().copied());
        }
        l.sort_unstable();
        s.sort_unstable();
        out.push(Check {
            label: format!("usk/vbt in {} ({})", place.name(), muni),
            lines: l,
            staff: s,
            hours: true,
            weekends: false,
        });
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
    let absent = (first..=sat + 1).any(|d| staff[p].absent(d));
    // A weekend worked just before the period makes the first one unlikely (every other weekend).
    let just_worked = w == 0 && staff[p].history_weekend;
    !absent && !just_worked
}

/// What a failed check asks to lower.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Failure {
    Hours,
    Weekend,
}

/// Share of the staff's target hours the minimum hours may take: the rest is room for 11 h
/// rest, weekly rest, whole passes and the ±11 h hours band.
pub(crate) const HOURS_MARGIN: f64 = 0.88;

/// Share of the weekend capacity (people available, at most one weekend in two each) the
/// minimum weekend heads may take: room for whole weekends, rest around them and absence.
pub(crate) const WEEKEND_MARGIN: f64 = 0.8;

/// Share of all person-weekends the staff can give that the minimum weekend heads of the
/// whole horizon may take.
pub(crate) const WEEKEND_TOTAL_MARGIN: f64 = 0.9;

/// The most weekends of `available` one person can work with at most one in any two (earliest
/// first is optimal on a line).
fn weekend_capacity(available: &[bool]) -> u32 {
    let (mut n, mut w) = (0, 0);
    while w < available.len() {
        if available[w] {
            n += 1;
            w += 2;
        } else {
            w += 1;
        }
    }
    n
}

/// The first condition a check breaks, if any.
fn failure(cal: &Calendar, sites: &[Site], lines: &[Line], staff: &[Person], check: &Check) -> Option<Failure> {
    if check.hours {
        let need: u64 = check.lines.iter().map(|&l| line_minutes(cal, sites, &lines[l]).1).sum();
        let have: f64 = check.staff.iter().map(|&p| staff[p].target_minutes(cal)).sum();
        if need as f64 > HOURS_MARGIN * have {
            return Some(Failure::Hours);
        }
    }
    if check.weekends {
        let nights = check.lines.iter().any(|&l| lines[l].shift == ShiftKind::Natt);
        let weeks = cal.weeks as usize;
        // avail[w][i]: whether the check's i-th person may work weekend w.
        let avail: Vec<Vec<bool>> =
            (0..weeks).map(|w| check.staff.iter().map(|&p| available(staff, p, w, nights)).collect()).collect();
        let heads: Vec<u32> = (0..weeks).map(|w| weekend_heads(cal, lines, check, w)).collect();
        let count = |v: &[bool]| v.iter().filter(|&&x| x).count() as f64;
        // At most 80 % of the people, and always one to spare.
        let room = |people: f64| (WEEKEND_MARGIN * people).min(people - 1.0);
        for w in 0..weeks {
            if heads[w] > 0 && heads[w] as f64 > room(count(&avail[w])) {
                return Some(Failure::Weekend);
            }
            if w + 1 < weeks {
                let either: Vec<bool> = avail[w].iter().zip(&avail[w + 1]).map(|(x, y)| *x || *y).collect();
                let both = heads[w] + heads[w + 1];
                if both > 0 && both as f64 > room(count(&either)) {
                    return Some(Failure::Weekend);
                }
            }
        }
        let capacity: u32 =
            (0..check.staff.len()).map(|i| weekend_capacity(&avail.iter().map(|a| a[i]).collect::<Vec<_>>())).sum();
        if heads.iter().sum::<u32>() as f64 > WEEKEND_TOTAL_MARGIN * capacity as f64 {
            return Some(Failure::Weekend);
        }
    }
    None
}

/// Lowers one minimum of a failed check; `false` if none can be lowered.
///
/// The line lowered is the one whose minimum is closest to its target (so minimums fall evenly,
/// as a share of their targets), with two exceptions kept for last: Natt lines, and the last
/// person at a site in a part of the day (a minimum of 1 with no other care line of that site,
/// shift type and pattern still above 0), so that a unit is never left empty at minimum
/// staffing. A weekend failure only lowers lines that touch weekends (weekend-pattern lines
/// and Natt). Ties: Dag before Kväll before Helg lång, the larger minimum, vbt before usk.
fn lower(lines: &mut [Line], check: &Check, why: Failure) -> bool {
    let last_person = |l: &Line| {
        l.min == 1
            && !lines.iter().any(|o| {
                o != l
                    && o.site == l.site
                    && o.shift == l.shift
                    && o.weekend == l.weekend
                    && o.skill != Skill::Service
                    && o.min > 0
            })
    };
    let rank = |l: &Line| {
        let useless = why == Failure::Weekend && !l.weekend && l.shift != ShiftKind::Natt;
        let order = match l.shift {
            ShiftKind::Dag => 0,
            ShiftKind::Kvall => 1,
            ShiftKind::HelgLang => 2,
            ShiftKind::Natt => 3,
        };
        let share = 1000 * l.min as u32 / l.target.max(1) as u32;
        (
            useless,
            l.shift == ShiftKind::Natt || last_person(l),
            std::cmp::Reverse(share),
            order,
            std::cmp::Reverse(l.min),
            l.skill != Skill::Vbt,
        )
    };
    let pick = check
        .lines
        .iter()
        .copied()
        .filter(|&l| lines[l].min > 0)
        .filter(|&l| !(why == Failure::Weekend && !lines[l].weekend && lines[l].shift != ShiftKind::Natt))
        .min_by_key(|&l| (rank(&lines[l]), l));
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
pub(crate) fn failures(
    cal: &Calendar,
    sites: &[Site],
    lines: &[Line],
    staff: &[Person],
    checks: &[Check],
) -> Vec<String> {
    checks.iter().filter_map(|c| failure(cal, sites, lines, staff, c).map(|f| format!("{}: {f:?}", c.label))).collect()
}
