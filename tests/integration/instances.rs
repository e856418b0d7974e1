//! The bundled instances in `instances/`: every file loads and validates with the real loader,
//! has the headline figures instances/README.md promises, and is what `heltid generate` makes.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{Datelike, NaiveDate, Weekday};
use heltid::model::{EmployeeId, Instance, Level, Roster};
use heltid::rules::RuleId;

fn instances_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("instances")
}

/// Every instance file (`*.toml`, `*.json`; not scenario files) in `instances/`, sorted.
fn instance_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(instances_dir())
        .expect("instances/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml" || x == "json"))
        .filter(|p| !p.to_string_lossy().ends_with(".scenarios.toml"))
        .collect();
    files.sort();
    files
}

fn load(name: &str) -> Instance {
    heltid::io::load_instance(&instances_dir().join(format!("{name}.toml"))).unwrap()
}

/// Share of employees with a site in another municipality than their employer's.
fn cross_border_share(inst: &Instance) -> f64 {
    let cross = inst
        .employees
        .iter()
        .filter(|e| e.sites.iter().any(|s| inst.sites[s.idx()].municipality != e.employer))
        .count();
    cross as f64 / inst.employees.len() as f64
}

fn full_time_share(inst: &Instance) -> f64 {
    inst.employees.iter().filter(|e| e.degree >= 0.999).count() as f64 / inst.employees.len() as f64
}

