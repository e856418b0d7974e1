//! Column generation over whole lines (Dantzig–Wolfe): the roster as one line per employee,
//! with cover the only thing that ties lines together.
//!
//! The *master* picks, per employee, a convex combination of known lines (columns) and pays
//! each line's own cost plus cover's convex cost of the passes the picked lines add up to. Its
//! LP is solved in dual form, one constraint per column, so a new column is one constraint
//! added to a warm dual simplex (microlp, driven directly: good_lp hides that). The duals are a
//! price per day and task for a pass; the cheapest line of each employee's [`LineSpace`] under
//! those prices is the *pricing* step, and a line whose priced cost is below the employee's
//! dual joins the master. When no employee has such a line the LP value is the master's optimum
//! over all lines.
//!
//! Once per pool, the first time pricing runs dry, a [`dive`] fixes the lines the LP is surest
//! of and prices again until every employee is fixed: a roster near the LP, found away from
//! the annealers' rosters.
//!
//! Then the master is solved over whole lines (price and branch, without branching on new
//! columns). Costs are whole numbers, so a better roster costs at most one less than the
//! start, and only lines whose reduced costs add up to at most that less the LP can be part of
//! it. The last pricing walks each line space for such lines ([`LineSpace::within`]), those of
//! least reduced cost first and a few hundred per employee at most (more each time a run
//! proves nothing better among them), and the MIP keeps only those, starting from the start
//! roster's lines and pruning every node that cannot beat the incumbent by one. On Curtois–Qu
//! Instance2 this proves the optimum in a tenth of a second, on Instance4 in under a second.
//!
//! An employee without a line space (too large) keeps their start line.

mod dive;

use std::time::{Duration, Instant};

use microlp::{ComparisonOp, OptimizationDirection, Problem, Variable};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use self::dive::{Dive, Dived};
use super::counting::{Counting, Limits, LineSpace, SCALE};
use crate::model::{Cell, EmployeeId, Instance, Roster, TaskId};
use crate::rules::{aggregate_terms, cover_terms, window_terms, Aggregates, Line};
use crate::solver::Domain;

/// One line of one employee, with its own cost (cover excluded).
#[derive(Clone, Debug)]
struct Column {
    e: EmployeeId,
    cells: Vec<Cell>,
    cost: i64,
    /// Whether it came as the cheapest line of its count vector (or from the start roster),
    /// not as one more line of least reduced cost ([`LineSpace::within`]).
    spread: bool,
}

/// A piece of cover's convex cost on one day and task: `cost ≥ at + slope × (count − from)`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Piece {
    from: f64,
    at: f64,
    slope: f64,
}

impl Piece {
    /// The piece's value at a count of zero.
    fn intercept(&self) -> f64 {
        self.at - self.slope * self.from
    }
}

/// The pieces of cover's cost per day and task (index `d * tasks + t`), one per slope.
fn cover_pieces(inst: &Instance) -> Vec<Vec<Piece>> {
    let most = inst.employees.len() as u16;
    let mut out = Vec::with_capacity(inst.days() * inst.tasks.len());
    for d in 0..inst.days() {
        for t in 0..inst.tasks.len() {
            let f = |k: u16| {
                let mut sum = 0;
                cover_terms(inst, d, TaskId(t as u16), k, &mut |term| sum += term.soft());
                sum as f64
            };
            let mut pieces: Vec<Piece> = Vec::new();
            for k in 0..most.max(1) {
                let slope = f(k + 1) - f(k);
                if pieces.last().is_none_or(|p| p.slope != slope) {
                    pieces.push(Piece { from: k as f64, at: f(k), slope });
                }
            }
            out.push(pieces);
        }
    }
    out
}

/// The soft cost of a line's own terms, `None` when it breaks a hard rule.
fn line_cost(inst: &Instance, e: EmployeeId, cells: &[Cell]) -> Option<i64> {
    let line = Line { inst, e, emp: &inst.employees[e.idx()], cells };
    let (mut hard, mut soft) = (0, 0);
    let mut sink = |t: crate::rules::Term| {
        hard += t.hard();
        soft += t.soft();
    };
    window_terms(&line, 0, inst.days() as i32 - 1, &mut sink);
    aggregate_terms(&line, &Aggregates::of(&line), &mut sink);
    (hard == 0).then_some(soft)
}

