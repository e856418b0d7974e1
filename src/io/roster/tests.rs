use std::path::Path;

use super::*;
use crate::eval::evaluate;
use crate::model::{Cell, DemandCell, SiteId, SkillId, Task};
use crate::rules::testkit::Kit;
use crate::{ErrorKind, Problem};

/// Kit's instance (usk `e1` at site A) plus `e2`, an ssk-and-usk shared with site B, and a
/// second task on Dag: Dag worked as ssk (task 6).
fn instance() -> Instance {
    let mut inst = Kit::swedish().instance(14);
    let mut e2 = inst.employees[0].clone();
    e2.id = "e2".into();
    e2.name = "Delad, Person".into();
    e2.skills = vec![SkillId(1), SkillId(0)];
    e2.sites = vec![SiteId(0), SiteId(1)];
    inst.employees.push(e2);
    add_task(&mut inst, Task { shift: ShiftId(0), skill: SkillId(1) });
    inst.finish();
    inst
}

/// Appends a task, re-laying the dense `days × tasks` tables.
fn add_task(inst: &mut Instance, task: Task) {
    let nt = inst.tasks.len();
    inst.resource_cost = inst.resource_cost.chunks(nt).flat_map(|c| c.iter().copied().chain([0])).collect();
    inst.demand = inst.demand.chunks(nt).flat_map(|c| c.iter().copied().chain([DemandCell::default()])).collect();
    inst.tasks.push(task);
}

fn work(task: u16, resource: bool) -> Cell {
    Cell::work(TaskId(task), resource)
}

fn sample(inst: &Instance) -> Roster {
    let mut r = Roster::empty(inst);
    r.set(EmployeeId(0), 0, work(0, false)); // D usk
    r.set(EmployeeId(0), 1, work(1, false)); // K
    r.set(EmployeeId(0), 4, work(2, false)); // N Friday night
    r.set(EmployeeId(0), 13, work(3, true)); // L resource shift on the last day
    r.set(EmployeeId(1), 0, work(6, false)); // D as ssk
    r.set(EmployeeId(1), 2, work(5, false)); // B at site B (the other municipality)
    r.set(EmployeeId(1), 3, work(4, true)); // S resource
    r
}

fn problems(err: crate::Error) -> Vec<Problem> {
    match err.kind {
        ErrorKind::Invalid(p) => p,
        other => panic!("expected invalid content, got {other:?}"),
    }
}

fn paths(err: crate::Error) -> Vec<String> {
    problems(err).into_iter().map(|p| p.path).collect()
}

#[test]
fn json_round_trip_gives_the_same_roster_and_the_same_text() {
    let inst = instance();
    let roster = sample(&inst);
    let eval = evaluate(&inst, &roster);
    let text = to_json(&to_file(&inst, &roster, &eval));
    let back = parse_json(&inst, &text).unwrap();
    assert_eq!(back, roster);
    assert_eq!(to_json(&to_file(&inst, &back, &evaluate(&inst, &back))), text);
}

#[test]
fn json_follows_the_roster_format() {
    let inst = instance();
    let roster = sample(&inst);
    let eval = evaluate(&inst, &roster);
    let v: serde_json::Value = serde_json::from_str(&to_json(&to_file(&inst, &roster, &eval))).unwrap();
    assert_eq!(v["format"], "heltid.roster.v1");
    assert_eq!(v["instance"], "kit");
    assert_eq!(v["timezone"], "Europe/Stockholm");
    assert_eq!(v["horizon"], serde_json::json!({"start": "2027-01-04", "days": 14}));
    assert_eq!(
        v["employees"][0],
        serde_json::json!({"id": "e1", "name": "Test Person", "employer": "m1",
            "target_minutes": 0, "scheduled_minutes": 480 + 450 + 600 + 750})
    );
    assert_eq!(
        v["assignments"][2],
        serde_json::json!({"employee": "e1", "date": "2027-01-08", "shift": "N", "skill": "usk", "site": "A",
            "municipality": "m1", "start": "2027-01-08T21:15:00+01:00", "end": "2027-01-09T07:15:00+01:00",
            "paid_minutes": 600, "resource": false})
    );
    let b = &v["assignments"][5];
    assert_eq!(
        (b["shift"].as_str(), b["site"].as_str(), b["municipality"].as_str()),
        (Some("B"), Some("B"), Some("m2"))
    );
    assert_eq!(v["assignments"][4]["skill"], "ssk");
    assert_eq!(v["assignments"][3]["resource"], true);
    assert_eq!(v["objective"]["feasible"], eval.score.is_feasible());
    assert_eq!(v["objective"]["soft"], eval.score.soft);
    assert_eq!(v["objective"]["hard_violations"], eval.hard_violations());
    let terms = v["objective"]["terms"].as_object().unwrap();
    assert_eq!(terms.values().map(|t| t.as_i64().unwrap()).sum::<i64>(), eval.score.soft);
    assert!(v["lower_bound"].is_null());
}

