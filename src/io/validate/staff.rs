//! Staff: employer, degree, skills and sites, contract group, and the dated entries of each
//! employee (absences, locked passes, wishes, history).

use chrono::NaiveDate;

use super::catalog::{non_negative, Catalog};
use super::rules::{full_time, ContractDraft, Rules};
use super::{minutes_of, Calendar, Ids, Problems};
use crate::io::dto::{InstanceFile, StaffDto, WishKindDto};
use crate::model::*;

/// Oldest history accepted, in days before the horizon start.
const MAX_HISTORY_DAYS: Day = 14;
/// Hourly cost when the instance gives none (SEK, salary and overhead; domain.md §6).
const DEFAULT_HOURLY_COST: f64 = 290.0;

/// A locked cell as written.
#[derive(Clone, Copy, Debug)]
pub(super) enum Lock {
    /// A day that must stay off.
    Off,
    /// A pass that must stay; the skill is resolved when tasks are known.
    Pass { shift: ShiftId, skill: Option<SkillId>, resource: bool },
}

/// One employee, checked, with everything but the task-dependent parts resolved.
pub(super) struct StaffDraft {
    pub employer: MunicipalityId,
    pub skills: Vec<SkillId>,
    pub sites: Vec<SiteId>,
    pub dygnsbryt: u16,
    pub contract: ContractDraft,
    pub full_time_hours: f64,
    pub nights: Nights,
    pub hourly_cost: f64,
    pub absence: Vec<Option<AbsenceKind>>,
    pub locked: Vec<(Day, Lock)>,
    pub wishes: Vec<Wish>,
    pub history: Vec<(Day, ShiftId)>,
}

/// Checks every employee; an employee with any problem gives `None`.
pub(super) fn drafts(
    file: &InstanceFile,
    cal: Option<&Calendar>,
    cat: &Catalog,
    rules: &Rules,
    p: &mut Problems,
) -> Vec<Option<StaffDraft>> {
    Ids::new("employee", "staff", file.staff.iter().map(|s| s.id.as_str()), p);
    file.staff
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let before = p.errors.len();
            let draft = employee(file, s, &format!("staff[{i}]"), cal, cat, rules, p);
            draft.filter(|_| p.errors.len() == before)
        })
        .collect()
}

/// Indices of a list of ids; empty lists and repeated ids are problems.
fn id_list(list: &[String], what: &str, path: &str, ids: &Ids, p: &mut Problems) -> Vec<usize> {
    if list.is_empty() {
        p.error(path, format!("the employee has no {what}s; give at least one"));
    }
    let mut out = Vec::new();
    for (j, id) in list.iter().enumerate() {
        let here = format!("{path}[{j}]");
        if list[..j].contains(id) {
            p.error(here, format!("{what} {id:?} is listed twice"));
        } else if let Some(k) = ids.get(id, &here, p) {
            out.push(k);
        }
    }
    out
}

