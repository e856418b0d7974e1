//! Column generation over whole lines (Dantzig–Wolfe): the roster as one line per employee,
//! with cover the only thing that ties lines together.
//!
//! The [`master`] picks, per employee, a convex combination of known lines (columns) and pays
//! each line's own cost plus cover's convex cost of the passes the picked lines add up to. Its
//! LP is solved by a small dense [`simplex`] of our own, which keeps its basis from solve to
//! solve and gives primal values and duals alike. The duals are a price per day and task for
//! a pass; the cheapest line of each employee's [`LineSpace`] under those prices is the
//! *pricing* step, and a line whose priced cost is below the employee's dual joins the master.
//! When no employee has such a line the LP value is the master's optimum over all lines, a
//! bound on every roster.
//!
//! Two integer steps follow, each run given part of the time:
//! * [`dive`]s from the LP: fix whole lines, one drawn at random each step, until every
//!   employee has one: rosters near the LP, far from the annealers' (Curtois–Qu Instance7:
//!   within a few units of its optimum in a second or two);
//! * an exact [`gap`] search: costs are whole numbers, so a roster better than the best known
//!   costs at most one less, and only lines whose reduced costs fit in the gap between that
//!   and the LP can be part of it. Every such line is listed ([`LineSpace::within`]) and the
//!   search picks one per employee, depth first, under the duals' bound. When it ends without
//!   a roster (and no list was cut short) the best known roster is optimal.
//!
//! An employee without a line space (too large) keeps their start line.

mod dive;
mod gap;
mod master;
mod simplex;

use std::time::Instant;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use self::dive::{Dive, Dived};
use self::gap::{Entry, GapSearch, Searched};
use self::master::{Duals, Master, Solved};
use super::counting::{Counting, Limits, LineSpace, SCALE};
use crate::model::{Cell, EmployeeId, Instance, Roster, TaskId};
use crate::rng::Rng;
use crate::rules::{aggregate_terms, cover_terms, window_terms, Aggregates, Line};
use crate::solver::Domain;

/// One line of one employee, with its own cost (cover excluded).
#[derive(Clone, Debug)]
struct Column {
    e: EmployeeId,
    cells: Vec<Cell>,
    cost: i64,
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

/// What one employee's lines are priced against: a price per day and task for a pass, the
/// employee's dual `pi`, and the options each day may take (none: any).
struct Pricing<'p> {
    prices: &'p [f64],
    pi: f64,
    allowed: Option<&'p [Options]>,
}

/// The options a line may take on one day, as bits: bit 0 off, bit `1 + s` shift type `s`.
type Options = u16;

/// The option bit of a cell: off, or the shift type of its task.
fn option_of(inst: &Instance, cell: Cell) -> Options {
    match cell.task() {
        Some(t) => 2 << inst.tasks[t.idx()].shift.idx(),
        None => 1,
    }
}

/// Whether every day of `cells` takes an option `allowed` leaves.
fn compatible(inst: &Instance, cells: &[Cell], allowed: &[Options]) -> bool {
    cells.iter().zip(allowed).all(|(&c, &a)| option_of(inst, c) & a != 0)
}

/// Far above any line's scaled cost: added to the price of an option a day may not take, and
/// taken off every shift type of a day that may not be off (so that every allowed line is
/// offset alike).
const BANNED: i64 = 1 << 52;

/// Which lines [`price`] wants.
#[derive(Clone, Copy, Debug)]
enum Wanted {
    /// The cheapest line, if its reduced cost is below zero.
    Cheapest,
    /// Every line whose reduced cost is at most the gap, up to `most` of them.
    Within { gap: f64, most: usize },
}

