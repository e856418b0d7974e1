//! The fixed parts of an instance: horizon and holidays, municipalities, sites, travel, skills,
//! shift types and cost figures.

use chrono::{Datelike, Weekday};

use super::{minutes_of, weekday_name, Calendar, Ids, Problems};
use crate::io::dto::{CostsDto, HorizonDto, InstanceFile, ShiftDto};
use crate::io::locate::key;
use crate::model::*;

/// Longest shift type accepted, in minutes.
const MAX_SHIFT_MINUTES: u16 = 16 * 60;
/// Longest stretch of work without a break (domain.md §2), in minutes.
const MAX_WITHOUT_BREAK: u16 = 5 * 60;

/// Validated municipalities, sites, skills, shift types, travel and costs.
pub(super) struct Catalog {
    pub municipalities: Vec<Municipality>,
    pub municipality_ids: Ids,
    pub sites: Vec<Site>,
    pub site_ids: Ids,
    pub travel: Vec<u16>,
    pub skills: Vec<Skill>,
    pub skill_ids: Ids,
    /// `covers[holder * n + needed]`.
    pub covers: Vec<bool>,
    pub shifts: Vec<ShiftType>,
    pub shift_ids: Ids,
    pub costs: Costs,
}

impl Catalog {
    /// Whether a holder of `holder` may work in `needed`.
    pub fn covers(&self, holder: SkillId, needed: SkillId) -> bool {
        self.covers.get(holder.idx() * self.skills.len() + needed.idx()).copied().unwrap_or(false)
    }
}

/// The horizon: a Monday start, 1–16 weeks, a known time zone, holidays inside it.
pub(super) fn calendar(h: &HorizonDto, p: &mut Problems) -> Option<Calendar> {
    let start = p.date(&h.start, "horizon.start");
    let start = match start {
        Some(s) if !(1900..=2200).contains(&s.year()) => {
            p.error("horizon.start", format!("the start year must be between 1900 and 2200, not {}", s.year()));
            None
        }
        s => s,
    };
    if let Some(s) = start.filter(|s| s.weekday() != Weekday::Mon) {
        p.error(
            "horizon.start",
            format!("the schedule period must start on a Monday; {s} is a {}", weekday_name(s.weekday())),
        );
    }
    if !(1..=16).contains(&h.weeks) {
        p.error("horizon.weeks", format!("weeks must be between 1 and 16, not {}", h.weeks));
    }
    let tz_name = h.timezone.as_deref().unwrap_or("Europe/Stockholm");
    let tz = tz_name.parse::<chrono_tz::Tz>().ok();
    if tz.is_none() {
        p.error(
            "horizon.timezone",
            format!("unknown time zone {tz_name:?} (use an IANA name like \"Europe/Stockholm\")"),
        );
    }
    let start = start.filter(|s| s.weekday() == Weekday::Mon && (1..=16).contains(&h.weeks))?;
    let days = h.weeks as usize * 7;
    let mut cal = Calendar {
        horizon: Horizon::new(start, days as u16, tz?),
        holidays: vec![false; days],
        major_holidays: vec![false; days],
    };
    for (i, d) in h.holidays.iter().enumerate() {
        if let Some(day) = p.day(d, &format!("horizon.holidays[{i}]"), Some(&cal)) {
            cal.holidays[day as usize] = true;
        }
    }
    for (i, d) in h.major_holidays.iter().enumerate() {
        if let Some(day) = p.day(d, &format!("horizon.major_holidays[{i}]"), Some(&cal)) {
            cal.major_holidays[day as usize] = true;
        }
    }
    Some(cal)
}

/// Everything but the horizon, staff, rules and demand.
pub(super) fn catalog(file: &InstanceFile, p: &mut Problems) -> Catalog {
    let municipality_ids =
        Ids::new("municipality", "municipalities", file.municipalities.iter().map(|m| m.id.as_str()), p);
    let municipalities =
        file.municipalities.iter().map(|m| Municipality { id: m.id.clone(), name: m.name.clone() }).collect();

    let site_ids = Ids::new("site", "sites", file.sites.iter().map(|s| s.id.as_str()), p);
    let sites = file
        .sites
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let m = municipality_ids.get(&s.municipality, &format!("sites[{i}].municipality"), p);
            Site { id: s.id.clone(), name: s.name.clone(), municipality: MunicipalityId(m.unwrap_or(0) as u16) }
        })
        .collect();

    let skill_ids = Ids::new("skill", "skills", file.skills.iter().map(|s| s.id.as_str()), p);
    let n = file.skills.len();
    let mut covers = vec![false; n * n];
    for (i, s) in file.skills.iter().enumerate() {
        covers[i * n + i] = true;
        for (j, c) in s.covers.iter().enumerate() {
            if let Some(k) = skill_ids.get(c, &format!("skills[{i}].covers[{j}]"), p) {
                covers[i * n + k] = true;
            }
        }
    }
    let skills = file.skills.iter().map(|s| Skill { id: s.id.clone(), name: s.name.clone() }).collect();

    let shift_ids = Ids::new("shift type", "shifts", file.shifts.iter().map(|s| s.id.as_str()), p);
    let shifts = file.shifts.iter().enumerate().map(|(i, s)| shift(s, &format!("shifts[{i}]"), &site_ids, p)).collect();

    Catalog {
        municipalities,
        municipality_ids,
        travel: travel(file, &site_ids, p),
        sites,
        site_ids,
        skills,
        skill_ids: skill_ids_checked(file, skill_ids, p),
        covers,
        shifts,
        shift_ids,
        costs: costs(&file.costs, p),
    }
}

