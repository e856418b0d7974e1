//! Sequence rules: runs of working days and days off, and shift types that may not follow
//! each other on consecutive days.

use super::{Detail, Line, RuleId, Term};
use crate::model::Day;

/// Runs of consecutive working days (at most / at least) and of days off (at least).
///
/// A run is a maximal stretch of days that are all worked or all off. Runs that lie wholly in
/// history are not judged. The minimum rules exempt runs that touch an unknown edge: the first
/// known day (day 0 without history) or the last day of the horizon, as if the horizon were padded
/// with days that fit any run (the Curtois–Qu boundary rule). The maximum gets no exemption.
/// With [`GlobalRules::strict_edges`](crate::model::GlobalRules) the minimum rules judge every run.
pub(super) fn runs(line: &Line, lo: Day, hi: Day, sink: &mut impl FnMut(Term)) {
    let c = &line.emp.contract;
    if c.max_consecutive_days.is_none() && c.min_consecutive_days.is_none() && c.min_consecutive_days_off.is_none() {
        return;
    }
    let (first_known, last) = (line.known_from(), line.days() - 1);
    let mut a = (lo - 1).max(first_known);
    let work = |d: Day| line.cell(d).is_work();
    while a > first_known && work(a - 1) == work(a) {
        a -= 1;
    }
    while a <= last && a <= hi + 1 {
        let w = work(a);
        let mut b = a;
        while b < last && work(b + 1) == w {
            b += 1;
        }
        if b >= 0 {
            let len = (b - a + 1) as u16;
            let exempt = !line.inst.rules.strict_edges && (a == first_known || b == last);
            let mut emit = |rule, limit: &crate::model::Limit<u16>, units: i64| {
                sink(Term {
                    rule,
                    level: limit.level,
                    units,
                    detail: Detail::Run { first: a, len, limit: limit.value },
                })
            };
            if w {
                if let Some(max) = &c.max_consecutive_days {
                    if len > max.value {
                        emit(RuleId::MaxConsecutiveDays, max, (len - max.value) as i64);
                    }
                }
                if let Some(min) = &c.min_consecutive_days {
                    if len < min.value && !exempt {
                        emit(RuleId::MinConsecutiveDays, min, (min.value - len) as i64);
                    }
                }
            } else if let Some(min) = &c.min_consecutive_days_off {
                if len < min.value && !exempt {
                    emit(RuleId::MinConsecutiveDaysOff, min, (min.value - len) as i64);
                }
            }
        }
        a = b + 1;
    }
}

