//! Hiring: teams of staff sized against demand, with the employment mix of domain.md §7.
//!
//! Every demand line belongs to one team, and the team's staff are hired for it:
//! - a **day team** per SÄBO unit or home-care group (usk and vbt, contract group `dag`),
//! - a **night team** per municipality and place (usk night workers, group `natt`, 34.33 h),
//!   who may work every night line of their place,
//! - a **service team** per municipality and place (cleaning, laundry; weekdays, group
//!   `vardag`, 40 h),
//! - a **nurse team** per nurses' site (ssk, group `dag`).
//!
//! Nights are staffed by night workers (contracted closest to 110 % of night hours, and at least
//! 2.5 night workers per night line so that every-other-weekend rotation covers the Friday,
//! Saturday and Sunday nights with room to spare), nurses at about 92 % (but at least 2.5 per
//! weekend head), service at about 95 %. Day teams then get whatever share of their hours
//! brings the whole instance to the profile's cover ratio (92 % in every profile; the rest of
//! the demand is what hourly and agency staff fill today), and at least six usk each, enough
//! for a Helg lång and a Kväll every weekend day with every other weekend worked.

use super::calendar::Calendar;
use super::demand::{line_minutes, Line};
use super::places::{travel_minutes, Place};
use super::sites::{Kind, ShiftKind, Site};
use super::Skill;
use crate::model::AbsenceKind;
use crate::rng::Rng;

/// What a team does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Role {
    Day,
    Night,
    Service,
    Nurse,
}

/// Contract group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Group {
    /// Day/evening rotation including weekends: 38.25 h.
    Dag,
    /// Night workers: 34.33 h.
    Natt,
    /// Weekday-only work: 40 h.
    Vardag,
}

impl Group {
    /// Name in the file.
    pub fn name(self) -> &'static str {
        match self {
            Group::Dag => "dag",
            Group::Natt => "natt",
            Group::Vardag => "vardag",
        }
    }

    /// Full-time measure in hours per week (domain.md §4).
    pub fn measure(self) -> f64 {
        match self {
            Group::Dag => 38.25,
            Group::Natt => 34.33,
            Group::Vardag => 40.0,
        }
    }
}

/// A planned absence, both days included (day indices of the horizon).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Absence {
    pub from: usize,
    pub to: usize,
    pub kind: AbsenceKind,
}

/// A wish about one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WishKind {
    Want(ShiftKind),
    Avoid(ShiftKind),
    Off,
}

/// One employee as generated.
#[derive(Clone, Debug)]
pub(crate) struct Person {
    pub role: Role,
    pub group: Group,
    pub muni: usize,
    /// Sites the person may work at; the first is the home site.
    pub sites: Vec<usize>,
    pub skill: Skill,
    pub degree: f64,
    pub wished_degree: Option<f64>,
    pub absences: Vec<Absence>,
    /// Passes before the horizon: (days before the start, 1 = the day before; shift kind at home).
    pub history: Vec<(usize, ShiftKind)>,
    /// Worked the weekend just before the horizon (history).
    pub history_weekend: bool,
    /// Locked cells: (day, Some(kind) for a pass at the home site, None for a day off).
    pub locked: Vec<(usize, Option<ShiftKind>)>,
    pub wishes: Vec<(usize, WishKind, u32)>,
}

impl Person {
    /// The home site.
    pub fn home(&self) -> usize {
        self.sites[0]
    }

    /// Whether the person is absent on a day.
    pub fn absent(&self, day: usize) -> bool {
        self.absences.iter().any(|a| a.from <= day && day <= a.to)
    }

    /// Contracted minutes over the horizon before planned absence.
    pub fn contracted_minutes(&self, cal: &Calendar) -> f64 {
        self.degree * self.group.measure() * 60.0 * cal.weeks as f64
    }

    /// Target minutes after planned absence (reduced pro rata by calendar days).
    pub fn target_minutes(&self, cal: &Calendar) -> f64 {
        let absent = (0..cal.days()).filter(|&d| self.absent(d)).count() as f64;
        self.contracted_minutes(cal) * (1.0 - absent / cal.days() as f64)
    }
}

/// Staff hired for a group of demand lines.
#[derive(Clone, Debug)]
pub(crate) struct Team {
    pub role: Role,
    pub muni: usize,
    pub place: Place,
    /// Indices of the demand lines the team is hired for.
    pub lines: Vec<usize>,
    /// Indices of its staff.
    pub staff: Vec<usize>,
}

