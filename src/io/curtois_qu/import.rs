//! Records of the seven sections → a checked [`Benchmark`] → heltid's [`Instance`].

use std::path::Path;

use chrono::NaiveTime;
use rustc_hash::FxHashMap;

use super::text::{sec, sections, shorten, Ctx, Field, Section, SECTIONS};
use super::START;
use crate::model::*;
use crate::Result;

/// Most days a horizon may have (ten years, a multiple of 7).
const MAX_DAYS: i64 = 3654;
/// Most shift types (each is a task; roster cells pack task indices into 15 bits).
const MAX_SHIFTS: usize = 1000;
/// Most employees.
const MAX_STAFF: usize = 10_000;
/// "No limit" for a shift type missing from an employee's MaxShifts.
const UNLIMITED: u16 = u16::MAX;

/// One shift type as written.
struct ShiftRow<'a> {
    id: &'a str,
    minutes: u16,
    not_followed_by: Vec<ShiftId>,
}

/// One employee as written.
struct StaffRow<'a> {
    id: &'a str,
    max_shifts: Vec<u16>,
    max_minutes: Minute,
    min_minutes: Minute,
    max_run: u16,
    min_run: u16,
    min_off: u16,
    max_weekends: u16,
}

/// A shift-on or shift-off request.
struct Request {
    employee: usize,
    day: usize,
    shift: ShiftId,
    weight: u32,
}

/// The benchmark as written, with every id resolved and every day in range.
struct Benchmark<'a> {
    days: usize,
    shifts: Vec<ShiftRow<'a>>,
    staff: Vec<StaffRow<'a>>,
    days_off: Vec<Vec<bool>>,
    on: Vec<Request>,
    off: Vec<Request>,
    cover: Vec<Option<DemandCell>>,
}

/// Parses the text of an instance file; `file_label` names it in errors and gives the
/// instance its name (the file stem, e.g. `Instance1`).
pub(super) fn parse(text: &str, file_label: &Path) -> Result<Instance> {
    let mut ctx = Ctx::new(file_label);
    let found = sections(text, &ctx)?;
    for (s, section) in found.iter().enumerate() {
        if section.is_none() {
            ctx.invalid(SECTIONS[s], None, format!("section {} is missing", SECTIONS[s]));
        }
    }
    ctx.finish()?;
    let [horizon, shifts, staff, days_off, on, off, cover] = found.map(Option::unwrap_or_default);
    let days = read_horizon(&mut ctx, &horizon)?;
    let shifts = read_shifts(&mut ctx, &shifts)?;
    let shift_ix: FxHashMap<&str, ShiftId> =
        shifts.iter().enumerate().map(|(i, s)| (s.id, ShiftId(i as u16))).collect();
    let staff = read_staff(&mut ctx, &staff, &shift_ix, shifts.len())?;
    let staff_ix: FxHashMap<&str, usize> = staff.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
    let b = Benchmark {
        days_off: read_days_off(&mut ctx, &days_off, &staff_ix, staff.len(), days)?,
        on: read_requests(&mut ctx, sec::ON_REQUESTS, &on, &staff_ix, &shift_ix, days)?,
        off: read_requests(&mut ctx, sec::OFF_REQUESTS, &off, &staff_ix, &shift_ix, days)?,
        cover: read_cover(&mut ctx, &cover, &shift_ix, shifts.len(), days)?,
        days,
        shifts,
        staff,
    };
    ctx.finish()?;
    let name = file_label.file_stem().map_or_else(|| "curtois-qu".to_string(), |s| s.to_string_lossy().into_owned());
    Ok(build(&b, name))
}