#[test]
fn json_times_carry_the_offset_in_force() {
    // 2027-03-28 is the spring change: a Saturday night pass starts in CET and ends in CEST.
    let inst = Kit::swedish_from("2027-03-22").instance(14);
    let mut r = Roster::empty(&inst);
    r.set(EmployeeId(0), 5, work(2, false));
    let f = to_file(&inst, &r, &evaluate(&inst, &r));
    let a = &f.assignments[0];
    assert_eq!(a.start.as_deref(), Some("2027-03-27T21:15:00+01:00"));
    assert_eq!(a.end.as_deref(), Some("2027-03-28T07:15:00+02:00"));
    assert_eq!(a.paid_minutes, Some(540));
}

#[test]
fn json_errors_name_the_field_and_what_is_wrong() {
    let inst = instance();
    let a = |employee: &str, date: &str, shift: &str| AssignmentDto {
        employee: employee.into(),
        date: date.into(),
        shift: shift.into(),
        ..Default::default()
    };
    let mut file = RosterFile {
        format: "heltid.roster.v0".into(),
        horizon: HorizonOut { start: "2027-01-11".into(), days: 14 },
        assignments: vec![
            a("e1", "2027-01-04", "D"),
            a("nobody", "2027-01-04", "D"),
            a("e1", "2027-02-01", "D"),
            a("e1", "4 jan", "D"),
            a("e1", "2027-01-05", "X"),
            AssignmentDto { skill: Some("vbt".into()), ..a("e1", "2027-01-06", "D") },
            AssignmentDto { skill: Some("ssk".into()), ..a("e1", "2027-01-07", "K") },
            a("e1", "2027-01-04", "K"),
            AssignmentDto { site: Some("B".into()), ..a("e2", "2027-01-04", "D") },
            AssignmentDto { start: Some("2027-01-05T08:00:00+01:00".into()), ..a("e2", "2027-01-05", "D") },
            AssignmentDto { end: Some("tomorrow".into()), paid_minutes: Some(1), ..a("e2", "2027-01-06", "D") },
        ],
        ..Default::default()
    };
    let err = from_file(&inst, &file).unwrap_err();
    let found = problems(err);
    let p: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        p,
        [
            "format",
            "horizon.start",
            "assignments[1].employee",
            "assignments[2].date",
            "assignments[3].date",
            "assignments[4].shift",
            "assignments[5].skill",
            "assignments[6].skill",
            "assignments[7]",
            "assignments[8].site",
            "assignments[9].start",
            "assignments[10].end",
            "assignments[10].paid_minutes",
        ]
    );
    let msg = |i: usize| found[i].message.as_str();
    assert!(msg(2).contains("unknown employee \"nobody\""), "{}", msg(2));
    assert!(msg(3).contains("2027-02-01 is outside the horizon (2027-01-04 to 2027-01-17)"), "{}", msg(3));
    assert!(msg(4).contains("not a date"), "{}", msg(4));
    assert!(msg(5).contains("unknown shift type \"X\""), "{}", msg(5));
    assert!(msg(6).contains("unknown skill \"vbt\""), "{}", msg(6));
    assert!(msg(7).contains("never worked as \"ssk\""), "{}", msg(7));
    assert!(msg(8).contains("already has a pass on 2027-01-04 (assignments[0])"), "{}", msg(8));
    assert!(msg(9).contains("worked at \"A\""), "{}", msg(9));
    assert!(msg(10).contains("starts 2027-01-05T07:00:00+01:00"), "{}", msg(10));
    file.format = FORMAT.into();
    file.horizon.start = "2027-01-04".into();
    file.assignments.truncate(1);
    assert!(from_file(&inst, &file).is_ok());
}

