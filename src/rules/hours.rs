//! Hours rules: the weekly total-time cap, the even spread of hours over weeks, the period's
//! contract band and target, and night workers' average.

use super::{started_hours, Detail, Line, RuleId, Term};
use crate::model::{Day, Minute};

/// Paid minutes of passes starting in fixed week `w`.
pub(crate) fn week_paid(line: &Line, w: Day) -> Minute {
    (7 * w..7 * w + 7).map(|d| line.paid(d)).sum()
}

/// Per fixed week: paid minutes at most the cap (max_weekly_work, hard by default) and close to
/// the week's share of the target (weekly_spread, soft, per started hour of deviation).
pub(super) fn weekly_minutes(line: &Line, lo: Day, hi: Day, sink: &mut impl FnMut(Term)) {
    let c = &line.emp.contract;
    if c.max_weekly_work.is_none() && c.weekly_spread.is_none() {
        return;
    }
    let weeks = line.days() / 7;
    for w in lo.div_euclid(7).max(0)..=hi.div_euclid(7).min(weeks - 1) {
        let paid = week_paid(line, w);
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
    use crate::rules::RuleId;

    #[test]
    fn weekly_cap_of_48_hours() {
        let k = Kit::swedish();
        // Six long days of 12 h 30 = 75 h: 27 h over.
        let t = k.terms_of(&["L", "L", "L", "L", "L", "L", ""], RuleId::MaxWeeklyWork);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].units, 27);
        assert!(k.terms_of(&["D", "D", "D", "D", "D", "", ""], RuleId::MaxWeeklyWork).is_empty());
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
