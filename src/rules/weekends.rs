//! Weekend rules: how many weekends are worked (rotation) and whether a worked weekend is whole.
//!
//! A weekend counts as worked if any pass touches it (domain.md §5): with times, any pass
//! overlapping Saturday 00:00 – Monday 00:00, so a Friday night pass counts; in the benchmark
//! reading, a pass starting on Saturday or Sunday.

use super::{weekends_touching, Detail, Line, RuleId, Term};
use crate::model::Day;

/// At most `max` worked weekends in any `window` consecutive weekends; one term per window
/// over the limit, in weekends too many. Judges the windows holding weekends `wlo..whi`.
pub(super) fn max_weekends(line: &Line, touch: &[u8], wlo: usize, whi: usize, sink: &mut impl FnMut(Term)) {
    let Some(limit) = &line.emp.contract.max_weekends else { return };
    let n = touch.len();
    if n == 0 {
        return;
    }
    let window = (limit.value.window as usize).clamp(1, n);
    let whi = whi.min(n);
    if whi <= wlo {
        return;
    }
    // The window starting at s covers weekends s..s+window; judge those holding wlo..whi.
    let first = (wlo + 1).saturating_sub(window);
    let last = (n - window).min(whi - 1);
    for s in first..=last {
        let worked = touch[s..s + window].iter().filter(|&&c| c > 0).count() as u16;
        if worked > limit.value.max {
            sink(Term {
                rule: RuleId::MaxWeekends,
                level: limit.level,
                units: (worked - limit.value.max) as i64,
                detail: Detail::Weekends { first: s, worked, limit: limit.value.max, window: window as u16 },
            });
        }
    }
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