fn read_horizon(ctx: &mut Ctx, section: &Section) -> Result<usize> {
    let s = sec::HORIZON;
    let [rec] = section.records.as_slice() else {
        ctx.invalid(
            SECTIONS[s],
            Some((section.line, 1)),
            format!("expected one line with the number of days, found {} lines", section.records.len()),
        );
        return ctx.finish().map(|()| 0); // always the error just recorded
    };
    ctx.arity(s, rec, &[1], "the number of days")?;
    let h = ctx.int(s, rec.fields[0], "horizon", 1, MAX_DAYS)?;
    if h % 7 != 0 {
        ctx.invalid(SECTIONS[s], rec.fields[0].pos(), format!("horizon of {h} days is not a whole number of weeks"));
        ctx.finish()?;
    }
    Ok(h as usize)
}

/// Checks an id: non-empty, and nothing a roster cell could confuse (`-`, blanks, separators).
fn check_id(ctx: &mut Ctx, section: usize, f: Field, what: &str) {
    let bad = f.text.is_empty()
        || f.text == "-"
        || f.text == "."
        || f.text.chars().any(|c| c.is_whitespace() || matches!(c, ',' | '|' | '=' | '#'));
    if bad {
        ctx.invalid(SECTIONS[section], f.pos(), format!("`{}` is not a valid {what} id", shorten(f.text)));
    }
}

fn read_shifts<'a>(ctx: &mut Ctx, section: &Section<'a>) -> Result<Vec<ShiftRow<'a>>> {
    let s = sec::SHIFTS;
    let columns = "ShiftID, LengthInMinutes, NotFollowedBy";
    let mut rows = Vec::new();
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    for rec in &section.records {
        ctx.arity(s, rec, &[2, 3], columns)?;
        let id = rec.fields[0];
        check_id(ctx, s, id, "shift");
        if let Some(line) = seen.insert(id.text, rec.line) {
            ctx.invalid(SECTIONS[s], id.pos(), format!("shift `{}` is defined twice (also on line {line})", id.text));
        }
        let minutes = ctx.int(s, rec.fields[1], "length in minutes", 1, 1440)? as u16;
        rows.push(ShiftRow { id: id.text, minutes, not_followed_by: Vec::new() });
    }
    if rows.len() > MAX_SHIFTS {
        ctx.invalid(SECTIONS[s], Some((section.line, 1)), format!("more than {MAX_SHIFTS} shift types"));
        ctx.finish()?;
    }
    let index: FxHashMap<&str, ShiftId> = rows.iter().enumerate().map(|(i, r)| (r.id, ShiftId(i as u16))).collect();
    for (row, rec) in rows.iter_mut().zip(&section.records) {
        let Some(list) = rec.fields.get(2) else { continue };
        for f in super::text::split(list.text, '|', list.line, list.col) {
            if f.text.is_empty() {
                continue;
            }
            match index.get(f.text) {
                Some(&next) => row.not_followed_by.push(next),
                None => ctx.invalid(
                    SECTIONS[s],
                    f.pos(),
                    format!("shift `{}` may not be followed by unknown shift `{}`", row.id, shorten(f.text)),
                ),
            }
        }
    }
    Ok(rows)
}

fn read_staff<'a>(
    ctx: &mut Ctx,
    section: &Section<'a>,
    shift_ix: &FxHashMap<&str, ShiftId>,
    shifts: usize,
) -> Result<Vec<StaffRow<'a>>> {
    let s = sec::STAFF;
    let columns = "ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, MinConsecutiveShifts, \
                   MinConsecutiveDaysOff, MaxWeekends";
    let mut rows = Vec::new();
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    let count = |ctx: &Ctx, f: Field, what: &str| ctx.int(s, f, what, 0, u16::MAX as i64 - 1).map(|v| v as u16);
    for rec in &section.records {
        ctx.arity(s, rec, &[8], columns)?;
        let f = &rec.fields;
        check_id(ctx, s, f[0], "employee");
        if let Some(line) = seen.insert(f[0].text, rec.line) {
            ctx.invalid(
                SECTIONS[s],
                f[0].pos(),
                format!("employee `{}` is listed twice (also on line {line})", f[0].text),
            );
        }
        let max_shifts = read_max_shifts(ctx, f[0].text, f[1], shift_ix, shifts)?;
        let minutes =
            |ctx: &Ctx, f: Field, what: &str| ctx.int(s, f, what, 0, i32::MAX as i64 / 2).map(|v| v as Minute);
        rows.push(StaffRow {
            id: f[0].text,
            max_shifts,
            max_minutes: minutes(ctx, f[2], "MaxTotalMinutes")?,
            min_minutes: minutes(ctx, f[3], "MinTotalMinutes")?,
            max_run: count(ctx, f[4], "MaxConsecutiveShifts")?,
            min_run: count(ctx, f[5], "MinConsecutiveShifts")?,
            min_off: count(ctx, f[6], "MinConsecutiveDaysOff")?,
            max_weekends: count(ctx, f[7], "MaxWeekends")?,
        });
    }
    if rows.len() > MAX_STAFF {
        ctx.invalid(SECTIONS[s], Some((section.line, 1)), format!("more than {MAX_STAFF} employees"));
        ctx.finish()?;
    }
    Ok(rows)
}

