//! `heltid bench`: runs Curtois–Qu instances × seeds, writes CSV, JSON and Markdown that agree,
//! rejects unusable suites naming the field, and writes rosters nrp_check.py prices alike.

use std::path::{Path, PathBuf};
use std::process::Command as Std;

use assert_cmd::Command;
use serde_json::Value;

/// The shared folder, or `None` (with a message) when it is absent.
fn shared() -> Option<PathBuf> {
    let shared =
        std::env::var("HELTID_SHARED").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared").into());
    let dir = PathBuf::from(shared);
    if dir.join("benchmarks/curtois-qu/Instance1.txt").is_file() {
        Some(dir)
    } else {
        eprintln!("skipping: {} has no benchmarks/curtois-qu (set HELTID_SHARED to the shared folder)", dir.display());
        None
    }
}

/// Runs `heltid bench ARGS`: exit code, stdout, stderr.
fn bench(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("heltid").unwrap().arg("bench").args(args).output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn instance1_with_two_seeds_gives_agreeing_csv_json_and_markdown() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let instance = shared.join("benchmarks/curtois-qu/Instance1.txt");
    let (csv, json, md) = (dir.path().join("runs.csv"), dir.path().join("runs.json"), dir.path().join("table.md"));
    #[rustfmt::skip]
    let (code, stdout, stderr) = bench(&[
        s(&instance), "--time-limit", "3", "--seeds", "1,2", "--threads", "1",
        "--csv", s(&csv), "--json", s(&json), "--md", s(&md),
    ]);
    assert_eq!(code, 0, "stdout:\n{stdout}\nstderr:\n{stderr}");
    // Progress: one line per run on stderr.
    assert_eq!(stderr.lines().filter(|l| l.contains("Instance1 seed")).count(), 2, "{stderr}");

    let mut reader = csv::Reader::from_path(&csv).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let mut objectives = Vec::new();
    for (row, seed) in rows.iter().zip(["1", "2"]) {
        assert_eq!((&row[col("instance")], &row[col("seed")]), ("Instance1", seed));
        assert_eq!((&row[col("feasible")], &row[col("verified")]), ("true", "true"));
        assert_eq!(&row[col("best_known")], "607", "bks.csv beside the instance is used");
        let objective: i64 = row[col("objective")].parse().unwrap();
        assert!(objective >= 607, "below the proven optimum: {objective}");
        // 607 is also the lower bound in bks.csv: a run that reaches it stops there.
        let stopped_at_bound = &row[col("termination")] == "TargetReached";
        assert_eq!(objective == 607, stopped_at_bound, "{row:?}");
        let gap: f64 = row[col("gap_percent")].parse().unwrap();
        assert!((gap - (objective - 607) as f64 / 607.0 * 100.0).abs() < 1e-3);
        objectives.push(objective);
    }

    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(doc["runs"].as_array().unwrap().len(), 2);
    assert_eq!(doc["seeds"], serde_json::json!([1, 2]));
    assert_eq!(doc["summary"]["infeasible_runs"], 0);
    assert_eq!(doc["summary"]["unverified_runs"], 0);
    let row = &doc["instances"][0];
    assert_eq!((row["instance"].as_str(), row["best_known"].as_i64()), (Some("Instance1"), Some(607)));
    assert_eq!(row["min_objective"].as_i64(), objectives.iter().copied().min());
    let median = (objectives[0] + objectives[1]) as f64 / 2.0;
    assert_eq!(row["median_objective"].as_f64(), Some(median));

    let table = std::fs::read_to_string(&md).unwrap();
    assert_eq!(table, stdout, "--md writes what stdout shows");
    let line = table.lines().find(|l| l.starts_with("| Instance1 |")).unwrap_or_else(|| panic!("no row:\n{table}"));
    assert!(line.ends_with("| 2/2 |"), "{line}");
    assert!(table.contains("0 infeasible runs; 0 unverified runs; 2 runs."), "{table}");
}

