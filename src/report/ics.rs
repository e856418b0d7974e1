//! iCalendar (RFC 5545) files: one calendar per employee with one event per pass.
//!
//! Start and end are written as UTC instants (`…Z`), taken from the pass's real instants, so
//! a calendar program shows them in local time with the DST change handled: a night pass across
//! the spring change is an hour shorter. Lines end in CRLF and are folded at 75 octets.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::io::write_atomic;
use crate::model::{EmployeeId, Instance, Minute, Roster};
use crate::{Error, ErrorKind, Result};

/// The UTC date-time form of iCalendar (`20270327T201500Z`).
pub const UTC_FORMAT: &str = "%Y%m%dT%H%M%SZ";

/// The calendar of one employee: a `VEVENT` per pass, `stamp` as every event's `DTSTAMP`.
pub fn employee_calendar(inst: &Instance, roster: &Roster, e: EmployeeId, stamp: DateTime<Utc>) -> String {
    let emp = &inst.employees[e.idx()];
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//heltid//roster report//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", text(&format!("{} – {}", emp.name, inst.name))),
    ];
    let utc = |m: Minute| inst.horizon.datetime(m).with_timezone(&Utc).format(UTC_FORMAT).to_string();
    for (d, cell) in roster.line(e).iter().enumerate().take(inst.days()) {
        let Some(task) = cell.task() else { continue };
        let day = d as i32;
        let t = &inst.tasks[task.idx()];
        let shift = &inst.shifts[t.shift.idx()];
        let site = &inst.sites[shift.site.idx()];
        let date = inst.date(day);
        let resource = if cell.is_resource() { " (resource shift)" } else { "" };
        lines.extend([
            "BEGIN:VEVENT".into(),
            format!("UID:{}", text(&format!("{}-{}-{}@{}.heltid", date.format("%Y%m%d"), emp.id, shift.id, inst.name))),
            format!("DTSTAMP:{}", stamp.format(UTC_FORMAT)),
            format!("DTSTART:{}", utc(inst.times.start(day, t.shift))),
            format!("DTEND:{}", utc(inst.times.end(day, t.shift))),
            format!("SUMMARY:{}", text(&format!("{} {}{resource}", shift.name, shift.id))),
            format!("LOCATION:{}", text(&site.name)),
            format!(
                "DESCRIPTION:{}",
                text(&format!(
                    "{} {}–{}, {} paid minutes, skill {}",
                    shift.id,
                    shift.start.format("%H:%M"),
                    shift.end.format("%H:%M"),
                    inst.times.paid(day, t.shift),
                    inst.skills[t.skill.idx()].id
                ))
            ),
            "END:VEVENT".into(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in &lines {
        out.push_str(&fold(line));
    }
    out
}

/// Writes one calendar per employee into `dir` (created if missing), named by [`file_name`];
/// returns the paths written.
///
/// # Errors
/// An [`ErrorKind::Io`] error naming the folder or file that could not be written.
pub fn write_calendars(dir: &Path, inst: &Instance, roster: &Roster, stamp: DateTime<Utc>) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::new(dir, ErrorKind::Io(e)))?;
    let mut paths = Vec::new();
    for e in 0..inst.employees.len().min(roster.employees()) {
        let e = EmployeeId(e as u16);
        let path = dir.join(file_name(&inst.employees[e.idx()].id));
        write_atomic(&path, employee_calendar(inst, roster, e, stamp).as_bytes())?;
        paths.push(path);
    }
    Ok(paths)
}

/// A safe file name for an employee's calendar: the id with anything but letters, digits, `-`
/// and `_` replaced by `_`, then `.ics`.
pub fn file_name(employee_id: &str) -> String {
    let stem: String =
        employee_id.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    format!("{}.ics", if stem.is_empty() { "_" } else { &stem })
}

/// A TEXT value: backslash, `;`, `,` and newlines escaped.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// One content line, folded: at most 75 octets per physical line (continuations start with a
/// space), never splitting a UTF-8 character, each ended by CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests;
