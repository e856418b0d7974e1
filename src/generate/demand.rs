//! Demand per site, shift type and skill, for weekdays and for weekends (and weekday holidays).
//!
//! Särskilt boende, per unit of P residents (domain.md §7: a 25-resident unit has 6–7 staff
//! mornings, 3–4 evenings and 1 per 10–20 residents at night; a 10-place unit 3 / 2 / 1):
//! - Dag heads `Dh = max(2, round(0.27 P))`, Kväll `Kh = max(2, round(0.15 P))`,
//!   Natt `Nh = max(1, round(P / 13))`; service staff `round(P / 25)` on weekdays.
//! - Vårdbiträden (vbt) fill `Dh / 3` of the day heads and `Kh / 4` of the evening heads; the rest
//!   are undersköterskor (usk, who may also cover vbt demand).
//! - Weekends have 80 % of the weekday heads present (at least two), morning `Dm` and evening
//!   `Km`: `HL = max(1, Dm / 4)` (at most `Km − 1`) of them work Helg lång 07:00–20:00 and so
//!   stand in for as many evening heads. Dag is `Dm − HL`, Kväll `Km − HL`. Weekday holidays
//!   are staffed like weekends.
//!
//! A 10-place unit: weekdays 3 Dag (24 h) + 2 Kväll (15 h) = 39 h; weekends 1 Dag + 1 Helg
//! lång + 1 Kväll = 27.75 h; nights 10 h every day. Per week 5·39 + 2·27.75 = 250.5 day hours
//! (6.5 full-time posts at 38.25 h) and 70 night hours (2.04 posts at 34.33 h): 8.6 posts,
//! close to domain.md's 9.4 (which staffs weekends like weekdays) before absence cover.
//!
//! Home care with `d` day and `e` evening heads on weekdays: weekends `round(0.75 d)` days and
//! `e` evenings; vbt fill `d / 3` of the day heads; service staff `round(d / 4)` on weekdays.
//! Nurses: `d` day and `e` evening heads on weekdays, `max(1, d / 3)` days and `e` evenings at
//! weekends.
//!
//! Minimum headcounts start one below the target on Dag (see [`lines`]) and equal to it
//! elsewhere; [`super::fit`] then lowers minimums until the staff can cover them (the rest of
//! the target is hourly staff's today).

use super::calendar::Calendar;
use super::sites::{Kind, ShiftKind, Site};
use super::Skill;

/// Headcount wanted for one shift type and skill on weekdays or on weekend-pattern days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    /// Index of the site.
    pub site: usize,
    /// The shift type at that site.
    pub shift: ShiftKind,
    /// The skill needed.
    pub skill: Skill,
    /// Weekend pattern (Saturdays, Sundays, weekday holidays) rather than ordinary weekdays.
    pub weekend: bool,
    /// Headcount wanted.
    pub target: u16,
    /// Fewest people needed.
    pub min: u16,
}

impl Line {
    /// Whether this line applies on a day of the horizon.
    pub fn applies(&self, cal: &Calendar, day: usize) -> bool {
        cal.weekend_pattern(day) == self.weekend
    }
}

fn round(x: f64) -> u16 {
    x.round().max(0.0) as u16
}

/// Heads per shift kind and skill for one pattern: (kind, skill, heads).
type Heads = Vec<(ShiftKind, Skill, u16)>;

/// Weekday and weekend heads of a site.
fn heads(site: &Site) -> (Heads, Heads) {
    use ShiftKind::*;
    use Skill::*;
    match site.kind {
        Kind::Sabo { places } => {
            let p = places as f64;
            let dh = round(0.27 * p).max(2);
            let kh = round(0.15 * p).max(2);
            let nh = round(p / 13.0).max(1);
            let service = round(p / 25.0);
            let (vbt_d, vbt_k) = (dh / 3, kh / 4);
            // Weekend presence: 80 % of the weekday heads, at least two.
            let (dm, km) = (round(0.8 * dh as f64).max(2), round(0.8 * kh as f64).max(2));
            let hl = (dm / 4).max(1).min(km - 1);
            let (dw, kw) = (dm - hl, km - hl);
            let (vbt_dw, vbt_kw) = (vbt_d.min(dw.saturating_sub(1)), vbt_k.min(kw.saturating_sub(1)));
            let weekday = vec![
                (Dag, Usk, dh - vbt_d),
                (Dag, Vbt, vbt_d),
                (Kvall, Usk, kh - vbt_k),
                (Kvall, Vbt, vbt_k),
                (Natt, Usk, nh),
                (Dag, Service, service),
            ];
            let weekend = vec![
                (Dag, Usk, dw - vbt_dw),
                (Dag, Vbt, vbt_dw),
                (HelgLang, Usk, hl),
                (Kvall, Usk, kw - vbt_kw),
                (Kvall, Vbt, vbt_kw),
                (Natt, Usk, nh),
            ];
            (weekday, weekend)
        }
        Kind::HomeCare { day, evening, night } => {
            let vbt = day / 3;
            let dw = round(0.75 * day as f64).max(1);
            let vbt_w = vbt.min(dw.saturating_sub(1));
            let service = round(day as f64 / 4.0);
            let weekday = vec![
                (Dag, Usk, day - vbt),
                (Dag, Vbt, vbt),
                (Kvall, Usk, evening),
                (Natt, Usk, night),
                (Dag, Service, service),
            ];
            let weekend = vec![(Dag, Usk, dw - vbt_w), (Dag, Vbt, vbt_w), (Kvall, Usk, evening), (Natt, Usk, night)];
            (weekday, weekend)
        }
        Kind::Nurses { day, evening } => {
            let weekday = vec![(Dag, Ssk, day), (Kvall, Ssk, evening)];
            let weekend = vec![(Dag, Ssk, (day / 3).max(1)), (Kvall, Ssk, evening)];
            (weekday, weekend)
        }
    }
}