#[test]
fn json_syntax_errors_have_line_and_column() {
    let inst = instance();
    let err = parse_json(&inst, "{\n  \"format\": \"heltid.roster.v1\",\n  \"assignments\": [,]\n}").unwrap_err();
    match err.kind {
        ErrorKind::Syntax(p) => {
            assert_eq!(p.position.map(|p| p.0), Some(3));
            assert!(!p.message.contains("at line"), "{}", p.message);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn minimal_json_reads_with_skills_chosen_by_demand() {
    let mut inst = instance();
    // Dag on Monday has ssk demand only: e2 (ssk, usk) is read as ssk there. e1 (usk only)
    // works Dag as usk.
    let nt = inst.tasks.len();
    inst.demand[6] = DemandCell { min: 1, target: 1, ..Default::default() };
    inst.demand[nt] = DemandCell { min: 1, target: 1, ..Default::default() }; // Tuesday usk Dag
    let text = r#"{"format": "heltid.roster.v1", "assignments": [
        {"employee": "e2", "date": "2027-01-04", "shift": "D"},
        {"employee": "e2", "date": "2027-01-05", "shift": "D"},
        {"employee": "e1", "date": "2027-01-04", "shift": "D", "resource": true}]}"#;
    let r = parse_json(&inst, text).unwrap();
    assert_eq!(r.get(EmployeeId(1), 0), work(6, false));
    // ssk covers usk, so both Dag tasks fit e2's first skill: the one with demand wins.
    assert_eq!(r.get(EmployeeId(1), 1), work(0, false));
    assert_eq!(r.get(EmployeeId(0), 0), work(0, true));
}

#[test]
fn default_task_prefers_the_first_skill_then_demand() {
    let mut inst = instance();
    let e1 = EmployeeId(0);
    let e2 = EmployeeId(1);
    let d = ShiftId(0);
    // e2 holds ssk first; ssk covers usk, so both Dag tasks rank first: demand decides, and
    // without demand the task in e2's own skill.
    assert_eq!(default_task(&inst, e2, 0, d), Some(TaskId(6)));
    inst.demand[0] = DemandCell { min: 0, target: 1, ..Default::default() };
    assert_eq!(default_task(&inst, e2, 0, d), Some(TaskId(0)));
    inst.demand[6] = DemandCell { min: 0, target: 1, ..Default::default() };
    assert_eq!(default_task(&inst, e2, 0, d), Some(TaskId(6)));
    // e1 (usk) may not work Dag as ssk: usk Dag even without demand.
    assert_eq!(default_task(&inst, e1, 0, d), Some(TaskId(0)));
    // S is an ssk-only pass: e1 still gets it (the check reports the skill breach).
    assert_eq!(default_task(&inst, e1, 0, ShiftId(4)), Some(TaskId(4)));
}

#[test]
fn grid_round_trip() {
    let inst = instance();
    let mut roster = sample(&inst);
    let text = to_grid(&inst, &roster);
    let mut lines = text.lines();
    assert_eq!(lines.next().unwrap().split(',').take(3).collect::<Vec<_>>(), ["employee", "2027-01-04", "2027-01-05"]);
    assert_eq!(lines.next(), Some("e1,D,K,,,N,,,,,,,,,L"));
    assert_eq!(lines.next(), Some("e2,D,,B,S,,,,,,,,,,"));
    // A grid cannot say resource: every pass reads back as regular.
    for (e, d) in [(0, 13), (1, 3)] {
        let c = roster.get(EmployeeId(e), d);
        roster.set(EmployeeId(e), d, Cell::work(c.task().unwrap(), false));
    }
    assert_eq!(parse_grid(&inst, &text).unwrap(), roster);
}

#[test]
fn grid_with_day_indices_tabs_comments_and_dashes() {
    let inst = instance();
    let header: Vec<String> = (0..14).map(|d| d.to_string()).collect();
    let text = format!("# a comment\nemployee\t{}\n\ne2\tD{}\n", header.join("\t"), "\t-".repeat(13));
    let r = parse_grid(&inst, &text).unwrap();
    assert_eq!(r.get(EmployeeId(1), 0), work(6, false)); // no demand: e2's own skill, ssk
    assert!(r.line(EmployeeId(0)).iter().all(|c| !c.is_work()));
    // No header at all is accepted too.
    let r = parse_grid(&inst, "e1,D,,,,,,,,,,,,,\n").unwrap();
    assert_eq!(r.get(EmployeeId(0), 0), work(0, false));
}

#[test]
fn grid_errors_name_line_and_column() {
    let inst = instance();
    let mut header = to_grid(&inst, &Roster::empty(&inst)).lines().next().unwrap().to_string();
    header = header.replace("2027-01-06", "2027-01-07");
    let text = format!("{header}\ne1,D,X,,,,,,,,,,,,\nghost,,,,,,,,,,,,,,\ne1,,,,,,,,,,,,,,\ne2,D,D\n");
    let found = problems(parse_grid(&inst, &text).unwrap_err());
    let at: Vec<(Option<(usize, usize)>, &str)> = found.iter().map(|p| (p.position, p.path.as_str())).collect();
    assert_eq!(
        at,
        [
            (Some((1, 4)), "header"),
            (Some((2, 3)), "2027-01-05"),
            (Some((3, 1)), "employee"),
            (Some((4, 1)), "employee"),
            (Some((5, 3)), "employee"),
        ]
    );
    assert!(found[0].message.contains("should be 2027-01-06"), "{}", found[0].message);
    assert!(found[1].message.contains("unknown shift type \"X\""));
    assert!(found[2].message.contains("unknown employee \"ghost\""));
    assert!(found[3].message.contains("already has a row on line 2"));
    assert!(found[4].message.contains("has 2 days; the horizon has 14"));
    let shown = crate::Error::new("r.csv", ErrorKind::Invalid(found)).to_string();
    assert!(shown.starts_with("r.csv: 5 problems found:\n  - line 1, column 4 (header): "), "{shown}");
    // An empty file is an error, not an empty roster.
    assert_eq!(paths(parse_grid(&inst, "").unwrap_err()), ["header"]);
}

#[test]
fn files_are_told_apart_and_errors_name_them() {
    let inst = instance();
    let roster = sample(&inst);
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("r.json");
    let grid = dir.path().join("r.csv");
    let plain = dir.path().join("roster");
    write_roster_json(&json, &inst, &roster, &evaluate(&inst, &roster)).unwrap();
    write_grid(&grid, &inst, &roster).unwrap();
    std::fs::copy(&json, &plain).unwrap();
    assert_eq!(read_roster(&inst, &json).unwrap(), roster);
    assert_eq!(read_roster(&inst, &plain).unwrap(), roster);
    assert_eq!(read_roster(&inst, &grid).unwrap().line(EmployeeId(0))[0], work(0, false));
    assert_eq!(RosterFormat::detect(Path::new("x"), "employee,0"), RosterFormat::Grid);
    std::fs::write(&grid, "employee,2027-01-04\ne1,Q\n").unwrap();
    let err = read_roster(&inst, &grid).unwrap_err();
    assert_eq!(err.file, grid);
    assert!(err.to_string().contains("line 2, column 2"), "{err}");
    let err = read_roster(&inst, &dir.path().join("missing.json")).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::Io(_)) && err.to_string().contains("missing.json"));
}

