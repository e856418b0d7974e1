//! `heltid check`: planted breaches are each reported, a clean roster exits 0, `--json` is one
//! readable document, bad input exits 2 naming the file and the place, and roster JSON
//! round-trips byte for byte.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The days of check-small.toml: two weeks from Monday 2027-01-04.
fn dates() -> Vec<String> {
    let start = chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    (0..14).map(|d| (start + chrono::Duration::days(d)).to_string()).collect()
}

/// A grid CSV from rows written like `"anna  D K - | D D -"` (`-` off, `|` ignored).
fn grid(rows: &[&str]) -> String {
    let mut out = format!("employee,{}\n", dates().join(","));
    for row in rows {
        let mut cells = row.split_whitespace().filter(|c| *c != "|");
        let id = cells.next().unwrap();
        let cells: Vec<&str> = cells.map(|c| if c == "-" { "" } else { c }).collect();
        assert_eq!(cells.len(), 14, "row {id}");
        out.push_str(&format!("{id},{}\n", cells.join(",")));
    }
    out
}

/// No hard rule broken (see the fixture's header): every week has 36 h rest, nobody works
/// more than 48 h a week or 6 days in a row, one weekend each at most, hours within ±11 h of
/// the 80 h target (74 h 17 min for david, absent on Friday 2027-01-15), the lock and the
/// absence kept (david's nights end before his vacation Friday starts at 00:00), every pass at
/// an allowed site in an allowed skill. Bo, employed by Bengtsfors,
/// works three days there and six in Mellerud.
const CLEAN: [&str; 7] = [
    "anna     D  D  D  D  D  -  -  |  D  D  D  D  D  -  -",
    "bo       BD BD BD -  -  D  D  |  -  D  D  D  D  -  -",
    "cecilia  SD SD SD SD SD -  -  |  K  K  K  K  K  -  -",
    "david    N  N  N  N  -  -  N  |  N  N  N  -  -  -  -",
    "eva      D  D  D  D  D  -  -  |  -  -  D  D  -  L  L",
    "fredrik  D  D  D  D  D  -  -  |  D  D  D  D  D  -  -",
    "gustav   D  D  D  D  D  -  -  |  D  D  D  D  D  -  -",
];

/// The clean roster with breaches planted:
/// - anna: Kväll Tuesday then Dag Wednesday (9 h 30 min rest; K→D forbidden); off on
///   Wednesday 2027-01-13 where she wished Dag (soft).
/// - bo: seven days in a row in week 1: 56 h, and no 36 h rest inside the week.
/// - cecilia: Dag instead of her locked SD on Monday.
/// - david: a Bengtsfors pass (not his site) on Monday; Natt on his vacation day.
/// - eva: both weekends.
/// - fredrik: three passes (24 h, far below the 69 h floor), one of them an ssk pass.
/// - gustav: Natt Wednesday then Kväll Thursday: 6 h 15 min rest across midnight, N→K
///   forbidden, 14 h 45 min of work in Thursday's 24 hours.
const PLANTED: [&str; 7] = [
    "anna     D  K  D  D  D  -  -  |  D  D  -  D  D  -  -",
    "bo       BD BD BD BD BD D  D  |  -  D  D  -  -  -  -",
    "cecilia  D  SD SD SD SD -  -  |  K  K  K  K  K  -  -",
    "david    BD N  N  N  -  -  -  |  N  N  N  -  N  -  -",
    "eva      D  D  D  -  -  D  D  |  -  -  D  D  -  D  D",
    "fredrik  D  SD D  -  -  -  -  |  -  -  -  -  -  -  -",
    "gustav   D  D  N  K  -  -  -  |  D  D  D  D  D  -  -",
];