/// The demand lines of every site, before minimums are fitted to the staff.
///
/// Minimums start at the target except on Dag, where one head fewer is the minimum wherever two
/// or more work Dag (taken from vbt where there is vbt demand): a 10-place unit starts at
/// 2 Dag, 2 Kväll and 1 Natt on weekdays (31 of 39 day hours). [`super::fit`] lowers further.
pub(crate) fn lines(sites: &[Site]) -> Vec<Line> {
    let mut out = Vec::new();
    for (i, site) in sites.iter().enumerate() {
        let (weekday, weekend) = heads(site);
        for (pattern, list) in [(false, weekday), (true, weekend)] {
            let day = |skill: Skill| list.iter().find(|h| h.0 == ShiftKind::Dag && h.1 == skill).map_or(0, |h| h.2);
            let care = [Skill::Usk, Skill::Vbt, Skill::Ssk];
            let slack_from = if day(Skill::Usk) + day(Skill::Vbt) + day(Skill::Ssk) < 2 {
                None
            } else {
                care.into_iter().rev().find(|&s| day(s) > 0)
            };
            for &(shift, skill, target) in &list {
                if target == 0 || !site.has(shift) {
                    continue;
                }
                let relaxed = shift == ShiftKind::Dag && slack_from == Some(skill);
                let min = if relaxed { target - 1 } else { target };
                out.push(Line { site: i, shift, skill, weekend: pattern, target, min });
            }
        }
    }
    out
}

/// Minutes of demand a line asks for over the horizon: `(target, min)`.
pub(crate) fn line_minutes(cal: &Calendar, sites: &[Site], line: &Line) -> (u64, u64) {
    let paid = sites[line.site].times(line.shift).paid_minutes() as u64;
    let days = (0..cal.days()).filter(|&d| line.applies(cal, d)).count() as u64;
    (days * paid * line.target as u64, days * paid * line.min as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::places::Place;

    fn unit(places: u16) -> Site {
        Site { id: "X".into(), name: "X".into(), muni: 0, place: Place::Mellerud, kind: Kind::Sabo { places } }
    }

    fn sum(lines: &[Line], weekend: bool, shift: ShiftKind) -> u16 {
        lines
            .iter()
            .filter(|l| l.weekend == weekend && l.shift == shift && l.skill != Skill::Service)
            .map(|l| l.target)
            .sum()
    }

    #[test]
    fn a_ten_place_unit_has_the_domain_ratios() {
        let l = lines(&[unit(10)]);
        assert_eq!(
            (sum(&l, false, ShiftKind::Dag), sum(&l, false, ShiftKind::Kvall), sum(&l, false, ShiftKind::Natt)),
            (3, 2, 1)
        );
        // Weekends: two present morning and evening, one of them on a long day.
        let (d, hl, k) =
            (sum(&l, true, ShiftKind::Dag), sum(&l, true, ShiftKind::HelgLang), sum(&l, true, ShiftKind::Kvall));
        assert_eq!((d, hl, k), (1, 1, 1));
    }

    #[test]
    fn a_25_place_unit_has_the_domain_ratios() {
        let l = lines(&[unit(25)]);
        let (d, k, n) =
            (sum(&l, false, ShiftKind::Dag), sum(&l, false, ShiftKind::Kvall), sum(&l, false, ShiftKind::Natt));
        assert!((6..=7).contains(&d) && (3..=4).contains(&k) && n == 2, "{d} {k} {n}");
    }

    #[test]
    fn minimums_never_exceed_targets() {
        for p in [8, 10, 12, 16, 20, 25, 32, 40] {
            assert!(lines(&[unit(p)]).iter().all(|l| l.min <= l.target && l.target > 0));
        }
    }
}