/// The team role that covers a demand line.
pub(crate) fn role_of(line: &Line) -> Role {
    match (line.skill, line.shift) {
        (Skill::Ssk, _) => Role::Nurse,
        (Skill::Service, _) => Role::Service,
        (_, ShiftKind::Natt) => Role::Night,
        _ => Role::Day,
    }
}

/// Groups demand lines into teams: day and nurse teams per site, night and service teams per
/// municipality and place. Teams come in site order.
pub(crate) fn teams(sites: &[Site], lines: &[Line]) -> Vec<Team> {
    let mut out: Vec<Team> = Vec::new();
    let mut site_team: Vec<Option<usize>> = vec![None; sites.len()];
    for (i, line) in lines.iter().enumerate() {
        let site = &sites[line.site];
        let role = role_of(line);
        let found = match role {
            // A site has lines for at most one of these roles (units and groups have day teams,
            // nurses' sites nurse teams).
            Role::Day | Role::Nurse => site_team[line.site],
            Role::Night | Role::Service => {
                out.iter().position(|t| t.role == role && t.muni == site.muni && t.place == site.place)
            }
        };
        match found {
            Some(t) => out[t].lines.push(i),
            None => {
                out.push(Team { role, muni: site.muni, place: site.place, lines: vec![i], staff: vec![] });
                if matches!(role, Role::Day | Role::Nurse) {
                    site_team[line.site] = Some(out.len() - 1);
                }
            }
        }
    }
    out
}

/// Hands out employment degrees so that the share of full-timers stays close to the profile's
/// (57 % in Mellerud's baseline), the rest at 75–90 %.
pub(crate) struct Dealer {
    share: f64,
    full: usize,
    total: usize,
}

const PART_TIME: [f64; 4] = [0.75, 0.8, 0.85, 0.9];

impl Dealer {
    pub fn new(share: f64) -> Self {
        Dealer { share, full: 0, total: 0 }
    }

    /// A candidate degree; [`Dealer::commit`] it if hired.
    pub fn draw(&self, rng: &mut Rng) -> f64 {
        // Keep the running count of full-timers within two of the share.
        let error = self.full as f64 - self.share * (self.total + 1) as f64;
        let full = if error < -1.5 {
            true
        } else if error > 1.5 {
            false
        } else {
            rng.chance(self.share)
        };
        if full {
            1.0
        } else {
            *rng.pick(&PART_TIME)
        }
    }

    /// Records a hired degree.
    pub fn commit(&mut self, degree: f64) {
        self.total += 1;
        self.full += usize::from(degree >= 0.999);
    }
}

/// Night workers' contracted hours over the night hours: nights cannot be left to hourly staff,
/// so night teams carry a little surplus (scheduled as resource shifts or day passes).
pub(crate) const NIGHT_COVER: f64 = 1.1;

/// The fewest people who can staff `heads` passes every weekend day when each works at most
/// every other weekend, with the room [`super::fit`] asks for: `2 × heads / 0.8`, and at least
/// one to spare.
pub(crate) fn weekend_crew(heads: u16) -> usize {
    ((2.0 * heads as f64 / super::fit::WEEKEND_MARGIN).ceil() as usize).max(2 * heads as usize + 1)
}

/// Everything hiring needs to know about the instance.
pub(crate) struct Hiring<'a> {
    pub cal: &'a Calendar,
    pub sites: &'a [Site],
    pub lines: &'a [Line],
    /// Share of full-timers.
    pub full_share: f64,
    /// Contracted hours over target demand hours for the whole instance.
    pub cover: f64,
}

fn person(role: Role, muni: usize, sites: Vec<usize>, skill: Skill, degree: f64) -> Person {
    let group = match role {
        Role::Day | Role::Nurse => Group::Dag,
        Role::Night => Group::Natt,
        Role::Service => Group::Vardag,
    };
    Person {
        role,
        group,
        muni,
        sites,
        skill,
        degree,
        wished_degree: None,
        absences: vec![],
        history: vec![],
        history_weekend: false,
        locked: vec![],
        wishes: vec![],
    }
}

