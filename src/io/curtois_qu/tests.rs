//! Tests of the importer: a tiny hand-made instance, malformed files, and (when the shared
//! benchmark folder is present) all 24 instances and every reference roster.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::*;
use crate::eval::evaluate;
use crate::model::*;
use crate::rules::RuleId;
use crate::{ErrorKind, Problem};

const TINY: &str = "\
# A two-week instance written for these tests.
SECTION_HORIZON
14

SECTION_SHIFTS
# ShiftID, Length in mins, Shifts which cannot follow this shift | separated
E,480,
L,600,E

SECTION_STAFF
A,E=14|L=14,6000,960,5,2,2,1
B,E=14|L=0,4800,960,5,1,1,2

SECTION_DAYS_OFF
A,3
B,0,13

SECTION_SHIFT_ON_REQUESTS
A,0,E,2

SECTION_SHIFT_OFF_REQUESTS
B,1,E,3

SECTION_COVER
0,E,1,100,1
0,L,0,100,1
1,E,2,100,1
";

fn tiny() -> Instance {
    parse(TINY, "tests/Tiny.txt").unwrap()
}

/// A roster of the tiny instance from one string per employee (`E`, `L`, `-` per day).
fn roster(inst: &Instance, lines: &[&str]) -> Roster {
    let text: String = inst
        .employees
        .iter()
        .zip(lines)
        .map(|(e, l)| {
            let cells: Vec<String> = l.chars().map(|c| c.to_string()).collect();
            format!("{}\t{}\n", e.id, cells.join("\t"))
        })
        .collect();
    read_solution(&text, inst).unwrap()
}

fn terms(inst: &Instance, r: &Roster, rule: RuleId) -> Vec<crate::rules::Term> {
    evaluate(inst, r).terms.into_iter().map(|(_, t)| t).filter(|t| t.rule == rule).collect()
}

#[test]
fn tiny_instance_maps_onto_the_model() {
    let inst = tiny();
    assert_eq!(inst.name, "Tiny");
    assert_eq!((inst.days(), inst.weekends(), inst.employees.len(), inst.shifts.len()), (14, 2, 2, 2));
    assert_eq!(inst.horizon.start(), START);
    assert_eq!(inst.horizon.weekday(0), chrono::Weekday::Mon);
    assert_eq!(inst.times.paid(0, ShiftId(1)), 600);
    assert_eq!(inst.times.paid(13, ShiftId(0)), 480);
    assert_eq!(inst.times.weekend_of(5, ShiftId(0)), Some(0));
    assert_eq!(inst.times.weekend_of(4, ShiftId(1)), None);
    let b = &inst.employees[1];
    assert_eq!(b.contract.max_shifts_per_type.as_ref().unwrap().value, vec![14, 0]);
    assert_eq!(b.contract.max_weekends.as_ref().unwrap().value, WeekendLimit { max: 2, window: u16::MAX });
    assert_eq!(b.absence.iter().filter(|a| a.is_some()).count(), 2);
    assert_eq!(b.absence[13], Some(AbsenceKind::DayOff));
    assert_eq!(b.wishes, vec![Wish { day: 1, kind: WishKind::AvoidShift(ShiftId(0)), weight: 3 }]);
    assert_eq!(inst.employees[0].target_minutes, 3480);
    assert_eq!(
        *inst.demand(1, TaskId(0)),
        DemandCell { min: 0, target: 2, weight_min: 0, weight_under: 100, weight_over: 1 }
    );
    assert_eq!(*inst.demand(5, TaskId(0)), DemandCell::default());
    assert!(!inst.rules.strict_edges && !inst.rules.weekend_by_instant);
}

#[test]
fn tiny_roster_is_priced_as_the_benchmark_prices_it() {
    let inst = tiny();
    // A: L E E - E E, then off; B: E on days 1, 3, 5, 6 and 12.
    let r = roster(&inst, &["LEE-EE--------", "-E-E-EE-----E-"]);
    let ev = evaluate(&inst, &r);
    let soft = ev.soft_by_rule();
    // Cover: day 0 E wants 1 has 0 (100), day 0 L wants 0 has 1 (1), day 1 E wants 2 has 2;
    // pairs without a cover line cost nothing.
    assert_eq!(soft.get("cover_under"), Some(&100));
    assert_eq!(soft.get("cover_over"), Some(&1));
    assert_eq!(soft.get("shift_on_requests"), Some(&2)); // A wanted E on day 0 and works L
    assert_eq!(soft.get("shift_off_requests"), Some(&3)); // B did not want E on day 1
    assert_eq!(ev.score.soft, 106);
    // Hard: L may not be followed by E (A, days 0-1); A's single day off on day 3 is an inner
    // run shorter than 2. A's last days off touch day 13 and are exempt; B's minimums are 1.
    let hard = ev.hard_by_rule();
    assert_eq!(hard.get(&RuleId::ForbiddenSuccession), Some(&1));
    assert_eq!(terms(&inst, &r, RuleId::MinConsecutiveDaysOff).len(), 1);
    assert_eq!(ev.hard_violations(), 2);
}

