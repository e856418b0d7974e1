//! Rules on single cells (absence, locked passes, skill and site, travel, resource shifts) and
//! on how often each shift type is worked.

use super::{Detail, Line, RuleId, Term};
use crate::model::{AbsenceKind, Day, Employee, Instance, Level, ShiftId};

/// Per-cell rules on days `lo..=hi`.
pub(super) fn cells(line: &Line, lo: Day, hi: Day, sink: &mut impl FnMut(Term)) {
    let inst = line.inst;
    let rules = &inst.rules;
    for d in lo.max(0)..=hi.min(line.days() - 1) {
        let cell = line.cell(d);
        let detail = Detail::Cell { day: d, cell };
        if let Some(lock) = line.emp.locked[d as usize] {
            if lock != cell {
                sink(Term { rule: RuleId::Locked, level: rules.locked, units: 1, detail });
            }
        }
        let Some(task) = cell.task() else { continue };
        if unavailable(inst, line.emp, d, inst.tasks[task.idx()].shift) {
            sink(Term { rule: RuleId::Unavailable, level: rules.unavailable, units: 1, detail });
        }
        if !inst.is_eligible(line.e, task) {
            sink(Term { rule: RuleId::Eligibility, level: rules.eligibility, units: 1, detail });
        }
        if let Some(weight) = rules.travel_weight {
            let site = inst.shift_site(inst.tasks[task.idx()].shift);
            let minutes = inst.travel_minutes(line.emp.sites[0], site);
            if minutes > 0 {
                sink(Term { rule: RuleId::Travel, level: Level::Soft(weight), units: minutes as i64, detail });
            }
        }
        if cell.is_resource() {
            let cost = inst.resource_cost[d as usize * inst.tasks.len() + task.idx()];
            sink(Term { rule: RuleId::Resource, level: Level::Soft(1), units: cost as i64, detail });
        }
    }
}

/// Whether a pass of `shift` on horizon day `day` breaks an absence: it is worked on a day of
/// absence, or it runs past 00:00 into a planned absence (vacation, leave, education: they start
/// at 00:00 of their first day). A fixed day off (`day_off`) is a day by its date, so a night
/// pass may end on its morning.
pub(crate) fn unavailable(inst: &Instance, emp: &Employee, day: Day, shift: ShiftId) -> bool {
    let next = emp.absence.get(day as usize + 1).copied().flatten();
    emp.absence[day as usize].is_some()
        || next.is_some_and(AbsenceKind::starts_at_midnight)
            && inst.times.end(day, shift) > inst.times.day_start(day + 1)
}

/// Passes of each shift type over the period are at most the employee's limit for it.
pub(super) fn max_shifts_per_type(line: &Line, counts: &[u16], sink: &mut impl FnMut(Term)) {
    if line.emp.contract.max_shifts_per_type.is_some() {
        let all: Vec<ShiftId> = (0..counts.len()).map(|s| ShiftId(s as u16)).collect();
        max_shifts_of(line, counts, &all, sink);
    }
}

/// [`max_shifts_per_type`] for the given shift types only.
pub(super) fn max_shifts_of(line: &Line, counts: &[u16], shifts: &[ShiftId], sink: &mut impl FnMut(Term)) {
    let Some(limit) = &line.emp.contract.max_shifts_per_type else { return };
    for &s in shifts {
        let (count, max) = (counts[s.idx()], limit.value[s.idx()]);
        if count > max {
            sink(Term {
                rule: RuleId::MaxShiftsPerType,
                level: limit.level,
                units: (count - max) as i64,
                detail: Detail::ShiftCount { shift: s, count, limit: max },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{AbsenceKind, Limit};
    use crate::rules::testkit::*;
    use crate::rules::RuleId;

    #[test]
    fn no_pass_during_absence() {
        let mut k = Kit::swedish();
        k.absent(1, AbsenceKind::Vacation);
        assert_eq!(k.terms_of(&["D", "D"], RuleId::Unavailable).len(), 1);
        assert!(k.terms_of(&["D", "", "D"], RuleId::Unavailable).is_empty());
    }

    #[test]
    fn a_night_pass_may_not_run_into_a_vacation() {
        let mut k = Kit::swedish();
        k.absent(1, AbsenceKind::Vacation);
        // Natt Monday 21:15 → Tuesday 07:15, the first vacation day from 00:00.
        let t = k.terms_of(&["N"], RuleId::Unavailable);
        assert_eq!(t.len(), 1);
        assert!(k.explain(&["N"]).iter().any(|m| m.contains("runs past 00:00")));
        // A Kväll ending 21:30 the evening before is fine.
        assert!(k.terms_of(&["K"], RuleId::Unavailable).is_empty());
        // A fixed day off is a day by its date: the night may end on its morning.
        let mut k = Kit::swedish();
        k.absent(1, AbsenceKind::DayOff);
        assert!(k.terms_of(&["N"], RuleId::Unavailable).is_empty());
    }

    #[test]
    fn locked_cells_keep_their_value() {
        let mut k = Kit::swedish();
        k.lock(0, "K");
        k.lock_off(2);
        assert_eq!(k.terms_of(&["D", "", "D"], RuleId::Locked).len(), 2);
        assert!(k.terms_of(&["K", "", ""], RuleId::Locked).is_empty());
    }

    #[test]
    fn skill_and_site_eligibility() {
        let k = Kit::swedish();
        // The kit's employee is an usk at the home site; "S" is an ssk pass and "B" is at the
        // other site, which the employee has not consented to.
        assert_eq!(k.terms_of(&["S", "B", "D"], RuleId::Eligibility).len(), 2);
    }

    #[test]
    fn max_shifts_per_type() {
        let mut k = Kit::swedish();
        let mut limits = vec![14; k.shift_count()];
        limits[k.shift("N").idx()] = 1;
        k.contract().max_shifts_per_type = Some(Limit::hard(limits));
        let t = k.terms_of(&["N", "", "", "N", "", "", "N"], RuleId::MaxShiftsPerType);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].units, 2);
    }
}