/// What [`improve`] found.
#[derive(Debug)]
pub(crate) struct Improved {
    /// The master LP's optimum over all lines, when pricing ran dry in time.
    pub bound: Option<f64>,
    /// The roster of whole lines the MIP ended with (the start's lines at worst).
    pub roster: Roster,
    /// Whether the next run takes a different number of lines per employee (more when this
    /// one proved nothing better among its lines, fewer when its MIP ran out of time), so that
    /// a run from the same roster is worth making.
    pub retry: bool,
    /// Whether a dive is under way: the next run resumes it.
    pub diving: bool,
}

/// The master LP's dual variables and how a column becomes a dual constraint.
struct Layout {
    pieces: Vec<Vec<Piece>>,
    tasks: usize,
    /// The employees' duals (convexity rows).
    pi: Vec<Variable>,
    /// Per day and task, one dual per cover piece (they sum to one).
    nu: Vec<Vec<Variable>>,
}

impl Layout {
    /// The dual constraint of a column: `π_e − Σ_(d,t) Σ_j slope_j ν_(dt,j) ≤ cost`.
    fn row(&self, c: &Column) -> Vec<(Variable, f64)> {
        let mut row = vec![(self.pi[c.e.idx()], 1.0)];
        for (d, cell) in c.cells.iter().enumerate() {
            if let Some(t) = cell.task().filter(|_| !cell.is_resource()) {
                let i = d * self.tasks + t.idx();
                row.extend(self.pieces[i].iter().zip(&self.nu[i]).map(|(p, &v)| (v, -p.slope)));
            }
        }
        row
    }
}

/// The master LP in dual form, grown a column at a time.
struct Master {
    layout: Layout,
    solution: microlp::Solution,
}

impl Master {
    /// The master over `columns` (at least one per employee); `None` if microlp fails.
    fn new(inst: &Instance, pieces: Vec<Vec<Piece>>, columns: &[Column]) -> Option<Self> {
        let mut dual = Problem::new(OptimizationDirection::Maximize);
        let pi = (0..inst.employees.len()).map(|_| dual.add_var(1.0, (f64::NEG_INFINITY, f64::INFINITY))).collect();
        let nu: Vec<Vec<Variable>> = pieces
            .iter()
            .map(|ps| ps.iter().map(|p| dual.add_var(p.intercept(), (0.0, f64::INFINITY))).collect())
            .collect();
        for vs in &nu {
            dual.add_constraint(vs.iter().map(|&v| (v, 1.0)), ComparisonOp::Eq, 1.0);
        }
        let layout = Layout { pieces, tasks: inst.tasks.len(), pi, nu };
        for c in columns {
            dual.add_constraint(layout.row(c), ComparisonOp::Le, c.cost as f64);
        }
        let solution = dual.solve().ok()?.into_solution().ok()?;
        Some(Master { layout, solution })
    }

    /// Adds a column and re-optimises from the last basis; `None` if microlp fails.
    fn add(self, c: &Column) -> Option<Self> {
        let row = self.layout.row(c);
        let solution = self.solution.add_constraint(row, ComparisonOp::Le, c.cost as f64).ok()?.into_solution().ok()?;
        Some(Master { layout: self.layout, solution })
    }

    /// The LP's value.
    fn value(&self) -> f64 {
        self.solution.objective()
    }

    /// The price of a regular pass per day and task: what it changes in cover's cost.
    fn pass_prices(&self) -> Vec<f64> {
        let l = &self.layout;
        l.nu.iter()
            .zip(&l.pieces)
            .map(|(vs, ps)| vs.iter().zip(ps).map(|(&v, p)| self.solution.var_value(v) * p.slope).sum())
            .collect()
    }

    /// Employee `e`'s dual.
    fn dual(&self, e: EmployeeId) -> f64 {
        self.solution.var_value(self.layout.pi[e.idx()])
    }
}