#[test]
fn every_bundled_instance_loads_and_validates_with_few_warnings() {
    let files = instance_files();
    assert!(files.len() >= 3, "{files:?}");
    for path in &files {
        let (inst, warnings) =
            heltid::io::load_instance_with_warnings(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(warnings.len() <= 3, "{}: {warnings:?}", path.display());
        assert_eq!(inst.horizon.start().weekday(), Weekday::Mon, "{}", path.display());
        assert!(!inst.employees.is_empty());
        Command::cargo_bin("heltid").unwrap().arg("validate").arg(path).assert().code(0);
    }
}

#[test]
fn tiny_is_small_enough_to_read() {
    let inst = load("tiny");
    assert_eq!(inst.horizon.weeks(), 2);
    assert_eq!(inst.sites.len(), 1);
    assert!((6..=10).contains(&inst.employees.len()), "{}", inst.employees.len());
    assert!(inst.employees.iter().any(|e| e.night_worker));
    assert!(inst.employees.iter().any(|e| e.locked.iter().any(Option::is_some)));
    assert!(inst.employees.iter().any(|e| e.absence.iter().any(Option::is_some)));
    assert!(inst.employees.iter().any(|e| !e.history.is_empty()));
}

#[test]
fn mellerud_bengtsfors_has_the_promised_figures() {
    let inst = load("mellerud-bengtsfors");
    assert_eq!(inst.horizon.start(), NaiveDate::from_ymd_opt(2027, 3, 8).unwrap());
    assert_eq!(inst.horizon.weeks(), 6);
    assert!((110..=130).contains(&inst.employees.len()), "{}", inst.employees.len());
    let munis: Vec<&str> = inst.municipalities.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(munis, ["mellerud", "bengtsfors"]);

    // The spring DST change (Sunday 2027-03-28) is inside: that day is 23 hours long.
    let dst = inst.horizon.day_of(NaiveDate::from_ymd_opt(2027, 3, 28).unwrap());
    assert!(inst.horizon.contains(dst));
    assert_eq!(inst.horizon.day_start(dst + 1) - inst.horizon.day_start(dst), 23 * 60);
    // Easter: Långfredagen, Påskdagen and Annandag påsk are public holidays.
    let holidays: Vec<NaiveDate> =
        (0..inst.days()).filter(|&d| inst.holidays[d]).map(|d| inst.horizon.date(d as i32)).collect();
    let easter = ["2027-03-26", "2027-03-28", "2027-03-29"].map(|d| d.parse::<NaiveDate>().unwrap());
    assert_eq!(holidays, easter);

    let cross = cross_border_share(&inst);
    assert!((0.12..=0.18).contains(&cross), "cross-border share {cross}");
    let full = full_time_share(&inst);
    assert!((0.54..=0.60).contains(&full), "full-time share {full}");

    // Co-located units in Bäckefors, one of each municipality, 2 minutes apart.
    let backefors: Vec<usize> =
        inst.sites.iter().enumerate().filter(|(_, s)| s.name.starts_with("Bäckefors")).map(|(i, _)| i).collect();
    assert_eq!(backefors.len(), 2);
    let ns = inst.sites.len();
    assert_eq!(inst.travel[backefors[0] * ns + backefors[1]], 2);

    // Skills ssk, usk, vbt and service; usk may cover vbt.
    let skills: Vec<&str> = inst.skills.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(skills, ["ssk", "usk", "vbt", "service"]);
    let nk = inst.skills.len();
    assert!(inst.covers[nk + 2], "usk (1) covers vbt (2)");

    // Wishes, absences, locks and history are all there.
    let count = |f: &dyn Fn(&heltid::model::Employee) -> bool| inst.employees.iter().filter(|e| f(e)).count();
    assert!(count(&|e| !e.wishes.is_empty()) >= 20);
    assert!(count(&|e| e.absence.iter().any(Option::is_some)) >= 10);
    assert!(count(&|e| e.locked.iter().any(Option::is_some)) >= 3);
    assert!(count(&|e| !e.history.is_empty()) >= 20);
}

#[test]
fn dalsland_is_the_scale_instance() {
    let inst = load("dalsland");
    assert_eq!(inst.horizon.weeks(), 8);
    assert_eq!(inst.municipalities.len(), 5);
    assert!((900..=1100).contains(&inst.employees.len()), "{}", inst.employees.len());
    let full = full_time_share(&inst);
    assert!((0.54..=0.60).contains(&full), "full-time share {full}");
    assert!(cross_border_share(&inst) > 0.05);
}

/// A roster holding only the locked passes breaks no hard rule but the hours band (everyone
/// works too little): locks and history agree with rest, weekly rest, days in a row, weekends
/// and absence.
#[test]
fn locked_passes_and_history_keep_every_rule() {
    for path in instance_files() {
        let inst = heltid::io::load_instance(&path).unwrap();
        let mut roster = Roster::empty(&inst);
        for (e, emp) in inst.employees.iter().enumerate() {
            for (d, cell) in emp.locked.iter().enumerate() {
                if let Some(cell) = cell {
                    roster.set(EmployeeId(e as u16), d, *cell);
                }
            }
        }
        let eval = heltid::evaluate(&inst, &roster);
        let wrong: Vec<String> = eval
            .terms
            .iter()
            .filter(|(_, t)| t.level == Level::Hard && t.rule != RuleId::ContractMinutes)
            .map(|(e, t)| format!("{:?}: {}", e.map(|e| &inst.employees[e.idx()].id), heltid::eval::describe(&inst, t)))
            .collect();
        assert!(wrong.is_empty(), "{}: {wrong:#?}", path.display());
    }
}

/// The committed files are what the generator writes (the unit tests compare the library's
/// output; this checks the command line and `--out`).
#[test]
fn heltid_generate_writes_the_committed_files() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["tiny", "mellerud-bengtsfors"] {
        let out = dir.path().join(format!("{name}.toml"));
        Command::cargo_bin("heltid")
            .unwrap()
            .args(["generate", name, "--seed", "1", "--out"])
            .arg(&out)
            .assert()
            .code(0);
        let committed = std::fs::read_to_string(instances_dir().join(format!("{name}.toml"))).unwrap();
        assert!(std::fs::read_to_string(&out).unwrap() == committed, "{name}: regenerate instances/{name}.toml");
    }
    let stdout = Command::cargo_bin("heltid").unwrap().args(["generate", "tiny"]).output().unwrap().stdout;
    assert_eq!(String::from_utf8(stdout).unwrap(), std::fs::read_to_string(instances_dir().join("tiny.toml")).unwrap());
}

#[test]
fn heltid_generate_rejects_an_unknown_profile() {
    Command::cargo_bin("heltid").unwrap().args(["generate", "lilla-edet"]).assert().failure();
}