#[test]
fn hard_rules_of_the_benchmark_bite() {
    let inst = tiny();
    // A works both weekends (limit 1) and has a single day off on day 11; B works L (limit 0)
    // on its day off 0, followed by E.
    let r = roster(&inst, &["EE--EEE--EE-EE", "LE--EE-----EE-"]);
    let hard = evaluate(&inst, &r).hard_by_rule();
    let want = [
        (RuleId::MinConsecutiveDaysOff, 1),
        (RuleId::ForbiddenSuccession, 1),
        (RuleId::MaxWeekends, 1),
        (RuleId::MaxShiftsPerType, 1),
        (RuleId::Unavailable, 1),
    ];
    assert_eq!(hard.into_iter().collect::<Vec<_>>(), want.to_vec());
    // Too little work: A 480 of 960 minutes (8 started hours short), B none (16).
    let r = roster(&inst, &["E-------------", "--------------"]);
    let units: Vec<i64> = terms(&inst, &r, RuleId::ContractMinutes).iter().map(|t| t.units).collect();
    assert_eq!(units, vec![8, 16]);
    // More than 5 days in a row, also at the start: the maximum has no edge exemption.
    let max_run = |a: &str| terms(&inst, &roster(&inst, &[a, "--------------"]), RuleId::MaxConsecutiveDays);
    assert!(max_run("EEEEE---------").is_empty());
    assert_eq!(max_run("EEEEEE--------")[0].units, 1);
    assert_eq!(max_run("--------EEEEEE")[0].units, 1);
    assert_eq!(max_run("EEE-EEEEEEE---")[0].units, 2);
}

#[test]
fn a_written_roster_reads_back() {
    let inst = tiny();
    let r = roster(&inst, &["LEE-EE--------", "-E-E-EE-----E-"]);
    let text = write_solution(&inst, &r);
    assert!(text.starts_with("# instance=Tiny objective=106 cover_under=100 cover_over=1 shift_on_requests=2 "));
    assert!(text.contains("\nA\tL\tE\tE\t-\tE\tE\t-\t-\t-\t-\t-\t-\t-\t-\n"));
    assert_eq!(read_solution(&text, &inst).unwrap(), r);
    // Commas and a grid header are accepted too.
    let csv = "employee,0,1,2,3,4,5,6,7,8,9,10,11,12,13\nA,L,E,E,,E,E,,,,,,,,\nB,,E,,E,,E,E,,,,,,E,\n";
    assert_eq!(read_solution(csv, &inst).unwrap(), r);
}

/// The error of a text that must not parse: (is syntax, problems).
fn error_of(text: &str) -> (bool, Vec<Problem>) {
    match parse(text, "Bad.txt") {
        Ok(_) => panic!("parsed although malformed:\n{text}"),
        Err(e) => {
            assert_eq!(e.file, PathBuf::from("Bad.txt"));
            match e.kind {
                ErrorKind::Syntax(p) => (true, vec![p]),
                ErrorKind::Invalid(ps) => (false, ps),
                ErrorKind::Io(io) => panic!("unexpected io error {io}"),
            }
        }
    }
}

fn one_problem(text: &str, syntax: bool, path: &str, position: Option<(usize, usize)>, needle: &str) {
    let (is_syntax, ps) = error_of(text);
    assert_eq!(is_syntax, syntax, "{ps:?}");
    assert_eq!(ps.len(), 1, "{ps:?}");
    let p = &ps[0];
    assert_eq!((p.path.as_str(), p.position), (path, position), "{p:?}");
    assert!(p.message.contains(needle), "`{}` does not mention `{needle}`", p.message);
}