/// The lines of employee `e`'s space that `wanted` asks for under `pricing`, and whether they
/// are all there are (not cut short at `most`).
fn price(
    inst: &Instance,
    dom: &Domain,
    start: &Roster,
    (e, space): (EmployeeId, &LineSpace),
    pricing: &Pricing,
    wanted: Wanted,
) -> (Vec<Column>, bool) {
    let (days, tasks, shifts) = (inst.days(), inst.tasks.len(), inst.shifts.len());
    let (prices, pi) = (pricing.prices, pricing.pi);
    // Per day and shift type: the cheapest task this employee may work, and its price.
    let (task_of, least) = dom.cheapest_tasks(inst, e, |d, t| prices[d * tasks + t.idx()]);
    let mut scaled: Vec<i64> = least.iter().map(|p| (p * SCALE as f64).round() as i64).collect();
    // Every allowed line's scaled cost is offset by `offset`; any other costs `BANNED` more.
    let mut offset = 0;
    if let Some(allowed) = pricing.allowed {
        for (d, &a) in allowed.iter().enumerate() {
            if a & 1 == 0 {
                offset -= BANNED;
            }
            for (s, p) in scaled[d * shifts..(d + 1) * shifts].iter_mut().enumerate() {
                if a & (2 << s) == 0 {
                    *p += BANNED;
                } else if a & 1 == 0 {
                    *p -= BANNED;
                }
            }
        }
    }
    let priced = space.price(&scaled, shifts);
    let (lines, slack, complete) = match wanted {
        Wanted::Cheapest => {
            let Some((k, &c)) = priced.cost.iter().enumerate().min_by_key(|&(_, &c)| c) else {
                return (Vec::new(), true);
            };
            if c == i64::MAX || (c - offset) as f64 / SCALE as f64 - pi > 1.0 / SCALE as f64 {
                return (Vec::new(), true);
            }
            (vec![space.line(&priced, k, days)], -1e-6, true)
        }
        Wanted::Within { gap, most } => {
            // Rounding each price to 1/SCALE moves a line's priced cost by at most half a
            // unit a pass: the walk takes that much more, the exact reduced costs decide. A
            // walk cut short at `most` is no fair sample (it runs back from the last week), so
            // the gap is halved until every line within it fits.
            let mut gap = gap;
            let mut complete = true;
            loop {
                let limit = ((pi + gap) * SCALE as f64).floor() as i64 + 1 + days as i64 + offset;
                let lines = space.within(&priced, days, limit, most);
                if lines.len() < most || gap < 1.0 / SCALE as f64 {
                    break (lines, gap, complete);
                }
                (gap, complete) = (gap / 2.0, false);
            }
        }
    };
    let mut out = Vec::new();
    for line in lines {
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
        if pricing.allowed.is_some_and(|a| !compatible(inst, &cells, a)) {
            continue;
        }
        let passes: f64 = cells
            .iter()
            .enumerate()
            .filter_map(|(d, cell)| cell.task().filter(|_| !cell.is_resource()).map(|t| prices[d * tasks + t.idx()]))
            .sum();
        let Some(cost) = line_cost(inst, e, &cells) else { continue };
        if cost as f64 + passes - pi <= slack + 1e-9 {
            out.push(Column { e, cells, cost });
        }
    }
    (out, complete)
}

/// What [`Pool::improve`] found.
#[derive(Debug)]
pub(crate) struct Improved {
    /// The master LP's optimum over all lines, once pricing has run dry.
    pub bound: Option<f64>,
    /// The best roster found (the start at worst).
    pub roster: Roster,
    /// Whether the roster is proven optimal: the gap search, given every line within the gap,
    /// found nothing cheaper.
    pub optimal: bool,
}

/// A gap search and what it was started for.
struct Search {
    search: GapSearch,
    /// The lines its entries stand for.
    columns: Vec<Column>,
    /// The cost of the roster it was started to beat.
    ceiling: i64,
    /// Whether its lists hold every line within the gap.
    complete: bool,
    /// Whether it has ended.
    ended: bool,
}

/// Column generation for one instance, kept between runs: the line spaces, every line found,
/// the master LP and the gap search under way.
pub(crate) struct Pool<'a> {
    inst: &'a Instance,
    dom: &'a Domain,
    spaces: Vec<Option<LineSpace>>,
    columns: Vec<Column>,
    /// Where each column is in `columns`.
    seen: FxHashMap<(EmployeeId, Vec<Cell>), usize>,
    /// Cover's pieces per day and task ([`cover_pieces`]).
    pieces: Vec<Vec<Piece>>,
    /// The master (taken out while a run uses it).
    master: Option<Master>,
    /// The master LP's optimum over all lines, once pricing has run dry.
    bound: Option<f64>,
    /// The gap search under way.
    search: Option<Search>,
    /// The dive under way, paused at the end of a run.
    dive: Option<Dive>,
    rng: Rng,
}