#[test]
fn broken_input_is_an_error_not_a_panic() {
    let inst = instance();
    for text in [
        "",
        "\n\n",
        "employee",
        ",,,,",
        "\"unclosed",
        "e1",
        "e1,D,D,D,D,D,D,D,D,D,D,D,D,D,D,D,D,D",
        "employee,2027-01-04\ne1,D,K,N\ne2",
        "employee\t0\t1\ne1\tD",
        "# only a comment",
    ] {
        let _ = parse_grid(&inst, text);
    }
    for text in [
        "",
        "{}",
        "[]",
        "null",
        r#"{"format": 3}"#,
        r#"{"format": "heltid.roster.v1", "assignments": [{}]}"#,
        r#"{"format": "heltid.roster.v1", "horizon": {"start": "x", "days": 99999}, "assignments": []}"#,
        r#"{"format": "heltid.roster.v1", "assignments": [{"employee": "e1", "date": "2027-13-40", "shift": "D"}]}"#,
        r#"{"format": "heltid.roster.v1", "assignments": [{"employee": "e1", "date": "2027-01-04", "shift": "D",
            "start": "", "end": "2027-01-04T07:00:00Z", "paid_minutes": -5, "site": "", "municipality": ""}]}"#,
    ] {
        assert!(parse_json(&inst, text).is_err(), "{text}");
    }
}
