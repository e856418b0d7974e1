//! Hours rules: the weekly total-time cap, the even spread of hours over weeks, the period's
//! contract band and target, and night workers' average.

use super::{started_hours, Detail, Line, RuleId, Term};
use crate::model::{Day, Minute};

/// Paid minutes worked inside fixed week `w` (local Monday 00:00 to the next Monday 00:00, on
/// real instants, so a DST week has 167 or 169 hours): every pass counts with the minutes it has
/// inside the week ([`crate::model::PassTimes::paid_within`]), so a Sunday night pass puts its
/// minutes before midnight in this week and the rest in the next, and a history pass ending on
/// the first Monday counts in week 0. Passes start at most a day before the week.
pub(crate) fn week_minutes(line: &Line, w: Day) -> Minute {
    let times = &line.inst.times;
    let (from, to) = (times.day_start(7 * w), times.day_start(7 * w + 7));
    (7 * w - 1..7 * w + 7).filter_map(|d| line.shift(d).map(|s| times.paid_within(d, s, from, to))).sum()
}

/// Per fixed week: paid minutes inside it at most the cap (max_weekly_work, hard by default) and
/// close to the week's share of the target (weekly_spread, soft, per started hour of deviation).
pub(super) fn weekly_minutes(line: &Line, lo: Day, hi: Day, sink: &mut impl FnMut(Term)) {
    let c = &line.emp.contract;
    if c.max_weekly_work.is_none() && c.weekly_spread.is_none() {
        return;
    }
    let weeks = line.days() / 7;
    // Week w reads passes starting on days 7w-1..=7w+6, so a change of day d touches the
    // weeks of d and of d + 1.
    for w in lo.div_euclid(7).max(0)..=(hi + 1).div_euclid(7).min(weeks - 1) {
        let paid = week_minutes(line, w);
        if let Some(cap) = &c.max_weekly_work {
            if paid > cap.value {
                sink(Term {
                    rule: RuleId::MaxWeeklyWork,
                    level: cap.level,
                    units: started_hours(paid - cap.value),
                    detail: Detail::Minutes { day: 7 * w, days: 7, actual: paid, limit: cap.value },
                });
            }
        }
        if let Some(spread) = &c.weekly_spread {
            let target = line.emp.weekly_target_minutes.get(w as usize).copied().unwrap_or(0);
            let dev = (paid - target).abs();
            if dev > 0 {
                sink(Term {
                    rule: RuleId::WeeklySpread,
                    level: spread.level,
                    units: started_hours(dev),
                    detail: Detail::Minutes { day: 7 * w, days: 7, actual: paid, limit: target },
                });
            }
        }
    }
}

