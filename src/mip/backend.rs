//! The one file that names MIP solvers: the model goes to good_lp, and good_lp to the backend
//! picked explicitly (never good_lp's `default_solver`).
//!
//! microlp (pure Rust) is always there. It is driven through good_lp's model, then asked
//! directly for what good_lp does not pass on: the proven bound, also when the time limit
//! strikes before any roster is found. HiGHS (feature `highs`) is driven the same way.

use std::time::Duration;

use good_lp::{
    Expression, IntoAffineExpression, ProblemVariables, SolverModel, Variable, WithInitialSolution, WithTimeLimit,
};
use rustc_hash::FxHashMap;

use super::formulation::Formulation;
use super::{Backend, Status};

/// What a backend returns, in the model's own terms.
pub(crate) struct Outcome {
    /// Proven optimal, feasible, infeasible or unknown.
    pub status: Status,
    /// Value of every variable, when a solution was found.
    pub values: Option<FxHashMap<Variable, f64>>,
    /// Objective of that solution, constant part included.
    pub objective: Option<f64>,
    /// A proven lower bound on the objective, constant part included.
    pub bound: Option<f64>,
}

impl Outcome {
    fn without_solution(status: Status, bound: Option<f64>) -> Self {
        Outcome { status, values: None, objective: None, bound }
    }
}

/// Solves the model (an LP when every variable is continuous), starting from `start` when
/// given (a roster the model may improve on: the solver keeps it if it finds nothing better).
pub(crate) fn solve(
    f: &mut Formulation,
    backend: Backend,
    time_limit: Option<Duration>,
    start: Option<&crate::Roster>,
) -> Outcome {
    if f.infeasible {
        return Outcome::without_solution(Status::Infeasible, None);
    }
    let hint = start.map(|r| f.hint(r)).unwrap_or_default();
    let vars = std::mem::replace(&mut f.vars, ProblemVariables::new());
    let objective = std::mem::replace(&mut f.objective, Expression::from(0.0));
    let constraints = std::mem::take(&mut f.constraints);
    let constant = objective.constant();
    match backend {
        Backend::MicroLp => microlp(vars, objective, constraints, constant, time_limit, hint),
        #[cfg(feature = "highs")]
        Backend::Highs => highs(vars, objective, constraints, constant, time_limit, hint),
    }
}

fn microlp(
    vars: ProblemVariables,
    objective: Expression,
    constraints: Vec<good_lp::Constraint>,
    constant: f64,
    time_limit: Option<Duration>,
    hint: Vec<(Variable, f64)>,
) -> Outcome {
    let all: Vec<Variable> = vars.iter_variables_with_def().map(|(v, _)| v).collect();
    let mut model = vars.minimise(objective).using(good_lp::microlp);
    for c in constraints {
        model.add_constraint(c);
    }
    if !hint.is_empty() {
        // good_lp hands the start to microlp (it needs microlp's own variable handles); the
        // price is that a stop without any roster loses microlp's bound.
        let mut model = model.with_initial_solution(hint);
        if let Some(t) = time_limit {
            model = model.with_time_limit(t.as_secs_f64());
        }
        return match model.solve() {
            Ok(sol) => from_microlp(&all, &sol.into_inner(), constant),
            Err(good_lp::ResolutionError::Infeasible) => Outcome::without_solution(Status::Infeasible, None),
            Err(_) => Outcome::without_solution(Status::Unknown, None),
        };
    }
    let mut opts = microlp::SolveOptions::default();
    opts.time_limit = time_limit;
    match model.as_inner().solve_with(opts) {
        Ok(microlp::SolveOutcome::Solution(sol)) => from_microlp(&all, &sol, constant),
        Ok(microlp::SolveOutcome::Interrupted(i)) => {
            Outcome::without_solution(Status::Unknown, i.stats().best_bound.map(|b| b + constant))
        }
        Err(microlp::Error::Infeasible) => Outcome::without_solution(Status::Infeasible, None),
        Err(_) => Outcome::without_solution(Status::Unknown, None),
    }
}

/// The outcome of a microlp solution: values, objective and proven bound.
fn from_microlp(all: &[Variable], sol: &microlp::Solution, constant: f64) -> Outcome {
    let status = match sol.status() {
        microlp::SolutionStatus::Optimal => Status::Optimal,
        _ => Status::Feasible,
    };
    // microlp's variables come in good_lp's order of creation.
    let values = all.iter().zip(sol.iter()).map(|(&var, (_, v))| (var, v)).collect();
    let objective = sol.objective() + constant;
    let bound = if status == Status::Optimal { Some(objective) } else { sol.stats().best_bound.map(|b| b + constant) };
    Outcome { status, values: Some(values), objective: Some(objective), bound }
}

/// HiGHS, driven directly once good_lp has built its model, so that its proven dual bound
/// comes back also when the time limit strikes.
#[cfg(feature = "highs")]
fn highs(
    vars: ProblemVariables,
    objective: Expression,
    constraints: Vec<good_lp::Constraint>,
    constant: f64,
    time_limit: Option<Duration>,
    hint: Vec<(Variable, f64)>,
) -> Outcome {
    use highs::HighsModelStatus as Model;
    // HiGHS's columns come in good_lp's order of creation.
    let all: Vec<Variable> = vars.iter_variables_with_def().map(|(v, _)| v).collect();
    if all.is_empty() {
        // Nothing free (HiGHS calls it an empty model): the constant is the optimum.
        let values = Some(FxHashMap::default());
        return Outcome { status: Status::Optimal, values, objective: Some(constant), bound: Some(constant) };
    }
    let mut problem = vars.minimise(objective).using(good_lp::highs);
    for c in constraints {
        problem.add_constraint(c);
    }
    let Ok(mut model) = problem.try_into_inner() else {
        return Outcome::without_solution(Status::Unknown, None);
    };
    model.make_quiet();
    model.set_option("threads", 1);
    model.set_option("mip_rel_gap", 0.0);
    if let Some(t) = time_limit {
        model.set_option("time_limit", t.as_secs_f64());
    }
    if !hint.is_empty() {
        let column: FxHashMap<Variable, usize> = all.iter().enumerate().map(|(i, &v)| (v, i)).collect();
        let mut start = vec![0.0; all.len()];
        for (v, x) in hint {
            start[column[&v]] = x;
        }
        model.set_solution(Some(&start), None, None, None);
    }
    let Ok(solved) = model.try_solve() else {
        return Outcome::without_solution(Status::Unknown, None);
    };
    let bound = solved.double_info_value(c"mip_dual_bound").ok().filter(|b| b.is_finite()).map(|b| b + constant);
    // Read as a number: the bindings panic on HiGHS's -1 ("not set").
    let has_solution = solved.int_info_value(c"primal_solution_status").is_ok_and(|s| s == 2);
    let status = match solved.status() {
        Model::Infeasible | Model::UnboundedOrInfeasible => return Outcome::without_solution(Status::Infeasible, None),
        Model::Optimal => Status::Optimal,
        _ if has_solution => Status::Feasible,
        _ => return Outcome::without_solution(Status::Unknown, bound),
    };
    let solution = solved.get_solution();
    let values: FxHashMap<Variable, f64> = all.iter().copied().zip(solution.columns().iter().copied()).collect();
    let objective = constant + solved.objective_value();
    // Proven optimal (an LP, or a MIP at gap 0): the objective is the bound.
    let bound = if status == Status::Optimal { Some(objective) } else { bound };
    Outcome { status, values: Some(values), objective: Some(objective), bound }
}
