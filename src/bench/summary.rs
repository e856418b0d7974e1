//! The runs of a suite, aggregated: per instance the median over seeds, and overall the mean
//! gap, the instances at their best-known value and the runs that failed.

use serde::Serialize;

use super::reference::References;
use super::{gap_percent, Run, Suite};

/// The peer solvers the table compares with: (name in the peers file, name in the table).
pub const PEER_SOLVERS: [(&str, &str); 2] = [("cpsat", "CP-SAT"), ("highs", "HiGHS")];

/// Everything a suite produced: its settings, a row per instance, the summary and every run.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The suite's title.
    pub title: String,
    /// Seconds per run.
    pub time_limit: f64,
    /// Worker threads asked for (0: one per core).
    pub threads: usize,
    /// Master seeds.
    pub seeds: Vec<u64>,
    /// One row per instance, in run order.
    pub instances: Vec<InstanceRow>,
    /// Totals over all runs.
    pub summary: Summary,
    /// Every run, in order.
    pub runs: Vec<Run>,
}

/// The runs of one instance, aggregated over seeds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InstanceRow {
    /// Instance name.
    pub instance: String,
    /// Runs done.
    pub runs: usize,
    /// Runs that ended feasible.
    pub feasible: usize,
    /// Median objective of the feasible runs.
    pub median_objective: Option<f64>,
    /// Lowest objective of the feasible runs.
    pub min_objective: Option<i64>,
    /// Best-known objective.
    pub best_known: Option<i64>,
    /// Gap of the median to the best-known value, in percent.
    pub gap_percent: Option<f64>,
    /// Whether the median equals the best-known value.
    pub at_best_known: bool,
    /// heltid's proven lower bound (the same for every run of the instance).
    pub lower_bound: Option<i64>,
    /// Gap of the median to that bound, in percent of the median.
    pub bound_gap_percent: Option<f64>,
    /// Median seconds to the best roster, over all runs.
    pub median_time_to_best: Option<f64>,
    /// Peer results, one per [`PEER_SOLVERS`] entry (when a peers file was given).
    pub peers: Vec<PeerCell>,
}

/// One peer solver's result in an instance row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PeerCell {
    /// Solver name as in the peers file (`cpsat`).
    pub solver: String,
    /// Whether the peers file has a row for this instance and solver.
    pub listed: bool,
    /// Its time limit, in seconds.
    pub time_limit: Option<f64>,
    /// Its objective (`None`: no roster found in time, or not listed).
    pub objective: Option<i64>,
}

/// Totals over all runs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// Instances with at least one run.
    pub instances: usize,
    /// Mean of the instances' median gaps, over instances with a gap.
    pub mean_gap_percent: Option<f64>,
    /// Instances whose median gap enters the mean.
    pub instances_with_gap: usize,
    /// Instances whose median equals the best-known value.
    pub at_best_known: usize,
    /// Runs done.
    pub runs: usize,
    /// Runs planned (instances × seeds); more than `runs` when the suite was interrupted.
    pub planned_runs: usize,
    /// Runs whose best roster breaks a hard rule.
    pub infeasible_runs: usize,
    /// Runs whose recomputed score differs from the solver's.
    pub unverified_runs: usize,
    /// Instances whose lower bound is above their best-known value: a wrong bound, a defect.
    pub bounds_above_best_known: usize,
}

impl Summary {
    /// Whether every planned run was done, feasible and verified, and no bound is above a
    /// best-known value.
    pub fn all_good(&self) -> bool {
        self.runs == self.planned_runs
            && self.infeasible_runs == 0
            && self.unverified_runs == 0
            && self.bounds_above_best_known == 0
    }
}

