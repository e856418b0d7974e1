//! Weekend rules: how many weekends are worked (rotation) and whether a worked weekend is whole.
//!
//! A weekend counts as worked if any pass touches it (domain.md §5): with times, any pass
//! overlapping Saturday 00:00 – Monday 00:00, so a Friday night pass counts; in the benchmark
//! reading, a pass starting on Saturday or Sunday.

use super::{weekends_touching, Detail, Line, RuleId, Term};
use crate::model::{Day, Employee};

/// At most `max` worked weekends in any `window` consecutive weekends; one term per window
/// over the limit, in weekends too many. Judges the windows holding weekends `wlo..whi` of the
/// horizon. Windows reach back into the history ([`weekend_windows`]): a weekend worked just
/// before the horizon counts in every window that holds it.
pub(super) fn max_weekends(line: &Line, touch: &[u8], wlo: usize, whi: usize, sink: &mut impl FnMut(Term)) {
    let Some(limit) = &line.emp.contract.max_weekends else { return };
    let n = touch.len();
    let Some((first, last, len)) = weekend_windows(n, known_weekends_before(line.emp), limit.value.window) else {
        return;
    };
    let worked = |w: i32| if w >= 0 { touch[w as usize] > 0 } else { worked_before(line, w) };
    // The window starting at s covers weekends s..s+len; judge those holding wlo..whi.
    for s in first.max(wlo as i32 - len + 1)..=last.min(whi.min(n) as i32 - 1) {
        let count = (s..s + len).filter(|&w| worked(w)).count() as u16;
        if count > limit.value.max {
            sink(Term {
                rule: RuleId::MaxWeekends,
                level: limit.level,
                units: (count - limit.value.max) as i64,
                detail: Detail::Weekends { first: s, worked: count, limit: limit.value.max, window: len as u16 },
            });
        }
    }
}

/// The windows of the weekend rotation over `n` weekends of the horizon and `before` known
/// weekends just before it: every run of `window` weekends inside the known ones that holds a
/// weekend of the horizon, or all of them as one window when fewer are known. Returned as the
/// first and last window's first weekend (negative before the horizon) and the windows' length;
/// `None` without weekends.
pub(crate) fn weekend_windows(n: usize, before: usize, window: u16) -> Option<(i32, i32, i32)> {
    if n == 0 {
        return None;
    }
    let (n, before) = (n as i32, before as i32);
    let len = (window as i32).clamp(1, n + before);
    Some(((-before).max(1 - len), n - len, len))
}

/// Weekends before the horizon whose Sunday the employee's history covers: a history of one
/// day (the Sunday) knows the last weekend.
pub(crate) fn known_weekends_before(emp: &Employee) -> usize {
    emp.history.len().div_ceil(7)
}

/// Whether the history works weekend `w` (negative: before the horizon), read as the horizon's
/// weekends are (by instant, or by start day for benchmarks).
pub(crate) fn worked_before(line: &Line, w: i32) -> bool {
    let sat = 7 * w + 5;
    (sat - 1..=sat + 1).any(|d| line.shift(d).is_some_and(|s| line.inst.times.weekend_touched(d, s) == Some(w)))
}

