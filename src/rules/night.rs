//! Night work (nattarbete, domain.md §2–§3): a night worker keeps at least a share of paid time
//! at night, and where night work has special risks or heavy strain, every 24-hour period with
//! night work holds at most so much work (ATL 13 a § second paragraph). The average over the
//! period is [`super::hours`]' `night_work`. Night is 22:00–06:00 local time.

use super::rest::{daily_work, period, periods_touching};
use super::{started_hours, Detail, Line, RuleId, Term};
use crate::model::{Day, Minute};

/// A night worker has at least the share of the period's paid minutes at night: one term when
/// fewer, in started hours of night work missing to reach the share (rounded up to a minute).
pub(super) fn night_share(line: &Line, paid: Minute, night: Minute, sink: &mut impl FnMut(Term)) {
    let (Some(limit), true) = (&line.emp.contract.night_share, line.emp.night_worker) else { return };
    let need = ((paid as i64 * limit.value as i64 + 99) / 100) as Minute;
    if night < need {
        sink(Term {
            rule: RuleId::NightShare,
            level: limit.level,
            units: started_hours(need - night),
            detail: Detail::Minutes { day: 0, days: line.days() as u16, actual: night, limit: need },
        });
    }
}

/// Heavy night work: in every 24-hour period from the dygnsbryt (history included, as
/// `max_daily_work`) in which a night worker works a minute at night, paid work inside the
/// period is at most the limit; one term per such period, in started hours over.
pub(super) fn heavy_night_work(line: &Line, lo: Day, hi: Day, sink: &mut impl FnMut(Term)) {
    let (Some(limit), true) = (&line.emp.contract.heavy_night_work, line.emp.night_worker) else { return };
    let times = &line.inst.times;
    for k in periods_touching(line, lo, hi) {
        let (from, to) = period(line, k);
        let at_night = (k - 1..=k + 1).any(|d| line.shift(d).is_some_and(|s| times.night_within(d, s, from, to) > 0));
        if !at_night {
            continue;
        }
        let worked = daily_work(line, k);
        if worked > limit.value {
            sink(Term {
                rule: RuleId::HeavyNightWork,
                level: limit.level,
                units: started_hours(worked - limit.value),
                detail: Detail::Minutes { day: k, days: 1, actual: worked, limit: limit.value },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Limit;
    use crate::rules::testkit::*;
    use crate::rules::{Detail, RuleId};

    #[test]
    fn a_night_worker_works_at_least_80_percent_at_night() {
        let mut k = Kit::swedish();
        k.night_worker(true);
        k.contract().night_share = Some(Limit::hard(80));
        // Natt 21:15–07:15 is 10 h paid, 8 h of it in 22:00–06:00. Four nights: 32 of 40 h = 80 %.
        let nights = ["N", "N", "N", "N", "", "", ""];
        assert!(k.terms_of(&nights, RuleId::NightShare).is_empty());
        // Two nights and two Dag: 16 h at night of 36 h; 80 % is 28 h 48 min: 12 h 48 short → 13.
        let mixed = ["N", "N", "", "D", "D", "", ""];
        let t = k.terms_of(&mixed, RuleId::NightShare);
        assert_eq!(t.len(), 1);
        assert!(matches!(t[0].detail, Detail::Minutes { actual: 960, limit: 1728, .. }));
        assert_eq!(t[0].units, 13);
        // Only night workers are judged.
        k.night_worker(false);
        assert!(k.terms_of(&mixed, RuleId::NightShare).is_empty());
    }

    #[test]
    fn night_minutes_follow_the_dst_night() {
        // Saturday 2027-03-27 Natt: 21:15 CET → 07:15 CEST is 9 h, of which 22:00–06:00 is 7 h.
        let mut k = Kit::swedish_from("2027-03-22");
        k.night_worker(true);
        k.contract().night_share = Some(Limit::hard(100));
        let t = k.terms_of(&["", "", "", "", "", "N", ""], RuleId::NightShare);
        assert!(matches!(t[0].detail, Detail::Minutes { actual: 420, limit: 540, .. }));
    }

    #[test]
    fn heavy_night_work_caps_every_24_hours_with_night_work() {
        let mut k = Kit::swedish();
        k.night_worker(true);
        k.contract().heavy_night_work = Some(Limit::hard(8 * 60));
        k.contract().daily_rest = None;
        // A Natt Monday 21:15–07:15: Monday's period (from 00:00) holds 2 h 45 at night, Tuesday's
        // 7 h 15: both under 8 h.
        assert!(k.terms_of(&["N"], RuleId::HeavyNightWork).is_empty());
        // With dygnsbryt 12:00 the whole 10 h night lies in Monday's period: 2 h over.
        k.dygnsbryt(12 * 60);
        let t = k.terms_of(&["N"], RuleId::HeavyNightWork);
        assert_eq!(t.len(), 1);
        assert!(matches!(t[0].detail, Detail::Minutes { day: 0, actual: 600, .. }));
        assert_eq!(t[0].units, 2);
        // A long day without night work is not judged by this rule.
        assert!(k.terms_of(&["L"], RuleId::HeavyNightWork).is_empty());
    }
}