/// Every (employee, rule) planted in [`PLANTED`]; all hard except the wish.
const PLANTED_BREACHES: [(&str, &str); 15] = [
    ("anna", "daily_rest"),
    ("anna", "forbidden_succession"),
    ("anna", "shift_on_requests"),
    ("bo", "max_consecutive_days"),
    ("bo", "max_weekly_work"),
    ("bo", "weekly_rest"),
    ("cecilia", "locked"),
    ("david", "eligibility"),
    ("david", "unavailable"),
    ("eva", "max_weekends"),
    ("fredrik", "contract_minutes"),
    ("fredrik", "eligibility"),
    ("gustav", "daily_rest"),
    ("gustav", "forbidden_succession"),
    ("gustav", "max_daily_work"),
];

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn check(instance: &Path, roster: &Path, json: bool) -> (i32, String, String) {
    let mut cmd = Command::cargo_bin("heltid").unwrap();
    cmd.arg("check").arg(instance).arg(roster);
    if json {
        cmd.arg("--json");
    }
    let out = cmd.output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

/// (employee id, rule name, hard) of every breach group in a `--json` report.
fn reported(report: &Value) -> BTreeSet<(String, String, bool)> {
    let mut out = BTreeSet::new();
    for e in report["employees"].as_array().unwrap() {
        for r in e["rules"].as_array().unwrap() {
            out.insert((
                e["id"].as_str().unwrap().to_string(),
                r["rule"].as_str().unwrap().to_string(),
                r["hard"].as_bool().unwrap(),
            ));
        }
    }
    out
}

/// The lines of one employee's block in the text report's breach section.
fn text_block<'a>(text: &'a str, employee: &str) -> Vec<&'a str> {
    let section = text.split("\nBreaches by employee").nth(1).unwrap();
    let section = section.split("\nCover problems by day").next().unwrap();
    let mut lines = section.lines().skip_while(|l| !l.starts_with(&format!("  {employee} ")));
    let head = lines.next().unwrap_or_else(|| panic!("no block for {employee} in:\n{text}"));
    std::iter::once(head).chain(lines.take_while(|l| l.starts_with("    "))).collect()
}

#[test]
fn the_fixture_follows_the_instance_schema() {
    let text = std::fs::read_to_string(fixture("check-small.toml")).unwrap();
    let file: heltid::io::dto::InstanceFile = toml::from_str(&text).unwrap();
    assert_eq!(file.staff.len(), CLEAN.len());
    assert_eq!(grid(&CLEAN).lines().count(), 8);
    assert_eq!(grid(&PLANTED).lines().count(), 8);
}

#[test]
fn planted_breaches_are_each_reported_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let roster = write(dir.path(), "planted.csv", &grid(&PLANTED));
    let instance = fixture("check-small.toml");

    let (code, stdout, stderr) = check(&instance, &roster, true);
    assert_eq!(code, 1, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let found = reported(&report);
    for (employee, rule) in PLANTED_BREACHES {
        let hard = rule != "shift_on_requests";
        assert!(
            found.contains(&(employee.to_string(), rule.to_string(), hard)),
            "{employee}: {rule} (hard: {hard}) not reported; found {found:?}"
        );
    }
    let hard: BTreeSet<_> = found.iter().filter(|f| f.2).map(|f| (f.0.as_str(), f.1.as_str())).collect();
    assert!(hard.len() >= 14, "{hard:?}");
    assert_eq!(report["feasible"], false);

    let (code, text, _) = check(&instance, &roster, false);
    assert_eq!(code, 1);
    assert!(text.contains("Result: NOT FEASIBLE"), "{text}");
    for (employee, rule) in PLANTED_BREACHES {
        let block = text_block(&text, employee);
        let marker = if rule == "shift_on_requests" { "soft" } else { "HARD" };
        assert!(
            block.iter().any(|l| l.trim_start().starts_with(&format!("{marker} {rule}:"))),
            "{employee}: no `{marker} {rule}` line in\n{}",
            block.join("\n")
        );
    }
    // Hard rules come before soft ones in each block, and every breach has its sentence.
    let anna = text_block(&text, "anna");
    let first_soft = anna.iter().position(|l| l.trim_start().starts_with("soft ")).unwrap();
    let last_hard = anna.iter().rposition(|l| l.trim_start().starts_with("HARD ")).unwrap();
    assert!(last_hard < first_soft, "{}", anna.join("\n"));
    assert!(anna.iter().any(|l| l.contains("2027-01-06") && l.contains("9 h 30 min")), "{}", anna.join("\n"));
    let gustav = text_block(&text, "gustav");
    assert!(gustav.iter().any(|l| l.contains("6 h 15 min")), "{}", gustav.join("\n"));
}

