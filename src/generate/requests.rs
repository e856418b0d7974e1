//! What individual staff bring to the period: planned absence, passes worked just before it
//! (history), locked passes and days off, and wishes (önskemål).

use super::calendar::Calendar;
use super::sites::{Kind, ShiftKind, Site};
use super::staff::{Absence, Person, Role, Team, WishKind};
use super::Amount;
use crate::model::AbsenceKind;
use crate::rng::Rng;

/// How many staff get each kind of planned absence.
#[derive(Clone, Copy, Debug)]
pub(crate) struct AbsencePlan {
    /// One week's vacation, Monday–Friday (the weekend around it is the person's own).
    pub vacation: Amount,
    /// One education day, Tuesday–Thursday.
    pub education: Amount,
    /// Leave (tjänstledighet), 1–3 weekdays.
    pub leave: Amount,
    /// Parental leave, 2–3 whole weeks (day staff only, one per team at a time).
    pub parental: Amount,
    /// A week many want off (påsklov, höstlov), chosen for half the vacations.
    pub popular_week: Option<usize>,
}

fn team_of(teams: &[Team], staff: usize) -> usize {
    teams.iter().position(|t| t.staff.contains(&staff)).unwrap_or(usize::MAX)
}

/// Hands out planned absences, at most one per person.
pub(crate) fn absences(rng: &mut Rng, cal: &Calendar, teams: &[Team], staff: &mut [Person], plan: &AbsencePlan) {
    let n = staff.len();
    let weeks = cal.weeks as usize;
    let mut order: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut order);
    let mut free = order.into_iter();
    for _ in 0..plan.vacation.of(n) {
        let Some(p) = free.next() else { return };
        let week = match plan.popular_week {
            Some(w) if w < weeks && rng.chance(0.5) => w,
            _ => rng.below(weeks),
        };
        staff[p].absences.push(Absence { from: 7 * week, to: 7 * week + 4, kind: AbsenceKind::Vacation });
    }
    for _ in 0..plan.education.of(n) {
        let Some(p) = free.next() else { return };
        let day = 7 * rng.below(weeks) + 1 + rng.below(3);
        staff[p].absences.push(Absence { from: day, to: day, kind: AbsenceKind::Education });
    }
    for _ in 0..plan.leave.of(n) {
        let Some(p) = free.next() else { return };
        let len = 1 + rng.below(3);
        let day = 7 * rng.below(weeks) + rng.below(6 - len);
        staff[p].absences.push(Absence { from: day, to: day + len - 1, kind: AbsenceKind::Leave });
    }
    // Parental leave spans weekends: at most one person of a team away at a time, so the
    // team's weekend rotation keeps its people.
    let wanted = plan.parental.of(n);
    let mut given = 0;
    let rest: Vec<usize> = free.filter(|&p| staff[p].role == Role::Day).collect();
    for p in rest {
        if given == wanted {
            break;
        }
        let len = 2 + rng.below(2);
        if len > weeks {
            continue;
        }
        let week = rng.below(weeks - len + 1);
        let (from, to) = (7 * week, 7 * (week + len) - 1);
        let team = team_of(teams, p);
        let clash = teams.get(team).is_some_and(|t| {
            t.staff
                .iter()
                .any(|&q| staff[q].absences.iter().any(|a| a.from <= to && from <= a.to && a.to - a.from >= 5))
        });
        if !clash {
            staff[p].absences.push(Absence { from, to, kind: AbsenceKind::ParentalLeave });
            given += 1;
        }
    }
}

/// A week of passes before the horizon, Monday to Sunday; `W` marks a worked weekend.
type Template = [Option<ShiftKind>; 7];

const D: Option<ShiftKind> = Some(ShiftKind::Dag);
const K: Option<ShiftKind> = Some(ShiftKind::Kvall);
const N: Option<ShiftKind> = Some(ShiftKind::Natt);
const L: Option<ShiftKind> = Some(ShiftKind::HelgLang);
const O: Option<ShiftKind> = None;

/// History templates per role (and for SÄBO with the long weekend day). Each keeps 11 h rest
/// (no Kväll before a Dag, no Natt before a day pass), two days off in a row, and at most four
/// passes in a row.
fn templates(role: Role, sabo: bool) -> &'static [Template] {
    match (role, sabo) {
        (Role::Night, _) => {
            &[[N, N, N, O, O, O, O], [O, O, O, O, N, N, N], [O, N, N, O, O, O, O], [N, O, O, O, N, N, N]]
        }
        (Role::Service, _) => &[[D, D, D, D, D, O, O], [O, D, D, D, D, O, O]],
        (Role::Day, true) => {
            &[[D, D, K, K, O, O, O], [O, K, K, O, D, O, O], [D, O, O, D, D, L, L], [K, K, O, O, D, D, O]]
        }
        (Role::Day, false) | (Role::Nurse, _) => {
            &[[D, D, K, K, O, O, O], [O, K, K, O, D, O, O], [O, O, D, D, O, D, D], [K, K, O, O, D, D, O]]
        }
    }
}