impl<'a> Pool<'a> {
    /// Builds every employee's line space (those too large are left out: those employees keep
    /// their lines); `None` when the instance is past what line spaces hold or no space fits.
    /// `seed` seeds the dives.
    pub(crate) fn new(inst: &'a Instance, dom: &'a Domain, deadline: Instant, seed: u64) -> Option<Self> {
        if !LineSpace::fits(inst) {
            return None;
        }
        let limits = Limits { patterns: MAX_PATTERNS, size: MAX_SIZE };
        let spaces: Vec<Option<LineSpace>> = (0..inst.employees.len())
            .into_par_iter()
            .map(|e| LineSpace::new(inst, EmployeeId(e as u16), Counting::Limited, limits, deadline))
            .collect();
        if spaces.iter().all(Option::is_none) {
            return None;
        }
        Some(Pool {
            inst,
            dom,
            spaces,
            columns: Vec::new(),
            seen: FxHashMap::default(),
            pieces: cover_pieces(inst),
            master: None,
            bound: None,
            search: None,
            dive: None,
            rng: Rng::new(seed),
        })
    }

    /// Adds a column to the pool unless it is there; its place.
    fn insert(&mut self, c: Column) -> usize {
        let key = (c.e, c.cells.clone());
        if let Some(&j) = self.seen.get(&key) {
            return j;
        }
        self.seen.insert(key, self.columns.len());
        self.columns.push(c);
        self.columns.len() - 1
    }

    /// Adds `roster`'s lines to the pool (those without hard breaches).
    fn add_lines(&mut self, roster: &Roster) {
        for e in 0..self.inst.employees.len() {
            let e = EmployeeId(e as u16);
            let cells = roster.line(e).to_vec();
            if let Some(cost) = line_cost(self.inst, e, &cells) {
                self.insert(Column { e, cells, cost });
            }
        }
    }

    /// Whether the master's bound holds for every roster: every employee has a line space,
    /// cover's cost is convex on every day and task (so its pieces are exact), and a line is
    /// its shift types alone (one task per shift type, no resource shifts), as line spaces
    /// count it.
    fn provable(&self) -> bool {
        let inst = self.inst;
        let one_task = (0..inst.shifts.len()).all(|s| inst.tasks.iter().filter(|t| t.shift.idx() == s).count() <= 1);
        one_task
            && !inst.rules.resource_shifts
            && self.spaces.iter().all(Option::is_some)
            && self.pieces.iter().all(|ps| ps.windows(2).all(|w| w[0].slope <= w[1].slope))
    }

    /// Every option on every day for every employee: no restriction.
    fn unrestricted(&self) -> Vec<Options> {
        let all: Options = (1 << (self.inst.shifts.len() + 1)) - 1;
        vec![all; self.inst.employees.len() * self.inst.days()]
    }

    /// `lines` with each pass in its cheapest reading (tasks were picked by price).
    fn settled(&self, lines: Roster) -> Roster {
        let dom = self.dom;
        crate::eval::best_reading(self.inst, lines, &|e, d, cell| dom.is_free(e, d) && dom.allows(e, cell))
    }

    /// Improves `start` (a roster without hard breaches) within `deadline`, or until `ended`
    /// says the search is over: its lines join the pool, the master is priced until dry, then
    /// dives take [`DIVE_SHARE`] of the time left and the gap search the rest (dives again if
    /// it ends early); [`DIVE_PATIENCE`] dives in a row that find nothing better end a round of
    /// dives early. The result's
    /// cost by the engine is at most `start`'s; `None` when the master has no optimum.
    pub(crate) fn improve(&mut self, start: &Roster, deadline: Instant, ended: &dyn Fn() -> bool) -> Option<Improved> {
        let inst = self.inst;
        let mut best = (crate::eval::score(inst, start), start.clone());
        self.add_lines(start);
        let mut master = self.master.take().unwrap_or_else(|| Master::new(self));
        let all = self.unrestricted();
        let root = match master.solve(self, start, &all, f64::INFINITY, (deadline, ended)) {
            Solved::Optimum(o) => o,
            Solved::Paused => {
                self.master = Some(master);
                return Some(Improved { bound: self.bound, roster: best.1, optimal: false });
            }
            Solved::Above => return None,
        };
        self.bound = Some(root.value);
        // Dives first, each to beat the best so far; then the gap search below the best; dives
        // again for what time it leaves.
        let half = Instant::now() + deadline.saturating_duration_since(Instant::now()).mul_f64(DIVE_SHARE);
        self.dives(&mut master, start, root.value, &mut best, (half, deadline, ended));
        let optimal = self.search_gap(start, &root.duals, &mut best, (deadline, ended));
        if !optimal {
            self.dives(&mut master, start, root.value, &mut best, (deadline, deadline, ended));
        }
        self.master = Some(master);
        Some(Improved { bound: self.bound, roster: best.1, optimal })
    }

