//! The model under construction: assignment variables, constraints and the objective, with the
//! helpers every rule module uses to state "at most", "costs so much per unit over" and so on.
//!
//! Expressions stay in good_lp's [`Expression`]; a day outside what is known (before the
//! employee's history, after the horizon) or a cell that can never hold a shift type is `None`
//! rather than a zero expression, so rules skip it without asking for its instants.

use good_lp::{variable, Constraint, Expression, IntoAffineExpression, ProblemVariables, Variable};
use rustc_hash::FxHashMap;

use crate::model::{Cell, Day, EmployeeId, Instance, Level, ShiftId};
use crate::solver::Domain;

/// What may be in one (employee, day) cell of the model.
#[derive(Clone, Debug)]
pub(crate) enum Slot {
    /// A known cell: fixed by the instance, by history, or by a repair window.
    Fixed(Cell),
    /// A choice among cells: a binary per work cell; off when all are 0.
    Free(Vec<(Cell, Variable)>),
}

/// The MIP of an instance, before a backend sees it.
pub(crate) struct Formulation<'a> {
    /// The instance.
    pub inst: &'a Instance,
    /// Every variable.
    pub vars: ProblemVariables,
    /// Every constraint.
    pub constraints: Vec<Constraint>,
    /// Soft cost; its constant part holds the cost fixed cells already carry.
    pub objective: Expression,
    /// Whether integrality is dropped (the LP relaxation).
    relax: bool,
    /// Horizon days.
    days: usize,
    /// `slots[e * days + d]`.
    slots: Vec<Slot>,
    /// Set when fixed cells alone break a hard rule: no roster with these cells is feasible.
    pub infeasible: bool,
    /// Integer started-hours variables with the minutes they must cover (`60 h ≥ minutes`),
    /// so a warm start can give them their values.
    /// Started-hours counters with the minutes each must cover (the most of them), for the
    /// warm start.
    hours: Vec<(Variable, Vec<Expression>)>,
    /// Veckovila choices (soft), for the same reason.
    pub picks: Vec<Pick>,
}

/// A soft veckovila week's choice: `none` (costing `cap`) or one candidate stretch, whose
/// missing hours are the most of `fixed` and `units × pass` over its blocking passes.
pub(crate) struct Pick {
    /// The "no candidate" binary.
    pub none: Variable,
    /// Hours charged when no candidate is picked.
    pub cap: f64,
    /// One binary per candidate stretch.
    pub options: Vec<PickOption>,
}

/// A candidate stretch of a [`Pick`]: its binary, the hours it lacks whatever is worked, and
/// its blocking passes with the hours each would cost.
pub(crate) type PickOption = (Variable, f64, Vec<(f64, Expression)>);

/// A linear expression that may be identically zero (`None`).
pub(crate) type Lin = Option<Expression>;

/// Whether an expression has no variable with a nonzero coefficient.
pub(crate) fn is_constant(e: &Expression) -> bool {
    e.clone().linear_coefficients().all(|(_, c)| c == 0.0)
}

/// Adds `coef * term` to `sum`.
pub(crate) fn add(sum: &mut Expression, coef: f64, term: &Lin) {
    if let Some(t) = term {
        if coef != 0.0 {
            sum.add_mul(coef, t.clone());
        }
    }
}

/// A constant expression.
pub(crate) fn konst(c: f64) -> Expression {
    Expression::from(c)
}

/// Numerical slack when comparing constants.
const EPS: f64 = 1e-6;

/// The step in which `60 h − minutes` moves for integer `h` and 0–1 variables: the greatest
/// common divisor of 60 and every coefficient of `minutes`. `None` when a coefficient is not a
/// whole number of minutes.
fn minute_step(minutes: &Expression) -> Option<f64> {
    let mut g: u64 = 60;
    for (_, c) in minutes.clone().linear_coefficients() {
        if (c - c.round()).abs() > EPS {
            return None;
        }
        g = gcd(g, c.round().abs() as u64);
    }
    Some(g as f64)
}

/// Greatest common divisor (Euclid).
fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