/// Lines of employee `e`'s space priced at `prices` (per day and task) whose reduced cost
/// against the dual `pi` is at most `slack`: the cheapest line overall when `slack` is
/// negative (if it is below it), else the cheapest of every count vector within it and up to
/// `most` more, the limit for those widened from an eighth of `slack` until `most` are found.
fn price(
    inst: &Instance,
    dom: &Domain,
    start: &Roster,
    (e, space): (EmployeeId, &LineSpace),
    prices: &[f64],
    (pi, slack, most): (f64, f64, usize),
) -> Vec<Column> {
    let (days, tasks, shifts) = (inst.days(), inst.tasks.len(), inst.shifts.len());
    // Per day and shift type: the cheapest task this employee may work, and its price.
    let (task_of, least) = dom.cheapest_tasks(inst, e, |d, t| prices[d * tasks + t.idx()]);
    let scaled: Vec<i64> = least.iter().map(|p| (p * SCALE as f64).round() as i64).collect();
    let priced = space.price(&scaled, shifts);
    let lines = if slack < 0.0 {
        // The cheapest line, if it prices below the employee's dual.
        let Some((k, &c)) = priced.cost.iter().enumerate().min_by_key(|&(_, &c)| c) else { return Vec::new() };
        if c == i64::MAX || c as f64 / SCALE as f64 - pi > 1.0 / SCALE as f64 {
            return Vec::new();
        }
        vec![(space.line(&priced, k, days), true)]
    } else {
        // The cheapest line of every count vector within the slack: lines far apart.
        let limit = ((pi + slack) * SCALE as f64).floor() as i64 + 1;
        let mut lines: Vec<_> = (0..priced.cost.len())
            .filter(|&k| priced.cost[k] <= limit)
            .map(|k| (space.line(&priced, k, days), true))
            .collect();
        // Then the lines of least reduced cost, whatever their counts: widen the limit until the
        // most are found.
        for part in [0.125, 0.25, 0.5, 1.0] {
            let limit = ((pi + slack * part) * SCALE as f64).floor() as i64 + 1;
            let near = space.within(&priced, days, limit, most);
            if near.len() >= most || part == 1.0 {
                lines.extend(near.into_iter().map(|l| (l, false)));
                break;
            }
        }
        lines
    };
    let mut out = Vec::new();
    for (line, spread) in lines {
        let mut cells = start.line(e).to_vec();
        for (d, shift) in line.into_iter().enumerate() {
            if !dom.is_free(e, d) {
                continue;
            }
            cells[d] = match shift.and_then(|s| task_of[d * shifts + s.idx()]) {
                Some(t) => Cell::work(t, false),
                None => Cell::OFF,
            };
        }
        let passes: f64 = cells
            .iter()
            .enumerate()
            .filter_map(|(d, cell)| cell.task().filter(|_| !cell.is_resource()).map(|t| prices[d * tasks + t.idx()]))
            .sum();
        let Some(cost) = line_cost(inst, e, &cells) else { continue };
        if cost as f64 + passes - pi <= slack.max(-1e-6) {
            out.push(Column { e, cells, cost, spread });
        }
    }
    out
}

/// Column generation for one instance, kept between runs: the line spaces, every column
/// found and the master LP, whose optimum stays a bound as columns are added.
pub(crate) struct Pool<'a> {
    inst: &'a Instance,
    dom: &'a Domain,
    spaces: Vec<Option<LineSpace>>,
    columns: Vec<Column>,
    /// Where each column is in `columns`.
    seen: FxHashMap<(EmployeeId, Vec<Cell>), usize>,
    /// Per column, whether the master holds it (lines added only for the MIP do not need to).
    in_master: Vec<bool>,
    master: Option<Master>,
    /// The master LP's optimum over all lines, once pricing has run dry.
    bound: Option<f64>,
    /// The most lines within the gap taken from one employee's space per run.
    most: usize,
    /// The dive under way, if paused between runs.
    dive: Option<Dive>,
    /// Whether this pool has dived (once per pool).
    dived: bool,
}

impl<'a> Pool<'a> {
    /// Builds every employee's line space (those too large are left out: those employees keep
    /// their lines); `None` when the instance is past what line spaces hold.
    pub(crate) fn new(inst: &'a Instance, dom: &'a Domain, deadline: Instant) -> Option<Self> {
        if !LineSpace::fits(inst) {
            return None;
        }
        let limits = Limits { patterns: MAX_PATTERNS, size: MAX_SIZE };
        let spaces = (0..inst.employees.len())
            .into_par_iter()
            .map(|e| LineSpace::new(inst, EmployeeId(e as u16), Counting::Limited, limits, deadline))
            .collect();
        let (columns, seen, in_master) = (Vec::new(), FxHashMap::default(), Vec::new());
        Some(Pool {
            inst,
            dom,
            spaces,
            columns,
            seen,
            in_master,
            master: None,
            bound: None,
            most: WITHIN_FIRST,
            dive: None,
            dived: false,
        })
    }