/// Rules on the period's paid minutes: the hard band (target ± carry-over, or a benchmark's
/// min/max total), the soft deviation from the target, and night workers' average per 24 h.
pub(super) fn period_minutes(line: &Line, paid: Minute, sink: &mut impl FnMut(Term)) {
    let c = &line.emp.contract;
    let days = line.days();
    if let Some(band) = &c.contract_minutes {
        let (min, max) = (band.value.min, band.value.max);
        let (miss, limit) = if paid < min { (min - paid, min) } else { (paid - max, max) };
        if miss > 0 {
            sink(Term {
                rule: RuleId::ContractMinutes,
                level: band.level,
                units: started_hours(miss),
                detail: Detail::Minutes { day: 0, days: days as u16, actual: paid, limit },
            });
        }
    }
    if let Some(dev) = &c.hours_deviation {
        let target = line.emp.target_minutes;
        if paid != target {
            sink(Term {
                rule: RuleId::HoursDeviation,
                level: dev.level,
                units: started_hours((paid - target).abs()),
                detail: Detail::Minutes { day: 0, days: days as u16, actual: paid, limit: target },
            });
        }
    }
    if let (Some(night), true) = (&c.night_work, line.emp.night_worker) {
        // The average is taken over the period's 24-hour periods less one weekly rest per week.
        let periods = (days - days / 7).max(1);
        let limit = night.value * periods;
        if paid > limit {
            sink(Term {
                rule: RuleId::NightWork,
                level: night.level,
                units: started_hours(paid - limit),
                detail: Detail::Minutes { day: 0, days: days as u16, actual: paid, limit },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Limit, MinutesBand};
    use crate::rules::testkit::*;
    use crate::rules::{Detail, RuleId};

    #[test]
    fn weekly_cap_of_48_hours() {
        let k = Kit::swedish();
        // Six long days of 12 h 30 = 75 h: 27 h over.
        let t = k.terms_of(&["L", "L", "L", "L", "L", "L", ""], RuleId::MaxWeeklyWork);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].units, 27);
        assert!(k.terms_of(&["D", "D", "D", "D", "D", "", ""], RuleId::MaxWeeklyWork).is_empty());
    }

    /// Minutes counted inside each week by the even-spread rule, week by week.
    fn week_minutes(k: &Kit, cells: &[&'static str]) -> Vec<i32> {
        k.terms_of(cells, RuleId::WeeklySpread)
            .iter()
            .map(|t| match t.detail {
                Detail::Minutes { actual, .. } => actual,
                _ => unreachable!(),
            })
            .collect()
    }

    fn weeks(ws: &[[&'static str; 7]]) -> Vec<&'static str> {
        ws.iter().flatten().copied().collect()
    }

    #[test]
    fn a_sunday_night_counts_in_both_weeks_by_the_minutes_inside_each() {
        let k = Kit::swedish();
        // Natt Sunday 21:15 → Monday 07:15: 2 h 45 min in week 0, 7 h 15 min in week 1.
        let cells = weeks(&[["", "", "", "", "", "", "N"], ["", "", "", "", "", "", ""]]);
        assert_eq!(week_minutes(&k, &cells), vec![165, 435]);
        // Four nights Monday–Thursday (40 h) and the Sunday night: 42 h 45 min inside week 0,
        // under the 48 h cap (counted by start day it would be 50 h).
        let cells = weeks(&[["N", "N", "N", "N", "", "", "N"], ["", "", "", "", "", "", ""]]);
        assert!(k.terms_of(&cells, RuleId::MaxWeeklyWork).is_empty());
        assert_eq!(week_minutes(&k, &cells), vec![42 * 60 + 45, 435]);
        // The other way: 7 h 15 min spill into week 1, which has four nights and a Saturday Dag:
        // 7 h 15 + 40 h + 8 h = 55 h 15 min, 7 h 15 over the cap → 8 started hours (by start
        // day it would be exactly 48 h, clean).
        let cells = weeks(&[["", "", "", "", "", "", "N"], ["N", "N", "N", "N", "", "D", ""]]);
        let t = k.terms_of(&cells, RuleId::MaxWeeklyWork);
        assert_eq!(t.len(), 1);
        assert!(matches!(t[0].detail, Detail::Minutes { day: 7, actual: 3315, .. }));
        assert_eq!(t[0].units, 8);
    }

    #[test]
    fn a_history_night_counts_in_week_zero() {
        let mut k = Kit::swedish();
        k.history(&["N"]); // Sunday before the horizon, until Monday 07:15
                           // 7 h 15 from history, four nights and a Saturday Dag: 55 h 15 min inside week 0.
        let cells = weeks(&[["N", "N", "N", "N", "", "D", ""], ["", "", "", "", "", "", ""]]);
        let t = k.terms_of(&cells, RuleId::MaxWeeklyWork);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].units, 8);
        assert_eq!(week_minutes(&k, &cells)[0], 3315);
    }

    #[test]
    fn dst_weeks_of_167_and_169_hours_count_real_minutes() {
        // A Saturday night over the spring change is 9 h, over the autumn change 11 h; the week
        // boundaries are local midnights, so the Sunday night still puts 2 h 45 min in its week.
        let cells = weeks(&[["", "", "", "", "", "N", "N"], ["", "", "", "", "", "", ""]]);
        let spring = Kit::swedish_from("2027-03-22");
        assert_eq!(week_minutes(&spring, &cells), vec![9 * 60 + 165, 435]);
        let autumn = Kit::swedish_from("2027-10-25");
        assert_eq!(week_minutes(&autumn, &cells), vec![11 * 60 + 165, 435]);
    }

    #[test]
    fn weekly_spread_prices_each_week_against_its_target() {
        let mut k = Kit::swedish();
        k.weekly_target(38 * 60 + 15);
        // Week 0: five Dag = 40 h, 1 h 45 over → 2 started hours. Week 1 empty: 38.25 h → 39.
        let mut cells = vec!["D", "D", "D", "D", "D", "", ""];
        cells.extend(["", "", "", "", "", "", ""]);
        let t = k.terms_of(&cells, RuleId::WeeklySpread);
        assert_eq!(t.iter().map(|t| t.units).collect::<Vec<_>>(), vec![2, 39]);
    }

    #[test]
    fn contract_band_and_deviation_from_target() {
        let mut k = Kit::swedish();
        k.target(80 * 60);
        k.contract().contract_minutes = Some(Limit::hard(MinutesBand { min: 69 * 60, max: 91 * 60 }));
        // Eight Dag passes = 64 h: 5 h under the band, 16 h under target.
        let cells = ["D", "D", "D", "D", "", "", "", "D", "D", "D", "D", "", "", ""];
        assert_eq!(k.terms_of(&cells, RuleId::ContractMinutes)[0].units, 5);
        assert_eq!(k.terms_of(&cells, RuleId::HoursDeviation)[0].units, 16);
        // Ten Dag passes = 80 h: on target.
        let cells = ["D", "D", "D", "D", "D", "", "", "D", "D", "D", "D", "D", "", ""];
        assert!(k.terms_of(&cells, RuleId::ContractMinutes).is_empty());
        assert!(k.terms_of(&cells, RuleId::HoursDeviation).is_empty());
    }

    #[test]
    fn night_worker_average() {
        let mut k = Kit::swedish();
        k.night_worker(true);
        k.contract().night_work = Some(Limit::hard(4 * 60)); // a strict limit, to see it bite
        k.contract().max_consecutive_days = None;
        // 14 days, 12 periods after weekly rest: 48 h allowed. Seven nights = 70 h: 22 h over.
        let cells = ["N", "N", "N", "N", "N", "N", "N", "", "", "", "", "", "", ""];
        assert_eq!(k.terms_of(&cells, RuleId::NightWork)[0].units, 22);
        k.night_worker(false);
        assert!(k.terms_of(&cells, RuleId::NightWork).is_empty());
    }

    #[test]
    fn paid_meal_counts_as_work_and_rast_does_not() {
        let k = Kit::swedish();
        // Natt 21:15–07:15 is 10 h paid; Dag 07:00–15:30 is 8 h paid.
        let t = k.terms_of(&["N", "", "D", "", "", "", ""], RuleId::WeeklySpread);
        // weekly target in the kit is 38 h 15 min: 18 h worked, 20 h 15 min short → 21.
        assert_eq!(t[0].units, 21);
    }
}