#[test]
fn a_roster_that_breaks_no_hard_rule_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let roster = write(dir.path(), "clean.csv", &grid(&CLEAN));
    let (code, text, stderr) = check(&fixture("check-small.toml"), &roster, false);
    assert_eq!(code, 0, "{text}\n{stderr}");
    assert!(text.contains("Result: feasible"), "{text}");
    assert!(!text.contains("HARD "), "{text}");
    for section in [
        "Breaches by employee",
        "Cover problems by day",
        "Soft cost by term",
        "Hours against target per employee",
        "Paid hours and cost per municipality",
        "Who pays for whom",
        "OB hours per municipality",
        "Uncovered demand per skill",
        "Wishes granted: 1 of 1",
    ] {
        assert!(text.contains(section), "no {section:?} in\n{text}");
    }
    // Bo is employed by Bengtsfors and works 48 of his 72 hours in Mellerud: Mellerud pays them.
    assert!(text.contains("Mellerud pays 48:00 h worked by staff employed by Bengtsfors"), "{text}");
    assert!(text.contains("bo Bo Berg (employed by Bengtsfors): Bengtsfors 24:00, Mellerud 48:00"), "{text}");
    // Every employee is listed against target, the worst first: david (80 h for 74 h 17 min).
    let hours = text.split("Hours against target per employee").nth(1).unwrap();
    let rows: Vec<&str> = hours.lines().skip(2).take(7).map(|l| l.split_whitespace().next().unwrap()).collect();
    assert_eq!(rows.len(), 7);
    assert_eq!(rows[0], "bo", "{hours}"); // 72 h against 80 h: 8 h under
}

#[test]
fn json_report_is_one_document_with_every_part() {
    let dir = tempfile::tempdir().unwrap();
    let roster = write(dir.path(), "clean.csv", &grid(&CLEAN));
    let (code, stdout, _) = check(&fixture("check-small.toml"), &roster, true);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&stdout).expect("stdout is exactly one JSON document");
    assert_eq!(v["instance"], "check-small");
    assert_eq!(v["feasible"], true);
    assert_eq!(v["hard_violations"], 0);
    assert!(reported(&v).iter().all(|r| !r.2));
    let soft: i64 = v["soft_by_term"].as_object().unwrap().values().map(|x| x.as_i64().unwrap()).sum();
    assert_eq!(v["soft"], soft);
    assert!(v["cover"].as_array().unwrap().iter().all(|d| d["date"].is_string() && d["rules"].is_array()));
    let s = &v["summary"];
    assert_eq!(s["employees"].as_array().unwrap().len(), 7);
    let bo = &s["employees"][1];
    assert_eq!(bo["scheduled_minutes"], 72 * 60);
    assert_eq!(bo["paid_by_municipality"]["mellerud"], 48 * 60);
    assert_eq!(bo["paid_by_municipality"]["bengtsfors"], 24 * 60);
    assert_eq!(bo["weekends_worked"], 1);
    let david = &s["employees"][3];
    assert_eq!(david["nights_worked"], 8);
    let ben = &s["municipalities"][1];
    assert_eq!(ben["id"], "bengtsfors");
    assert_eq!(ben["paid_minutes"], 24 * 60);
    assert!(ben["total_cost"].as_f64().unwrap() > 0.0);
    assert_eq!(s["municipalities"][0]["paid_by_employer"]["bengtsfors"], 48 * 60);
    assert_eq!(s["wishes"]["granted"], 1);
}