/// Forbidden successions: a shift type on one day followed by one it may not be followed by on
/// the next day. One term (one unit) per offending pair; history counts for day 0.
pub(super) fn forbidden_succession(line: &Line, lo: Day, hi: Day, sink: &mut impl FnMut(Term)) {
    let Some(rule) = &line.inst.rules.forbidden_succession else { return };
    let n = line.inst.shifts.len();
    for d in lo.max(0)..=(hi + 1).min(line.days() - 1) {
        let (Some(from), Some(to)) = (line.shift(d - 1), line.shift(d)) else { continue };
        if rule.value[from.idx() * n + to.idx()] {
            sink(Term {
                rule: RuleId::ForbiddenSuccession,
                level: rule.level,
                units: 1,
                detail: Detail::Succession { day: d, from, to },
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
    fn at_most_six_days_in_a_row() {
        let k = Kit::swedish();
        let t =
            k.terms_of(&["D", "D", "D", "D", "D", "D", "D", "D", "", "", "", "", "", ""], RuleId::MaxConsecutiveDays);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].units, 2);
        assert!(matches!(t[0].detail, Detail::Run { first: 0, len: 8, limit: 6 }));
    }

    #[test]
    fn consecutive_days_count_across_the_start_with_history() {
        let mut k = Kit::swedish();
        k.history(&["D", "D", "D", "D"]);
        // Four history days and three in the horizon make seven.
        let t = k.terms_of(&["D", "D", "D", "", "", "", ""], RuleId::MaxConsecutiveDays);
        assert_eq!(t.len(), 1);
        assert!(matches!(t[0].detail, Detail::Run { first: -4, len: 7, .. }));
    }

    #[test]
    fn max_run_at_the_end_of_the_horizon_is_judged() {
        let k = Kit::swedish();
        let cells = ["", "", "", "", "", "", "", "D", "D", "D", "D", "D", "D", "D"];
        assert_eq!(k.terms_of(&cells, RuleId::MaxConsecutiveDays).len(), 1);
    }

    #[test]
    fn minimum_runs_exempt_the_edges() {
        let mut k = Kit::swedish();
        k.contract().min_consecutive_days = Some(Limit::hard(2));
        k.contract().min_consecutive_days_off = Some(Limit::hard(2));
        // A single working day on day 0 and a single day off on the last day are exempt; the
        // single day off on day 2 and single working day on day 5 are not.
        let cells = ["D", "", "", "D", "D", "", "D", "", "", "D", "D", "D", "D", ""];
        assert!(k.terms_of(&cells, RuleId::MinConsecutiveDays).len() == 1);
        assert!(k.terms_of(&cells, RuleId::MinConsecutiveDaysOff).len() == 1);
        let t = k.terms_of(&cells, RuleId::MinConsecutiveDays);
        assert!(matches!(t[0].detail, Detail::Run { first: 6, len: 1, limit: 2 }));
        let t = k.terms_of(&cells, RuleId::MinConsecutiveDaysOff);
        assert!(matches!(t[0].detail, Detail::Run { first: 5, len: 1, limit: 2 }));
    }

    #[test]
    fn strict_edges_judge_minimum_runs_at_both_edges() {
        let mut k = Kit::swedish();
        k.contract().min_consecutive_days = Some(Limit::hard(2));
        k.contract().min_consecutive_days_off = Some(Limit::hard(2));
        k.strict_edges();
        // The short runs at the edges (work on day 0, off on day 13) now count too.
        let cells = ["D", "", "", "D", "D", "", "D", "", "", "D", "D", "D", "D", ""];
        let firsts = |r| k.terms_of(&cells, r).iter().map(|t| t.detail).collect::<Vec<_>>();
        assert_eq!(
            firsts(RuleId::MinConsecutiveDays),
            vec![Detail::Run { first: 0, len: 1, limit: 2 }, Detail::Run { first: 6, len: 1, limit: 2 }]
        );
        assert_eq!(
            firsts(RuleId::MinConsecutiveDaysOff),
            vec![Detail::Run { first: 5, len: 1, limit: 2 }, Detail::Run { first: 13, len: 1, limit: 2 }]
        );
        // The maximum is unchanged: it never had an exemption.
        assert!(k.terms_of(&cells, RuleId::MaxConsecutiveDays).is_empty());
    }

    #[test]
    fn history_ends_the_exemption_at_day_zero() {
        let mut k = Kit::swedish();
        k.contract().min_consecutive_days = Some(Limit::hard(2));
        k.history(&["", ""]);
        // With known days off before it, a single pass on day 0 is a short run.
        assert_eq!(
            k.terms_of(&["D", "", "", "", "", "", "", "", "", "", "", "", "", ""], RuleId::MinConsecutiveDays).len(),
            1
        );
    }

    #[test]
    fn forbidden_succession_on_consecutive_days_only() {
        let mut k = Kit::swedish();
        k.forbid("K", "D");
        assert_eq!(k.terms_of(&["K", "D"], RuleId::ForbiddenSuccession).len(), 1);
        assert!(k.terms_of(&["D", "K"], RuleId::ForbiddenSuccession).is_empty());
        assert!(k.terms_of(&["K", "", "D"], RuleId::ForbiddenSuccession).is_empty());
        k.history(&["K"]);
        assert_eq!(k.terms_of(&["D"], RuleId::ForbiddenSuccession).len(), 1);
    }
}