/// `E=14|L=0`: the most days of each shift type; a shift type left out is not limited.
fn read_max_shifts(
    ctx: &mut Ctx,
    employee: &str,
    f: Field,
    shift_ix: &FxHashMap<&str, ShiftId>,
    shifts: usize,
) -> Result<Vec<u16>> {
    let s = sec::STAFF;
    let mut limits = vec![UNLIMITED; shifts];
    let mut given = vec![false; shifts];
    for pair in super::text::split(f.text, '|', f.line, f.col) {
        if pair.text.is_empty() {
            continue;
        }
        let Some((key, value)) = pair.text.split_once('=') else {
            return Err(ctx.syntax(
                SECTIONS[s],
                pair.pos(),
                format!("MaxShifts: expected `ShiftID=limit`, found `{}`", shorten(pair.text)),
            ));
        };
        let value_col = pair.col + key.chars().count() + 1;
        let limit = ctx.int(
            s,
            Field { text: value.trim(), line: pair.line, col: value_col },
            "MaxShifts limit",
            0,
            u16::MAX as i64 - 1,
        )? as u16;
        match shift_ix.get(key.trim()) {
            Some(&shift) if given[shift.idx()] => ctx.invalid(
                SECTIONS[s],
                pair.pos(),
                format!("employee `{employee}`: MaxShifts names shift `{}` twice", key.trim()),
            ),
            Some(&shift) => {
                given[shift.idx()] = true;
                limits[shift.idx()] = limit;
            }
            None => ctx.invalid(
                SECTIONS[s],
                pair.pos(),
                format!("employee `{employee}`: MaxShifts names unknown shift `{}`", shorten(key.trim())),
            ),
        }
    }
    Ok(limits)
}

/// An employee id field, resolved.
fn employee(ctx: &mut Ctx, section: usize, f: Field, staff_ix: &FxHashMap<&str, usize>) -> Option<usize> {
    let found = staff_ix.get(f.text).copied();
    if found.is_none() {
        ctx.invalid(SECTIONS[section], f.pos(), format!("unknown employee `{}`", shorten(f.text)));
    }
    found
}

/// A shift id field, resolved.
fn shift(ctx: &mut Ctx, section: usize, f: Field, shift_ix: &FxHashMap<&str, ShiftId>) -> Option<ShiftId> {
    let found = shift_ix.get(f.text).copied();
    if found.is_none() {
        ctx.invalid(SECTIONS[section], f.pos(), format!("unknown shift `{}`", shorten(f.text)));
    }
    found
}

/// A day field: an integer (syntax), inside the horizon (content).
fn day(ctx: &mut Ctx, section: usize, f: Field, days: usize) -> Result<Option<usize>> {
    let d = ctx.int(section, f, "day", i64::MIN, i64::MAX)?;
    if d < 0 || d >= days as i64 {
        ctx.invalid(
            SECTIONS[section],
            f.pos(),
            format!("day {d} is outside the horizon (days are numbered 0 to {})", days - 1),
        );
        return Ok(None);
    }
    Ok(Some(d as usize))
}

