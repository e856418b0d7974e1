//! Rest rules: dygnsvila between passes, veckovila inside each fixed week, and the work cap
//! inside each 24-hour period from the employee's dygnsbryt. All on real instants.

use super::{started_hours, Detail, Line, RuleId, Term};
use crate::model::{Day, Minute, ShiftId};

/// A pass on the real time line.
#[derive(Clone, Copy)]
struct Pass {
    day: Day,
    shift: ShiftId,
    start: Minute,
    end: Minute,
}

fn pass(line: &Line, day: Day) -> Option<Pass> {
    line.shift(day).map(|shift| Pass {
        day,
        shift,
        start: line.inst.times.start(day, shift),
        end: line.inst.times.end(day, shift),
    })
}

/// The pass before the one on `day`: passes are at most a day long, so it started on one of
/// the two days before.
fn previous(line: &Line, day: Day) -> Option<Pass> {
    pass(line, day - 1).or_else(|| pass(line, day - 2))
}

/// Dygnsvila: the gap between the end of a pass and the start of the next is at least the
/// limit. One term per pass that follows another too closely, in started hours missing.
pub(super) fn daily_rest(line: &Line, lo: Day, hi: Day, sink: &mut impl FnMut(Term)) {
    let Some(limit) = &line.emp.contract.daily_rest else { return };
    // The term of the pass on `d` reads days d-2..=d, so days lo..=hi+2 are touched.
    for d in lo.max(0)..=(hi + 2).min(line.days() - 1) {
        let (Some(next), Some(prev)) = (pass(line, d), previous(line, d)) else { continue };
        let gap = next.start - prev.end;
        if gap < limit.value {
            sink(Term {
                rule: RuleId::DailyRest,
                level: limit.level,
                units: started_hours(limit.value - gap),
                detail: Detail::Rest {
                    from_day: prev.day,
                    from: prev.shift,
                    to_day: next.day,
                    to: next.shift,
                    gap,
                    required: limit.value,
                },
            });
        }
    }
}

/// Veckovila: every fixed 7-day period from the schedule start holds a stretch of at least the
/// limit without work, inside the period. One term per week, in started hours missing.
pub(super) fn weekly_rest(line: &Line, lo: Day, hi: Day, sink: &mut impl FnMut(Term)) {
    let Some(limit) = &line.emp.contract.weekly_rest else { return };
    let weeks = line.days() / 7;
    // Week w reads passes starting on days 7w-1..=7w+6.
    let first = lo.div_euclid(7).max(0);
    let last = ((hi + 1).div_euclid(7)).min(weeks - 1);
    for w in first..=last {
        let longest = longest_rest_in_week(line, w);
        if longest < limit.value {
            sink(Term {
                rule: RuleId::WeeklyRest,
                level: limit.level,
                units: started_hours(limit.value - longest),
                detail: Detail::WeekRest { week: w as usize, longest, required: limit.value },
            });
        }
    }
}

/// Longest stretch without work inside week `w`, clipped to the week.
fn longest_rest_in_week(line: &Line, w: Day) -> Minute {
    let times = &line.inst.times;
    let (from, to) = (times.day_start(7 * w), times.day_start(7 * w + 7));
    let mut free_since = from;
    let mut longest = 0;
    for d in 7 * w - 1..7 * w + 7 {
        if let Some(p) = pass(line, d) {
            if p.end <= from {
                continue;
            }
            longest = longest.max(p.start.min(to) - free_since);
            free_since = free_since.max(p.end);
        }
    }
    longest.max(to - free_since)
}

/// Work inside each 24-hour period that starts at the employee's dygnsbryt on a day is at most
/// the limit (13 h follows from 11 h dygnsvila; this rule states it). Work counts the pass's
/// paid minutes inside the period ([`crate::model::PassTimes::paid_within`]), history passes
/// included: with a dygnsbryt after midnight the period that starts on the day before the
/// horizon reaches into it and is judged too ([`first_period`]).
pub(super) fn max_daily_work(line: &Line, lo: Day, hi: Day, sink: &mut impl FnMut(Term)) {
    let Some(limit) = &line.emp.contract.max_daily_work else { return };
    for k in periods_touching(line, lo, hi) {
        let worked = daily_work(line, k);
        if worked > limit.value {
            sink(Term {
                rule: RuleId::MaxDailyWork,
                level: limit.level,
                units: started_hours(worked - limit.value),
                detail: Detail::Minutes { day: k, days: 1, actual: worked, limit: limit.value },
            });
        }
    }
}

