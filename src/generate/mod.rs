//! The deterministic instance generator behind `heltid generate PROFILE --seed N`.
//!
//! [`generate`] builds an [`InstanceFile`] from a [`Profile`] and a seed; the same profile and
//! seed give the same file, byte for byte, on every platform ([`crate::rng::Rng`] is written out
//! in this crate and nothing is iterated from a hash map). [`render`] writes it as TOML with a
//! header saying how it was made, and [`summary`] prints its calibration: contracted hours
//! against demand hours.
//!
//! How an instance is built, one module per step:
//! 1. `sites`: municipalities, sites and their shift types (domain.md §7 times);
//!    `places` gives travel minutes; `calendar` the holidays.
//! 2. `demand`: headcount per shift type and skill for weekdays and weekends.
//! 3. `staff`: teams hired against the demand with 57 % full-timers, then second
//!    sites and consent to work across the municipal border.
//! 4. `requests`: absences, history, locked passes and wishes.
//! 5. `fit`: minimum headcounts lowered until the staff can cover them.

mod calendar;
mod demand;
mod fit;
mod names;
mod places;
mod render;
mod requests;
mod sites;
mod staff;
mod summary;

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{Duration, NaiveDate};

use crate::io::dto::*;
use crate::rng::Rng;
use calendar::Calendar;
use demand::Line;
use requests::AbsencePlan;
use sites::{Layout, ShiftKind};
use staff::{Group, Person, Role, WishKind};

pub use render::render;
pub use summary::summary;

/// A bundled instance profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Profile {
    /// One 10-place SÄBO unit in Mellerud, 9 staff, 2 weeks from 2027-01-04.
    Tiny,
    /// Mellerud and Bengtsfors: about 120 staff, 6 weeks from 2027-03-08 (DST change and Easter).
    MellerudBengtsfors,
    /// All five Dalsland municipalities: about 1,000 staff, 8 weeks from 2027-10-04.
    Dalsland,
}

impl Profile {
    /// Every profile, smallest first.
    pub const ALL: [Profile; 3] = [Profile::Tiny, Profile::MellerudBengtsfors, Profile::Dalsland];

    /// The profile's name on the command line and in the file.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Tiny => "tiny",
            Profile::MellerudBengtsfors => "mellerud-bengtsfors",
            Profile::Dalsland => "dalsland",
        }
    }

    /// One paragraph on what the profile is.
    pub fn about(self) -> &'static str {
        match self {
            Profile::Tiny => {
                "One 10-place SÄBO unit in Mellerud with 9 staff (3 of them night workers), 2 weeks \
                 from 2027-01-04 (Trettondedag jul on the Wednesday); two wishes, one vacation, one \
                 locked pass, one week of history. Small enough to read by hand."
            }
            Profile::MellerudBengtsfors => {
                "Mellerud and Bengtsfors with about 120 staff: four SÄBO units, a home-care group and \
                 the nurses in each municipality, with one unit of each co-located in Bäckefors; about \
                 15 % of staff consent to work in the other municipality. 6 weeks from 2027-03-08, so \
                 the spring DST change (2027-03-28) and Easter (2027-03-26..29) fall inside."
            }
            Profile::Dalsland => {
                "All five Dalsland municipalities (Åmål, Bengtsfors, Mellerud, Dals-Ed, Färgelanda) with \
                 about 1,000 staff at 57 sites, 8 weeks from 2027-10-04 (the autumn DST change on \
                 2027-10-31 inside). For scale."
            }
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A profile name that is not one of [`Profile::ALL`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown profile {0:?} (expected one of: tiny, mellerud-bengtsfors, dalsland)")]
pub struct UnknownProfile(pub String);

impl FromStr for Profile {
    type Err = UnknownProfile;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Profile::ALL.into_iter().find(|p| p.name() == s).ok_or_else(|| UnknownProfile(s.to_string()))
    }
}

/// A skill, in the order the file lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Skill {
    Ssk,
    Usk,
    Vbt,
    Service,
}

impl Skill {
    const ALL: [Skill; 4] = [Skill::Ssk, Skill::Usk, Skill::Vbt, Skill::Service];