impl<'a> Formulation<'a> {
    /// The assignment part of the model: one binary per employee, day and candidate cell of the
    /// search domain; `fix` may pin further cells (a repair window keeps everything outside it).
    pub fn new(inst: &'a Instance, relax: bool, fix: &dyn Fn(EmployeeId, usize) -> Option<Cell>) -> Self {
        let domain = Domain::new(inst);
        let days = inst.days();
        let mut f = Formulation {
            inst,
            vars: ProblemVariables::new(),
            constraints: Vec::new(),
            objective: konst(0.0),
            relax,
            days,
            slots: Vec::with_capacity(inst.employees.len() * days),
            infeasible: false,
            hours: Vec::new(),
            picks: Vec::new(),
        };
        for e in 0..inst.employees.len() {
            let e = EmployeeId(e as u16);
            for d in 0..days {
                let slot = match fix(e, d).or(domain.fixed(e, d)) {
                    Some(cell) => Slot::Fixed(cell),
                    None => {
                        let cells = domain.candidates(e);
                        let choices: Vec<(Cell, Variable)> = cells.iter().map(|&c| (c, f.binary())).collect();
                        if choices.len() > 1 {
                            // At most one pass per day.
                            let mut sum = konst(0.0);
                            for (_, v) in &choices {
                                sum.add_mul(1.0, *v);
                            }
                            f.constraints.push(sum.leq(1.0));
                        }
                        Slot::Free(choices)
                    }
                };
                f.slots.push(slot);
            }
        }
        f
    }

    /// Number of horizon days.
    pub fn days(&self) -> usize {
        self.days
    }

    /// The slot of an employee on a horizon day.
    pub fn slot(&self, e: EmployeeId, d: usize) -> &Slot {
        &self.slots[e.idx() * self.days + d]
    }

    /// A 0–1 decision (continuous in the relaxation).
    pub fn binary(&mut self) -> Variable {
        if self.relax {
            self.vars.add(variable().min(0.0).max(1.0))
        } else {
            self.vars.add(variable().binary())
        }
    }

    /// A non-negative continuous variable.
    pub fn slack(&mut self) -> Variable {
        self.vars.add(variable().min(0.0))
    }

    /// A non-negative integer variable (continuous in the relaxation).
    pub fn count(&mut self) -> Variable {
        if self.relax {
            self.vars.add(variable().min(0.0))
        } else {
            self.vars.add(variable().integer().min(0.0))
        }
    }

    /// The known cell of an employee on a day before the horizon (history), off when unknown.
    fn history_cell(&self, e: EmployeeId, d: Day) -> Cell {
        let h = &self.inst.employees[e.idx()].history;
        let i = h.len() as Day + d;
        if i >= 0 {
            h[i as usize]
        } else {
            Cell::OFF
        }
    }

    /// The first known day of an employee: the start of history, or day 0.
    pub fn known_from(&self, e: EmployeeId) -> Day {
        -(self.inst.employees[e.idx()].history.len() as Day)
    }

    fn shift_of(&self, cell: Cell) -> Option<ShiftId> {
        cell.task().map(|t| self.inst.tasks[t.idx()].shift)
    }

    /// 1 when the employee works a pass of shift type `s` starting on day `d`.
    pub fn on(&self, e: EmployeeId, d: Day, s: ShiftId) -> Lin {
        self.matching(e, d, |c| self.shift_of(c) == Some(s))
    }

    /// 1 when the employee works on day `d` (any pass).
    pub fn works(&self, e: EmployeeId, d: Day) -> Lin {
        self.matching(e, d, |c| c.is_work())
    }

    /// 1 when the cell of the employee on day `d` is exactly `cell` (a work cell).
    pub fn holds(&self, e: EmployeeId, d: Day, cell: Cell) -> Lin {
        self.matching(e, d, |c| c == cell)
    }