#[test]
fn roster_json_reads_and_writes_back_identically() {
    let dir = tempfile::tempdir().unwrap();
    let instance = fixture("check-small.toml");
    let inst = heltid::io::load_instance(&instance).unwrap();
    let csv = write(dir.path(), "planted.csv", &grid(&PLANTED));
    let roster = heltid::io::roster::read_roster(&inst, &csv).unwrap();
    let first = dir.path().join("first.json");
    heltid::io::roster::write_roster_json(&first, &inst, &roster, &heltid::evaluate(&inst, &roster)).unwrap();
    let again = heltid::io::roster::read_roster(&inst, &first).unwrap();
    assert_eq!(again, roster);
    let second = dir.path().join("second.json");
    heltid::io::roster::write_roster_json(&second, &inst, &again, &heltid::evaluate(&inst, &again)).unwrap();
    assert_eq!(std::fs::read(&first).unwrap(), std::fs::read(&second).unwrap());
    // The grid written back is the grid read.
    let grid_out = dir.path().join("out.csv");
    heltid::io::roster::write_grid(&grid_out, &inst, &again).unwrap();
    assert_eq!(std::fs::read_to_string(&grid_out).unwrap(), grid(&PLANTED));
    // The CLI reads the JSON form as it reads the grid.
    let (from_json, a, _) = check(&instance, &first, true);
    let (from_csv, b, _) = check(&instance, &csv, true);
    assert_eq!((from_json, &a), (from_csv, &b));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&first).unwrap()).unwrap();
    assert_eq!(doc["format"], "heltid.roster.v1");
    let bd = doc["assignments"].as_array().unwrap().iter().find(|a| a["shift"] == "BD").unwrap();
    assert_eq!(bd["municipality"], "bengtsfors");
    assert_eq!(bd["start"], "2027-01-04T07:00:00+01:00");
}

#[test]
fn unusable_input_exits_2_naming_file_and_place() {
    let dir = tempfile::tempdir().unwrap();
    let instance = fixture("check-small.toml");
    let mut rows = grid(&CLEAN);
    rows = rows.replacen("bo,BD,BD", "bo,BD,XX", 1);
    let roster = write(dir.path(), "bad.csv", &rows);
    let (code, stdout, stderr) = check(&instance, &roster, false);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("bad.csv") && stderr.contains("line 3, column 3"), "{stderr}");
    assert!(stderr.contains("unknown shift type \"XX\""), "{stderr}");

    let json = write(dir.path(), "bad.json", "{\"format\": \"heltid.roster.v1\", \"assignments\": [\n  {\"employee\": \"zoe\", \"date\": \"2027-01-04\", \"shift\": \"D\"}]}");
    let (code, _, stderr) = check(&instance, &json, true);
    assert_eq!(code, 2);
    assert!(stderr.contains("bad.json") && stderr.contains("assignments[0].employee"), "{stderr}");

    let (code, _, stderr) = check(&instance, &dir.path().join("missing.csv"), false);
    assert_eq!(code, 2);
    assert!(stderr.contains("missing.csv"), "{stderr}");
    let (code, _, stderr) = check(&dir.path().join("nowhere.toml"), &roster, false);
    assert_eq!(code, 2);
    assert!(stderr.contains("nowhere.toml"), "{stderr}");
}