fn employee(
    file: &InstanceFile,
    s: &StaffDto,
    path: &str,
    cal: Option<&Calendar>,
    cat: &Catalog,
    rules: &Rules,
    p: &mut Problems,
) -> Option<StaffDraft> {
    let employer = cat.municipality_ids.get(&s.employer, &format!("{path}.employer"), p);
    for (field, v) in [("degree", Some(s.degree)), ("wished_degree", s.wished_degree)] {
        if let Some(v) = v.filter(|v| !(v.is_finite() && *v > 0.0 && *v <= 1.0)) {
            p.error(
                format!("{path}.{field}"),
                format!("the employment degree must be more than 0 and at most 1 (0.75 for 75 %), not {v}"),
            );
        }
    }
    let skills: Vec<SkillId> = id_list(&s.skills, "skill", &format!("{path}.skills"), &cat.skill_ids, p)
        .into_iter()
        .map(|k| SkillId(k as u16))
        .collect();
    let sites: Vec<SiteId> = id_list(&s.sites, "site", &format!("{path}.sites"), &cat.site_ids, p)
        .into_iter()
        .map(|k| SiteId(k as u16))
        .collect();
    let contract = match &s.group {
        Some(g) => match rules.groups.get(g) {
            Some(c) => c.clone(),
            None => {
                let known: Vec<&str> = rules.groups.keys().map(String::as_str).collect();
                let hint = if known.is_empty() {
                    "no groups are defined".into()
                } else {
                    format!("known: {}", known.join(", "))
                };
                p.error(format!("{path}.group"), format!("unknown contract group {g:?} ({hint})"));
                rules.default.clone()
            }
        },
        None => rules.default.clone(),
    };
    let own = full_time(s.full_time_hours, &format!("{path}.full_time_hours"), None, p);
    let nights = s.nights.or(contract.nights).unwrap_or_default();
    let weekdays_only = s.weekdays_only.or(contract.weekdays_only).unwrap_or(false);
    let full_time_hours = rules.measures.of(own, &contract, s.night_worker, weekdays_only);
    let mut contract = contract;
    contract.contract.weekdays_only = weekdays_only;
    let dygnsbryt = match &s.dygnsbryt {
        Some(t) => p.clock(t, &format!("{path}.dygnsbryt")).map_or(0, minutes_of),
        None => 0,
    };
    let hourly_cost = match s.hourly_cost {
        Some(c) => {
            non_negative(c, &format!("{path}.hourly_cost"), p);
            c
        }
        None => s
            .skills
            .first()
            .and_then(|k| file.costs.hourly_by_skill.get(k))
            .copied()
            .or(file.costs.hourly)
            .unwrap_or(DEFAULT_HOURLY_COST),
    };
    let absence = absences(s, path, cal, p);
    let locked = locked(s, path, cal, cat, &skills, &sites, absence.as_deref(), p);
    let wishes = wishes(s, path, cal, cat, p);
    let history = history(s, path, cal, cat, p);
    Some(StaffDraft {
        employer: MunicipalityId(employer? as u16),
        skills,
        sites,
        dygnsbryt,
        contract,
        full_time_hours,
        nights,
        hourly_cost,
        absence: absence?,
        locked,
        wishes,
        history,
    })
}

/// Absence per horizon day. Ranges reaching past the horizon are cut to it; a range wholly
/// outside it, an inverted range, or two overlapping ranges are problems.
fn absences(s: &StaffDto, path: &str, cal: Option<&Calendar>, p: &mut Problems) -> Option<Vec<Option<AbsenceKind>>> {
    let mut seen: Vec<(NaiveDate, NaiveDate, usize)> = Vec::new();
    let mut per_day = cal.map(|c| vec![None; c.horizon.days()]);
    for (j, a) in s.absences.iter().enumerate() {
        let here = format!("{path}.absences[{j}]");
        let from = p.date(&a.from, &format!("{here}.from"));
        let to = p.date(&a.to, &format!("{here}.to"));
        let (Some(from), Some(to)) = (from, to) else { continue };
        if to < from {
            p.error(format!("{here}.to"), format!("the absence ends ({to}) before it starts ({from})"));
            continue;
        }
        if let Some(&(f, t, k)) = seen.iter().find(|(f, t, _)| from <= *t && *f <= to) {
            p.error(here.clone(), format!("overlaps {path}.absences[{k}] ({f} – {t})"));
        }
        seen.push((from, to, j));
        let (Some(cal), Some(days)) = (cal, per_day.as_mut()) else { continue };
        let (a_day, b_day) = (cal.horizon.day_of(from).max(0), cal.horizon.day_of(to).min(days.len() as Day - 1));
        if a_day > b_day {
            p.error(here, format!("the absence {from} – {to} lies wholly outside the horizon ({})", cal.span()));
            continue;
        }
        for d in a_day..=b_day {
            days[d as usize] = Some(a.kind);
        }
    }
    per_day
}

