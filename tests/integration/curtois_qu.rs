//! Curtois–Qu rosters written by heltid are read, and judged alike, by the independent checker
//! `shared/tools/nrp_check.py`: the reference rosters, and rosters broken on purpose.

use std::path::{Path, PathBuf};
use std::process::Command;

use heltid::io::curtois_qu::{load, load_solution, write_solution};
use heltid::model::{Cell, EmployeeId, TaskId};
use heltid::rng::Rng;
use heltid::{evaluate, Instance, Roster};

/// The shared folder, or `None` (with a message) when it is absent.
fn shared() -> Option<PathBuf> {
    let shared =
        std::env::var("HELTID_SHARED").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared").into());
    let dir = PathBuf::from(shared);
    if dir.join("benchmarks/curtois-qu").is_dir() && dir.join("tools/nrp_check.py").is_file() {
        Some(dir)
    } else {
        eprintln!("skipping: {} has no benchmarks/curtois-qu (set HELTID_SHARED to the shared folder)", dir.display());
        None
    }
}

/// What nrp_check reports for a roster.
#[derive(Debug, PartialEq, Eq)]
struct Verdict {
    feasible: bool,
    objective: i64,
    hard_violations: i64,
    shift_on: i64,
    shift_off: i64,
    under: i64,
    over: i64,
}

/// Runs `nrp_check.py check` on a roster written by heltid; returns its stdout and verdict.
fn nrp_check(shared: &Path, instance: &Path, roster: &str, strict: bool) -> (String, Verdict) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("roster.tsv");
    std::fs::write(&file, roster).unwrap();
    let mut cmd = Command::new("python3");
    cmd.arg(shared.join("tools/nrp_check.py")).arg("check").arg(instance).arg(&file).arg("--json");
    if strict {
        cmd.args(["--boundary", "strict"]);
    }
    let out = cmd.output().expect("python3 runs nrp_check.py");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let json = stdout.lines().find(|l| l.starts_with('{')).unwrap_or_else(|| panic!("no JSON line in:\n{stdout}"));
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let int = |k: &str| v[k].as_i64().unwrap_or_else(|| panic!("{k} missing in {json}"));
    let verdict = Verdict {
        feasible: v["feasible"].as_bool().unwrap(),
        objective: int("objective"),
        hard_violations: int("hard_violations"),
        shift_on: int("shift_on"),
        shift_off: int("shift_off"),
        under: int("under"),
        over: int("over"),
    };
    (stdout, verdict)
}

/// heltid's verdict in nrp_check's terms.
fn heltid_verdict(inst: &Instance, roster: &Roster) -> Verdict {
    let ev = evaluate(inst, roster);
    let soft = ev.soft_by_rule();
    let term = |n: &str| soft.get(n).copied().unwrap_or(0);
    Verdict {
        feasible: ev.score.is_feasible(),
        objective: ev.score.soft,
        hard_violations: ev.hard_violations() as i64,
        shift_on: term("shift_on_requests"),
        shift_off: term("shift_off_requests"),
        under: term("cover_under"),
        over: term("cover_over"),
    }
}

/// Every reference roster, with its instance file: (instance path, roster path, objective).
fn references(shared: &Path) -> Vec<(PathBuf, PathBuf, i64)> {
    let dir = shared.join("benchmarks/curtois-qu");
    let mut reader = csv::Reader::from_path(dir.join("solutions/index.csv")).unwrap();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (dir.join(format!("{}.txt", &r[1])), dir.join("solutions").join(&r[0]), r[2].parse().unwrap())
        })
        .collect()
}

#[test]
fn reference_rosters_written_by_heltid_pass_nrp_check_with_the_same_objective() {
    let Some(shared) = shared() else { return };
    let refs = references(&shared);
    assert!(refs.len() >= 26);
    for (instance, file, objective) in refs {
        let inst = load(&instance).unwrap();
        let roster = load_solution(&file, &inst).unwrap();
        let (stdout, _) = nrp_check(&shared, &instance, &write_solution(&inst, &roster), false);
        let last = stdout.lines().last().unwrap_or_default();
        assert_eq!(last, format!("feasible=True objective={objective}"), "{}:\n{stdout}", file.display());
    }
}

#[test]
fn broken_rosters_are_judged_alike_by_heltid_and_nrp_check() {
    let Some(shared) = shared() else { return };
    let mut rng = Rng::new(20_240_101);
    let mut checked = 0;
    // One reference roster per instance, broken in a few, several and many cells.
    let mut seen = std::collections::BTreeSet::new();
    for (instance, file, _) in references(&shared) {
        if !seen.insert(instance.clone()) {
            continue;
        }
        let mut inst = load(&instance).unwrap();
        let reference = load_solution(&file, &inst).unwrap();
        for changes in [1, 4, 30] {
            let mut roster = reference.clone();
            for _ in 0..changes {
                let e = EmployeeId(rng.below(inst.employees.len()) as u16);
                let d = rng.below(inst.days());
                let t = rng.below(inst.tasks.len() + 1);
                let cell = if t == 0 { Cell::OFF } else { Cell::work(TaskId(t as u16 - 1), false) };
                roster.set(e, d, cell);
            }
            let text = write_solution(&inst, &roster);
            for strict in [false, true] {
                inst.rules.strict_edges = strict;
                let (stdout, theirs) = nrp_check(&shared, &instance, &text, strict);
                let ours = heltid_verdict(&inst, &roster);
                assert_eq!(
                    ours,
                    theirs,
                    "{} with {changes} changes, strict={strict}:\n{text}\n{stdout}",
                    file.display()
                );
                checked += 1;
            }
            inst.rules.strict_edges = false;
        }
    }
    assert!(checked >= 60);
}