/// Plants breaches in a roster for the bundled tiny instance, using only what the instance
/// offers, one kind per employee: the first works every day (days in a row, weekly rest, weekly
/// hours, weekends, the hours band); others get too short a rest, a forbidden succession, work
/// on a day of absence, a changed lock, a pass they may not work, and an empty line.
#[test]
fn planted_breaches_in_tiny_are_reported() {
    use heltid::model::{Cell, EmployeeId, Level, Roster, TaskId};
    let instance = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/tiny.toml");
    let inst = &heltid::io::load_instance(&instance).unwrap();
    let (days, nt, ne) = (inst.days(), inst.tasks.len() as u16, inst.employees.len());
    let eligible = |e: usize| (0..nt).map(TaskId).filter(move |&t| inst.is_eligible(EmployeeId(e as u16), t));
    let shift = |t: TaskId| inst.tasks[t.idx()].shift;
    let hard = |l: Level| l == Level::Hard;
    let mut roster = Roster::empty(inst);
    let mut planted: Vec<(String, &str)> = Vec::new();
    let mut used = vec![false; ne];

    // The first employee: the longest pass they may work, every day.
    let e0 = &inst.employees[0];
    let long = eligible(0).max_by_key(|&t| inst.times.paid(0, shift(t))).expect("employee 0 may work something");
    let paid = inst.times.paid(0, shift(long));
    for d in 0..days {
        roster.set(EmployeeId(0), d, Cell::work(long, false));
    }
    used[0] = true;
    let c = &e0.contract;
    let mut plant0 = |rule, yes: bool| {
        if yes {
            planted.push((e0.id.clone(), rule));
        }
    };
    plant0(
        "max_consecutive_days",
        c.max_consecutive_days.as_ref().is_some_and(|l| hard(l.level) && days > l.value as usize),
    );
    plant0(
        "weekly_rest",
        c.weekly_rest.as_ref().is_some_and(|l| hard(l.level) && days >= 7 && l.value > 24 * 60 - paid),
    );
    plant0(
        "max_weekly_work",
        c.max_weekly_work.as_ref().is_some_and(|l| hard(l.level) && days >= 7 && 7 * paid > l.value),
    );
    plant0(
        "max_weekends",
        c.max_weekends
            .as_ref()
            .is_some_and(|l| hard(l.level) && inst.weekends().min(l.value.window as usize) > l.value.max as usize),
    );
    plant0(
        "contract_minutes",
        c.contract_minutes.as_ref().is_some_and(|l| hard(l.level) && paid * days as i32 > l.value.max),
    );

    let next_free = |used: &[bool], ok: &dyn Fn(usize) -> bool| (1..ne).find(|&e| !used[e] && ok(e));

    // Too short a rest: a pass, then the earliest-starting pass the next day.
    let short_rest = |e: usize| {
        let rest = inst.employees[e].contract.daily_rest.as_ref().filter(|l| hard(l.level))?;
        eligible(e)
            .flat_map(|a| eligible(e).map(move |b| (a, b)))
            .map(|(a, b)| (inst.times.start(1, shift(b)) - inst.times.end(0, shift(a)), a, b))
            .filter(|&(gap, _, _)| gap > 0 && gap < rest.value)
            .min_by_key(|x| x.0)
    };
    if let Some(e) = next_free(&used, &|e| short_rest(e).is_some()) {
        let (_, a, b) = short_rest(e).unwrap();
        roster.set(EmployeeId(e as u16), 0, Cell::work(a, false));
        roster.set(EmployeeId(e as u16), 1, Cell::work(b, false));
        used[e] = true;
        planted.push((inst.employees[e].id.clone(), "daily_rest"));
    }

    // A forbidden succession.
    let ns = inst.shifts.len();
    let forbidden = |e: usize| {
        let f = inst.rules.forbidden_succession.as_ref().filter(|l| hard(l.level))?;
        eligible(e)
            .flat_map(|a| eligible(e).map(move |b| (a, b)))
            .find(|&(a, b)| f.value[shift(a).idx() * ns + shift(b).idx()])
    };
    if let Some(e) = next_free(&used, &|e| forbidden(e).is_some()) {
        let (a, b) = forbidden(e).unwrap();
        roster.set(EmployeeId(e as u16), 2, Cell::work(a, false));
        roster.set(EmployeeId(e as u16), 3, Cell::work(b, false));
        used[e] = true;
        planted.push((inst.employees[e].id.clone(), "forbidden_succession"));
    }

    // Work on a day of absence.
    let absent_day = |e: usize| inst.employees[e].absence.iter().position(Option::is_some);
    if hard(inst.rules.unavailable) {
        if let Some(e) = next_free(&used, &|e| absent_day(e).is_some() && eligible(e).next().is_some()) {
            let t = eligible(e).next().unwrap();
            roster.set(EmployeeId(e as u16), absent_day(e).unwrap(), Cell::work(t, false));
            used[e] = true;
            planted.push((inst.employees[e].id.clone(), "unavailable"));
        }
    }

    // A lock not kept (leaving a locked pass off, or working a locked day off).
    let lock = |e: usize| inst.employees[e].locked.iter().enumerate().find_map(|(d, l)| l.map(|l| (d, l)));
    if hard(inst.rules.locked) {
        if let Some(e) = next_free(&used, &|e| lock(e).is_some() && eligible(e).next().is_some()) {
            let (d, l) = lock(e).unwrap();
            let other = if l.is_work() { Cell::OFF } else { Cell::work(eligible(e).next().unwrap(), false) };
            roster.set(EmployeeId(e as u16), d, other);
            used[e] = true;
            planted.push((inst.employees[e].id.clone(), "locked"));
        }
    }
    // Every lock of the others is kept, so only the planted one breaks.
    for (e, emp) in inst.employees.iter().enumerate().filter(|&(e, _)| !used[e]) {
        for (d, l) in emp.locked.iter().enumerate() {
            if let Some(l) = l {
                roster.set(EmployeeId(e as u16), d, *l);
            }
        }
    }

    // A pass the employee may not work.
    let foreign = |e: usize| (0..nt).map(TaskId).find(|&t| !inst.is_eligible(EmployeeId(e as u16), t));
    if hard(inst.rules.eligibility) {
        if let Some(e) = next_free(&used, &|e| foreign(e).is_some()) {
            let d =
                (0..days).find(|&d| inst.employees[e].absence[d].is_none() && inst.employees[e].locked[d].is_none());
            if let Some(d) = d {
                roster.set(EmployeeId(e as u16), d, Cell::work(foreign(e).unwrap(), false));
                used[e] = true;
                planted.push((inst.employees[e].id.clone(), "eligibility"));
            }
        }
    }

    // An empty line: below the hours band.
    let below = |e: usize| {
        inst.employees[e].contract.contract_minutes.as_ref().is_some_and(|l| hard(l.level) && l.value.min > 0)
            && inst.employees[e].locked.iter().all(|l| l.is_none_or(|c| !c.is_work()))
    };
    if let Some(e) = next_free(&used, &below) {
        used[e] = true;
        planted.push((inst.employees[e].id.clone(), "contract_minutes"));
    }
    eprintln!("planted in tiny: {planted:?}");
    assert!(planted.len() >= 5, "tiny offers too little to plant: {planted:?}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny-planted.json");
    heltid::io::roster::write_roster_json(&path, inst, &roster, &heltid::evaluate(inst, &roster)).unwrap();
    let (code, stdout, stderr) = check(&instance, &path, true);
    assert_eq!(code, 1, "{stderr}");
    let found = reported(&serde_json::from_str(&stdout).unwrap());
    for (employee, rule) in &planted {
        assert!(found.contains(&(employee.clone(), rule.to_string(), true)), "{employee}: {rule} not in {found:?}");
    }
    let (code, text, _) = check(&instance, &path, false);
    assert_eq!(code, 1);
    for (employee, rule) in &planted {
        let block = text_block(&text, employee);
        assert!(block.iter().any(|l| l.trim_start().starts_with(&format!("HARD {rule}:"))), "{employee} {rule}");
    }
}

