//! Cover: regular passes of a task on a day against its demand. Resource shifts do not count.

use super::{Detail, RuleId, Term};
use crate::model::{Instance, Level, TaskId};

/// Terms of one day's cover of one task with `count` regular passes: below the minimum, below
/// the target (per missing person), and above the target (per extra regular person).
pub fn cover_terms(inst: &Instance, day: usize, task: TaskId, count: u16, sink: &mut impl FnMut(Term)) {
    let demand = *inst.demand(day, task);
    let detail = Detail::Cover { day: day as i32, task, count, demand };
    let mut emit = |rule, weight: u32, units: u16| {
        if weight > 0 && units > 0 {
            sink(Term { rule, level: Level::Soft(weight), units: units as i64, detail });
        }
    };
    emit(RuleId::CoverMin, demand.weight_min, demand.min.saturating_sub(count));
    emit(RuleId::CoverUnder, demand.weight_under, demand.target.saturating_sub(count));
    emit(RuleId::CoverOver, demand.weight_over, count.saturating_sub(demand.target));
}