/// A worked weekend should have a pass starting on Saturday and one starting on Sunday: one term
/// per weekend that is touched but not worked on both days.
pub(super) fn whole_weekends(line: &Line, lo: Day, hi: Day, sink: &mut impl FnMut(Term)) {
    let Some(rule) = &line.emp.contract.whole_weekends else { return };
    let (first, last) = weekends_touching(line.inst, lo, hi);
    for w in first..last {
        let sat = 7 * w as Day + 5;
        let touched =
            (sat - 1..=sat + 1).any(|d| line.shift(d).is_some_and(|s| line.inst.times.weekend_of(d, s) == Some(w)));
        if touched && !(line.cell(sat).is_work() && line.cell(sat + 1).is_work()) {
            sink(Term {
                rule: RuleId::WholeWeekends,
                level: rule.level,
                units: 1,
                detail: Detail::PartWeekend { weekend: w },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Limit, WeekendLimit};
    use crate::rules::testkit::*;
    use crate::rules::{Detail, RuleId};

    const WEEK_OFF: [&str; 7] = ["", "", "", "", "", "", ""];

    fn weeks(ws: &[[&'static str; 7]]) -> Vec<&'static str> {
        ws.iter().flatten().copied().collect()
    }

    #[test]
    fn every_other_weekend() {
        let mut k = Kit::swedish();
        k.contract().max_weekends = Some(Limit::hard(WeekendLimit { max: 1, window: 2 }));
        let we = ["", "", "", "", "", "D", "D"];
        // Weekends 0 and 1 both worked: the window (0,1) holds two.
        let t = k.terms_of(&weeks(&[we, we, WEEK_OFF, we]), RuleId::MaxWeekends);
        assert_eq!(t.len(), 1);
        assert!(matches!(t[0].detail, Detail::Weekends { first: 0, worked: 2, .. }));
        assert!(k.terms_of(&weeks(&[we, WEEK_OFF, we, WEEK_OFF]), RuleId::MaxWeekends).is_empty());
    }

    #[test]
    fn a_weekend_worked_just_before_the_horizon_counts() {
        let mut k = Kit::swedish();
        k.contract().max_weekends = Some(Limit::hard(WeekendLimit { max: 1, window: 2 }));
        k.history(&["D", "D"]); // Saturday and Sunday before the horizon
        let we = ["", "", "", "", "", "D", "D"];
        // The last weekend of the previous period and the first of this one: two in a window.
        let t = k.terms_of(&weeks(&[we, WEEK_OFF]), RuleId::MaxWeekends);
        assert_eq!(t.len(), 1);
        assert!(matches!(t[0].detail, Detail::Weekends { first: -1, worked: 2, limit: 1, window: 2 }));
        assert!(k.explain(&weeks(&[we, WEEK_OFF])).iter().any(|m| m.contains("history included")));
        // Off the first weekend, on the second: every other weekend, fine.
        assert!(k.terms_of(&weeks(&[WEEK_OFF, we]), RuleId::MaxWeekends).is_empty());
        // A Friday night before the horizon touches that weekend too (by instant) …
        k.history(&["N", "", ""]);
        assert_eq!(k.terms_of(&weeks(&[we, WEEK_OFF]), RuleId::MaxWeekends).len(), 1);
        // … but not in the benchmark reading, by start day.
        k.weekend_by_day();
        assert!(k.terms_of(&weeks(&[we, WEEK_OFF]), RuleId::MaxWeekends).is_empty());
        // Without history the first window starts on the first weekend.
        let mut k = Kit::swedish();
        k.contract().max_weekends = Some(Limit::hard(WeekendLimit { max: 1, window: 2 }));
        assert!(k.terms_of(&weeks(&[we, WEEK_OFF]), RuleId::MaxWeekends).is_empty());
    }

    #[test]
    fn a_friday_night_touches_the_weekend() {
        let mut k = Kit::swedish();
        k.contract().max_weekends = Some(Limit::hard(WeekendLimit { max: 0, window: 2 }));
        let fri_night = ["", "", "", "", "N", "", ""];
        assert_eq!(k.terms_of(&weeks(&[fri_night, WEEK_OFF]), RuleId::MaxWeekends).len(), 1);
        let thu_night = ["", "", "", "N", "", "", ""];
        assert!(k.terms_of(&weeks(&[thu_night, WEEK_OFF]), RuleId::MaxWeekends).is_empty());
        // A Sunday night pass touches its own weekend, not the next one.
        let sun_night = ["", "", "", "", "", "", "N"];
        let t = k.terms_of(&weeks(&[sun_night, WEEK_OFF]), RuleId::MaxWeekends);
        assert!(matches!(t[0].detail, Detail::Weekends { first: 0, worked: 1, .. }));
    }

    #[test]
    fn benchmark_weekends_count_by_day() {
        let mut k = Kit::swedish();
        k.weekend_by_day();
        k.contract().max_weekends = Some(Limit::hard(WeekendLimit { max: 0, window: 99 }));
        let fri_night = ["", "", "", "", "N", "", ""];
        assert!(k.terms_of(&weeks(&[fri_night, WEEK_OFF]), RuleId::MaxWeekends).is_empty());
        let t =
            k.terms_of(&weeks(&[["", "", "", "", "", "D", ""], ["", "", "", "", "", "", "D"]]), RuleId::MaxWeekends);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].units, 2);
    }

    #[test]
    fn whole_weekends() {
        let mut k = Kit::swedish();
        k.contract().whole_weekends = Some(Limit::soft((), 5));
        let t = k.terms_of(&weeks(&[["", "", "", "", "", "D", ""], WEEK_OFF]), RuleId::WholeWeekends);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].soft(), 5);
        assert!(k.terms_of(&weeks(&[["", "", "", "", "", "D", "D"], WEEK_OFF]), RuleId::WholeWeekends).is_empty());
        // Friday night alone touches the weekend but works neither day.
        assert_eq!(k.terms_of(&weeks(&[["", "", "", "", "N", "", ""], WEEK_OFF]), RuleId::WholeWeekends).len(), 1);
    }
}