    /// The sum of the indicators of the cells on day `d` that satisfy `pred` (a work-cell
    /// predicate: off never matches).
    fn matching(&self, e: EmployeeId, d: Day, pred: impl Fn(Cell) -> bool) -> Lin {
        if d < 0 {
            let c = self.history_cell(e, d);
            return (c.is_work() && pred(c)).then(|| konst(1.0));
        }
        if d as usize >= self.days {
            return None;
        }
        match self.slot(e, d as usize) {
            Slot::Fixed(c) => (c.is_work() && pred(*c)).then(|| konst(1.0)),
            Slot::Free(choices) => {
                let mut sum = konst(0.0);
                let mut any = false;
                for (c, v) in choices {
                    if pred(*c) {
                        sum.add_mul(1.0, *v);
                        any = true;
                    }
                }
                any.then_some(sum)
            }
        }
    }

    /// Hard: `lhs ≤ rhs`. A constraint without variables is checked at once.
    pub fn at_most(&mut self, lhs: Expression, rhs: f64) {
        if is_constant(&lhs) {
            if lhs.constant() > rhs + EPS {
                self.infeasible = true;
            }
        } else {
            self.constraints.push(lhs.leq(rhs));
        }
    }

    /// Adds `weight × expr` to the objective.
    pub fn cost(&mut self, weight: f64, expr: Expression) {
        if weight != 0.0 {
            self.objective.add_mul(weight, expr);
        }
    }

    /// Soft: a penalty `p ≥ 0` with `p ≥ b` for every lower bound `b`, costing `weight` each
    /// unit. Minimising makes `p` the largest bound (or 0), exactly the term's units when the
    /// bounds are written so that at most one is positive at any roster. Constant bounds need
    /// no variable.
    pub fn penalty(&mut self, weight: u32, bounds: Vec<Expression>) {
        if weight == 0 {
            return;
        }
        let (constant, varying): (Vec<_>, Vec<_>) = bounds.into_iter().partition(is_constant);
        let floor = constant.iter().map(|b| b.constant()).fold(0.0f64, f64::max);
        if varying.is_empty() {
            self.objective.add_mul(weight as f64 * floor, konst(1.0));
            return;
        }
        let p = self.slack();
        if floor > 0.0 {
            self.constraints.push(Expression::from(p).geq(floor));
        }
        for b in varying {
            self.constraints.push(Expression::from(p).geq(b));
        }
        self.cost(weight as f64, p.into());
    }

    /// `amount ≤ limit` for a rule that counts whole units (days, passes, weekends): a
    /// constraint when hard, a cost per unit over when soft.
    pub fn limit_units(&mut self, level: Level, amount: Expression, limit: f64) {
        match level {
            Level::Hard => self.at_most(amount, limit),
            Level::Soft(w) => self.penalty(w, vec![amount - limit]),
        }
    }

    /// `minutes ≤ limit` for a rule that counts started hours over: a constraint when hard;
    /// when soft an integer number of hours `h` with `60 h ≥ minutes − limit`, which at the
    /// optimum is exactly the started hours over (the smallest such integer).
    pub fn limit_minutes(&mut self, level: Level, minutes: Expression, limit: f64) {
        match level {
            Level::Hard => self.at_most(minutes, limit),
            Level::Soft(w) => {
                if w == 0 {
                    return;
                }
                if is_constant(&minutes) {
                    let over = minutes.constant() - limit;
                    let hours = if over > 0.0 { (over / 60.0).ceil() } else { 0.0 };
                    self.objective.add_mul(w as f64 * hours, konst(1.0));
                    return;
                }
                let h = self.count();
                self.hours.push((h, vec![minutes.clone() - limit]));
                // `60 h − (minutes − constant)` moves in steps of `g`, so its lower bound may be
                // rounded up to a step: a target the passes cannot hit costs its started hour
                // in the relaxation too, not only after branching.
                let over = minutes.constant() - limit;
                let floor = match minute_step(&minutes) {
                    Some(g) => g * (over / g - EPS).ceil(),
                    None => over,
                };
                let varying = minutes.clone() - minutes.constant();
                self.constraints.push((60.0 * h - varying).geq(floor));
                self.cost(w as f64, h.into());
            }
        }
    }

