//! The one file that names MIP solvers: the model goes to good_lp, and good_lp to the backend
//! picked explicitly (never good_lp's `default_solver`).
//!
//! microlp (pure Rust) is always there. It is driven through good_lp's model, then asked
//! directly for what good_lp does not pass on: the proven bound, also when the time limit
//! strikes before any roster is found. HiGHS (feature `highs`) reports its bound only at optimum.

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

#[cfg(feature = "highs")]
fn highs(
    vars: ProblemVariables,
    objective: Expression,
    constraints: Vec<good_lp::Constraint>,
    constant: f64,
    time_limit: Option<Duration>,
    hint: Vec<(Variable, f64)>,
) -> Outcome {
    use good_lp::{ResolutionError, Solution, SolutionStatus, WithInitialSolution};
    let all: Vec<Variable> = vars.iter_variables_with_def().map(|(v, _)| v).collect();
    let terms: Vec<(Variable, f64)> = objective.clone().linear_coefficients().collect();
    let mut model = vars.minimise(objective).using(good_lp::highs).set_threads(1);
    model = model.set_option("mip_rel_gap", 0.0);
    if let Some(t) = time_limit {
        model = model.set_time_limit(t.as_secs_f64());
    }
    for c in constraints {
        model.add_constraint(c);
    }
    if !hint.is_empty() {
        model = model.with_initial_solution(hint);
    }
    match model.solve() {
        Ok(sol) => {
            let values: FxHashMap<Variable, f64> = all.iter().map(|&v| (v, sol.value(v))).collect();
            let objective = constant + terms.iter().map(|(v, c)| c * values[v]).sum::<f64>();
            let status = match sol.status() {
                SolutionStatus::Optimal => Status::Optimal,
                _ => Status::Feasible,
            };
            let bound = (status == Status::Optimal).then_some(objective);
            Outcome { status, values: Some(values), objective: Some(objective), bound }
        }
        Err(ResolutionError::Infeasible) => Outcome::without_solution(Status::Infeasible, None),
        Err(_) => Outcome::without_solution(Status::Unknown, None),
    }
}