#[test]
fn malformed_files_give_clear_errors() {
    // Lines of TINY: 2 SECTION_HORIZON, 3 "14", 7 E, 8 L, 11 A, 12 B, 15 A,3, 16 B,0,13,
    // 19 on-request, 22 off-request, 24-27 cover.
    let sub = |from: &str, to: &str| {
        assert!(TINY.contains(from));
        TINY.replacen(from, to, 1)
    };
    one_problem(&sub("SECTION_COVER", "SECTION_COVERS"), true, "SECTION_COVERS", Some((24, 1)), "unknown section");
    one_problem(
        &sub("A,E=14|L=14,6000,960,5,2,2,1", "A,E=14|L=14,6000,960,5,2,2"),
        true,
        "SECTION_STAFF",
        Some((11, 1)),
        "expected 8",
    );
    one_problem(&sub("L,600,E", "L,6x0,E"), true, "SECTION_SHIFTS", Some((8, 3)), "expected an integer, found `6x0`");
    one_problem(&sub("A,0,E,2", "A,0,X,2"), false, "SECTION_SHIFT_ON_REQUESTS", Some((19, 5)), "unknown shift `X`");
    one_problem(&sub("B,0,13", "Q,0,13"), false, "SECTION_DAYS_OFF", Some((16, 1)), "unknown employee `Q`");
    one_problem(&sub("A,3\n", "A,14\n"), false, "SECTION_DAYS_OFF", Some((15, 3)), "day 14 is outside the horizon");
    one_problem(&sub("\n14\n", "\n15\n"), false, "SECTION_HORIZON", Some((3, 1)), "not a whole number of weeks");
    one_problem(
        &sub("SECTION_SHIFT_OFF_REQUESTS\nB,1,E,3\n", ""),
        false,
        "SECTION_SHIFT_OFF_REQUESTS",
        None,
        "missing",
    );
    let dup = sub("B,E=14|L=0,4800,960,5,1,1,2", "B,E=14|L=0,4800,960,5,1,1,2\nA,E=1|L=1,1,1,1,1,1,1");
    one_problem(&dup, false, "SECTION_STAFF", Some((13, 1)), "listed twice (also on line 11)");
    one_problem(
        &sub("L,600,E", "L,600,E\nE,480,"),
        false,
        "SECTION_SHIFTS",
        Some((9, 1)),
        "defined twice (also on line 7)",
    );
    one_problem(&sub("L,600,E", "L,600,E|Z"), false, "SECTION_SHIFTS", Some((8, 9)), "unknown shift `Z`");
    one_problem(&sub("A,E=14|L=14", "A,E=14|M=14"), false, "SECTION_STAFF", Some((11, 8)), "unknown shift `M`");
    one_problem(&sub("A,E=14|L=14", "A,E14|L=14"), true, "SECTION_STAFF", Some((11, 3)), "ShiftID=limit");
    one_problem(
        &sub("B,E=14|L=0,4800,960,5,1,1,2", "B,E=14|L=0,4800,960,5,1,1,-2"),
        true,
        "SECTION_STAFF",
        Some((12, 27)),
        "out of range",
    );
    one_problem(&sub("1,E,2,100,1", "0,E,2,100,1"), false, "SECTION_COVER", Some((27, 1)), "given twice");
    one_problem(&format!("14\n{TINY}"), true, "", Some((1, 1)), "before the first section");
    one_problem(&sub("SECTION_COVER", "SECTION_STAFF"), true, "SECTION_STAFF", Some((24, 1)), "appears twice");
    one_problem(&sub("A,0,E,2", "A,0,E"), true, "SECTION_SHIFT_ON_REQUESTS", Some((19, 1)), "expected 4");
    one_problem(&sub("\n14\n", "\n14\n21\n"), false, "SECTION_HORIZON", Some((2, 1)), "found 2 lines");
}

#[test]
fn content_problems_are_all_listed() {
    let text = TINY.replacen("A,3\n", "A,99\n", 1).replacen("A,0,E,2", "Z,0,E,2", 1).replacen("B,1,E,3", "B,1,Q,3", 1);
    let (syntax, ps) = error_of(&text);
    assert!(!syntax);
    let paths: Vec<&str> = ps.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, vec!["SECTION_DAYS_OFF", "SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS"]);
}

#[test]
fn layout_and_order_do_not_matter() {
    // No blank lines, CRLF, comments everywhere, and the sections in reverse order.
    let mut blocks: Vec<&str> = TINY.split("\n\n").collect();
    blocks.reverse();
    let text = blocks.join("\n# between\n").replace('\n', "\r\n");
    let a = parse(&text, "Tiny.txt").unwrap();
    let b = tiny();
    assert_eq!(
        a.employees.iter().map(|e| &e.contract).collect::<Vec<_>>(),
        b.employees.iter().map(|e| &e.contract).collect::<Vec<_>>()
    );
    assert_eq!(a.demand, b.demand);
}