#[test]
fn a_suite_file_with_a_bad_value_exits_2_naming_the_file_and_field() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("i.txt"), "").unwrap();
    let cases = [
        ("instances = [\"i.txt\"]\ntime_limit = \"fast\"\n", "(time_limit)"),
        ("instances = [\"i.txt\"]\nseeds = []\n", "(seeds): no seeds"),
        ("instances = [\"i.txt\", \"gone.txt\"]\n", "(instances[1]): no such file"),
        ("title = \"no instances\"\ninstances = []\n", "(instances): empty"),
        ("instances = [\"i.txt\"]\nbest_known = \"none.csv\"\n", "(best_known): no such file"),
    ];
    for (text, expected) in cases {
        let suite = dir.path().join("suite.toml");
        std::fs::write(&suite, text).unwrap();
        let (code, stdout, stderr) = bench(&[s(&suite), "-q"]);
        assert_eq!(code, 2, "{text}\n{stderr}");
        assert!(stderr.contains("suite.toml") && stderr.contains(expected), "{text}\nwanted {expected} in:\n{stderr}");
        assert!(stdout.is_empty());
    }
    let (code, _, stderr) = bench(&[s(&dir.path().join("i.txt")), "--seeds", "1,1"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--seeds: seed 1 is listed twice"), "{stderr}");
}

#[test]
fn a_missing_shared_folder_is_named_once() {
    let suite = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/suites/cq-smoke.toml");
    let out = Command::cargo_bin("heltid")
        .unwrap()
        .env("HELTID_SHARED", "/no/such/shared")
        .args(["bench", s(&suite)])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("HELTID_SHARED: the shared folder /no/such/shared does not exist"), "{stderr}");
    assert_eq!(stderr.matches("no such file").count(), 0, "{stderr}");
}

#[test]
fn a_roster_written_with_out_dir_gets_the_same_objective_from_nrp_check() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let instance = shared.join("benchmarks/curtois-qu/Instance1.txt");
    let (json, rosters) = (dir.path().join("runs.json"), dir.path().join("rosters"));
    #[rustfmt::skip]
    let (code, _, stderr) = bench(&[
        s(&instance), "--time-limit", "1", "--seeds", "3", "--threads", "1",
        "--json", s(&json), "--out-dir", s(&rosters), "-q",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "-q prints nothing on stderr: {stderr}");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let run = &doc["runs"][0];
    let roster = rosters.join("Instance1.seed3.tsv");
    assert_eq!(run["roster_file"].as_str(), Some(s(&roster)));
    let out = Std::new("python3")
        .arg(shared.join("tools/nrp_check.py"))
        .args(["check", s(&instance), s(&roster)])
        .output()
        .expect("python3 runs nrp_check.py");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let objective = run["objective"].as_i64().unwrap();
    assert_eq!(
        stdout.lines().last(),
        Some(format!("feasible=True objective={objective}").as_str()),
        "nrp_check.py disagrees:\n{stdout}"
    );
}

#[test]
fn bounds_reported_by_bench_are_never_above_the_best_known_values() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("runs.json");
    let cq = shared.join("benchmarks/curtois-qu");
    let files: Vec<PathBuf> = (1..=4).map(|i| cq.join(format!("Instance{i}.txt"))).collect();
    let mut args: Vec<&str> = files.iter().map(|p| s(p)).collect();
    args.extend(["--time-limit", "1", "--bound-time", "3", "--threads", "1", "-q", "--json", s(&json)]);
    let (code, stdout, stderr) = bench(&args);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("| bound | bound gap % |"), "{stdout}");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let rows = doc["instances"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    for row in rows {
        let bound = row["lower_bound"].as_i64().unwrap_or_else(|| panic!("no bound: {row}"));
        let best = row["best_known"].as_i64().unwrap();
        let median = row["median_objective"].as_f64().unwrap();
        assert!(0 <= bound && bound <= best && bound as f64 <= median, "{row}");
    }
    assert_eq!(doc["summary"]["bounds_above_best_known"], 0);
}
