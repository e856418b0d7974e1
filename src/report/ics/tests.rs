use chrono::NaiveDateTime;

use super::*;
use crate::model::{Cell, Day};

/// Events as (DTSTART, DTEND, SUMMARY, LOCATION), read back from unfolded lines.
fn events(ics: &str) -> Vec<(NaiveDateTime, NaiveDateTime, String, String)> {
    let unfolded = ics.replace("\r\n ", "");
    let mut out = Vec::new();
    let mut cur: Option<[String; 4]> = None;
    for line in unfolded.split("\r\n") {
        match line {
            "BEGIN:VEVENT" => cur = Some(Default::default()),
            "END:VEVENT" => {
                let [s, e, sum, loc] = cur.take().unwrap();
                let p = |v: &str| NaiveDateTime::parse_from_str(v, UTC_FORMAT).unwrap();
                out.push((p(&s), p(&e), sum, loc));
            }
            _ => {
                if let (Some(c), Some((k, v))) = (cur.as_mut(), line.split_once(':')) {
                    let i = ["DTSTART", "DTEND", "SUMMARY", "LOCATION"].iter().position(|x| *x == k);
                    if let Some(i) = i {
                        c[i] = v.to_string();
                    }
                }
            }
        }
    }
    out
}

fn mellerud() -> Instance {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/instances/mellerud-bengtsfors.toml");
    crate::io::load_instance(Path::new(path)).unwrap()
}

#[test]
fn night_pass_across_the_spring_change_is_an_hour_shorter() {
    let inst = mellerud();
    let natt = inst.shift_by_id("MB1-N").unwrap();
    let task = inst.tasks.iter().position(|t| t.shift == natt).unwrap() as u16;
    let mut r = Roster::empty(&inst);
    let e = EmployeeId(0);
    let (before, across, after): (Day, Day, Day) = (18, 19, 20); // 2027-03-26, -27 (DST night), -28
    assert_eq!(inst.date(across).to_string(), "2027-03-27");
    for d in [before, across, after] {
        r.set(e, d as usize, Cell::work(crate::model::TaskId(task), false));
    }
    let stamp = DateTime::parse_from_rfc3339("2027-01-01T12:00:00Z").unwrap().with_timezone(&Utc);
    let ics = employee_calendar(&inst, &r, e, stamp);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(ics.split("\r\n").all(|l| l.len() <= 75), "folded at 75 octets");
    assert!(!ics.replace("\r\n", "").contains('\n'), "CRLF only");
    assert!(ics.contains("DTSTAMP:20270101T120000Z"));
    let ev = events(&ics);
    assert_eq!(ev.len(), 3);
    let hours = |i: usize| (ev[i].1 - ev[i].0).num_minutes();
    // 21:15 CET is 20:15 UTC; 07:15 CEST is 05:15 UTC.
    assert_eq!(ev[1].0.to_string(), "2027-03-27 20:15:00");
    assert_eq!(ev[1].1.to_string(), "2027-03-28 05:15:00");
    assert_eq!((hours(0), hours(1), hours(2)), (600, 540, 600));
    // After the change 21:15 local is 19:15 UTC.
    assert_eq!(ev[2].0.to_string(), "2027-03-28 19:15:00");
    assert!(ev[0].2.starts_with("Natt MB1-N"));
    assert_eq!(ev[0].3, "Björkängen avd 1");
}

#[test]
fn text_is_escaped_and_long_lines_fold_on_char_boundaries() {
    assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    let line = format!("SUMMARY:{}", "å".repeat(80));
    let folded = fold(&line);
    assert!(folded.split("\r\n").all(|l| l.len() <= 75));
    assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
    assert_eq!(file_name("e 1/../x"), "e_1____x.ics");
}

#[test]
fn one_file_per_employee() {
    let k = crate::rules::testkit::Kit::swedish();
    let inst = k.instance(7);
    let r = Roster::empty(&inst);
    let dir = tempfile::tempdir().unwrap();
    let paths = write_calendars(&dir.path().join("ics"), &inst, &r, Utc::now()).unwrap();
    assert_eq!(paths.len(), inst.employees.len());
    assert!(std::fs::read_to_string(&paths[0]).unwrap().contains("BEGIN:VCALENDAR"));
}
