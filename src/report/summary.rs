//! Totals of a roster: hours against target per employee, paid hours and cost per municipality
//! (who pays what, OB included), uncovered demand per skill and its substitute cost, wishes.
//!
//! Every paid minute is charged to the municipality of the site where it is worked, at the
//! hourly cost of the employee who works it (domain.md §6); a shared employee's hours split
//! accordingly. Uncovered demand is priced at the instance's substitute and agency rates and
//! charged to the municipality of the site that lacks the staff.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::{Cell, Day, EmployeeId, Instance, Minute, MunicipalityId, Roster, SkillId, TaskId, WishKind};
use crate::report::ob::{pass_hours, ObMinutes};

/// Paid minutes of a pass at night (22–06) from which the pass counts as a night pass.
pub const NIGHT_PASS_MINUTES: Minute = 3 * 60;

/// Totals of one roster.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// Per employee, in instance order.
    pub employees: Vec<EmployeeSummary>,
    /// Per municipality, in instance order.
    pub municipalities: Vec<MunicipalitySummary>,
    /// Uncovered demand per skill, in instance order (skills without demand left out).
    pub uncovered: Vec<UncoveredSkill>,
    /// Wishes granted.
    pub wishes: WishSummary,
}

/// One employee's totals.
#[derive(Clone, Debug, Serialize)]
pub struct EmployeeSummary {
    /// The employee's index.
    #[serde(skip)]
    pub employee: EmployeeId,
    /// Employee id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Id of the employing municipality.
    pub employer: String,
    /// Target paid minutes of the period.
    pub target_minutes: Minute,
    /// Paid minutes scheduled.
    pub scheduled_minutes: Minute,
    /// Scheduled less target (negative: under target).
    pub deviation_minutes: Minute,
    /// Number of passes.
    pub passes: usize,
    /// Weekends touched by a pass.
    pub weekends_worked: usize,
    /// Passes with at least [`NIGHT_PASS_MINUTES`] paid minutes between 22:00 and 06:00.
    pub nights_worked: usize,
    /// Paid minutes in resource shifts.
    pub resource_minutes: Minute,
    /// Paid minutes per paying municipality id (municipalities with none left out).
    pub paid_by_municipality: BTreeMap<String, Minute>,
}

/// One municipality's bill.
#[derive(Clone, Debug, Serialize)]
pub struct MunicipalitySummary {
    /// The municipality's index.
    #[serde(skip)]
    pub municipality: MunicipalityId,
    /// Municipality id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Paid minutes worked at its sites.
    pub paid_minutes: Minute,
    /// Those minutes by the employer of whoever worked them (municipality id → minutes).
    pub paid_by_employer: BTreeMap<String, Minute>,
    /// Wage cost of those minutes at each worker's hourly cost, SEK.
    pub wage_cost: f64,
    /// Paid minutes per OB band.
    pub ob_minutes: ObMinutes,
    /// OB supplement, SEK.
    pub ob_cost: f64,
    /// Wage cost plus OB, SEK.
    pub total_cost: f64,
    /// Demand below target at its sites, in paid minutes of the passes missing.
    pub uncovered_minutes: Minute,
    /// Cost of covering those minutes with substitutes and agency staff, SEK.
    pub uncovered_cost: f64,
}

/// Demand below target for one skill.
#[derive(Clone, Debug, Serialize)]
pub struct UncoveredSkill {
    /// The skill's index.
    #[serde(skip)]
    pub skill: SkillId,
    /// Skill id.
    pub id: String,
    /// Missing people × paid minutes of their passes.
    pub minutes: Minute,
    /// Cost of the hourly substitutes' share, SEK.
    pub substitute_cost: f64,
    /// Cost of the agency staff's share, SEK.
    pub agency_cost: f64,
}

/// Wishes granted out of all wishes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WishSummary {
    /// Wishes granted.
    pub granted: usize,
    /// All wishes inside the horizon.
    pub total: usize,
}

