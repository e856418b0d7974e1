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
        if let Some(weight) = rules.split_shift_weight.filter(|_| inst.task_shift(task).is_split()) {
            sink(Term { rule: RuleId::SplitShift, level: Level::Soft(weight), units: 1, detail });
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

/// Whether a pass of `shift` on horizon day `day` breaks an absence: it is worked on a day the
/// employee may not work ([`closed`]), or it runs past 00:00 into one, except into a fixed day
/// off (`day_off`), which is a day by its date, so a night pass may end on its morning.
/// Planned absences (vacation, leave, education) start at 00:00 of their first day, and so do a
/// weekday-only contract's Saturdays, Sundays and public holidays.
pub(crate) fn unavailable(inst: &Instance, emp: &Employee, day: Day, shift: ShiftId) -> bool {
    let next = day + 1;
    closed(inst, emp, day)
        || (next as usize) < inst.days()
            && (emp.absence[next as usize].is_some_and(AbsenceKind::starts_at_midnight) || off_weekday(inst, emp, next))
            && inst.times.end(day, shift) > inst.times.day_start(next)
}

/// Whether the employee may not work on horizon day `day`: an absence, or a Saturday, Sunday or
/// public holiday under a weekday-only contract.
pub(crate) fn closed(inst: &Instance, emp: &Employee, day: Day) -> bool {
    emp.absence[day as usize].is_some() || off_weekday(inst, emp, day)
}

/// A Saturday, Sunday or public holiday of a weekday-only contract.
fn off_weekday(inst: &Instance, emp: &Employee, day: Day) -> bool {
    emp.contract.weekdays_only && (inst.is_weekend_day(day) || inst.holidays[day as usize])
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
    use crate::model::{AbsenceKind, Limit, Nights};
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
    fn weekday_only_contracts_work_no_weekend_or_public_holiday() {
        let mut k = Kit::swedish();
        k.contract().weekdays_only = true;
        k.holiday(4); // a Friday holiday (Good Friday)
        let t = k.terms_of(&["D", "", "", "", "D", "D", "D"], RuleId::Unavailable);
        assert_eq!(t.len(), 3); // the holiday, Saturday and Sunday
        assert!(k.terms_of(&["D", "D", "D", "D", "", "", ""], RuleId::Unavailable).is_empty());
        // A Thursday night pass runs into the holiday from 00:00.
        assert_eq!(k.terms_of(&["", "", "", "N", "", "", ""], RuleId::Unavailable).len(), 1);
    }

    #[test]
    fn night_teams_work_only_nights_and_others_none_if_they_say_so() {
        let mut k = Kit::swedish();
        k.nights(Nights::Only);
        // Natt 21:15–07:15 is a night pass (8 of 10 h in 22–06); Dag, Kväll and Lång dag are not.
        assert!(k.terms_of(&["N"], RuleId::Eligibility).is_empty());
        assert_eq!(k.terms_of(&["D", "K", "L"], RuleId::Eligibility).len(), 3);
        k.nights(Nights::Never);
        assert_eq!(k.terms_of(&["N", "D"], RuleId::Eligibility).len(), 1);
    }

    #[test]
    fn split_shifts_cost_their_weight_where_allowed() {
        let mut k = Kit::swedish();
        k.split_shift_weight(7);
        // The kit's shift types have at most 30 min rast: none is split.
        assert!(k.terms_of(&["D", "K", "L"], RuleId::SplitShift).is_empty());
        k.rast("L", 150); // 07:00–20:00 with 2 h 30 min unpaid in the middle: a split shift
        let t = k.terms_of(&["L", "", "L"], RuleId::SplitShift);
        assert_eq!(t.iter().map(|t| t.soft()).sum::<i64>(), 14);
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