impl Hiring<'_> {
    fn target_minutes(&self, lines: &[usize]) -> f64 {
        lines.iter().map(|&l| line_minutes(self.cal, self.sites, &self.lines[l]).0 as f64).sum()
    }

    /// Hires every team's staff; returns the staff and fills in `teams[..].staff`.
    pub fn hire(&self, rng: &mut Rng, teams: &mut [Team]) -> Vec<Person> {
        let mut staff: Vec<Person> = Vec::new();
        let mut dealer = Dealer::new(self.full_share);
        // Nights, service and nurses first: their cover ratios are fixed.
        for team in teams.iter_mut() {
            match team.role {
                Role::Night => self.hire_nights(rng, &mut dealer, team, &mut staff),
                Role::Service => self.hire_to(rng, &mut dealer, team, &mut staff, 0.95),
                Role::Nurse => self.hire_to(rng, &mut dealer, team, &mut staff, 0.92),
                Role::Day => {}
            }
        }
        // Day teams make up the rest of the instance's cover ratio.
        let all: Vec<usize> = (0..self.lines.len()).collect();
        let total = self.target_minutes(&all);
        let hired: f64 = staff.iter().map(|p| p.contracted_minutes(self.cal)).sum();
        let day_lines: Vec<usize> =
            teams.iter().filter(|t| t.role == Role::Day).flat_map(|t| t.lines.clone()).collect();
        let day_total = self.target_minutes(&day_lines).max(1.0);
        let day_ratio = ((self.cover * total - hired) / day_total).clamp(0.6, 1.0);
        for team in teams.iter_mut().filter(|t| t.role == Role::Day) {
            let ratio = day_ratio + (rng.unit() - 0.5) * 0.04;
            self.hire_to(rng, &mut dealer, team, &mut staff, ratio);
        }
        staff
    }

    /// Night workers: contracted hours closest to [`NIGHT_COVER`] of the night hours, and enough
    /// of them for every-other-weekend rotation ([`weekend_crew`]). The hire that completes the
    /// crew gets the degree that lands closest.
    fn hire_nights(&self, rng: &mut Rng, dealer: &mut Dealer, team: &mut Team, staff: &mut Vec<Person>) {
        let need = NIGHT_COVER * self.target_minutes(&team.lines);
        let per_night: u16 =
            team.lines.iter().filter(|&&l| !self.lines[l].weekend).map(|&l| self.lines[l].target).sum();
        let fewest = weekend_crew(per_night);
        let night_sites = self.sites_of(&team.lines);
        let measure = Group::Natt.measure() * 60.0 * self.cal.weeks as f64;
        let mut have = 0.0;
        loop {
            let mut degree = dealer.draw(rng);
            let missing = (need - have) / measure;
            if team.staff.len() + 1 >= fewest && missing <= 1.0 {
                degree = ((missing * 20.0).ceil() / 20.0).clamp(0.75, 1.0);
            }
            if team.staff.len() >= fewest && have + degree * measure / 2.0 > need {
                break;
            }
            dealer.commit(degree);
            have += degree * measure;
            let home = self.neediest_site(&team.lines, staff, &team.staff, &night_sites);
            let mut sites = vec![home];
            sites.extend(night_sites.iter().copied().filter(|&s| s != home));
            team.staff.push(staff.len());
            staff.push(person(Role::Night, team.muni, sites, Skill::Usk, degree));
        }
    }

    /// Hires until the team's contracted minutes are closest to `ratio` of its demand.
    fn hire_to(&self, rng: &mut Rng, dealer: &mut Dealer, team: &mut Team, staff: &mut Vec<Person>, ratio: f64) {
        let goal = ratio * self.target_minutes(&team.lines);
        // Nurses are few: hire enough of them for their weekends whatever the hours say.
        let weekend_heads: u16 =
            team.lines.iter().filter(|&&l| self.lines[l].weekend).map(|&l| self.lines[l].target).sum();
        let fewest = if team.role == Role::Nurse { weekend_crew(weekend_heads) } else { 1 };
        // A unit's weekends need at least a Helg lång and a Kväll undersköterska: enough usk
        // for that every other weekend, and one to spare (before any vbt is hired).
        let fewest_usk = if team.role == Role::Day { weekend_crew(2) + 1 } else { 0 };
        let mut usk = 0;
        let team_sites = self.sites_of(&team.lines);
        let vbt_lines: Vec<usize> = team.lines.iter().copied().filter(|&l| self.lines[l].skill == Skill::Vbt).collect();
        let vbt_goal = 0.9 * self.target_minutes(&vbt_lines);
        let (mut have, mut vbt_have) = (0.0, 0.0);
        loop {
            let degree = dealer.draw(rng);
            let role = team.role;
            let group = person(role, team.muni, vec![], Skill::Usk, degree).group;
            let minutes = degree * group.measure() * 60.0 * self.cal.weeks as f64;
            if team.staff.len() >= fewest && usk >= fewest_usk && have + minutes / 2.0 > goal {
                break;
            }
            dealer.commit(degree);
            have += minutes;
            let skill = match role {
                Role::Nurse => Skill::Ssk,
                Role::Service => Skill::Service,
                _ if usk >= fewest_usk && vbt_have + minutes <= vbt_goal && rng.chance(0.6) => {
                    vbt_have += minutes;
                    Skill::Vbt
                }
                _ => {
                    usk += 1;
                    Skill::Usk
                }
            };
            let home = self.neediest_site(&team.lines, staff, &team.staff, &team_sites);
            let mut sites = vec![home];
            if role == Role::Service {
                sites.extend(team_sites.iter().copied().filter(|&s| s != home));
            }
            team.staff.push(staff.len());
            staff.push(person(role, team.muni, sites, skill, degree));
        }
    }

    /// The team's sites, in order.
    fn sites_of(&self, lines: &[usize]) -> Vec<usize> {
        let mut v: Vec<usize> = lines.iter().map(|&l| self.lines[l].site).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The team site whose demand is least covered by the staff homed there so far.
    fn neediest_site(&self, lines: &[usize], staff: &[Person], members: &[usize], sites: &[usize]) -> usize {
        let mut best = (f64::MIN, sites.first().copied().unwrap_or(0));
        for &s in sites {
            let own: Vec<usize> = lines.iter().copied().filter(|&l| self.lines[l].site == s).collect();
            let need = self.target_minutes(&own);
            let homed: f64 =
                members.iter().filter(|&&p| staff[p].home() == s).map(|&p| staff[p].contracted_minutes(self.cal)).sum();
            if need - homed > best.0 {
                best = (need - homed, s);
            }
        }
        best.1
    }
}