/// The first 24-hour period that holds a minute of the horizon: the one starting on the day
/// before when the dygnsbryt is after midnight.
pub(crate) fn first_period(dygnsbryt: Minute) -> Day {
    if dygnsbryt > 0 {
        -1
    } else {
        0
    }
}

/// The 24-hour periods (by the day they start on) whose work a change of days `lo..=hi` can
/// change: period k reads passes starting on days k-1..=k+1.
pub(super) fn periods_touching(line: &Line, lo: Day, hi: Day) -> std::ops::RangeInclusive<Day> {
    (lo - 1).max(first_period(line.emp.dygnsbryt as Minute))..=(hi + 1).min(line.days() - 1)
}

/// The real interval of the 24-hour period from the employee's dygnsbryt on day `k`.
pub(super) fn period(line: &Line, k: Day) -> (Minute, Minute) {
    let (times, brk) = (&line.inst.times, line.emp.dygnsbryt as Minute);
    (times.day_start(k) + brk, times.day_start(k + 1) + brk)
}

/// Paid minutes worked inside the 24-hour period from the dygnsbryt on day `k`.
pub(super) fn daily_work(line: &Line, k: Day) -> Minute {
    let times = &line.inst.times;
    let (from, to) = period(line, k);
    (k - 1..=k + 1).filter_map(|d| line.shift(d).map(|s| times.paid_within(d, s, from, to))).sum()
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;
    use crate::rules::{Detail, RuleId};

    #[test]
    fn kvall_then_dag_breaks_daily_rest_by_one_and_a_half_hours() {
        let k = Kit::swedish();
        // Kväll 13:30–21:30 Monday, Dag 07:00 Tuesday: 9 h 30 min.
        let terms = k.terms_of(&["K", "D"], RuleId::DailyRest);
        assert_eq!(terms.len(), 1);
        assert_eq!(terms[0].units, 2); // 90 minutes missing = 2 started hours
        assert!(k.explain(&["K", "D"]).iter().any(|m| m.contains("9 h 30 min")));
    }

    #[test]
    fn day_off_between_passes_gives_rest() {
        let k = Kit::swedish();
        assert!(k.terms_of(&["K", "", "D"], RuleId::DailyRest).is_empty());
        assert!(k.terms_of(&["D", "D", "K"], RuleId::DailyRest).is_empty());
    }

    #[test]
    fn night_then_evening_next_day_breaks_rest_across_midnight() {
        let k = Kit::swedish();
        // Natt 21:15–07:15 (next morning), then Kväll 13:30 that day: 6 h 15 min rest.
        let terms = k.terms_of(&["N", "K"], RuleId::DailyRest);
        assert_eq!(terms.len(), 1);
        assert_eq!(terms[0].units, 5); // 4 h 45 min missing
    }

    #[test]
    fn rest_across_the_horizon_start_uses_history() {
        let mut k = Kit::swedish();
        k.history(&["K"]); // Sunday before the horizon: Kväll until 21:30
        assert_eq!(k.terms_of(&["D"], RuleId::DailyRest).len(), 1);
        let k = Kit::swedish(); // no history: nothing is assumed before day 0
        assert!(k.terms_of(&["D"], RuleId::DailyRest).is_empty());
    }

    #[test]
    fn rest_is_measured_on_real_instants_over_dst_nights() {
        // Spring: Saturday 2027-03-27 Kväll ends 21:30 CET, Sunday Dag starts 07:00 CEST: 8 h 30.
        let k = Kit::swedish_from("2027-03-22");
        let mut cells = vec![""; 5];
        cells.extend(["K", "D"]);
        let terms = k.terms_of(&cells, RuleId::DailyRest);
        assert_eq!(terms.len(), 1);
        assert_eq!(terms[0].units, 3); // 2 h 30 min missing
                                       // Autumn: the same pair has 10 h 30 min of rest, still short by 30 minutes.
        let k = Kit::swedish_from("2027-10-25");
        let terms = k.terms_of(&cells, RuleId::DailyRest);
        assert_eq!(terms[0].units, 1);
        assert!(k.explain(&cells).iter().any(|m| m.contains("10 h 30 min")));
    }

    #[test]
    fn rest_and_weekly_rest_count_passes_in_both_municipalities() {
        // "B" is a Dag 07:00–15:30 at site B in the second municipality; "K" a Kväll at the home
        // site in the first. A shared employee's rest is one rest, whichever municipality pays.
        let k = Kit::swedish();
        let terms = k.terms_of(&["K", "B"], RuleId::DailyRest);
        assert_eq!(terms.len(), 1);
        assert_eq!(terms[0].units, 2); // 21:30 → 07:00 is 9 h 30 min: 1 h 30 min missing
                                       // Seven days alternating between the municipalities leave no 36 h of weekly rest.
        assert_eq!(k.terms_of(&["D", "B", "D", "B", "D", "B", "D"], RuleId::WeeklyRest).len(), 1);
        assert!(k.terms_of(&["D", "B", "D", "B", "D", "", ""], RuleId::WeeklyRest).is_empty());
    }

    #[test]
    fn weekly_rest_needs_36_consecutive_hours_inside_the_week() {
        let k = Kit::swedish();
        // Seven day passes: the longest rest is 15 h 30 min (15:30 to 07:00).
        let terms = k.terms_of(&["D"; 7], RuleId::WeeklyRest);
        assert_eq!(terms.len(), 1);
        assert_eq!(terms[0].units, 21); // 36 h − 15.5 h = 20.5 h → 21 started hours
                                        // Five day passes then Saturday and Sunday off: rest from Fri 15:30 to Mon 00:00.
        assert!(k.terms_of(&["D", "D", "D", "D", "D", "", ""], RuleId::WeeklyRest).is_empty());
        // Off on Wednesday alone: 15:30 Tue to 07:00 Thu is 39 h 30: enough.
        assert!(k.terms_of(&["D", "D", "", "D", "D", "D", "D"], RuleId::WeeklyRest).is_empty());
        // Kväll Tuesday, off Wednesday, Dag Thursday: 21:30 → 07:00 = 33 h 30: too short.
        let t = k.terms_of(&["D", "K", "", "D", "D", "D", "D"], RuleId::WeeklyRest);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].units, 3);
    }

    #[test]
    fn weekly_rest_counts_only_inside_the_period() {
        let k = Kit::swedish();
        // A night pass Sunday of week 0 runs into Monday of week 1 until 07:15; week 1 Mon–Sat
        // off but Sunday Dag: longest rest in week 1 is Mon 07:15 → Sun 07:00 = plenty.
        let mut cells = vec!["D", "D", "D", "D", "D", "", "N"];
        cells.extend(["", "", "", "", "", "", "D"]);
        assert!(k.terms_of(&cells, RuleId::WeeklyRest).is_empty());
        // Week 0 with Sunday night: rest Fri 15:30 → Sun 21:15 = 53 h 45 min. Fine.
    }

    #[test]
    fn daily_work_cap_counts_from_dygnsbryt() {
        let mut k = Kit::swedish();
        k.contract().max_daily_work = Some(crate::model::Limit::hard(13 * 60));
        k.contract().daily_rest = None;
        // Natt Monday 21:15–07:15, then a long day Tuesday 07:00–20:00 (12 h 30 paid): the
        // 24 hours of Tuesday hold 7 h 15 of the night and 12 h 30 = 19 h 45 min, 6 h 45 too much.
        let terms = k.terms_of(&["N", "L"], RuleId::MaxDailyWork);
        assert_eq!(terms.len(), 1);
        assert_eq!(terms[0].units, 7);
        // With dygnsbryt at 07:15 the night belongs to Monday's period: nothing is broken.
        k.dygnsbryt(7 * 60 + 15);
        assert!(k.terms_of(&["N", "L"], RuleId::MaxDailyWork).is_empty());
    }

    #[test]
    fn daily_work_counts_the_history_pass_in_the_period_before_the_horizon() {
        let mut k = Kit::swedish();
        k.contract().max_daily_work = Some(crate::model::Limit::hard(10 * 60));
        k.contract().daily_rest = None;
        k.dygnsbryt(12 * 60);
        k.history(&["L"]); // Sunday 07:00–20:00, 12 h 30 paid of 13 h
                           // The period Sunday 12:00 → Monday 12:00 holds 8 h of the history Långdag
                           // (750 − 288 = 462 paid minutes) and 5 h of Monday's (288): 12 h 30 min,
                           // 2 h 30 min over → 3 started hours. Monday's own period holds only 462.
        let terms = k.terms_of(&["L"], RuleId::MaxDailyWork);
        assert_eq!(terms.len(), 1);
        assert!(matches!(terms[0].detail, Detail::Minutes { day: -1, actual: 750, .. }));
        assert_eq!(terms[0].units, 3);
        // Without the history pass nothing is over.
        k.history(&[""]);
        assert!(k.terms_of(&["L"], RuleId::MaxDailyWork).is_empty());
    }
}
