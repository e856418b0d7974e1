//! Wishes (önskemål): a wanted pass, an unwanted pass, a wanted day off; each costs its weight
//! when not granted.

use super::{Detail, Line, RuleId, Term};
use crate::model::{Day, Level, WishKind};

/// Wishes on days `lo..=hi`.
pub(super) fn wishes(line: &Line, lo: Day, hi: Day, sink: &mut impl FnMut(Term)) {
    let ws = &line.emp.wishes;
    let from = ws.partition_point(|w| w.day < lo);
    for wish in ws[from..].iter().take_while(|w| w.day <= hi) {
        let cell = line.cell(wish.day);
        let worked = line.shift(wish.day);
        let rule = match wish.kind {
            WishKind::WantShift(_) => RuleId::ShiftOnRequests,
            WishKind::AvoidShift(_) => RuleId::ShiftOffRequests,
            WishKind::WantOff => RuleId::DayOffRequests,
        };
        if !wish.kind.granted_by(worked) {
            sink(Term { rule, level: Level::Soft(wish.weight), units: 1, detail: Detail::Wish { wish: *wish, cell } });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Wish, WishKind};
    use crate::rules::testkit::*;
    use crate::rules::RuleId;

    #[test]
    fn wishes_cost_their_weight_when_not_granted() {
        let mut k = Kit::swedish();
        let (d, n) = (k.shift("D"), k.shift("N"));
        k.wish(Wish { day: 0, kind: WishKind::WantShift(d), weight: 3 });
        k.wish(Wish { day: 1, kind: WishKind::AvoidShift(n), weight: 2 });
        k.wish(Wish { day: 2, kind: WishKind::WantOff, weight: 1 });
        let soft = |cells: &[&str], r| k.terms_of(cells, r).iter().map(|t| t.soft()).sum::<i64>();
        assert_eq!(soft(&["K", "N", "D"], RuleId::ShiftOnRequests), 3);
        assert_eq!(soft(&["K", "N", "D"], RuleId::ShiftOffRequests), 2);
        assert_eq!(soft(&["K", "N", "D"], RuleId::DayOffRequests), 1);
        // A day off also fails a wanted pass; another pass does not break an unwanted one.
        assert_eq!(soft(&["", "K", ""], RuleId::ShiftOnRequests), 3);
        assert_eq!(soft(&["", "K", ""], RuleId::ShiftOffRequests), 0);
        assert_eq!(soft(&["D", "", ""], RuleId::ShiftOnRequests), 0);
    }
}