    /// Adds columns not yet in the pool to it, and to the master too when `to_master` (a
    /// warm re-solve each). How many joined the master (or the pool, when not `to_master`);
    /// `None` if microlp fails.
    fn add(&mut self, found: Vec<Column>, to_master: bool) -> Option<usize> {
        let mut added = 0;
        for c in found {
            let i = match self.seen.get(&(c.e, c.cells.clone())) {
                Some(&i) if !to_master || self.in_master[i] => continue,
                Some(&i) => i,
                None => {
                    self.seen.insert((c.e, c.cells.clone()), self.columns.len());
                    self.columns.push(c);
                    self.in_master.push(false);
                    self.columns.len() - 1
                }
            };
            if to_master {
                if let Some(m) = self.master.take() {
                    self.master = Some(m.add(&self.columns[i])?);
                }
                self.in_master[i] = true;
            }
            added += 1;
        }
        Some(added)
    }

    /// Prices every employee's space against the master's duals (see [`price`]).
    fn price_all(&self, start: &Roster, slack: f64) -> Vec<Column> {
        let most = self.most;
        let Some(master) = &self.master else { return Vec::new() };
        let prices = master.pass_prices();
        let duals: Vec<f64> = (0..self.inst.employees.len()).map(|e| master.dual(EmployeeId(e as u16))).collect();
        self.spaces
            .par_iter()
            .enumerate()
            .filter_map(|(e, s)| s.as_ref().map(|s| (EmployeeId(e as u16), s)))
            .flat_map_iter(|(e, s)| price(self.inst, self.dom, start, (e, s), &prices, (duals[e.idx()], slack, most)))
            .collect()
    }