/// Checks the skill ids named in the cost table, then hands the skill index back.
fn skill_ids_checked(file: &InstanceFile, skill_ids: Ids, p: &mut Problems) -> Ids {
    for (id, rate) in &file.costs.hourly_by_skill {
        let path = key("costs.hourly_by_skill", id);
        skill_ids.get(id, &path, p);
        non_negative(*rate, &path, p);
    }
    skill_ids
}

/// One shift type: known site, clock times, a break when longer than 5 h, at most 16 h.
fn shift(s: &ShiftDto, path: &str, sites: &Ids, p: &mut Problems) -> ShiftType {
    let site = sites.get(&s.site, &format!("{path}.site"), p);
    let start = p.clock(&s.start, &format!("{path}.start"));
    let end = p.clock(&s.end, &format!("{path}.end"));
    if let (Some(start), Some(end)) = (start, end) {
        // Length on the wall clock; the real length differs by an hour only on DST nights.
        let (a, b) = (minutes_of(start), minutes_of(end));
        let length = if b > a { b - a } else { b + 24 * 60 - a };
        let hm = |m: u16| format!("{}:{:02}", m / 60, m % 60);
        if length > MAX_SHIFT_MINUTES {
            p.error(format!("{path}.end"), format!("the shift lasts {} h, more than the 16 h allowed", hm(length)));
        }
        if s.rast >= length {
            p.error(
                format!("{path}.rast"),
                format!("rast of {} min is not shorter than the shift ({})", s.rast, hm(length)),
            );
        }
        if length > MAX_WITHOUT_BREAK && s.rast == 0 && !s.paid_meal {
            p.error(
                path,
                format!(
                    "the shift lasts {} h with neither rast nor paid_meal; no one may work more than 5 hours \
                     without a break",
                    hm(length)
                ),
            );
        }
    }
    if s.paid_meal && s.rast > 0 {
        p.error(format!("{path}.rast"), "give either rast (unpaid break) or paid_meal, not both");
    }
    ShiftType {
        id: s.id.clone(),
        name: s.name.clone(),
        site: SiteId(site.unwrap_or(0) as u16),
        start: start.unwrap_or_default(),
        end: end.unwrap_or_default(),
        rast_minutes: if s.paid_meal { 0 } else { s.rast },
        paid_meal: s.paid_meal,
    }
}

/// Dense, symmetric travel minutes; unknown sites and conflicting entries are problems.
fn travel(file: &InstanceFile, sites: &Ids, p: &mut Problems) -> Vec<u16> {
    let n = file.sites.len();
    let mut minutes = vec![0u16; n * n];
    let mut given: Vec<Option<usize>> = vec![None; n * n];
    for (i, t) in file.travel.iter().enumerate() {
        let path = format!("travel[{i}]");
        let from = sites.get(&t.from, &format!("{path}.from"), p);
        let to = sites.get(&t.to, &format!("{path}.to"), p);
        let (Some(a), Some(b)) = (from, to) else { continue };
        if a == b {
            if t.minutes != 0 {
                p.error(format!("{path}.minutes"), format!("travel from site {:?} to itself must be 0", t.from));
            }
            continue;
        }
        if let Some(first) = given[a * n + b] {
            if minutes[a * n + b] != t.minutes {
                p.error(
                    format!("{path}.minutes"),
                    format!(
                        "travel between {:?} and {:?} is given twice with different minutes (also at travel[{first}])",
                        t.from, t.to
                    ),
                );
            }
            continue;
        }
        for (x, y) in [(a, b), (b, a)] {
            minutes[x * n + y] = t.minutes;
            given[x * n + y] = Some(i);
        }
    }
    minutes
}

/// Cost figures with the defaults of domain.md §6.
fn costs(c: &CostsDto, p: &mut Problems) -> Costs {
    let mut figure = |v: Option<f64>, default: f64, name: &str| {
        let v = v.unwrap_or(default);
        non_negative(v, &format!("costs.{name}"), p);
        v
    };
    let substitute_per_hour = figure(c.substitute_per_hour, 300.0, "substitute_per_hour");
    let agency_per_hour = figure(c.agency_per_hour, 650.0, "agency_per_hour");
    let agency_share = figure(c.agency_share, 0.3, "agency_share");
    if c.hourly.is_some() {
        figure(c.hourly, 0.0, "hourly");
    }
    if agency_share > 1.0 {
        p.error("costs.agency_share", format!("agency_share is a share between 0 and 1, not {agency_share}"));
    }
    let ob = match &c.ob {
        Some(o) => {
            let rates = [
                ("weekday_evening", o.weekday_evening),
                ("night", o.night),
                ("weekend", o.weekend),
                ("weekend_night", o.weekend_night),
                ("holiday", o.holiday),
                ("holiday_night", o.holiday_night),
            ];
            for (name, v) in rates {
                non_negative(v, &format!("costs.ob.{name}"), p);
            }
            ObRates {
                weekday_evening: o.weekday_evening,
                night: o.night,
                weekend: o.weekend,
                weekend_night: o.weekend_night,
                holiday: o.holiday,
                holiday_night: o.holiday_night,
            }
        }
        None => ObRates {
            weekday_evening: 24.80,
            night: 54.80,
            weekend: 63.90,
            weekend_night: 73.50,
            holiday: 122.70,
            holiday_night: 147.30,
        },
    };
    Costs { substitute_per_hour, agency_per_hour, agency_share, ob }
}

/// A money figure or share must be a finite number ≥ 0.
pub(super) fn non_negative(v: f64, path: &str, p: &mut Problems) {
    if !v.is_finite() || v < 0.0 {
        p.error(path, format!("must be a number ≥ 0, not {v}"));
    }
}
