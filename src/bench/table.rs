//! A benchmark [`Report`] as text: a Markdown table per instance with a summary, a CSV row per
//! run, or one JSON document.

use std::fmt::Write as _;

use super::summary::{Report, PEER_SOLVERS};

/// The Markdown table (one row per instance) followed by the summary line.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let n = report.instances.len();
    let seeds = report.seeds.len();
    let threads = match report.threads {
        0 => "one thread per core".to_string(),
        1 => "1 thread".to_string(),
        t => format!("{t} threads"),
    };
    let _ = writeln!(
        out,
        "## {}\n\n{n} instance{} × {seeds} seed{} ({}), {} s per run, {threads}.\n",
        report.title,
        plural(n),
        plural(seeds),
        report.seeds.iter().map(u64::to_string).collect::<Vec<_>>().join(", "),
        number(report.time_limit)
    );
    let show_peers = report.instances.iter().any(|i| !i.peers.is_empty());
    let mut header = vec!["instance".to_string(), "median".into(), "min".into(), "best known".into(), "gap %".into()];
    let mut peer_limits = Vec::new();
    if show_peers {
        for (k, (_, label)) in PEER_SOLVERS.iter().enumerate() {
            let mut limits: Vec<f64> =
                report.instances.iter().filter_map(|i| i.peers.get(k).and_then(|p| p.time_limit)).collect();
            limits.sort_by(f64::total_cmp);
            limits.dedup();
            let single = (limits.len() == 1).then(|| limits[0]);
            header.push(match single {
                Some(t) => format!("{label} {} s", number(t)),
                None => label.to_string(),
            });
            peer_limits.push(single);
        }
    }
    let show_bounds = report.instances.iter().any(|i| i.lower_bound.is_some());
    if show_bounds {
        header.extend(["bound".to_string(), "bound gap %".into()]);
    }
    header.extend(["time to best (s)".to_string(), "feasible".into()]);
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|---|{}", "---:|".repeat(header.len() - 1));
    for row in &report.instances {
        let mut cells = vec![
            row.instance.clone(),
            row.median_objective.map_or("—".into(), number),
            opt(row.min_objective),
            opt(row.best_known),
            row.gap_percent.map_or(String::new(), |g| format!("{g:.2}")),
        ];
        if show_peers {
            for (k, single) in peer_limits.iter().enumerate() {
                cells.push(match row.peers.get(k) {
                    Some(p) if p.listed => {
                        let value = p.objective.map_or("—".to_string(), |o| o.to_string());
                        match (single, p.time_limit) {
                            (None, Some(t)) => format!("{value} ({} s)", number(t)),
                            _ => value,
                        }
                    }
                    _ => String::new(),
                });
            }
        }
        if show_bounds {
            cells.push(opt(row.lower_bound));
            cells.push(row.bound_gap_percent.map_or(String::new(), |g| format!("{g:.2}")));
        }
        cells.push(row.median_time_to_best.map_or(String::new(), |t| format!("{t:.2}")));
        cells.push(format!("{}/{}", row.feasible, row.runs));
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    let s = &report.summary;
    let gap = match s.mean_gap_percent {
        Some(g) => format!(
            "mean gap {g:.2} % over {} instance{} with a best-known value",
            s.instances_with_gap,
            plural(s.instances_with_gap)
        ),
        None => "no best-known values to compare with".to_string(),
    };
    let _ = write!(
        out,
        "\n**Summary:** {gap}; {} of {} instance{} at best known (median = best known); \
         {} infeasible run{}; {} unverified run{}; {} run{}",
        s.at_best_known,
        s.instances,
        plural(s.instances),
        s.infeasible_runs,
        plural(s.infeasible_runs),
        s.unverified_runs,
        plural(s.unverified_runs),
        s.runs,
        plural(s.runs)
    );
    if s.runs < s.planned_runs {
        let _ = write!(out, " (interrupted: {} of {} planned)", s.runs, s.planned_runs);
    }
    if s.bounds_above_best_known > 0 {
        let _ =
            write!(out, "; {} BOUND{} ABOVE BEST KNOWN", s.bounds_above_best_known, plural(s.bounds_above_best_known));
    }
    out.push_str(".\n");
    if show_peers {
        out.push_str(
            "\nMedian and min are over the feasible runs; gap % is the median's. \
             Peer columns: the solver's objective at its own time limit; — means it found no roster.\n",
        );
    } else {
        out.push_str("\nMedian and min are over the feasible runs; gap % is the median's.\n");
    }
    if show_bounds {
        out.push_str(
            "Bound: heltid's proven lower bound from its MIP model (LP relaxation, then branch and bound); \
             bound gap % is (median − bound) / median.\n",
        );
    }
    out
}

