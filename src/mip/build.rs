//! Assembles the whole model: assignment, every employee's line rules, then cover.

use super::formulation::Formulation;
use super::{cells, cover, hours, rest, sequences, weekends};
use crate::model::{Cell, EmployeeId, Instance};

/// The model of `inst` (its LP relaxation when `relax`), with the cells `fix` names pinned.
pub(crate) fn build<'a>(
    inst: &'a Instance,
    relax: bool,
    fix: &dyn Fn(EmployeeId, usize) -> Option<Cell>,
) -> Formulation<'a> {
    let mut f = Formulation::new(inst, relax, fix);
    for e in 0..inst.employees.len() {
        let e = EmployeeId(e as u16);
        cells::add(&mut f, e);
        rest::daily_rest(&mut f, e);
        rest::weekly_rest(&mut f, e);
        rest::max_daily_work(&mut f, e);
        rest::heavy_night_work(&mut f, e);
        hours::weekly(&mut f, e);
        hours::period(&mut f, e);
        sequences::runs(&mut f, e);
        sequences::forbidden_succession(&mut f, e);
        weekends::max_weekends(&mut f, e);
        weekends::whole_weekends(&mut f, e);
    }
    cover::add_all(&mut f);
    f
}