    /// Improves `start` (a roster without hard breaches) within `deadline`, or until `ended`
    /// says the search is over: its lines join the pool, pricing runs until dry, then adds the
    /// lines within the gap between `start` and the bound, and the MIP over whole lines starts
    /// from `start`'s lines. The result's cost by the engine is at most `start`'s. `None` if
    /// microlp fails.
    pub(crate) fn improve(&mut self, start: &Roster, deadline: Instant, ended: &dyn Fn() -> bool) -> Option<Improved> {
        let inst = self.inst;
        let mut own = Vec::with_capacity(inst.employees.len());
        for e in 0..inst.employees.len() {
            let e = EmployeeId(e as u16);
            let cells = start.line(e).to_vec();
            own.push(Column { e, cost: line_cost(inst, e, &cells)?, cells, spread: true });
        }
        self.add(own, true)?;
        if self.master.is_none() {
            let pieces = cover_pieces(inst);
            let held: Vec<Column> =
                self.columns.iter().zip(&self.in_master).filter(|(_, &m)| m).map(|(c, _)| c.clone()).collect();
            self.master = Some(Master::new(inst, pieces, &held)?);
        }
        let before = crate::eval::score(inst, start);
        let ceiling = before.soft as f64;
        while Instant::now() < deadline && !ended() {
            let found = self.price_all(start, -1.0);
            if self.add(found, true)? == 0 {
                self.bound = self.master.as_ref().map(Master::value);
                break;
            }
        }
        // Once, when pricing has run dry: a dive from the LP, which may find a roster far from
        // `start` (resumed by the next runs when it needs more than this one).
        if self.bound.is_some() && !self.dived {
            let mut dive = self.dive.take().unwrap_or_else(|| Dive::new(self, start));
            match dive.run(self, start, ceiling, (deadline, ended)) {
                Dived::Paused => {
                    self.dive = Some(dive);
                    return Some(Improved { bound: self.bound, roster: start.clone(), retry: true, diving: true });
                }
                Dived::Abandoned => self.dived = true,
                Dived::Done(lines) => {
                    self.dived = true;
                    let roster = self.settled(lines);
                    if crate::eval::score(inst, &roster) < before {
                        return Some(Improved { bound: self.bound, roster, retry: false, diving: false });
                    }
                }
            }
        }
        // A better roster costs at most `ceiling - 1` (costs are whole), so its lines' reduced
        // costs add up to at most this gap.
        let gap = self.bound.map(|lp| ceiling - 1.0 - lp);
        if gap.is_some_and(|g| g < -1e-6) {
            return Some(Improved { bound: self.bound, roster: start.clone(), retry: false, diving: false });
        }
        if let Some(gap) = gap {
            let within = self.price_all(start, gap);
            self.add(within, false)?;
        }
        // Only lines within the gap can be part of a better roster.
        let master = self.master.as_ref()?;
        let prices = master.pass_prices();
        let tasks = inst.tasks.len();
        let chosen: Vec<&Column> = self
            .columns
            .iter()
            .filter(|c| {
                let Some(gap) = gap else { return true };
                let passes: f64 = c
                    .cells
                    .iter()
                    .enumerate()
                    .filter_map(|(d, cell)| {
                        cell.task().filter(|_| !cell.is_resource()).map(|t| prices[d * tasks + t.idx()])
                    })
                    .sum();
                c.cells == start.line(c.e) || c.cost as f64 + passes - master.dual(c.e) <= gap + 1e-6
            })
            .collect();
        // First the lines far apart (a small MIP that can take a long step from a start far above
        // the LP), in up to half the time; if that finds nothing, all of them.
        let spread: Vec<&Column> = chosen.iter().copied().filter(|c| c.spread).collect();
        let half = Instant::now() + deadline.saturating_duration_since(Instant::now()) / 2;
        let (mut lines, mut proven) = whole_lines(inst, &master.layout.pieces, &spread, start, (half, ended));
        if crate::eval::score(inst, &lines) >= before && spread.len() < chosen.len() {
            (lines, proven) = whole_lines(inst, &master.layout.pieces, &chosen, start, (deadline, ended));
        }
        let mut best = self.settled(lines);
        let mut retry = false;
        if crate::eval::score(inst, &best) >= before {
            best = start.clone();
            // No better roster of these lines: the next run looks at more of them. Out of time:
            // the next run looks at fewer, for a MIP it can finish.
            let most = if proven { (self.most * 2).min(WITHIN_MOST) } else { (self.most / 2).max(WITHIN_LEAST) };
            (retry, self.most) = (most != self.most && !ended(), most);
        }
        Some(Improved { bound: self.bound, roster: best, retry, diving: false })
    }
}

/// The master in primal form over `columns`: per column a variable made by `var` (given its
/// cost), one convexity row per employee, and per day and task a cover cost `z` above each of
/// its pieces. The problem, the columns' variables and the `z`s.
fn primal(
    inst: &Instance,
    pieces: &[Vec<Piece>],
    columns: &[&Column],
    var: impl Fn(&mut Problem, f64) -> Variable,
) -> (Problem, Vec<Variable>, Vec<Variable>) {
    let tasks = inst.tasks.len();
    let mut problem = Problem::new(OptimizationDirection::Minimize);
    let x: Vec<Variable> = columns.iter().map(|c| var(&mut problem, c.cost as f64)).collect();
    let mut own: Vec<Vec<(Variable, f64)>> = vec![Vec::new(); inst.employees.len()];
    let mut users: Vec<Vec<Variable>> = vec![Vec::new(); pieces.len()];
    for (c, &v) in columns.iter().zip(&x) {
        own[c.e.idx()].push((v, 1.0));
        for (d, cell) in c.cells.iter().enumerate() {
            if let Some(t) = cell.task().filter(|_| !cell.is_resource()) {
                users[d * tasks + t.idx()].push(v);
            }
        }
    }
    for row in own {
        problem.add_constraint(row, ComparisonOp::Eq, 1.0);
    }
    let mut z = Vec::with_capacity(pieces.len());
    for (ps, users) in pieces.iter().zip(&users) {
        let zi = problem.add_var(1.0, (f64::NEG_INFINITY, f64::INFINITY));
        for p in ps {
            // z ≥ intercept + slope × Σ x
            let mut row = vec![(zi, 1.0)];
            row.extend(users.iter().map(|&v| (v, -p.slope)));
            problem.add_constraint(row, ComparisonOp::Ge, p.intercept());
        }
        z.push(zi);
    }
    (problem, x, z)
}