    /// Id in the file.
    pub fn id(self) -> &'static str {
        match self {
            Skill::Ssk => "ssk",
            Skill::Usk => "usk",
            Skill::Vbt => "vbt",
            Skill::Service => "service",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Skill::Ssk => "Sjuksköterska",
            Skill::Usk => "Undersköterska",
            Skill::Vbt => "Vårdbiträde",
            Skill::Service => "Serviceassistent",
        }
    }
}

/// How many of the staff something applies to.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Amount {
    /// A share of the staff, rounded.
    Share(f64),
    /// A fixed number.
    Exactly(usize),
}

impl Amount {
    /// The number out of `n` staff.
    pub fn of(self, n: usize) -> usize {
        match self {
            Amount::Share(s) => (s * n as f64).round() as usize,
            Amount::Exactly(k) => k.min(n),
        }
    }
}

/// Everything that differs between profiles.
struct Params {
    start: NaiveDate,
    weeks: u16,
    /// Contracted hours over target demand hours.
    cover: f64,
    full_share: f64,
    /// (municipality indices, share of their staff consenting to work across their borders).
    consent: Vec<(Vec<usize>, f64)>,
    absences: AbsencePlan,
    history: Amount,
    locked_passes: Amount,
    locked_off: Amount,
    wish_people: Amount,
    most_wishes: usize,
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn params(profile: Profile) -> Params {
    let common = AbsencePlan {
        vacation: Amount::Share(0.08),
        education: Amount::Share(0.06),
        leave: Amount::Share(0.03),
        parental: Amount::Share(0.02),
        popular_week: None,
    };
    match profile {
        Profile::Tiny => Params {
            start: date(2027, 1, 4),
            weeks: 2,
            cover: 0.92,
            full_share: 0.57,
            consent: vec![],
            absences: AbsencePlan {
                vacation: Amount::Exactly(1),
                education: Amount::Exactly(0),
                leave: Amount::Exactly(0),
                parental: Amount::Exactly(0),
                popular_week: None,
            },
            history: Amount::Exactly(1),
            locked_passes: Amount::Exactly(1),
            locked_off: Amount::Exactly(0),
            wish_people: Amount::Exactly(2),
            most_wishes: 1,
        },
        Profile::MellerudBengtsfors => Params {
            start: date(2027, 3, 8),
            weeks: 6,
            cover: 0.92,
            full_share: 0.57,
            consent: vec![(vec![0, 1], 0.15)],
            // Påsklov: the week after Easter.
            absences: AbsencePlan { popular_week: Some(3), ..common },
            history: Amount::Share(0.25),
            locked_passes: Amount::Share(0.03),
            locked_off: Amount::Share(0.01),
            wish_people: Amount::Share(0.4),
            most_wishes: 4,
        },
        Profile::Dalsland => Params {
            start: date(2027, 10, 4),
            weeks: 8,
            cover: 0.92,
            full_share: 0.57,
            // Mellerud and Bengtsfors share staff; the five cooperate more loosely.
            consent: vec![(vec![1, 2], 0.15), (vec![0, 1, 2, 3, 4], 0.03)],
            // Höstlov: week 44.
            absences: AbsencePlan { popular_week: Some(4), ..common },
            history: Amount::Share(0.25),
            locked_passes: Amount::Share(0.02),
            locked_off: Amount::Share(0.01),
            wish_people: Amount::Share(0.4),
            most_wishes: 4,
        },
    }
}

/// Streams of the generator, one per step, so that a change in one step leaves the others'
/// random choices alone.
mod stream {
    pub const LAYOUT: u64 = 1;
    pub const HIRING: u64 = 2;
    pub const SECOND_SITES: u64 = 3;
    pub const CONSENT: u64 = 4;
    pub const ABSENCES: u64 = 5;
    pub const HISTORY: u64 = 6;
    pub const LOCKED: u64 = 7;
    pub const WISHES: u64 = 8;
    pub const NAMES: u64 = 9;
    pub const WISHED_DEGREE: u64 = 10;
}

/// Everything generated, before it is written as an [`InstanceFile`].
pub(crate) struct Generated {
    pub cal: Calendar,
    pub layout: Layout,
    pub lines: Vec<Line>,
    pub staff: Vec<Person>,
    #[cfg_attr(not(test), allow(dead_code))]
    pub checks: Vec<fit::Check>,
}

fn build(profile: Profile, seed: u64) -> Generated {
    let p = params(profile);
    let root = Rng::new(seed).derive(profile as u64 + 1);
    let cal = Calendar::new(p.start, p.weeks);
    let layout = match profile {
        Profile::Tiny => sites::tiny(),
        Profile::MellerudBengtsfors => sites::mellerud_bengtsfors(),
        Profile::Dalsland => sites::dalsland(&mut root.derive(stream::LAYOUT)),
    };
    let mut lines = demand::lines(&layout.sites);
    let mut teams = staff::teams(&layout.sites, &lines);
    let hiring =
        staff::Hiring { cal: &cal, sites: &layout.sites, lines: &lines, full_share: p.full_share, cover: p.cover };
    let mut staff = hiring.hire(&mut root.derive(stream::HIRING), &mut teams);
    staff::add_second_sites(&mut root.derive(stream::SECOND_SITES), &layout.sites, &mut staff);
    let mut rng = root.derive(stream::CONSENT);
    for (munis, share) in &p.consent {
        staff::add_consent(&mut rng, &layout.sites, &lines, &mut staff, munis, *share);
    }
    requests::absences(&mut root.derive(stream::ABSENCES), &cal, &teams, &mut staff, &p.absences);
    requests::history(&mut root.derive(stream::HISTORY), &layout.sites, &teams, &mut staff, p.history);
    let checks = fit::checks(&layout.sites, &lines, &teams, &staff);
    fit::fit_minimums(&cal, &layout.sites, &mut lines, &staff, &checks);
    requests::locked(&mut root.derive(stream::LOCKED), &cal, &mut staff, p.locked_passes, p.locked_off);
    requests::wishes(&mut root.derive(stream::WISHES), &cal, &layout.sites, &mut staff, p.wish_people, p.most_wishes);
    let mut rng = root.derive(stream::WISHED_DEGREE);
    for person in staff.iter_mut().filter(|p| p.degree < 0.999) {
        // Heltidsresan: many part-timers would rather work more.
        if rng.chance(0.45) {
            person.wished_degree =
                Some(if rng.chance(0.7) { 1.0 } else { ((person.degree + 0.1) * 20.0).round() / 20.0 });
        }
    }
    Generated { cal, layout, lines, staff, checks }
}

/// Generates a profile's instance. The same profile and seed always give the same instance.
pub fn generate(profile: Profile, seed: u64) -> InstanceFile {
    let g = build(profile, seed);
    assemble(profile, &g, &mut Rng::new(seed).derive(profile as u64 + 1).derive(stream::NAMES))
}

fn day_text(cal: &Calendar, day: i64) -> String {
    cal.date(day).to_string()
}

fn assemble(profile: Profile, g: &Generated, names_rng: &mut Rng) -> InstanceFile {
    let cal = &g.cal;
    let sites = &g.layout.sites;
    let munis = &g.layout.munis;
    let used: Vec<Skill> = Skill::ALL
        .into_iter()
        .filter(|&s| g.lines.iter().any(|l| l.skill == s) || g.staff.iter().any(|p| p.skill == s))
        .collect();
    let skills = used
        .iter()
        .map(|&s| SkillDto {
            id: s.id().into(),
            name: s.name().into(),
            covers: if s == Skill::Usk && used.contains(&Skill::Vbt) { vec!["vbt".into()] } else { vec![] },
        })
        .collect();
    let mut travel = Vec::new();
    for (i, a) in sites.iter().enumerate() {
        for b in &sites[i + 1..] {
            travel.push(TravelDto {
                from: a.id.clone(),
                to: b.id.clone(),
                minutes: places::travel_minutes(a.place, b.place),
            });
        }
    }
    let shifts = sites
        .iter()
        .flat_map(|s| {
            s.shifts().into_iter().map(move |(kind, t)| ShiftDto {
                id: s.shift_id(kind),
                name: kind.name().into(),
                site: s.id.clone(),
                start: t.start_text(),
                end: t.end_text(),
                rast: t.rast,
                paid_meal: t.paid_meal,
            })
        })
        .collect();
    let mut groups = BTreeMap::new();
    for group in [Group::Dag, Group::Natt, Group::Vardag] {
        if g.staff.iter().any(|p| p.group == group) {
            let rules = if group == Group::Natt {
                RulesDto { night_work: Some(RuleDto { hours: Some(8.0), ..Default::default() }), ..Default::default() }
            } else {
                RulesDto::default()
            };
            // Night staff are a team of their own (domain.md §7); service staff work weekdays.
            let nights = (group == Group::Natt).then_some(crate::model::Nights::Only);
            let weekdays_only = (group == Group::Vardag).then_some(true);
            groups.insert(
                group.name().to_string(),
                GroupDto { full_time_hours: Some(group.measure()), nights, weekdays_only, rules },
            );
        }
    }
    InstanceFile {
        name: profile.name().into(),
        horizon: HorizonDto {
            start: cal.start.to_string(),
            weeks: cal.weeks,
            timezone: Some("Europe/Stockholm".into()),
            holidays: cal.holidays.iter().filter(|h| h.public).map(|h| h.date.to_string()).collect(),
            major_holidays: cal.holidays.iter().filter(|h| h.major).map(|h| h.date.to_string()).collect(),
        },
        municipalities: munis.iter().map(|m| MunicipalityDto { id: m.id.into(), name: m.name.into() }).collect(),
        sites: sites
            .iter()
            .map(|s| SiteDto { id: s.id.clone(), name: s.name.clone(), municipality: munis[s.muni].id.into() })
            .collect(),
        travel,
        skills,
        shifts,
        demand: demand_dtos(g),
        staff: staff_dtos(g, names_rng),
        defaults: DefaultsDto {
            full_time_hours: Some(38.25),
            night_full_time_hours: None,
            weekday_full_time_hours: None,
            rules: RulesDto {
                daily_rest: Some(RuleDto { hours: Some(11.0), ..Default::default() }),
                weekly_rest: Some(RuleDto { hours: Some(36.0), ..Default::default() }),
                max_weekends: Some(RuleDto { max: Some(1), window: Some(2), ..Default::default() }),
                ..Default::default()
            },
        },
        groups,
        resource_shifts: ResourceDto::default(),
        costs: CostsDto {
            // Monthly salary / 165 plus 42 % overhead (domain.md §6): usk 31,000, ssk 42,000,
            // vbt 28,500, service 27,500 SEK a month.
            hourly_by_skill: used
                .iter()
                .map(|s| {
                    let monthly: f64 = match s {
                        Skill::Ssk => 42_000.0,
                        Skill::Usk => 31_000.0,
                        Skill::Vbt => 28_500.0,
                        Skill::Service => 27_500.0,
                    };
                    (s.id().to_string(), (monthly / 165.0 * 1.42).round())
                })
                .collect(),
            hourly: None,
            substitute_per_hour: Some(300.0),
            agency_per_hour: Some(650.0),
            agency_share: Some(0.3),
            ob: Some(ObDto {
                weekday_evening: 24.8,
                night: 54.8,
                weekend: 63.9,
                weekend_night: 73.5,
                holiday: 122.7,
                holiday_night: 147.3,
            }),
        },
    }
}

/// Demand lines as written: per site and task a weekday line (Monday–Friday) and a weekend line
/// (Saturday–Sunday), or one line for every day when the two agree, plus a line for the
/// weekday holidays (staffed like weekends) for every task with any demand.
fn demand_dtos(g: &Generated) -> Vec<DemandDto> {
    let sites = &g.layout.sites;
    let holidays: Vec<String> = g.cal.weekday_holidays().iter().map(|d| d.to_string()).collect();
    let mut keys: Vec<(usize, ShiftKind, Skill)> = g.lines.iter().map(|l| (l.site, l.shift, l.skill)).collect();
    keys.sort();
    keys.dedup();
    let strs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let dto = |shift: String, skill: Skill, min: u16, target: u16| DemandDto {
        shift,
        skill: skill.id().into(),
        min,
        target: (target != min).then_some(target),
        ..Default::default()
    };
    let mut out = Vec::new();
    for (site, shift, skill) in keys {
        let find = |weekend: bool| {
            g.lines.iter().find(|l| l.site == site && l.shift == shift && l.skill == skill && l.weekend == weekend)
        };
        let id = sites[site].shift_id(shift);
        let (weekday, weekend) = (find(false), find(true));
        match (weekday, weekend) {
            (Some(a), Some(b)) if a.min == b.min && a.target == b.target => {
                out.push(dto(id.clone(), skill, a.min, a.target))
            }
            _ => {
                if let Some(a) = weekday {
                    out.push(DemandDto {
                        weekdays: strs(&["mon", "tue", "wed", "thu", "fri"]),
                        ..dto(id.clone(), skill, a.min, a.target)
                    });
                }
                if let Some(b) = weekend {
                    out.push(DemandDto { weekdays: strs(&["sat", "sun"]), ..dto(id.clone(), skill, b.min, b.target) });
                }
            }
        }
        if !holidays.is_empty() {
            let (min, target) = weekend.map_or((0, 0), |b| (b.min, b.target));
            out.push(DemandDto { dates: holidays.clone(), ..dto(id, skill, min, target) });
        }
    }
    out
}

fn staff_dtos(g: &Generated, names_rng: &mut Rng) -> Vec<StaffDto> {
    let cal = &g.cal;
    let sites = &g.layout.sites;
    let munis = &g.layout.munis;
    let mut order: Vec<usize> = (0..g.staff.len()).collect();
    order.sort_by_key(|&i| (g.staff[i].muni, g.staff[i].home(), g.staff[i].role, i));
    let mut names = names::Names::new();
    let mut counters = vec![0usize; munis.len()];
    let day = |d: usize| day_text(cal, d as i64);
    order
        .into_iter()
        .map(|i| {
            let p = &g.staff[i];
            counters[p.muni] += 1;
            let home = &sites[p.home()];
            StaffDto {
                id: format!("{}{:03}", munis[p.muni].staff_prefix, counters[p.muni]),
                name: names.next(names_rng),
                employer: munis[p.muni].id.into(),
                degree: p.degree,
                group: Some(p.group.name().into()),
                full_time_hours: None,
                skills: vec![p.skill.id().into()],
                sites: p.sites.iter().map(|&s| sites[s].id.clone()).collect(),
                dygnsbryt: None,
                night_worker: p.role == Role::Night,
                nights: None,
                weekdays_only: None,
                hourly_cost: None,
                wished_degree: p.wished_degree,
                absences: p
                    .absences
                    .iter()
                    .map(|a| AbsenceDto { from: day(a.from), to: day(a.to), kind: a.kind })
                    .collect(),
                locked: p
                    .locked
                    .iter()
                    .map(|&(d, kind)| LockedDto {
                        date: day(d),
                        shift: kind.map(|k| home.shift_id(k)),
                        skill: None,
                        resource: false,
                    })
                    .collect(),
                wishes: p
                    .wishes
                    .iter()
                    .map(|&(d, kind, weight)| {
                        let (kind, shift) = match kind {
                            WishKind::Want(k) => (WishKindDto::Want, Some(home.shift_id(k))),
                            WishKind::Avoid(k) => (WishKindDto::Avoid, Some(home.shift_id(k))),
                            WishKind::Off => (WishKindDto::Off, None),
                        };
                        WishDto { date: day(d), kind, shift, weight: (weight != 1).then_some(weight) }
                    })
                    .collect(),
                history: {
                    let mut h: Vec<_> = p.history.clone();
                    h.sort_by_key(|&(before, _)| std::cmp::Reverse(before));
                    h.into_iter()
                        .map(|(before, k)| HistoryDto {
                            date: (cal.start - Duration::days(before as i64)).to_string(),
                            shift: home.shift_id(k),
                        })
                        .collect()
                },
            }
        })
        .collect()
}

/// Reasons a generated instance's minimums may be out of reach (empty when fitted): exposed to
/// tests.
#[cfg(test)]
pub(crate) fn unfitted(profile: Profile, seed: u64) -> Vec<String> {
    let g = build(profile, seed);
    fit::failures(&g.cal, &g.layout.sites, &g.lines, &g.staff, &g.checks)
}

#[cfg(test)]
mod tests;
