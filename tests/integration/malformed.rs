//! Instance files through the CLI: every malformed input gives exit code 2 and an error naming
//! the file and the place (line and column, or field path) without a panic; the small valid
//! fixture loads, and its TOML and JSON versions give the same instance.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const SMALL_TOML: &str = include_str!("../fixtures/small.toml");
const SMALL_JSON: &str = include_str!("../fixtures/small.json");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The fixture with one piece of text replaced (which must be there).
fn edit(base: &str, from: &str, to: &str) -> String {
    assert!(base.contains(from), "the fixture lacks {from:?}");
    base.replacen(from, to, 1)
}

struct Case {
    name: &'static str,
    file: &'static str,
    text: String,
    /// Every one of these must appear in stderr (the place, and words of the message).
    expect: &'static [&'static str],
}

fn case(name: &'static str, file: &'static str, text: String, expect: &'static [&'static str]) -> Case {
    Case { name, file, text, expect }
}

fn cases() -> Vec<Case> {
    let t = SMALL_TOML;
    let j = SMALL_JSON;
    vec![
        case("truncated TOML", "truncated.toml", t[..700].to_string(), &["line 51, column", "quoted"]),
        case(
            "wrong type",
            "type.toml",
            edit(t, "degree = 0.9", "degree = \"high\""),
            &["staff[2].degree", "line 83, column 10", "invalid type"],
        ),
        case(
            "unknown field",
            "field.toml",
            edit(t, "dygnsbryt = ", "dygnsbrytt = "),
            &["staff[2].dygnsbrytt", "line 86, column 1", "unknown field"],
        ),
        case(
            "missing field",
            "missing.toml",
            edit(
                t,
                "employer = \"mellerud\"\ndegree = 1.0\nskills = [\"usk\"]\nsites = [\"solgarden\"]\nhistory",
                "degree = 1.0\nskills = [\"usk\"]\nsites = [\"solgarden\"]\nhistory",
            ),
            &["staff[0]", "line 60, column 1", "missing field `employer`"],
        ),
        case(
            "unknown site id",
            "site.toml",
            edit(t, "sites = [\"solgarden\"]\nhistory", "sites = [\"solgarden\", \"nowhere\"]\nhistory"),
            &["staff[0].sites[1]", "line 66, column 23", "unknown site \"nowhere\""],
        ),
        case(
            "unknown shift in demand",
            "demand.toml",
            edit(t, "shift = \"K\"\nskill = \"usk\"", "shift = \"Q\"\nskill = \"usk\""),
            &["demand[2].shift", "line 55, column 9", "unknown shift type \"Q\""],
        ),
        case(
            "bad date",
            "date.toml",
            edit(t, "2027-01-03", "2027-02-30"),
            &["staff[0].history[0].date", "line 67", "bad date"],
        ),
        case(
            "start not a Monday",
            "tuesday.toml",
            edit(t, "start = \"2027-01-04\"", "start = \"2027-01-05\""),
            &["horizon.start", "line 5, column 9", "Monday"],
        ),
        case(
            "too many weeks",
            "weeks.toml",
            edit(t, "weeks = 1", "weeks = 20"),
            &["horizon.weeks", "line 6, column 9", "between 1 and 16"],
        ),
        case(
            "unknown time zone",
            "tz.toml",
            edit(t, "weeks = 1\n", "weeks = 1\ntimezone = \"Europe/Dalsland\"\n"),
            &["horizon.timezone", "line 7, column 12", "unknown time zone"],
        ),
        case(
            "degree 1.5",
            "degree.toml",
            edit(t, "degree = 0.9", "degree = 1.5"),
            &["staff[2].degree", "line 83, column 10", "at most 1"],
        ),
        case(
            "long shift without rast",
            "rast.toml",
            edit(t, "end = \"15:30\"\nrast = 30", "end = \"15:30\""),
            &["shifts[0]", "line 27, column 1", "neither rast nor paid_meal"],
        ),
        case(
            "split shift",
            "split.toml",
            edit(t, "end = \"15:30\"\nrast = 30", "end = \"18:00\"\nrast = 150"),
            &["shifts[0].rast", "line 33", "split shift (delad tur)"],
        ),
        case(
            "a lock that breaks daily rest after the history",
            "lock-rest.toml",
            edit(
                t,
                "history = [{ date = \"2027-01-03\", shift = \"K\" }]",
                "history = [{ date = \"2027-01-03\", shift = \"K\" }]\nlocked = [{ date = \"2027-01-04\", shift = \"D\" }]",
            ),
            &["staff[0].locked", "daily_rest", "9 h 30 min"],
        ),
        case(
            "overlapping absences",
            "absence.toml",
            edit(
                t,
                "kind = \"vacation\" }]",
                "kind = \"vacation\" }, { from = \"2027-01-08\", to = \"2027-01-09\", kind = \"leave\" }]",
            ),
            &["staff[3].absences[1]", "line 95, column 76", "overlaps staff[3].absences[0]"],
        ),
        case(
            "locked pass without the skill",
            "locked.toml",
            edit(
                t,
                "dygnsbryt = \"06:00\"",
                "dygnsbryt = \"06:00\"\nlocked = [{ date = \"2027-01-05\", shift = \"K\", skill = \"usk\" }]",
            ),
            &["staff[2].locked[0].skill", "line 87", "holds no skill"],
        ),
        case(
            "rule parameter it does not take",
            "rule.toml",
            edit(t, "forbidden_succession = { pairs = [[\"K\", \"D\"]] }", "daily_rest = { days = 2 }"),
            &["defaults.rules.daily_rest.days", "line 99, column 23", "does not take `days`"],
        ),
        case(
            "daily rest below 9 h",
            "rest.toml",
            edit(t, "forbidden_succession = { pairs = [[\"K\", \"D\"]] }", "daily_rest = { hours = 8 }"),
            &["defaults.rules.daily_rest.hours", "line 99, column 24", "never lower"],
        ),
        case(
            "wish without shift",
            "wish.toml",
            edit(t, "kind = \"off\"", "kind = \"want\""),
            &["staff[1].wishes[0]", "line 77, column 11", "needs a `shift`"],
        ),
        case(
            "duplicate ids",
            "dup.toml",
            edit(t, "id = \"bo\"", "id = \"anna\""),
            &["staff[1].id", "line 70, column 6", "duplicate employee id \"anna\""],
        ),
        // Written as Latin-1 bytes by `run_validate`.
        case("not UTF-8", "latin1.toml", String::new(), &["line 1, column 13", "not UTF-8"]),
        case("empty file", "empty.toml", String::new(), &["missing field"]),
        case("bad JSON", "bad.json", j[..j.len() / 2].to_string(), &["bad.json", "line ", "column"]),
        case(
            "JSON with a trailing comma",
            "comma.json",
            edit(j, "\"weeks\": 1,", "\"weeks\": 1,,"),
            &["line 5, column"],
        ),
        case(
            "JSON wrong type",
            "type.json",
            edit(j, "\"weeks\": 1", "\"weeks\": -1"),
            &["line 5, column", "invalid value"],
        ),
        case(
            "JSON invalid content",
            "degree.json",
            edit(j, "\"degree\": 0.9", "\"degree\": 1.5"),
            &["staff[2].degree", "at most 1"],
        ),
    ]
}

