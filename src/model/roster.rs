//! A roster: for every employee and day, a day off or one pass (one task, possibly a resource shift).
//!
//! One pass per day is structural: split shifts (delade turer) cannot be expressed.

use crate::model::ids::{EmployeeId, TaskId};
use crate::model::instance::Instance;

/// One cell of the roster: off, or a task worked as a regular pass or as a resource shift.
///
/// Packed into a `u16`: 0 is off, `2·task + 1` a regular pass, `2·task + 2` a resource shift.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Cell(u16);

impl Cell {
    /// A day off.
    pub const OFF: Cell = Cell(0);

    /// A pass of `task`; `resource` marks a resource shift (resurspass).
    #[inline]
    pub fn work(task: TaskId, resource: bool) -> Cell {
        Cell(task.0 * 2 + 1 + resource as u16)
    }

    /// The task worked, or `None` on a day off.
    #[inline]
    pub fn task(self) -> Option<TaskId> {
        if self.0 == 0 {
            None
        } else {
            Some(TaskId((self.0 - 1) / 2))
        }
    }

    /// Whether this is a working day.
    #[inline]
    pub fn is_work(self) -> bool {
        self.0 != 0
    }

    /// Whether this is a resource shift.
    #[inline]
    pub fn is_resource(self) -> bool {
        self.0 != 0 && self.0 % 2 == 0
    }

    /// The raw code (dense, for tables indexed by cell).
    #[inline]
    pub fn code(self) -> usize {
        self.0 as usize
    }
}

/// An employees × days grid of cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Roster {
    days: usize,
    cells: Vec<Cell>,
}

impl Roster {
    /// An all-off roster for an instance.
    pub fn empty(inst: &Instance) -> Self {
        Roster::new(inst.employees.len(), inst.days())
    }

    /// An all-off roster of a given size.
    pub fn new(employees: usize, days: usize) -> Self {
        Roster { days, cells: vec![Cell::OFF; employees * days] }
    }

    /// Number of days.
    #[inline]
    pub fn days(&self) -> usize {
        self.days
    }

    /// Number of employees.
    #[inline]
    pub fn employees(&self) -> usize {
        self.cells.len().checked_div(self.days).unwrap_or(0)
    }

    /// The cell of an employee on a day.
    #[inline]
    pub fn get(&self, e: EmployeeId, day: usize) -> Cell {
        self.cells[e.idx() * self.days + day]
    }

    /// Sets the cell of an employee on a day.
    #[inline]
    pub fn set(&mut self, e: EmployeeId, day: usize, cell: Cell) {
        self.cells[e.idx() * self.days + day] = cell;
    }

    /// One employee's line of cells.
    #[inline]
    pub fn line(&self, e: EmployeeId) -> &[Cell] {
        &self.cells[e.idx() * self.days..(e.idx() + 1) * self.days]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_packing_round_trips() {
        assert!(!Cell::OFF.is_work());
        assert_eq!(Cell::OFF.task(), None);
        for t in [0u16, 1, 7, 300] {
            for r in [false, true] {
                let c = Cell::work(TaskId(t), r);
                assert!(c.is_work());
                assert_eq!(c.task(), Some(TaskId(t)));
                assert_eq!(c.is_resource(), r);
            }
        }
    }

    #[test]
    fn roster_lines_are_rows() {
        let mut r = Roster::new(3, 5);
        r.set(EmployeeId(1), 4, Cell::work(TaskId(2), false));
        assert_eq!(r.line(EmployeeId(1))[4].task(), Some(TaskId(2)));
        assert_eq!(r.employees(), 3);
        assert!(r.line(EmployeeId(0)).iter().all(|c| !c.is_work()));
    }
}