/// Gives `amount` of the staff a week of history. A worked weekend is given to at most half of
/// a team, as under an every-other-weekend rotation.
pub(crate) fn history(rng: &mut Rng, sites: &[Site], teams: &[Team], staff: &mut [Person], amount: Amount) {
    let mut order: Vec<usize> = (0..staff.len()).collect();
    rng.shuffle(&mut order);
    for p in order.into_iter().take(amount.of(staff.len())) {
        let sabo = matches!(sites[staff[p].home()].kind, Kind::Sabo { .. });
        let options = templates(staff[p].role, sabo);
        let team = teams.get(team_of(teams, p));
        let worked = team.map_or(0, |t| t.staff.iter().filter(|&&q| staff[q].history_weekend).count());
        let may_work_weekend = team.is_some_and(|t| worked < t.staff.len() / 2);
        let allowed: Vec<&Template> =
            options.iter().filter(|t| may_work_weekend || (t[5].is_none() && t[6].is_none() && t[4] != N)).collect();
        if allowed.is_empty() {
            continue;
        }
        let template = *rng.pick(&allowed);
        for (i, cell) in template.iter().enumerate() {
            if let Some(kind) = cell {
                staff[p].history.push((7 - i, *kind));
            }
        }
        staff[p].history_weekend = template[5].is_some() || template[6].is_some() || template[4] == N;
    }
}

/// Locks `passes` passes (a Dag, or a Natt for night workers, at the home site) and `days_off`
/// days off, on Tuesdays–Thursdays from the second week on, away from absences and holidays.
pub(crate) fn locked(rng: &mut Rng, cal: &Calendar, staff: &mut [Person], passes: Amount, days_off: Amount) {
    let n = staff.len();
    let mut order: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut order);
    let mut who = order.into_iter();
    let weeks = cal.weeks as usize;
    let lock = |rng: &mut Rng, p: usize, pass: bool, staff: &mut [Person]| {
        for _ in 0..20 {
            let day = 7 * (1 + rng.below(weeks.max(2) - 1)) + 1 + rng.below(3);
            if day < cal.days() && !staff[p].absent(day) && !cal.is_weekday_holiday(day) {
                let kind = if staff[p].role == Role::Night { ShiftKind::Natt } else { ShiftKind::Dag };
                staff[p].locked.push((day, pass.then_some(kind)));
                return;
            }
        }
    };
    for _ in 0..passes.of(n) {
        if let Some(p) = who.next() {
            lock(rng, p, true, staff);
        }
    }
    for _ in 0..days_off.of(n) {
        if let Some(p) = who.next() {
            lock(rng, p, false, staff);
        }
    }
}

/// Gives `people` of the staff between one and `most` wishes each, on distinct days when they
/// are neither absent nor locked.
pub(crate) fn wishes(rng: &mut Rng, cal: &Calendar, sites: &[Site], staff: &mut [Person], people: Amount, most: usize) {
    let mut order: Vec<usize> = (0..staff.len()).collect();
    rng.shuffle(&mut order);
    for p in order.into_iter().take(people.of(staff.len())) {
        let count = 1 + rng.below(most.max(1));
        let home = &sites[staff[p].home()];
        for _ in 0..count {
            let day = rng.below(cal.days());
            let person = &staff[p];
            if person.absent(day)
                || person.locked.iter().any(|l| l.0 == day)
                || person.wishes.iter().any(|w| w.0 == day)
            {
                continue;
            }
            let weekend = cal.weekend_pattern(day);
            let r = rng.unit();
            let kind = if r < 0.55 {
                WishKind::Off
            } else {
                let shift = match person.role {
                    Role::Night => ShiftKind::Natt,
                    Role::Service => ShiftKind::Dag,
                    _ if weekend && home.has(ShiftKind::HelgLang) && rng.chance(0.5) => ShiftKind::HelgLang,
                    _ => *rng.pick(&[ShiftKind::Dag, ShiftKind::Kvall]),
                };
                if (person.role == Role::Service && weekend) || (shift == ShiftKind::HelgLang && !weekend) {
                    WishKind::Off
                } else if r < 0.85 {
                    WishKind::Want(shift)
                } else {
                    WishKind::Avoid(shift)
                }
            };
            let weight = *rng.pick(&[1, 1, 1, 1, 1, 1, 2, 2, 2, 3]);
            staff[p].wishes.push((day, kind, weight));
        }
        staff[p].wishes.sort_by_key(|w| w.0);
    }
}