    /// Dives from the LP (of value `lp`) until `deadline`, `ended`, a roster at the LP or
    /// [`DIVE_PATIENCE`] dives in a row without a better one, taking any roster below `best`; a dive under way at `deadline` may go on until `overrun`, and
    /// one under way then is paused, to go on in the next run.
    fn dives(
        &mut self,
        master: &mut Master,
        start: &Roster,
        lp: f64,
        best: &mut (crate::Score, Roster),
        (deadline, overrun, ended): (Instant, Instant, &dyn Fn() -> bool),
    ) {
        let mut rng = std::mem::replace(&mut self.rng, Rng::new(0));
        let mut fruitless = 0;
        while Instant::now() < deadline
            && !ended()
            && best.0.soft as f64 > lp.ceil() + 1e-6
            && fruitless < DIVE_PATIENCE
        {
            fruitless += 1;
            let mut dive = self.dive.take().unwrap_or_else(|| {
                master.back_to_root();
                Dive::new(self)
            });
            let d = dive.run(master, self, start, best.0.soft, &mut rng, (overrun, ended));
            if matches!(d, Dived::Paused) {
                self.dive = Some(dive);
            }
            match d {
                Dived::Done(roster) => {
                    let score = crate::eval::score(self.inst, &roster);
                    if score.is_feasible() && score < best.0 {
                        *best = (score, roster);
                        fruitless = 0;
                    }
                }
                Dived::Above => {}
                Dived::Paused => break,
            }
        }
        self.rng = rng;
    }

    /// Runs the gap search below `best`, taking any roster it finds below it; the search is
    /// started anew (under `duals`) when none is under way, or when the one under way was
    /// started for a higher ceiling and has ended or has lists cut short. Whether `best` is
    /// proven optimal.
    fn search_gap(
        &mut self,
        start: &Roster,
        duals: &Duals,
        best: &mut (crate::Score, Roster),
        (deadline, ended): (Instant, &dyn Fn() -> bool),
    ) -> bool {
        let ceiling = best.0.soft;
        if self.search.as_ref().is_some_and(|s| s.ceiling > ceiling && (s.ended || !s.complete)) {
            self.search = None;
        }
        if self.search.is_none() {
            // Pricing rounds prices, so a line may cost a little less than pricing saw: every
            // employee's least reduced cost is above `-slack`. Lines that much beyond the gap
            // are listed too, and a proof by the bound alone keeps that much margin.
            let slack = self.inst.employees.len() as f64 * self.inst.days() as f64 / SCALE as f64;
            let gap = ceiling as f64 - 1.0 - gap::bound(&self.pieces, duals) + slack;
            if gap < 0.0 {
                return self.provable();
            }
            let (lists, columns, complete) = self.lines_within(start, duals, gap);
            let search = GapSearch::new(lists, &self.pieces, duals, ceiling);
            self.search = Some(Search { search, columns, ceiling, complete, ended: false });
        }
        let mut s = self.search.take().expect("a search is under way");
        if s.ended {
            self.search = Some(s);
            return false;
        }
        s.search.tighten(ceiling);
        let outcome = loop {
            match s.search.run((deadline, ended)) {
                Searched::Found(lines, _) => {
                    let mut roster = start.clone();
                    for &j in &lines {
                        let c = &s.columns[j];
                        for (d, &cell) in c.cells.iter().enumerate() {
                            roster.set(c.e, d, cell);
                        }
                    }
                    let roster = self.settled(roster);
                    let score = crate::eval::score(self.inst, &roster);
                    if score.is_feasible() && score < best.0 {
                        s.search.tighten(score.soft);
                        *best = (score, roster);
                    }
                }
                Searched::Paused => break false,
                Searched::Exhausted => {
                    s.ended = true;
                    break s.complete && self.provable();
                }
            }
        };
        self.search = Some(s);
        outcome
    }