/// One CSV row per run, with a header.
pub fn csv(report: &Report) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "instance",
        "seed",
        "threads",
        "time_limit",
        "objective",
        "hard",
        "hard_violations",
        "feasible",
        "best_known",
        "gap_percent",
        "lower_bound",
        "bound_gap_percent",
        "time_to_best",
        "elapsed",
        "moves",
        "verified",
        "termination",
        "roster_file",
    ];
    let _ = w.write_record(header);
    for r in &report.runs {
        let _ = w.write_record([
            r.instance.clone(),
            r.seed.to_string(),
            r.threads.to_string(),
            number(r.time_limit),
            r.objective.to_string(),
            r.hard.to_string(),
            r.hard_violations.to_string(),
            r.feasible.to_string(),
            opt(r.best_known),
            r.gap_percent.map_or(String::new(), |g| format!("{g:.4}")),
            opt(r.lower_bound),
            r.bound_gap_percent.map_or(String::new(), |g| format!("{g:.4}")),
            format!("{:.3}", r.time_to_best),
            format!("{:.3}", r.elapsed),
            r.moves.to_string(),
            r.verified.to_string(),
            r.termination.clone(),
            r.roster_file.as_ref().map_or(String::new(), |p| p.display().to_string()),
        ]);
    }
    // Writing into a Vec cannot fail.
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The whole report (settings, per-instance rows, summary, runs) as pretty JSON.
pub fn json(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
    text.push('\n');
    text
}

/// A number without a needless fraction: `60`, `1.5`.
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn opt(x: Option<i64>) -> String {
    x.map_or(String::new(), |v| v.to_string())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::summary::tests::{refs, run, suite};

    fn report(peers: bool) -> Report {
        let mut r = refs();
        r.has_peers = peers;
        if !peers {
            r.peers.clear();
        }
        let runs = vec![run("A", 1, 100), run("A", 2, 103), run("B", 1, 230), run("B", 2, 211)];
        Report::new(&suite(&["A", "B"], &[1, 2]), &r, runs)
    }

    #[test]
    fn markdown_has_a_row_per_instance_and_the_summary() {
        let md = markdown(&report(true));
        assert!(md.starts_with("## T\n\n2 instances × 2 seeds (1, 2), 1 s per run, 2 threads.\n"), "{md}");
        let lines: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
        assert_eq!(
            lines[0],
            "| instance | median | min | best known | gap % | CP-SAT 60 s | HiGHS 60 s | time to best (s) | feasible |"
        );
        assert_eq!(lines[1], "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        assert_eq!(lines[2], "| A | 101.5 | 100 | 100 | 1.50 | 100 | — | 1.50 | 2/2 |");
        assert_eq!(lines[3], "| B | 220.5 | 211 | 200 | 10.25 |  |  | 1.50 | 2/2 |");
        assert!(md.contains("mean gap 5.88 % over 2 instances with a best-known value; 0 of 2 instances at best known"));
        assert!(md.contains("0 infeasible runs; 0 unverified runs; 4 runs."), "{md}");
    }

    #[test]
    fn markdown_without_peers_has_no_peer_columns() {
        let md = markdown(&report(false));
        assert!(md.contains("| instance | median | min | best known | gap % | time to best (s) | feasible |"), "{md}");
    }

    #[test]
    fn markdown_with_bounds_has_bound_columns() {
        let runs = [(1, 100), (2, 103)].map(|(seed, objective)| {
            let mut r = run("A", seed, objective);
            r.lower_bound = Some(80);
            r.bound_gap_percent = Some(crate::bench::bound_gap_percent(objective as f64, 80));
            r
        });
        let md = markdown(&Report::new(&suite(&["A"], &[1, 2]), &refs(), runs.to_vec()));
        let lines: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
        assert!(lines[0].ends_with("| bound | bound gap % | time to best (s) | feasible |"), "{md}");
        // (101.5 − 80) / 101.5 = 21.18 %.
        assert!(lines[2].ends_with("| 80 | 21.18 | 1.50 | 2/2 |"), "{md}");
        assert!(csv(&Report::new(&suite(&["A"], &[1]), &refs(), runs[..1].to_vec())).contains(",80,20.0000,"));
    }

    #[test]
    fn csv_has_a_row_per_run_and_json_parses() {
        let r = report(true);
        let text = csv(&r);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(&reader.headers().unwrap()[9], "gap_percent");
        let rows: Vec<_> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 4);
        assert_eq!(&rows[3][4], "211");
        let doc: serde_json::Value = serde_json::from_str(&json(&r)).unwrap();
        assert_eq!(doc["runs"].as_array().unwrap().len(), 4);
        assert_eq!(doc["summary"]["runs"], 4);
        assert_eq!(doc["instances"][0]["median_objective"], 101.5);
    }

    #[test]
    fn numbers_drop_needless_fractions() {
        assert_eq!(number(60.0), "60");
        assert_eq!(number(1.5), "1.5");
        assert_eq!(number(0.25), "0.25");
    }
}
