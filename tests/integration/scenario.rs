//! `heltid scenario`: the direction of each effect on a small instance (deterministic: one
//! thread per variant and a step budget), the output files, and errors in scenario files.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// A figure of one variant from the JSON report.
fn figure(doc: &Value, variant: usize, path: &[&str]) -> f64 {
    let mut v = &doc["variants"][variant]["metrics"];
    for key in path {
        v = &v[*key];
    }
    v.as_f64().unwrap_or_else(|| panic!("no figure {path:?} in variant {variant}"))
}

#[test]
fn full_time_and_weekend_frequency_move_the_figures_the_expected_way() {
    let dir = tempfile::tempdir().unwrap();
    let scenarios = dir.path().join("s.toml");
    std::fs::write(
        &scenarios,
        "[[variants]]\nid = \"full-time\"\ndegrees = { all = 1.0 }\n\n\
         [[variants]]\nid = \"third-weekend\"\nmax_weekends = { max = 1, window = 3 }\n",
    )
    .unwrap();
    let (json, csv, html) = (dir.path().join("s.json"), dir.path().join("s.csv"), dir.path().join("s.html"));
    let out = Command::cargo_bin("heltid")
        .unwrap()
        .args(["scenario", fixture("scenario-six-weeks.toml").to_str().unwrap(), scenarios.to_str().unwrap()])
        .args(["--threads", "2", "--steps", "300000", "--time-limit", "600", "--seed", "1", "-q"])
        .args(["--json", json.to_str().unwrap(), "--csv", csv.to_str().unwrap(), "--html", html.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("Uncovered hours"), "{stdout}");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let ids: Vec<&str> = doc["variants"].as_array().unwrap().iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["baseline", "full-time", "third-weekend"]);

    // More full time: more contracted and resource hours, no more uncovered hours.
    assert!(figure(&doc, 1, &["contracted_hours"]) > figure(&doc, 0, &["contracted_hours"]));
    assert!(figure(&doc, 1, &["resource_hours"]) > figure(&doc, 0, &["resource_hours"]), "{stdout}");
    assert!(figure(&doc, 1, &["uncovered_hours"]) <= figure(&doc, 0, &["uncovered_hours"]), "{stdout}");
    // Every third weekend: fewer weekends each, more weekend hours uncovered (by a wide margin).
    assert!(figure(&doc, 2, &["weekends_max"]) <= 2.0, "{stdout}");
    let weekend = |i| figure(&doc, i, &["uncovered_split", "weekend"]);
    assert!(weekend(2) > weekend(0) + 40.0, "{stdout}");
    // Deltas are against the baseline.
    let delta = doc["variants"][2]["deltas"]["uncovered_weekend_hours"].as_f64().unwrap();
    assert!((delta - (weekend(2) - weekend(0))).abs() < 1e-6);

    let csv = std::fs::read_to_string(&csv).unwrap();
    assert!(csv.starts_with("variant,name,figure,label,value,delta\n"), "{csv}");
    assert!(csv.contains("third-weekend,third-weekend,uncovered_weekend_hours,"), "{csv}");
    let html = std::fs::read_to_string(&html).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg") && html.contains("third-weekend"));
}

#[test]
fn scenario_errors_name_their_place_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let scenarios = dir.path().join("bad.toml");
    std::fs::write(
        &scenarios,
        "[[variants]]\nid = \"x\"\ndegrees = { people = { nobody = 1.0 } }\nhires = [{ count = 1, skill = \"ssk\", site = \"MB1\" }]\n",
    )
    .unwrap();
    let out = Command::cargo_bin("heltid")
        .unwrap()
        .args(["scenario", fixture("scenario-six-weeks.toml").to_str().unwrap(), scenarios.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("variants[0].degrees.people.nobody"), "{stderr}");
    assert!(stderr.contains("variants[0].hires[0].skill"), "{stderr}");
}

#[test]
fn the_bundled_scenario_file_fits_its_instance() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("instances/mellerud-bengtsfors.toml")).unwrap();
    let base = heltid::io::parse_instance_file(&text, heltid::io::Format::Toml, "m.toml").unwrap();
    let path = root.join("instances/mellerud-bengtsfors.scenarios.toml");
    let file = heltid::scenario::ScenarioFile::load(&path).unwrap();
    let variants = heltid::scenario::prepare(&base, &file, &path).unwrap();
    assert_eq!(variants.len(), 4);
    let full = |i: usize| variants[i].instance.employees.iter().filter(|e| e.degree >= 1.0).count();
    assert_eq!(full(1), variants[1].instance.employees.len());
    assert!(full(0) * 100 / variants[0].instance.employees.len() >= 55);
}