    /// Per employee, every line whose reduced cost under `duals` is at most `gap` (an employee
    /// without a line space: its `start` line), as entries of the gap search into the lines
    /// returned beside them (kept out of the master, which they would only slow); and whether
    /// no list was cut short at [`MOST_WITHIN`].
    fn lines_within(&self, start: &Roster, duals: &Duals, gap: f64) -> (Vec<Vec<Entry>>, Vec<Column>, bool) {
        let inst = self.inst;
        let found: Vec<(Vec<Column>, bool)> = (0..inst.employees.len())
            .into_par_iter()
            .map(|e| {
                let e = EmployeeId(e as u16);
                match &self.spaces[e.idx()] {
                    Some(space) => {
                        let pricing = Pricing { prices: &duals.prices, pi: duals.employee[e.idx()], allowed: None };
                        let wanted = Wanted::Within { gap, most: MOST_WITHIN };
                        price(inst, self.dom, start, (e, space), &pricing, wanted)
                    }
                    None => {
                        // Held to its start line: no proof can come of a search with it.
                        let cells = start.line(e).to_vec();
                        (line_cost(inst, e, &cells).map(|cost| Column { e, cells, cost }).into_iter().collect(), false)
                    }
                }
            })
            .collect();
        let complete = found.iter().all(|(_, c)| *c);
        let tasks = inst.tasks.len();
        let mut lists = Vec::with_capacity(found.len());
        let mut columns = Vec::new();
        for (found, _) in found {
            let mut list = Vec::with_capacity(found.len());
            for c in found {
                let reduced = duals.reduced(inst, &c);
                let cells = c
                    .cells
                    .iter()
                    .enumerate()
                    .filter_map(|(d, cell)| {
                        cell.task().filter(|_| !cell.is_resource()).map(|t| (d * tasks + t.idx()) as u32)
                    })
                    .collect();
                list.push(Entry { column: columns.len(), reduced, cells });
                columns.push(c);
            }
            lists.push(list);
        }
        (lists, columns, complete)
    }
}

/// The share of a run's time left after pricing that dives take; the gap search takes the rest.
const DIVE_SHARE: f64 = 0.5;
/// Dives in a row that find nothing better before a round of dives ends (on a small instance
/// dives take milliseconds, and the LP's value may be out of any roster's reach).
const DIVE_PATIENCE: usize = 50;
/// The most lines within the gap listed per employee.
const MOST_WITHIN: usize = 2_000;
/// The most week patterns of a line space priced here (as for re-plans).
const MAX_PATTERNS: usize = 100_000;
/// The largest line space priced here, in units of [`LineSpace::size`] (as for re-plans).
const MAX_SIZE: usize = 5_000_000;

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::atomic::AtomicBool;
    use std::time::Duration;

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
            let deadline = Instant::now() + Duration::from_secs(5);
            let Some(mut pool) = Pool::new(&inst, &dom, deadline, 1) else { continue };
            let found = pool.improve(&start, deadline, &|| false).expect("the master has an optimum");
            let after = crate::eval::score(&inst, &found.roster);
            assert!(after.is_feasible() && after <= before, "{before} -> {after}");
            if let Some(bound) = found.bound {
                assert!(bound <= after.soft as f64 + 1e-6, "bound {bound} above the roster's {after}");
            }
            improved += usize::from(after < before);
            // A second run from the result keeps it or improves it again.
            let deadline = Instant::now() + Duration::from_secs(5);
            let again = pool.improve(&found.roster, deadline, &|| false).expect("the master has an optimum");
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
        let found = Pool::new(&inst, &dom, deadline, 1).unwrap().improve(&start, deadline, &|| false).unwrap();
        // The LP over all lines is the optimum (Curtois and Qu's 828); a dive reaches it, and the
        // LP proves it.
        assert_eq!(found.bound.map(|b| b.round()), Some(828.0));
        assert_eq!(crate::eval::score(&inst, &found.roster), crate::Score { hard: 0, soft: 828 });
        assert!(found.optimal);
    }
}