#[allow(clippy::too_many_arguments)]
fn locked(
    s: &StaffDto,
    path: &str,
    cal: Option<&Calendar>,
    cat: &Catalog,
    skills: &[SkillId],
    sites: &[SiteId],
    absence: Option<&[Option<AbsenceKind>]>,
    p: &mut Problems,
) -> Vec<(Day, Lock)> {
    let mut out: Vec<(Day, Lock)> = Vec::new();
    for (j, l) in s.locked.iter().enumerate() {
        let here = format!("{path}.locked[{j}]");
        let day = p.day(&l.date, &format!("{here}.date"), cal);
        if let Some(d) = day.filter(|d| out.iter().any(|(o, _)| o == d)) {
            let first = out.iter().position(|(o, _)| *o == d).unwrap_or(0);
            p.error(format!("{here}.date"), format!("{} is locked twice (also at {path}.locked[{first}])", l.date));
        }
        let Some(shift_id) = &l.shift else {
            if l.skill.is_some() {
                p.error(format!("{here}.skill"), "a locked day off (no shift) takes no skill");
            }
            if l.resource {
                p.error(format!("{here}.resource"), "a locked day off (no shift) cannot be a resource shift");
            }
            if let Some(d) = day {
                out.push((d, Lock::Off));
            }
            continue;
        };
        let shift = cat.shift_ids.get(shift_id, &format!("{here}.shift"), p).map(|k| ShiftId(k as u16));
        let skill = match &l.skill {
            Some(k) => match cat.skill_ids.get(k, &format!("{here}.skill"), p) {
                Some(k) => Some(SkillId(k as u16)),
                None => continue,
            },
            None => None,
        };
        if let (Some(d), Some(absence)) = (day, absence) {
            if let Some(kind) = absence.get(d as usize).copied().flatten() {
                p.error(here.clone(), format!("a pass is locked on {}, a day of absence ({kind:?})", l.date));
            }
        }
        if let Some(sh) = shift {
            let site = cat.shifts[sh.idx()].site;
            if !sites.is_empty() && !sites.contains(&site) {
                p.error(
                    format!("{here}.shift"),
                    format!(
                        "the employee may not work at site {:?}, where {shift_id:?} is worked",
                        cat.sites[site.idx()].id
                    ),
                );
            }
        }
        if let Some(k) = skill {
            if !skills.is_empty() && !skills.iter().any(|&h| cat.covers(h, k)) {
                p.error(
                    format!("{here}.skill"),
                    format!("the employee holds no skill that may work as {:?}", cat.skills[k.idx()].id),
                );
            }
        }
        if let (Some(d), Some(shift)) = (day, shift) {
            out.push((d, Lock::Pass { shift, skill, resource: l.resource }));
        }
    }
    out
}

fn wishes(s: &StaffDto, path: &str, cal: Option<&Calendar>, cat: &Catalog, p: &mut Problems) -> Vec<Wish> {
    let mut out = Vec::new();
    for (j, w) in s.wishes.iter().enumerate() {
        let here = format!("{path}.wishes[{j}]");
        let day = p.day(&w.date, &format!("{here}.date"), cal);
        let shift = match (&w.shift, w.kind) {
            (Some(_), WishKindDto::Off) => {
                p.error(format!("{here}.shift"), "a wish for a day off names no shift");
                continue;
            }
            (None, WishKindDto::Off) => None,
            (None, _) => {
                p.error(here, format!("a {:?} wish needs a `shift`", w.kind).to_lowercase());
                continue;
            }
            (Some(id), _) => match cat.shift_ids.get(id, &format!("{here}.shift"), p) {
                Some(k) => Some(ShiftId(k as u16)),
                None => continue,
            },
        };
        let kind = match (w.kind, shift) {
            (WishKindDto::Want, Some(s)) => WishKind::WantShift(s),
            (WishKindDto::Avoid, Some(s)) => WishKind::AvoidShift(s),
            _ => WishKind::WantOff,
        };
        if let Some(day) = day {
            out.push(Wish { day, kind, weight: w.weight.unwrap_or(1) });
        }
    }
    out.sort_by_key(|w| w.day);
    out
}

fn history(s: &StaffDto, path: &str, cal: Option<&Calendar>, cat: &Catalog, p: &mut Problems) -> Vec<(Day, ShiftId)> {
    let mut out: Vec<(Day, ShiftId)> = Vec::new();
    for (j, h) in s.history.iter().enumerate() {
        let here = format!("{path}.history[{j}]");
        let date = p.date(&h.date, &format!("{here}.date"));
        let shift = cat.shift_ids.get(&h.shift, &format!("{here}.shift"), p);
        let (Some(date), Some(cal)) = (date, cal) else { continue };
        let day = cal.horizon.day_of(date);
        if day >= 0 {
            p.error(
                format!("{here}.date"),
                format!("history must lie before the horizon start ({}); {date} does not", cal.horizon.start()),
            );
        } else if day < -MAX_HISTORY_DAYS {
            p.error(
                format!("{here}.date"),
                format!(
                    "history reaches back at most {MAX_HISTORY_DAYS} days before the start; {date} is {} days",
                    -day
                ),
            );
        } else if out.iter().any(|(d, _)| *d == day) {
            p.error(format!("{here}.date"), format!("two history passes on {date}"));
        } else if let Some(k) = shift {
            out.push((day, ShiftId(k as u16)));
        }
    }
    out
}