impl Report {
    /// Aggregates the runs of a suite.
    pub fn new(suite: &Suite, refs: &References, runs: Vec<Run>) -> Report {
        let mut names: Vec<&str> = Vec::new();
        for r in &runs {
            if !names.contains(&r.instance.as_str()) {
                names.push(&r.instance);
            }
        }
        let instances: Vec<InstanceRow> =
            names.iter().map(|name| instance_row(name, runs.iter().filter(|r| r.instance == *name), refs)).collect();
        let gaps: Vec<f64> = instances.iter().filter_map(|i| i.gap_percent).collect();
        let summary = Summary {
            instances: instances.len(),
            mean_gap_percent: (!gaps.is_empty()).then(|| gaps.iter().sum::<f64>() / gaps.len() as f64),
            instances_with_gap: gaps.len(),
            at_best_known: instances.iter().filter(|i| i.at_best_known).count(),
            runs: runs.len(),
            planned_runs: suite.instances.len() * suite.seeds.len(),
            infeasible_runs: runs.iter().filter(|r| !r.feasible).count(),
            unverified_runs: runs.iter().filter(|r| !r.verified).count(),
            bounds_above_best_known: instances
                .iter()
                .filter(|i| i.lower_bound.zip(i.best_known).is_some_and(|(lb, bk)| lb > bk))
                .count(),
        };
        Report {
            title: suite.title.clone(),
            time_limit: suite.time_limit,
            threads: suite.threads,
            seeds: suite.seeds.clone(),
            instances,
            summary,
            runs,
        }
    }
}