/// A hand-written roster for the bundled tiny instance (2027-01-04 to 01-17; Dag 07:00–15:30,
/// Kväll 13:30–21:30, Natt 21:15–07:15, Helg lång 07:00–20:00) with fourteen planted breaches,
/// each worked out by hand:
/// - m001 works Dag on 01-05, inside her vacation (01-04 to 01-08): `unavailable`;
/// - m002 works Kväll on 01-05 (ends 21:30), Dag on 01-06 (starts 07:00): 9 h 30 min rest, `daily_rest`;
/// - m003 works Dag all 14 days: 14 days in a row (`max_consecutive_days`), no 36 h off in either
///   week (`weekly_rest`), 56 h in each week (`max_weekly_work` 48 h), both weekends
///   (`max_weekends` 1 in 2), 112 h against a target of 76 h 30 min (`contract_minutes` ± 11 h) and
///   the soft `hours_deviation`;
/// - m004 is off on 01-14, where a Dag is locked (`locked`), and off on 01-05, where she wished a
///   Dag (`shift_on_requests`);
/// - m005 works Helg lång on Saturday 01-09 only (`whole_weekends`);
/// - m006 has an empty line: below her hours band (`contract_minutes`);
/// - m007, a night worker, works Natt (10 h paid) all 14 nights: 140 h, where 8 h per 24 h over
///   the 12 days left after weekly rest allows 96 h (`night_work`).
#[test]
fn fourteen_planted_breaches_in_tiny_are_each_reported_and_exit_1() {
    let instance = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/tiny.toml");
    let header: Vec<String> = (4..=17).map(|d| format!("2027-01-{d:02}")).collect();
    let row = |id: &str, cells: [&str; 14]| format!("{id},{}", cells.join(","));
    let d = "MB1-D";
    let grid = [
        format!("employee,{}", header.join(",")),
        row("m001", ["", d, "", "", "", "", "", "", "", "", "", "", "", ""]),
        row("m002", ["", "MB1-K", d, "", "", "", "", "", "", "", "", "", "", ""]),
        row("m003", [d; 14]),
        row("m004", ["", "", "", "", "", "", "", "", "", "", "", "", "", ""]),
        row("m005", ["", "", "", "", "", "MB1-HL", "", "", "", "", "", "", "", ""]),
        row("m006", [""; 14]),
        row("m007", ["MB1-N"; 14]),
    ]
    .join("\n");
    let planted = [
        ("m001", "unavailable", true),
        ("m002", "daily_rest", true),
        ("m003", "max_consecutive_days", true),
        ("m003", "weekly_rest", true),
        ("m003", "max_weekly_work", true),
        ("m003", "max_weekends", true),
        ("m003", "contract_minutes", true),
        ("m003", "hours_deviation", false),
        ("m004", "locked", true),
        ("m004", "shift_on_requests", false),
        ("m005", "whole_weekends", false),
        ("m006", "contract_minutes", true),
        ("m007", "night_work", true),
    ];
    let dir = tempfile::tempdir().unwrap();
    let roster = write(dir.path(), "tiny-planted.csv", &format!("{grid}\n"));
    let (code, stdout, stderr) = check(&instance, &roster, true);
    assert_eq!(code, 1, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let found = reported(&report);
    for (employee, rule, hard) in planted {
        assert!(
            found.contains(&(employee.to_string(), rule.to_string(), hard)),
            "{employee}: {rule} (hard: {hard}) not reported; found {found:?}"
        );
    }
    // The fourteenth: days without their minimum cover (one Kväll a day at least, and more).
    let cover_min = report["cover"]
        .as_array()
        .unwrap()
        .iter()
        .any(|day| day["rules"].as_array().unwrap().iter().any(|r| r["rule"] == "cover_min"));
    assert!(cover_min, "no cover_min breach in {}", report["cover"]);
    let (code, text, _) = check(&instance, &roster, false);
    assert_eq!(code, 1);
    for (employee, rule, hard) in planted {
        let marker = if hard { "HARD" } else { "soft" };
        let block = text_block(&text, employee);
        assert!(block.iter().any(|l| l.trim_start().starts_with(&format!("{marker} {rule}:"))), "{employee} {rule}");
    }
}