fn read_days_off(
    ctx: &mut Ctx,
    section: &Section,
    staff_ix: &FxHashMap<&str, usize>,
    employees: usize,
    days: usize,
) -> Result<Vec<Vec<bool>>> {
    let s = sec::DAYS_OFF;
    let mut off = vec![vec![false; days]; employees];
    for rec in &section.records {
        let e = employee(ctx, s, rec.fields[0], staff_ix);
        for &f in &rec.fields[1..] {
            if f.text.is_empty() {
                continue;
            }
            if let (Some(d), Some(e)) = (day(ctx, s, f, days)?, e) {
                off[e][d] = true;
            }
        }
    }
    Ok(off)
}

fn read_requests(
    ctx: &mut Ctx,
    s: usize,
    section: &Section,
    staff_ix: &FxHashMap<&str, usize>,
    shift_ix: &FxHashMap<&str, ShiftId>,
    days: usize,
) -> Result<Vec<Request>> {
    let mut out = Vec::new();
    for rec in &section.records {
        ctx.arity(s, rec, &[4], "EmployeeID, Day, ShiftID, Weight")?;
        let f = &rec.fields;
        let e = employee(ctx, s, f[0], staff_ix);
        let d = day(ctx, s, f[1], days)?;
        let sh = shift(ctx, s, f[2], shift_ix);
        let weight = ctx.int(s, f[3], "weight", 0, u32::MAX as i64)? as u32;
        if let (Some(employee), Some(day), Some(shift)) = (e, d, sh) {
            out.push(Request { employee, day, shift, weight });
        }
    }
    Ok(out)
}

fn read_cover(
    ctx: &mut Ctx,
    section: &Section,
    shift_ix: &FxHashMap<&str, ShiftId>,
    n: usize,
    days: usize,
) -> Result<Vec<Option<DemandCell>>> {
    let s = sec::COVER;
    let mut cover: Vec<Option<DemandCell>> = vec![None; days * n];
    let mut line_of = vec![0usize; days * n];
    for rec in &section.records {
        ctx.arity(s, rec, &[5], "Day, ShiftID, Requirement, WeightUnder, WeightOver")?;
        let f: &[Field] = &rec.fields;
        let d = day(ctx, s, f[0], days)?;
        let sh = shift(ctx, s, f[1], shift_ix);
        let target = ctx.int(s, f[2], "requirement", 0, u16::MAX as i64)? as u16;
        let weight_under = ctx.int(s, f[3], "weight under", 0, u32::MAX as i64)? as u32;
        let weight_over = ctx.int(s, f[4], "weight over", 0, u32::MAX as i64)? as u32;
        let (Some(d), Some(sh)) = (d, sh) else { continue };
        let at = d * n + sh.idx();
        if cover[at].is_some() {
            ctx.invalid(
                SECTIONS[s],
                rec.pos(),
                format!("cover of day {d}, shift `{}` is given twice (also on line {})", f[1].text, line_of[at]),
            );
        }
        cover[at] = Some(DemandCell { min: 0, target, weight_min: 0, weight_under, weight_over });
        line_of[at] = rec.line;
    }
    Ok(cover)
}