impl Pool<'_> {
    /// `lines` with each pass in its cheapest reading (tasks were picked by price).
    fn settled(&self, lines: Roster) -> Roster {
        let dom = self.dom;
        crate::eval::best_reading(self.inst, lines, &|e, d, cell| dom.is_free(e, d) && dom.allows(e, cell))
    }
}

/// The master over whole lines: one column per employee, the cover pieces as constraints,
/// from `base`'s lines, until optimal, `deadline` (at least [`MIP_MIN_TIME`]) or `ended`. The roster of
/// the chosen lines (`base` if microlp fails), and whether it is optimal over `columns`.
fn whole_lines(
    inst: &Instance,
    pieces: &[Vec<Piece>],
    columns: &[&Column],
    base: &Roster,
    (deadline, ended): (Instant, &dyn Fn() -> bool),
) -> (Roster, bool) {
    let tasks = inst.tasks.len();
    let (mip, x, z) = primal(inst, pieces, columns, |p, cost| p.add_binary_var(cost));
    // The start: `base`'s lines, and cover's cost of their passes.
    let mut warm: Vec<(Variable, f64)> =
        columns.iter().zip(&x).map(|(c, &v)| (v, f64::from(c.cells == base.line(c.e)))).collect();
    let mut counts = vec![0.0; pieces.len()];
    for e in 0..inst.employees.len() {
        for (d, cell) in base.line(EmployeeId(e as u16)).iter().enumerate() {
            if let Some(t) = cell.task().filter(|_| !cell.is_resource()) {
                counts[d * tasks + t.idx()] += 1.0;
            }
        }
    }
    for ((ps, &z), count) in pieces.iter().zip(&z).zip(&counts) {
        warm.push((z, ps.iter().map(|p| p.intercept() + p.slope * count).fold(f64::NEG_INFINITY, f64::max)));
    }
    let mut options = microlp::SolveOptions::default();
    options.time_limit = Some(slice(deadline).max(MIP_MIN_TIME));
    // Whole lines cost whole numbers, so a node that cannot beat the incumbent by one is done.
    let start_cost: f64 = columns.iter().zip(&warm).map(|(c, &(_, on))| on * c.cost as f64).sum::<f64>()
        + warm[columns.len()..].iter().map(|&(_, z)| z).sum::<f64>();
    options.tolerances.prune_epsilon = 0.999 / start_cost.abs().max(1.0);
    options.warm_start = Some(warm);
    // In slices, so that a stop is seen within one.
    let mut outcome = mip.solve_with(options).ok();
    while let Some(o) = outcome.take_if(|o| !o.is_optimal() && Instant::now() < deadline && !ended()) {
        let mut more = o.last_resume_options();
        more.time_limit = Some(slice(deadline));
        outcome = o.resume_with(more).ok();
    }
    let Some(solution) = outcome.and_then(|o| o.into_solution().ok()) else {
        return (base.clone(), false);
    };
    let proven = solution.termination_reason() == microlp::TerminationReason::ProvenOptimal;
    let mut roster = base.clone();
    for (c, &v) in columns.iter().zip(&x) {
        if solution.var_value_raw(v) > 0.5 {
            for (d, &cell) in c.cells.iter().enumerate() {
                roster.set(c.e, d, cell);
            }
        }
    }
    (roster, proven)
}

/// The most lines within the gap taken from one employee's space in a first run: enough for
/// the MIP to find a better roster on most Curtois–Qu instances, few enough for microlp to
/// search them in seconds. Each run that proves no better roster among them doubles it, up to
/// [`WITHIN_MOST`]; each whose MIP runs out of time halves it, down to [`WITHIN_LEAST`].
const WITHIN_FIRST: usize = 100;
/// The fewest lines within the gap taken from one employee's space in any run.
const WITHIN_LEAST: usize = 25;
/// The most lines within the gap taken from one employee's space in any run.
const WITHIN_MOST: usize = 1600;
/// What is left until `deadline`, at most [`MIP_SLICE`].
fn slice(deadline: Instant) -> Duration {
    deadline.saturating_duration_since(Instant::now()).min(MIP_SLICE)
}

