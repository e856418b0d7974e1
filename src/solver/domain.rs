//! What the search may put in each cell: an employee's candidate cells, and the cells it must
//! leave alone (hard absences, a weekday-only contract's weekends and holidays, and locks).

use crate::model::{Cell, EmployeeId, Instance, Level, TaskId, Wish};

/// Candidate cells per employee and fixed cells per (employee, day).
#[derive(Clone, Debug)]
pub struct Domain {
    days: usize,
    candidates: Vec<Vec<Cell>>,
    fixed: Vec<Option<Cell>>,
    allowed: Vec<bool>,
    tasks: usize,
    wishes: Vec<(EmployeeId, Wish)>,
}

impl Domain {
    /// The domain of an instance: eligible tasks (when eligibility is hard), without shift types
    /// a hard per-type limit of zero forbids; resource variants when resource shifts are on.
    pub fn new(inst: &Instance) -> Self {
        let days = inst.days();
        let tasks = inst.tasks.len();
        let mut candidates = Vec::with_capacity(inst.employees.len());
        let mut allowed = vec![false; inst.employees.len() * tasks];
        let mut fixed = vec![None; inst.employees.len() * days];
        for (i, emp) in inst.employees.iter().enumerate() {
            let e = EmployeeId(i as u16);
            let zero_limit = |t: TaskId| emp.contract.forbids_shift(inst.tasks[t.idx()].shift);
            let ok: Vec<TaskId> = (0..tasks)
                .map(|t| TaskId(t as u16))
                .filter(|&t| (inst.rules.eligibility != Level::Hard || inst.is_eligible(e, t)) && !zero_limit(t))
                .collect();
            for &t in &ok {
                allowed[i * tasks + t.idx()] = true;
            }
            let mut cells: Vec<Cell> = ok.iter().map(|&t| Cell::work(t, false)).collect();
            if inst.rules.resource_shifts {
                cells.extend(ok.iter().map(|&t| Cell::work(t, true)));
            }
            candidates.push(cells);
            for d in 0..days {
                let f = &mut fixed[i * days + d];
                if crate::rules::closed(inst, emp, d as crate::model::Day) && inst.rules.unavailable == Level::Hard {
                    *f = Some(Cell::OFF);
                }
                if let (Some(lock), Level::Hard) = (emp.locked[d], inst.rules.locked) {
                    *f = Some(lock);
                }
            }
        }
        let wishes = inst
            .employees
            .iter()
            .enumerate()
            .flat_map(|(i, emp)| emp.wishes.iter().map(move |w| (EmployeeId(i as u16), *w)))
            .filter(|(e, w)| (0..days as i32).contains(&w.day) && fixed[e.idx() * days + w.day as usize].is_none())
            .collect();
        Domain { days, candidates, fixed, allowed, tasks, wishes }
    }

    /// Cells (other than off) the employee may hold.
    #[inline]
    pub fn candidates(&self, e: EmployeeId) -> &[Cell] {
        &self.candidates[e.idx()]
    }

    /// The cell the search must keep on a day, if any.
    #[inline]
    pub fn fixed(&self, e: EmployeeId, day: usize) -> Option<Cell> {
        self.fixed[e.idx() * self.days + day]
    }

    /// Whether the search may change the cell.
    #[inline]
    pub fn is_free(&self, e: EmployeeId, day: usize) -> bool {
        self.fixed(e, day).is_none()
    }

    /// Whether the employee may hold the cell (off always).
    #[inline]
    pub fn allows(&self, e: EmployeeId, cell: Cell) -> bool {
        cell.task().is_none_or(|t| self.allowed[e.idx() * self.tasks + t.idx()])
    }

    /// Per day and shift type (index `day * shifts + shift`): the task of that shift type the
    /// employee may work at the least `price(day, task)`, and that price; `None` (and
    /// `P::default()`) where they may work none.
    pub(crate) fn cheapest_tasks<P: Copy + Default + PartialOrd>(
        &self,
        inst: &Instance,
        e: EmployeeId,
        price: impl Fn(usize, TaskId) -> P,
    ) -> (Vec<Option<TaskId>>, Vec<P>) {
        let shifts = inst.shifts.len();
        let mut tasks = vec![None; self.days * shifts];
        let mut prices = vec![P::default(); self.days * shifts];
        for d in 0..self.days {
            for (t, task) in inst.tasks.iter().enumerate() {
                let t = TaskId(t as u16);
                if !self.allows(e, Cell::work(t, false)) {
                    continue;
                }
                let (i, p) = (d * shifts + task.shift.idx(), price(d, t));
                if tasks[i].is_none() || p < prices[i] {
                    (tasks[i], prices[i]) = (Some(t), p);
                }
            }
        }
        (tasks, prices)
    }

    /// Every employee's wishes on days the search may change.
    #[inline]
    pub(crate) fn wishes(&self) -> &[(EmployeeId, Wish)] {
        &self.wishes
    }

    /// A roster with every fixed cell in place and everything else off.
    pub fn seed_roster(&self, inst: &Instance) -> crate::Roster {
        let mut r = crate::Roster::empty(inst);
        for e in 0..inst.employees.len() {
            let e = EmployeeId(e as u16);
            for d in 0..self.days {
                if let Some(c) = self.fixed(e, d) {
                    r.set(e, d, c);
                }
            }
        }
        r
    }
}