#[test]
fn broken_rosters_give_clear_errors() {
    let inst = tiny();
    let bad = |text: &str| read_solution(text, &inst).unwrap_err().kind.to_string();
    assert!(bad("A\tE\nB\t-\n").contains("has 1 day cells; the horizon has 14 days"));
    let line = |id: &str| format!("{id}{}\n", "\t-".repeat(14));
    assert!(bad(&line("A")).contains("employee `B` has no line"));
    assert!(bad(&(line("A") + &line("B") + &line("C"))).contains("unknown employee `C`"));
    assert!(bad(&(line("A") + &line("A") + &line("B"))).contains("second line"));
    let x = format!("A\tX{}\n{}", "\t-".repeat(13), line("B"));
    assert!(bad(&x).contains("day 0: unknown shift `X`"));
}

#[test]
fn no_input_makes_the_parser_panic() {
    // Every prefix, every line left out, and every character replaced by a troublesome one.
    for end in 0..TINY.len() {
        let _ = parse(&TINY[..end], "x");
    }
    let lines: Vec<&str> = TINY.lines().collect();
    for at in 0..lines.len() {
        let skipped: Vec<&str> = lines.iter().enumerate().filter(|&(i, _)| i != at).map(|(_, l)| *l).collect();
        let _ = parse(&skipped.join("\n"), "x");
        let mut doubled = lines.clone();
        doubled.insert(at, lines[at]);
        let _ = parse(&doubled.join("\n"), "x");
    }
    for (i, _) in TINY.char_indices() {
        for c in [",", "|", "=", "#", "\n", "-", "9", "99999999999999999999", "x", ""] {
            let text = format!("{}{c}{}", &TINY[..i], &TINY[i + 1..]);
            let _ = parse(&text, "x");
        }
    }
}

proptest::proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in "(SECTION_HORIZON|SECTION_SHIFTS|SECTION_STAFF|SECTION_DAYS_OFF|SECTION_COVER|SECTION_SHIFT_ON_REQUESTS|SECTION_SHIFT_OFF_REQUESTS|\n|,|\\||=|[0-9]{1,3}|-1|E|L|A|#| ){0,60}") {
        let _ = parse(&text, "x");
    }
}

// ---- the shared benchmark folder -------------------------------------------------------------

/// The benchmark folder, or `None` (with a message) when the shared data is absent.
fn benchmark_dir() -> Option<PathBuf> {
    let shared =
        std::env::var("HELTID_SHARED").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared").into());
    let dir = PathBuf::from(shared).join("benchmarks/curtois-qu");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: {} not found (set HELTID_SHARED to the shared folder)", dir.display());
        None
    }
}

/// days, staff, shift types, on-requests, off-requests, days off (README table).
const SIZES: [(usize, usize, usize, usize, usize, usize); 24] = [
    (14, 8, 1, 21, 5, 8),
    (14, 14, 2, 50, 12, 14),
    (14, 20, 3, 39, 25, 20),
    (28, 10, 2, 52, 19, 20),
    (28, 16, 2, 79, 27, 32),
    (28, 18, 3, 87, 48, 36),
    (28, 20, 3, 104, 64, 40),
    (28, 30, 4, 139, 86, 60),
    (28, 36, 4, 144, 88, 72),
    (28, 40, 5, 210, 74, 80),
    (28, 50, 6, 197, 139, 100),
    (28, 60, 10, 294, 128, 120),
    (28, 120, 18, 589, 252, 240),
    (42, 32, 4, 266, 93, 128),
    (42, 45, 6, 350, 140, 180),
    (56, 20, 3, 177, 103, 120),
    (56, 32, 4, 351, 129, 160),
    (84, 22, 3, 322, 92, 176),
    (84, 40, 5, 587, 247, 320),
    (182, 50, 6, 1665, 653, 900),
    (182, 100, 8, 3210, 1492, 1800),
    (364, 50, 10, 3253, 1385, 1800),
    (364, 100, 16, 6549, 2861, 3600),
    (364, 150, 32, 9540, 4269, 5400),
];

#[test]
fn all_24_instances_parse_with_the_published_sizes() {
    let Some(dir) = benchmark_dir() else { return };
    for (i, &(days, staff, shifts, on, off, days_off)) in SIZES.iter().enumerate() {
        let path = dir.join(format!("Instance{}.txt", i + 1));
        let inst = load(&path).unwrap_or_else(|e| panic!("{e}"));
        let wishes = |want: bool| {
            inst.employees
                .iter()
                .flat_map(|e| &e.wishes)
                .filter(|w| matches!(w.kind, WishKind::WantShift(_)) == want)
                .count()
        };
        let absences = inst.employees.iter().flat_map(|e| &e.absence).filter(|a| a.is_some()).count();
        assert_eq!(
            (inst.days(), inst.employees.len(), inst.shifts.len(), wishes(true), wishes(false), absences),
            (days, staff, shifts, on, off, days_off),
            "{}",
            path.display()
        );
        assert_eq!(inst.name, format!("Instance{}", i + 1));
        // Every (day, shift) pair has a cover line with the benchmark's weights.
        assert!(inst.demand.iter().all(|d| d.weight_under == 100 && d.weight_over == 1), "{}", path.display());
    }
}