fn run_validate(dir: &Path, c: &Case) -> (i32, String) {
    let path = dir.join(c.file);
    if c.name == "not UTF-8" {
        std::fs::write(&path, b"name = \"Solg\xe5rden\"\n").unwrap();
    } else {
        std::fs::write(&path, &c.text).unwrap();
    }
    let out = Command::cargo_bin("heltid").unwrap().arg("validate").arg(&path).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn malformed_instances_fail_cleanly_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let all = cases();
    assert!(all.len() >= 15);
    for c in &all {
        let (code, stderr) = run_validate(dir.path(), c);
        let mut wrong = Vec::new();
        if code != 2 {
            wrong.push(format!("exit code {code}"));
        }
        if stderr.contains("panicked") {
            wrong.push("panicked".into());
        }
        if !stderr.contains(c.file) {
            wrong.push("the file is not named".into());
        }
        let paths = ["staff[", "horizon.", "shifts[", "demand[", "defaults."];
        if !(stderr.contains("line ") && stderr.contains(", column ") || paths.iter().any(|p| stderr.contains(p))) {
            wrong.push("no place given".into());
        }
        for e in c.expect {
            if !stderr.contains(e) {
                wrong.push(format!("lacks {e:?}"));
            }
        }
        if !wrong.is_empty() {
            failures.push(format!("{}: {}\n{stderr}", c.name, wrong.join(", ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_problem_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let text = edit(
        &edit(&edit(SMALL_TOML, "degree = 0.9", "degree = 1.5"), "weeks = 1", "weeks = 0"),
        "end = \"15:30\"\nrast = 30",
        "end = \"15:30\"",
    );
    let c = case("several", "several.toml", text, &[]);
    let (code, stderr) = run_validate(dir.path(), &c);
    assert_eq!(code, 2);
    assert!(stderr.contains("3 problems found"), "{stderr}");
    for place in ["horizon.weeks", "shifts[0]", "staff[2].degree"] {
        assert!(stderr.contains(place), "{place} missing in {stderr}");
    }
}

#[test]
fn missing_file_is_bad_input() {
    let out = Command::cargo_bin("heltid").unwrap().args(["validate", "no/such/instance.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/instance.toml"));
}

#[test]
fn import_staff_rejects_bad_csv_and_leaves_the_instance_alone() {
    let dir = tempfile::tempdir().unwrap();
    let inst = dir.path().join("unit.toml");
    std::fs::write(&inst, SMALL_TOML).unwrap();
    let cases: [(&str, &str, &[&str]); 4] = [
        (
            "degree.csv",
            "id,name,employer,degree,skills,sites\nerik,Erik,mellerud,lots,usk,solgarden\n",
            &["degree.csv", "line 2, column 4 (degree)"],
        ),
        (
            "header.csv",
            "id,name,employer,grad,skills,sites\n",
            &["header.csv", "line 1, column 4", "unknown column \"grad\""],
        ),
        ("short.csv", "id,name,employer,degree,skills,sites\nerik,Erik\n", &["short.csv", "line 2, column 3"]),
        (
            "skill.csv",
            "id,name,employer,degree,skills,sites\nerik,Erik,mellerud,100%,ssk,solgarden\n",
            &["unit.toml", "staff[4].skills[0]", "unknown skill \"ssk\"", "skill.csv line 2"],
        ),
    ];
    for (name, csv, expect) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, csv).unwrap();
        let out = Command::cargo_bin("heltid").unwrap().arg("import-staff").arg(&inst).arg(&path).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        for e in expect {
            assert!(stderr.contains(e), "{name}: lacks {e:?} in {stderr}");
        }
    }
    assert_eq!(std::fs::read_to_string(&inst).unwrap(), SMALL_TOML);
}

#[test]
fn import_staff_merges_and_writes_a_valid_instance() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("hr.csv");
    std::fs::write(
        &csv,
        "id,name,employer,degree,skills,sites,night_worker\n\
         bo,Bo Berg,mellerud,90%,usk,solgarden,\n\
         erik,Erik Ek,mellerud,75,usk;vbt,solgarden,ja\n",
    )
    .unwrap();
    for (name, text) in [("unit.toml", SMALL_TOML), ("unit.json", SMALL_JSON)] {
        let inst = dir.path().join(name);
        std::fs::write(&inst, text).unwrap();
        let out = dir.path().join(format!("out-{name}"));
        let run = Command::cargo_bin("heltid")
            .unwrap()
            .arg("import-staff")
            .arg(&inst)
            .arg(&csv)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
        assert!(String::from_utf8_lossy(&run.stdout).contains("1 added, 1 updated"));
        let merged = heltid::io::load_instance(&out).unwrap();
        assert_eq!(merged.employees.len(), 5);
        let bo = &merged.employees[1];
        assert_eq!((bo.degree, bo.group.as_deref()), (0.9, Some("helg")));
        assert!(merged.employees[4].night_worker);
        assert_eq!(std::fs::read_to_string(&inst).unwrap(), text, "the input is left alone with --out");
    }
}

#[test]
fn the_small_fixture_validates() {
    let out = Command::cargo_bin("heltid").unwrap().arg("validate").arg(fixture("small.toml")).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("4 (3.65 full-time equivalents)"), "{stdout}");
    assert!(stdout.contains("mellerud: 1 (solgarden)"), "{stdout}");
    assert!(stdout.contains("148.5 h at target"), "{stdout}");
    assert!(stdout.contains("\nvalid\n"), "{stdout}");
}

#[test]
fn toml_and_json_give_the_same_instance() {
    let toml = heltid::io::load_instance(&fixture("small.toml")).unwrap();
    let json = heltid::io::load_instance(&fixture("small.json")).unwrap();
    assert_eq!(toml.employees.len(), 4);
    assert_eq!(toml.tasks.len(), 3);
    assert_eq!(format!("{toml:#?}"), format!("{json:#?}"));
}