fn instance_row<'r>(name: &str, runs: impl Iterator<Item = &'r Run>, refs: &References) -> InstanceRow {
    let runs: Vec<&Run> = runs.collect();
    let objectives: Vec<f64> = runs.iter().filter(|r| r.feasible).map(|r| r.objective as f64).collect();
    let median_objective = median(&objectives);
    let best_known = refs.best_known(name);
    let gap = median_objective.zip(best_known).and_then(|(m, bk)| gap_percent(m, bk));
    let lower_bound = runs.iter().find_map(|r| r.lower_bound);
    let peers = if refs.has_peers {
        PEER_SOLVERS
            .iter()
            .map(|(solver, _)| {
                let p = refs.peer(name, solver);
                PeerCell {
                    solver: solver.to_string(),
                    listed: p.is_some(),
                    time_limit: p.map(|p| p.time_limit),
                    objective: p.and_then(|p| p.objective),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    InstanceRow {
        instance: name.to_string(),
        runs: runs.len(),
        feasible: objectives.len(),
        median_objective,
        min_objective: runs.iter().filter(|r| r.feasible).map(|r| r.objective).min(),
        best_known,
        gap_percent: gap,
        at_best_known: median_objective.zip(best_known).is_some_and(|(m, bk)| m == bk as f64),
        median_time_to_best: median(&runs.iter().map(|r| r.time_to_best).collect::<Vec<_>>()),
        lower_bound,
        bound_gap_percent: median_objective.zip(lower_bound).map(|(m, lb)| super::bound_gap_percent(m, lb)),
        peers,
    }
}

/// The median: the middle value, or the mean of the two middle values; `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len() % 2 == 1 { v[mid] } else { (v[mid - 1] + v[mid]) / 2.0 })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::bench::reference::{BestKnown, PeerResult};

    /// A feasible, verified run.
    pub(crate) fn run(instance: &str, seed: u64, objective: i64) -> Run {
        Run {
            instance: instance.into(),
            seed,
            threads: 2,
            time_limit: 1.0,
            objective,
            hard: 0,
            hard_violations: 0,
            feasible: true,
            best_known: None,
            gap_percent: None,
            lower_bound: None,
            bound_gap_percent: None,
            time_to_best: seed as f64,
            elapsed: 1.0,
            moves: 1000,
            verified: true,
            termination: "TimeLimit".into(),
            roster_file: None,
        }
    }

    pub(crate) fn suite(instances: &[&str], seeds: &[u64]) -> Suite {
        Suite {
            title: "T".into(),
            time_limit: 1.0,
            threads: 2,
            seeds: seeds.to_vec(),
            instances: instances.iter().map(|i| format!("{i}.txt").into()).collect(),
            best_known: None,
            peers: None,
            mip_repair: false,
            bound_time_limit: 0.0,
            temperature: 1.0,
        }
    }

    pub(crate) fn refs() -> References {
        let mut r = References { has_peers: true, ..Default::default() };
        r.best_known.insert("A".into(), BestKnown { upper: Some(100), lower: Some(100) });
        r.best_known.insert("B".into(), BestKnown { upper: Some(200), lower: None });
        r.peers.insert(("A".into(), "cpsat".into()), PeerResult { time_limit: 60.0, objective: Some(100) });
        r.peers.insert(("A".into(), "highs".into()), PeerResult { time_limit: 60.0, objective: None });
        r
    }

    #[test]
    fn median_of_odd_even_and_empty_lists() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[f64::NAN, 7.0]), Some(7.0));
    }

    #[test]
    fn rows_take_the_median_of_feasible_runs_and_the_summary_counts_failures() {
        let mut infeasible = run("B", 3, 5);
        infeasible.feasible = false;
        infeasible.hard = 4;
        let mut unverified = run("B", 2, 230);
        unverified.verified = false;
        let runs = vec![run("A", 1, 100), run("A", 2, 104), run("A", 3, 100), run("B", 1, 210), unverified, infeasible];
        let report = Report::new(&suite(&["A", "B"], &[1, 2, 3]), &refs(), runs);
        let a = &report.instances[0];
        assert_eq!((a.median_objective, a.min_objective, a.gap_percent), (Some(100.0), Some(100), Some(0.0)));
        assert!(a.at_best_known);
        assert_eq!(
            a.peers[0],
            PeerCell { solver: "cpsat".into(), listed: true, time_limit: Some(60.0), objective: Some(100) }
        );
        assert_eq!((a.peers[1].listed, a.peers[1].objective), (true, None));
        let b = &report.instances[1];
        assert_eq!((b.runs, b.feasible, b.median_objective, b.min_objective), (3, 2, Some(220.0), Some(210)));
        assert_eq!(b.gap_percent, Some(10.0));
        assert!(!b.peers[0].listed);
        let s = &report.summary;
        assert_eq!(s.mean_gap_percent, Some(5.0));
        assert_eq!((s.at_best_known, s.infeasible_runs, s.unverified_runs, s.runs, s.planned_runs), (1, 1, 1, 6, 6));
        assert!(!s.all_good());
    }

    #[test]
    fn an_interrupted_suite_is_not_all_good() {
        let report = Report::new(&suite(&["A", "B"], &[1]), &refs(), vec![run("A", 1, 100)]);
        assert_eq!((report.summary.runs, report.summary.planned_runs), (1, 2));
        assert!(!report.summary.all_good());
        let report = Report::new(&suite(&["A"], &[1]), &refs(), vec![run("A", 1, 100)]);
        assert!(report.summary.all_good());
    }

    #[test]
    fn a_bound_above_the_best_known_value_is_a_failure() {
        let with_bound = |objective, lb| {
            let mut r = run("B", 1, objective);
            r.lower_bound = Some(lb);
            r
        };
        let report = Report::new(&suite(&["B"], &[1]), &refs(), vec![with_bound(210, 150)]);
        let b = &report.instances[0];
        assert_eq!(b.lower_bound, Some(150));
        assert!((b.bound_gap_percent.unwrap() - 60.0 / 210.0 * 100.0).abs() < 1e-9);
        assert!(report.summary.all_good());
        // Best known 200: a bound of 201 cannot be right.
        let report = Report::new(&suite(&["B"], &[1]), &refs(), vec![with_bound(210, 201)]);
        assert_eq!(report.summary.bounds_above_best_known, 1);
        assert!(!report.summary.all_good());
    }
}