#[derive(serde::Deserialize)]
struct IndexRow {
    file: String,
    instance: String,
    objective: i64,
    cover_under: i64,
    cover_over: i64,
    shift_on_requests: i64,
    shift_off_requests: i64,
    hard_violations: usize,
    violations_if_no_border_exemption: usize,
    kinds_if_no_border_exemption: String,
}

#[test]
fn every_reference_roster_reproduces_its_objective_and_split() {
    let Some(dir) = benchmark_dir() else { return };
    let solutions = dir.join("solutions");
    let mut reader = csv::Reader::from_path(solutions.join("index.csv")).unwrap();
    let rows: Vec<IndexRow> = reader.deserialize().map(|r| r.unwrap()).collect();
    // The index lists every roster in the folder.
    let listed: BTreeSet<&str> = rows.iter().map(|r| r.file.as_str()).collect();
    let on_disk: BTreeSet<String> = std::fs::read_dir(&solutions)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tsv"))
        .collect();
    assert_eq!(listed, on_disk.iter().map(String::as_str).collect());
    assert!(rows.len() >= 26);

    let mut failures = Vec::new();
    for row in &rows {
        let mut inst = load(&dir.join(format!("{}.txt", row.instance))).unwrap();
        let text = std::fs::read_to_string(solutions.join(&row.file)).unwrap();
        let roster = read_solution(&text, &inst).unwrap_or_else(|e| panic!("{}: {e}", row.file));
        let ev = evaluate(&inst, &roster);
        let soft = ev.soft_by_rule();
        let term = |n: &str| soft.get(n).copied().unwrap_or(0);
        let got = (
            ev.score.soft,
            term("cover_under"),
            term("cover_over"),
            term("shift_on_requests"),
            term("shift_off_requests"),
            ev.hard_violations(),
            soft.keys().all(|k| ["cover_under", "cover_over", "shift_on_requests", "shift_off_requests"].contains(k)),
        );
        let want = (
            row.objective,
            row.cover_under,
            row.cover_over,
            row.shift_on_requests,
            row.shift_off_requests,
            row.hard_violations,
            true,
        );
        if got != want {
            let hard: Vec<String> = ev
                .terms
                .iter()
                .filter(|(_, t)| t.hard() > 0)
                .map(|(e, t)| {
                    format!("{:?}: {}", e.map(|e| &inst.employees[e.idx()].id), crate::eval::describe(&inst, t))
                })
                .collect();
            failures.push(format!("{}: got {got:?}, want {want:?}; hard: {hard:?}", row.file));
        }
        // The file's own header states the same numbers.
        assert!(
            text.starts_with(&format!(
                "# instance={} objective={} cover_under={} ",
                row.instance, row.objective, row.cover_under
            )),
            "{}",
            row.file
        );
        // Written back out, it reads back the same.
        assert_eq!(read_solution(&write_solution(&inst, &roster), &inst).unwrap(), roster);

        // Without the boundary exemption: one hard term per short run, of the listed kinds.
        inst.rules.strict_edges = true;
        let strict = evaluate(&inst, &roster);
        let mins: Vec<RuleId> = strict
            .terms
            .iter()
            .filter(|(_, t)| t.hard() > 0)
            .map(|(_, t)| t.rule)
            .filter(|r| matches!(r, RuleId::MinConsecutiveDays | RuleId::MinConsecutiveDaysOff))
            .collect();
        let kinds: BTreeSet<&str> =
            mins.iter().map(|r| if *r == RuleId::MinConsecutiveDays { "mincons" } else { "minoff" }).collect();
        let want_kinds: BTreeSet<&str> = row.kinds_if_no_border_exemption.split('|').collect();
        if mins.len() != row.violations_if_no_border_exemption || kinds != want_kinds {
            failures.push(format!(
                "{} strict: got {} {kinds:?}, want {} {want_kinds:?}",
                row.file,
                mins.len(),
                row.violations_if_no_border_exemption
            ));
        }
        assert_eq!(strict.hard_violations(), mins.len(), "{}: strict edges add only minimum-run terms", row.file);
    }
    assert!(failures.is_empty(), "{} of {} rosters differ:\n{}", failures.len(), rows.len(), failures.join("\n"));
}