/// Lets day staff work at a second site of their own municipality in the same place: SÄBO
/// staff at another unit (half of them), home-care staff at another group (a third).
pub(crate) fn add_second_sites(rng: &mut Rng, sites: &[Site], staff: &mut [Person]) {
    for p in staff.iter_mut().filter(|p| p.role == Role::Day) {
        let home = &sites[p.home()];
        let (is_sabo, chance) = match home.kind {
            Kind::Sabo { .. } => (true, 0.5),
            _ => (false, 0.3),
        };
        let others: Vec<usize> = (0..sites.len())
            .filter(|&s| {
                s != p.home()
                    && sites[s].muni == p.muni
                    && sites[s].place == home.place
                    && matches!(sites[s].kind, Kind::Sabo { .. }) == is_sabo
                    && !matches!(sites[s].kind, Kind::Nurses { .. })
            })
            .collect();
        if !others.is_empty() && rng.chance(chance) {
            p.sites.push(*rng.pick(&others));
        }
    }
}

/// Whether a site has demand a person of this role and skill could take.
fn suits(lines: &[Line], site: usize, role: Role, skill: Skill) -> bool {
    lines.iter().any(|l| {
        l.site == site
            && match role {
                Role::Night => l.shift == ShiftKind::Natt,
                Role::Day => {
                    l.shift != ShiftKind::Natt && (l.skill == skill || (skill == Skill::Usk && l.skill == Skill::Vbt))
                }
                Role::Service | Role::Nurse => l.skill == skill,
            }
    })
}

/// Records consent to work across the municipal border (domain.md §1): among the staff of
/// `munis`, `share` of them get the nearest suitable site of another of those municipalities
/// added to their sites. Staff near the border (the co-located units in Bäckefors above all)
/// are the likeliest to consent. Returns how many consented.
pub(crate) fn add_consent(
    rng: &mut Rng,
    sites: &[Site],
    lines: &[Line],
    staff: &mut [Person],
    munis: &[usize],
    share: f64,
) -> usize {
    let members: Vec<usize> = (0..staff.len()).filter(|&p| munis.contains(&staff[p].muni)).collect();
    let wanted = (share * members.len() as f64).round() as usize;
    let mut candidates: Vec<(u32, usize, usize)> = Vec::new();
    for &p in &members {
        let person = &staff[p];
        if person.sites.iter().any(|&s| sites[s].muni != person.muni) {
            continue;
        }
        let home = sites[person.home()].place;
        let nearest = (0..sites.len())
            .filter(|&s| sites[s].muni != person.muni && munis.contains(&sites[s].muni))
            .filter(|&s| suits(lines, s, person.role, person.skill))
            .min_by_key(|&s| (travel_minutes(home, sites[s].place), s));
        if let Some(s) = nearest {
            let minutes = travel_minutes(home, sites[s].place) as u32;
            if minutes <= 50 {
                candidates.push((minutes + rng.below(40) as u32, p, s));
            }
        }
    }
    candidates.sort_unstable();
    let mut added = 0;
    for &(_, p, s) in candidates.iter().take(wanted) {
        staff[p].sites.push(s);
        added += 1;
    }
    added
}