/// SEK rounded to öre, so reports print clean figures.
fn sek(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

impl Summary {
    /// The totals of `roster` (a roster of `inst`).
    pub fn new(inst: &Instance, roster: &Roster) -> Summary {
        let mut municipalities: Vec<MunicipalitySummary> = inst
            .municipalities
            .iter()
            .enumerate()
            .map(|(i, m)| MunicipalitySummary {
                municipality: MunicipalityId(i as u16),
                id: m.id.clone(),
                name: m.name.clone(),
                paid_minutes: 0,
                paid_by_employer: BTreeMap::new(),
                wage_cost: 0.0,
                ob_minutes: ObMinutes::default(),
                ob_cost: 0.0,
                total_cost: 0.0,
                uncovered_minutes: 0,
                uncovered_cost: 0.0,
            })
            .collect();
        let mut wishes = WishSummary::default();
        let mut employees = Vec::with_capacity(inst.employees.len());
        for (i, emp) in inst.employees.iter().enumerate().take(roster.employees()) {
            let e = EmployeeId(i as u16);
            let employer = inst.municipalities[emp.employer.idx()].id.clone();
            let mut s = EmployeeSummary {
                employee: e,
                id: emp.id.clone(),
                name: emp.name.clone(),
                employer: employer.clone(),
                target_minutes: emp.target_minutes,
                scheduled_minutes: 0,
                deviation_minutes: 0,
                passes: 0,
                weekends_worked: 0,
                nights_worked: 0,
                resource_minutes: 0,
                paid_by_municipality: BTreeMap::new(),
            };
            let mut weekends = BTreeSet::new();
            let line = roster.line(e);
            for (d, cell) in line.iter().enumerate().take(inst.days()) {
                let Some(task) = cell.task() else { continue };
                let day = d as Day;
                let shift = inst.tasks[task.idx()].shift;
                let paid = inst.times.paid(day, shift);
                let hours = pass_hours(inst, day, shift);
                s.passes += 1;
                s.scheduled_minutes += paid;
                if cell.is_resource() {
                    s.resource_minutes += paid;
                }
                if hours.night >= NIGHT_PASS_MINUTES {
                    s.nights_worked += 1;
                }
                if let Some(w) = inst.times.weekend_of(day, shift) {
                    weekends.insert(w);
                }
                let m = &mut municipalities[inst.sites[inst.shift_site(shift).idx()].municipality.idx()];
                *s.paid_by_municipality.entry(m.id.clone()).or_insert(0) += paid;
                *m.paid_by_employer.entry(employer.clone()).or_insert(0) += paid;
                m.paid_minutes += paid;
                m.wage_cost += paid as f64 / 60.0 * emp.hourly_cost;
                m.ob_minutes.add(&hours.ob);
            }
            s.weekends_worked = weekends.len();
            s.deviation_minutes = s.scheduled_minutes - s.target_minutes;
            for wish in emp.wishes.iter().filter(|w| inst.horizon.contains(w.day)) {
                wishes.total += 1;
                let cell = line.get(wish.day as usize).copied().unwrap_or(Cell::OFF);
                wishes.granted += wish_granted(inst, cell, wish.kind) as usize;
            }
            employees.push(s);
        }
        let uncovered = uncovered(inst, roster, &mut municipalities);
        for m in &mut municipalities {
            m.wage_cost = sek(m.wage_cost);
            m.ob_cost = sek(m.ob_minutes.supplement(&inst.costs.ob));
            m.total_cost = sek(m.wage_cost + m.ob_cost);
            m.uncovered_cost = sek(m.uncovered_cost);
        }
        Summary { employees, municipalities, uncovered, wishes }
    }
}

/// Whether a wish is granted by the cell worked that day.
fn wish_granted(inst: &Instance, cell: Cell, kind: WishKind) -> bool {
    let worked = cell.task().map(|t| inst.tasks[t.idx()].shift);
    match kind {
        WishKind::WantShift(s) => worked == Some(s),
        WishKind::AvoidShift(s) => worked != Some(s),
        WishKind::WantOff => worked.is_none(),
    }
}

/// Demand below target per skill (regular passes counted, as the cover rule does), priced at
/// the substitute and agency rates; each gap is also charged to its site's municipality.
fn uncovered(inst: &Instance, roster: &Roster, municipalities: &mut [MunicipalitySummary]) -> Vec<UncoveredSkill> {
    let nt = inst.tasks.len();
    let mut count = vec![0u16; inst.days() * nt];
    for e in 0..roster.employees().min(inst.employees.len()) {
        for (d, c) in roster.line(EmployeeId(e as u16)).iter().enumerate().take(inst.days()) {
            if let (Some(t), false) = (c.task(), c.is_resource()) {
                count[d * nt + t.idx()] += 1;
            }
        }
    }
    let costs = &inst.costs;
    let share = costs.agency_share.clamp(0.0, 1.0);
    let per_hour = (1.0 - share) * costs.substitute_per_hour + share * costs.agency_per_hour;
    let mut minutes = vec![0 as Minute; inst.skills.len()];
    let mut has_demand = vec![false; inst.skills.len()];
    for d in 0..inst.days() {
        for t in 0..nt {
            let task = inst.tasks[t];
            let demand = inst.demand(d, TaskId(t as u16));
            has_demand[task.skill.idx()] |= demand.target > 0 || demand.min > 0;
            let missing = demand.target.saturating_sub(count[d * nt + t]) as Minute;
            if missing == 0 {
                continue;
            }
            let gap = missing * inst.times.paid(d as Day, task.shift);
            minutes[task.skill.idx()] += gap;
            let m = &mut municipalities[inst.sites[inst.shift_site(task.shift).idx()].municipality.idx()];
            m.uncovered_minutes += gap;
            m.uncovered_cost += gap as f64 / 60.0 * per_hour;
        }
    }
    inst.skills
        .iter()
        .enumerate()
        .filter(|&(k, _)| has_demand[k])
        .map(|(k, skill)| {
            let hours = minutes[k] as f64 / 60.0;
            UncoveredSkill {
                skill: SkillId(k as u16),
                id: skill.id.clone(),
                minutes: minutes[k],
                substitute_cost: sek(hours * (1.0 - share) * costs.substitute_per_hour),
                agency_cost: sek(hours * share * costs.agency_per_hour),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