/// Maps the checked benchmark into heltid's model (see the module docs for the mapping).
fn build(b: &Benchmark, name: String) -> Instance {
    let days = b.days;
    let weeks = days / 7;
    let n = b.shifts.len();
    let hard = Level::Hard;
    let shifts: Vec<ShiftType> = b
        .shifts
        .iter()
        .map(|s| {
            let start = NaiveTime::MIN;
            // 1..=1440 minutes: 1440 wraps to 00:00, which the model reads as "the next day".
            let end = start + chrono::Duration::minutes(s.minutes as i64);
            ShiftType {
                id: s.id.to_string(),
                name: s.id.to_string(),
                site: SiteId(0),
                start,
                end,
                rast_minutes: 0,
                paid_meal: false,
            }
        })
        .collect();
    let tasks = (0..n).map(|i| Task { shift: ShiftId(i as u16), skill: SkillId(0) }).collect();
    let mut forbidden = vec![false; n * n];
    for (a, s) in b.shifts.iter().enumerate() {
        for next in &s.not_followed_by {
            forbidden[a * n + next.idx()] = true;
        }
    }
    let mut wishes: Vec<Vec<Wish>> = vec![Vec::new(); b.staff.len()];
    for (reqs, want) in [(&b.on, true), (&b.off, false)] {
        for r in reqs {
            let kind = if want { WishKind::WantShift(r.shift) } else { WishKind::AvoidShift(r.shift) };
            wishes[r.employee].push(Wish { day: r.day as Day, kind, weight: r.weight });
        }
    }
    let employees = b
        .staff
        .iter()
        .zip(wishes)
        .zip(&b.days_off)
        .map(|((e, mut wishes), off)| {
            wishes.sort_by_key(|w| w.day);
            let target = (e.min_minutes + e.max_minutes) / 2;
            Employee {
                id: e.id.to_string(),
                name: e.id.to_string(),
                employer: MunicipalityId(0),
                degree: 1.0,
                skills: vec![SkillId(0)],
                sites: vec![SiteId(0)],
                dygnsbryt: 0,
                night_worker: false,
                nights: Nights::Any,
                group: None,
                contract: Contract {
                    max_consecutive_days: Some(Limit::hard(e.max_run)),
                    min_consecutive_days: Some(Limit::hard(e.min_run)),
                    min_consecutive_days_off: Some(Limit::hard(e.min_off)),
                    contract_minutes: Some(Limit::hard(MinutesBand { min: e.min_minutes, max: e.max_minutes })),
                    max_weekends: Some(Limit::hard(WeekendLimit { max: e.max_weekends, window: u16::MAX })),
                    max_shifts_per_type: Some(Limit::hard(e.max_shifts.clone())),
                    ..Default::default()
                },
                target_minutes: target,
                weekly_target_minutes: vec![target / weeks.max(1) as Minute; weeks],
                hourly_cost: 0.0,
                absence: off.iter().map(|&o| o.then_some(AbsenceKind::DayOff)).collect(),
                locked: vec![None; days],
                wishes,
                history: Vec::new(),
            }
        })
        .collect();
    let mut inst = Instance {
        name,
        horizon: Horizon::new(START, days as u16, chrono_tz::UTC),
        holidays: vec![false; days],
        major_holidays: vec![false; days],
        municipalities: vec![Municipality { id: "cq".into(), name: "Curtois–Qu".into() }],
        sites: vec![Site { id: "ward".into(), name: "Ward".into(), municipality: MunicipalityId(0) }],
        travel: vec![0],
        skills: vec![Skill { id: "any".into(), name: "Any".into() }],
        covers: vec![true],
        shifts,
        tasks,
        employees,
        demand: b.cover.iter().map(|c| c.unwrap_or_default()).collect(),
        resource_cost: vec![0; days * n],
        rules: GlobalRules {
            forbidden_succession: Some(Limit::hard(forbidden)),
            unavailable: hard,
            locked: hard,
            eligibility: hard,
            travel_weight: None,
            split_shift_weight: None,
            resource_shifts: false,
            weekend_by_instant: false,
            strict_edges: false,
        },
        costs: Costs {
            substitute_per_hour: 0.0,
            agency_per_hour: 0.0,
            agency_share: 0.0,
            ob: ObRates {
                weekday_evening: 0.0,
                night: 0.0,
                weekend: 0.0,
                weekend_night: 0.0,
                holiday: 0.0,
                holiday_night: 0.0,
            },
        },
        history_days: 0,
        times: Default::default(),
        eligible: Vec::new(),
    };
    inst.finish();
    inst
}