    /// [`Formulation::limit_minutes`] that holds only while one of the indicators `while_on`
    /// is 1 (none: nothing is limited). `big` must exceed `minutes − limit` at any roster.
    pub fn limit_minutes_while(
        &mut self,
        level: Level,
        minutes: Expression,
        limit: f64,
        while_on: Vec<Expression>,
        big: f64,
    ) {
        if while_on.iter().any(|x| is_constant(x) && x.constant() > 0.5) {
            return self.limit_minutes(level, minutes, limit);
        }
        let while_on: Vec<Expression> = while_on.into_iter().filter(|x| !is_constant(x)).collect();
        if while_on.is_empty() || is_constant(&minutes) && minutes.constant() <= limit {
            return;
        }
        match level {
            Level::Hard => {
                for x in while_on {
                    self.at_most(minutes.clone() + big * x, limit + big);
                }
            }
            Level::Soft(w) => {
                if w == 0 {
                    return;
                }
                let h = self.count();
                let over: Vec<Expression> =
                    while_on.into_iter().map(|x| minutes.clone() - limit - big + big * x).collect();
                for o in &over {
                    self.constraints.push((60.0 * h - o.clone()).geq(0.0));
                }
                self.hours.push((h, over));
                self.cost(w as f64, h.into());
            }
        }
    }

    /// The cell the solved model puts on a day, given the value of each variable.
    pub fn cell_at(&self, e: EmployeeId, d: usize, value: &dyn Fn(Variable) -> f64) -> Cell {
        match self.slot(e, d) {
            Slot::Fixed(c) => *c,
            Slot::Free(choices) => choices.iter().find(|(_, v)| value(*v) > 0.5).map_or(Cell::OFF, |(c, _)| *c),
        }
    }

    /// Values that put `roster` into the model: its assignment binaries, and the integer and
    /// binary helpers its penalties need (continuous ones are left to the solver's LP).
    pub fn hint(&self, roster: &crate::Roster) -> Vec<(Variable, f64)> {
        let mut out: FxHashMap<Variable, f64> = FxHashMap::default();
        for (i, slot) in self.slots.iter().enumerate() {
            if let Slot::Free(choices) = slot {
                let (e, d) = (EmployeeId((i / self.days) as u16), i % self.days);
                let cell = if e.idx() < roster.employees() && d < roster.days() { roster.get(e, d) } else { Cell::OFF };
                for (c, v) in choices {
                    out.insert(*v, (*c == cell) as u8 as f64);
                }
            }
        }
        let eval = |e: &Expression, out: &FxHashMap<Variable, f64>| {
            e.clone().linear_coefficients().map(|(v, c)| c * out.get(&v).copied().unwrap_or(0.0)).sum::<f64>()
                + e.constant()
        };
        let mut extra = Vec::new();
        for (h, over) in &self.hours {
            let most = over.iter().map(|m| eval(m, &out)).fold(0.0, f64::max);
            extra.push((*h, (most / 60.0 - EPS).ceil().max(0.0)));
        }
        for pick in &self.picks {
            let units =
                |(_, fixed, blocks): &PickOption| blocks.iter().map(|(u, x)| u * eval(x, &out)).fold(*fixed, f64::max);
            let best = pick.options.iter().map(|o| (units(o), o.0)).min_by(|a, b| a.0.total_cmp(&b.0));
            let chosen = match best {
                Some((u, v)) if u < pick.cap => v,
                _ => pick.none,
            };
            extra.push((pick.none, (chosen == pick.none) as u8 as f64));
            for (v, _, _) in &pick.options {
                extra.push((*v, (chosen == *v) as u8 as f64));
            }
        }
        let mut all: Vec<(Variable, f64)> = out.into_iter().collect();
        all.extend(extra);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_move_in_the_greatest_common_step_of_their_passes_and_the_hour() {
        let mut vars = ProblemVariables::new();
        let (a, b, c) = (vars.add(variable().binary()), vars.add(variable().binary()), vars.add(variable().binary()));
        // Dag 480, Kväll 450, Helg lång 735 min: quarter hours.
        assert_eq!(minute_step(&(480.0 * a + 450.0 * b + 735.0 * c + 7.0)), Some(15.0));
        // Whole hours and a 600-minute night: whole hours.
        assert_eq!(minute_step(&(480.0 * a + 600.0 * b)), Some(60.0));
        // 7 min 30 s is no whole minute.
        assert_eq!(minute_step(&(7.5 * a)), None);
    }
}