/// How long the whole-line MIP runs between two looks at whether the search has ended.
const MIP_SLICE: Duration = Duration::from_millis(100);
/// The least time the whole-line MIP is given, even past the deadline.
const MIP_MIN_TIME: Duration = Duration::from_millis(100);
/// The most week patterns of a line space priced here (as for re-plans).
const MAX_PATTERNS: usize = 100_000;
/// The largest line space priced here, in units of [`LineSpace::size`] (as for re-plans).
const MAX_SIZE: usize = 5_000_000;

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::atomic::AtomicBool;

    use super::*;
    use crate::rules::testkit::random_instance;
    use crate::{SolveOptions, Termination};

    /// A roster of `inst` from a short search with a step budget (so the same every run).
    fn searched(inst: &Instance, steps: u64) -> Roster {
        let opts = SolveOptions { time_limit: None, max_steps: Some(steps), threads: 1, ..Default::default() };
        let sol = crate::solve(inst, &opts, &AtomicBool::new(false), &|_| {});
        assert_eq!(sol.termination, Termination::StepLimit);
        sol.roster
    }

    #[test]
    fn the_cover_pieces_give_cover_s_cost_at_every_count() {
        let mut rng = crate::rng::Rng::new(4);
        let inst = random_instance(&mut rng);
        let pieces = cover_pieces(&inst);
        for d in 0..inst.days() {
            for t in 0..inst.tasks.len() {
                for k in 0..=inst.employees.len() as u16 {
                    let mut want = 0;
                    cover_terms(&inst, d, TaskId(t as u16), k, &mut |term| want += term.soft());
                    let ps = &pieces[d * inst.tasks.len() + t];
                    let got = ps.iter().map(|p| p.intercept() + p.slope * k as f64).fold(f64::NEG_INFINITY, f64::max);
                    assert_eq!(got, want as f64, "day {d}, task {t}, count {k}");
                }
            }
        }
    }

    #[test]
    fn improving_never_breaks_a_hard_rule_or_costs_more_and_the_bound_stays_below() {
        let mut rng = crate::rng::Rng::new(17);
        let mut improved = 0;
        for _ in 0..6 {
            let inst = random_instance(&mut rng);
            let start = searched(&inst, 20_000);
            let before = crate::eval::score(&inst, &start);
            if !before.is_feasible() {
                continue;
            }
            let dom = Domain::new(&inst);
            let deadline = Instant::now() + Duration::from_secs(20);
            let Some(mut pool) = Pool::new(&inst, &dom, deadline) else { continue };
            let found = pool.improve(&start, deadline, &|| false).expect("microlp failed");
            let after = crate::eval::score(&inst, &found.roster);
            assert!(after.is_feasible() && after <= before, "{before} -> {after}");
            if let Some(bound) = found.bound {
                assert!(bound <= after.soft as f64 + 1e-6, "bound {bound} above the roster's {after}");
            }
            improved += usize::from(after < before);
            // A second run from the result keeps it or improves it again.
            let again = pool.improve(&found.roster, deadline, &|| false).expect("microlp failed");
            assert!(crate::eval::score(&inst, &again.roster) <= after);
        }
        assert!(improved > 0, "no roster improved");
    }

    #[test]
    fn curtois_qu_instance2_reaches_its_proven_optimum() {
        let shared =
            std::env::var("HELTID_SHARED").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared").into());
        let path = PathBuf::from(shared).join("benchmarks/curtois-qu/Instance2.txt");
        let inst = crate::io::curtois_qu::load(&path).expect("Instance2 (set HELTID_SHARED to the shared folder)");
        let start = searched(&inst, 100_000);
        let before = crate::eval::score(&inst, &start);
        assert!(before.is_feasible() && before.soft > 828, "the start {before} is no test");
        let dom = Domain::new(&inst);
        let deadline = Instant::now() + Duration::from_secs(120);
        let found = Pool::new(&inst, &dom, deadline).unwrap().improve(&start, deadline, &|| false).unwrap();
        // The LP over all lines is the optimum (Curtois and Qu's 828), and the MIP reaches it.
        assert_eq!(found.bound.map(|b| b.round()), Some(828.0));
        assert_eq!(crate::eval::score(&inst, &found.roster), crate::Score { hard: 0, soft: 828 });
    }
}
