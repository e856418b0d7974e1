//! The figures of one solved variant: hours, cover gaps and their cost, staff, weekends,
//! fairness, cost per municipality, rule compliance.

use std::collections::BTreeMap;

use chrono::Weekday;
use serde::Serialize;

use crate::eval::Evaluation;
use crate::model::{Day, EmployeeId, Instance, Minute, Roster};
use crate::report::Summary;

use super::apply::FULL_TIME_EPS;

/// Figures of one variant's best roster.
#[derive(Clone, Debug, Serialize)]
pub struct Metrics {
    /// Staff.
    pub headcount: usize,
    /// Full-time equivalents: the sum of employment degrees.
    pub fte: f64,
    /// Share of staff at 100 %.
    pub full_time_share: f64,
    /// Contracted hours of the period (targets after absence).
    pub contracted_hours: f64,
    /// Demand hours at target headcount.
    pub demand_hours: f64,
    /// Demand hours at minimum headcount.
    pub demand_min_hours: f64,
    /// Paid hours scheduled.
    pub scheduled_hours: f64,
    /// Paid hours in resource shifts.
    pub resource_hours: f64,
    /// Resource hours by municipality id (where worked).
    pub resource_hours_by_municipality: BTreeMap<String, f64>,
    /// Resource hours by site id (where worked).
    pub resource_hours_by_site: BTreeMap<String, f64>,
    /// Demand hours left uncovered (below target).
    pub uncovered_hours: f64,
    /// Uncovered hours by skill id: weekday and weekend (Saturday, Sunday).
    pub uncovered_by_skill: BTreeMap<String, WeekSplit>,
    /// Uncovered hours on weekdays and at weekends.
    pub uncovered_split: WeekSplit,
    /// Hours for hourly substitutes (the non-agency share of the uncovered hours).
    pub substitute_hours: f64,
    /// Hours for agency staff.
    pub agency_hours: f64,
    /// Cost of substitutes, SEK.
    pub substitute_cost: f64,
    /// Cost of agency staff, SEK.
    pub agency_cost: f64,
    /// Weekends worked per person: mean.
    pub weekends_mean: f64,
    /// Weekends worked per person: most.
    pub weekends_max: usize,
    /// Weekends worked: standard deviation across people.
    pub weekends_sd: f64,
    /// Weekends worked: most less fewest.
    pub weekends_range: usize,
    /// Night passes per person: standard deviation across night workers.
    pub nights_sd: f64,
    /// Night passes: most less fewest across night workers.
    pub nights_range: usize,
    /// OB supplement, SEK.
    pub ob_cost: f64,
    /// Wage, OB and cover-gap cost, SEK.
    pub total_cost: f64,
    /// Per municipality.
    pub municipalities: Vec<MunicipalityFigures>,
    /// Hard rule breaches.
    pub hard_violations: usize,
    /// Hard penalty.
    pub hard_score: i64,
    /// Soft cost.
    pub soft_score: i64,
}

/// Hours on weekdays and at weekends.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq)]
pub struct WeekSplit {
    /// Monday–Friday.
    pub weekday: f64,
    /// Saturday and Sunday.
    pub weekend: f64,
}

/// One municipality's figures.
#[derive(Clone, Debug, Serialize)]
pub struct MunicipalityFigures {
    /// Municipality id.
    pub id: String,
    /// Paid hours worked at its sites.
    pub paid_hours: f64,
    /// Wage and OB cost of those hours, SEK.
    pub cost: f64,
    /// Uncovered hours at its sites.
    pub uncovered_hours: f64,
    /// Their substitute and agency cost, SEK.
    pub uncovered_cost: f64,
}

fn hours(m: Minute) -> f64 {
    m as f64 / 60.0
}

/// Mean, standard deviation and max − min.
fn spread(xs: &[usize]) -> (f64, f64, usize) {
    if xs.is_empty() {
        return (0.0, 0.0, 0);
    }
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<usize>() as f64 / n;
    let var = xs.iter().map(|&x| (x as f64 - mean).powi(2)).sum::<f64>() / n;
    let (lo, hi) = (xs.iter().min().copied().unwrap_or(0), xs.iter().max().copied().unwrap_or(0));
    (mean, var.sqrt(), hi - lo)
}

impl Metrics {
    /// The figures of `roster`, a roster of `inst` evaluated as `eval`.
    pub fn new(inst: &Instance, roster: &Roster, eval: &Evaluation) -> Metrics {
        let summary = Summary::new(inst, roster);
        let emps = &inst.employees;
        let headcount = emps.len();
        let fte = emps.iter().map(|e| e.degree).sum();
        let full = emps.iter().filter(|e| e.degree >= 1.0 - FULL_TIME_EPS).count();
        let (mut demand, mut demand_min) = (0 as Minute, 0 as Minute);
        for d in 0..inst.days() {
            for (t, task) in inst.tasks.iter().enumerate() {
                let cell = inst.demand(d, crate::model::TaskId(t as u16));
                let paid = inst.times.paid(d as Day, task.shift);
                demand += cell.target as Minute * paid;
                demand_min += cell.min as Minute * paid;
            }
        }
        let (mut by_muni, mut by_site) = (BTreeMap::new(), BTreeMap::new());
        for e in 0..roster.employees().min(headcount) {
            for (d, c) in roster.line(EmployeeId(e as u16)).iter().enumerate().take(inst.days()) {
                if let (Some(t), true) = (c.task(), c.is_resource()) {
                    let shift = inst.tasks[t.idx()].shift;
                    let site = &inst.sites[inst.shift_site(shift).idx()];
                    let h = hours(inst.times.paid(d as Day, shift));
                    *by_site.entry(site.id.clone()).or_insert(0.0) += h;
                    *by_muni.entry(inst.municipalities[site.municipality.idx()].id.clone()).or_insert(0.0) += h;
                }
            }
        }
        let weekend = |d: usize| matches!(inst.horizon.weekday(d as Day), Weekday::Sat | Weekday::Sun);
        let mut split = WeekSplit::default();
        let mut by_skill = BTreeMap::new();
        for u in &summary.uncovered {
            let mut s = WeekSplit::default();
            for (d, &m) in u.by_day.iter().enumerate() {
                if weekend(d) {
                    s.weekend += hours(m);
                } else {
                    s.weekday += hours(m);
                }
            }
            split.weekday += s.weekday;
            split.weekend += s.weekend;
            by_skill.insert(u.id.clone(), s);
        }
        let uncovered = hours(summary.uncovered.iter().map(|u| u.minutes).sum());
        let share = inst.costs.agency_share.clamp(0.0, 1.0);
        let weekends: Vec<usize> = summary.employees.iter().map(|e| e.weekends_worked).collect();
        let nights: Vec<usize> =
            summary.employees.iter().filter(|e| emps[e.employee.idx()].night_worker).map(|e| e.nights_worked).collect();
        let (weekends_mean, weekends_sd, weekends_range) = spread(&weekends);
        let (_, nights_sd, nights_range) = spread(&nights);
        let municipalities: Vec<MunicipalityFigures> = summary
            .municipalities
            .iter()
            .map(|m| MunicipalityFigures {
                id: m.id.clone(),
                paid_hours: hours(m.paid_minutes),
                cost: m.total_cost,
                uncovered_hours: hours(m.uncovered_minutes),
                uncovered_cost: m.uncovered_cost,
            })
            .collect();
        Metrics {
            headcount,
            fte,
            full_time_share: if headcount == 0 { 0.0 } else { full as f64 / headcount as f64 },
            contracted_hours: hours(emps.iter().map(|e| e.target_minutes).sum()),
            demand_hours: hours(demand),
            demand_min_hours: hours(demand_min),
            scheduled_hours: hours(summary.employees.iter().map(|e| e.scheduled_minutes).sum()),
            resource_hours: by_muni.values().sum(),
            resource_hours_by_municipality: by_muni,
            resource_hours_by_site: by_site,
            uncovered_hours: uncovered,
            uncovered_by_skill: by_skill,
            uncovered_split: split,
            substitute_hours: uncovered * (1.0 - share),
            agency_hours: uncovered * share,
            substitute_cost: summary.uncovered.iter().map(|u| u.substitute_cost).sum(),
            agency_cost: summary.uncovered.iter().map(|u| u.agency_cost).sum(),
            weekends_mean,
            weekends_max: weekends.iter().copied().max().unwrap_or(0),
            weekends_sd,
            weekends_range,
            nights_sd,
            nights_range,
            ob_cost: summary.municipalities.iter().map(|m| m.ob_cost).sum(),
            total_cost: summary.municipalities.iter().map(|m| m.total_cost + m.uncovered_cost).sum(),
            municipalities,
            hard_violations: eval.hard_violations(),
            hard_score: eval.score.hard,
            soft_score: eval.score.soft,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_of_counts() {
        assert_eq!(spread(&[]), (0.0, 0.0, 0));
        let (mean, sd, range) = spread(&[1, 3]);
        assert_eq!((mean, sd, range), (2.0, 1.0, 2));
    }
}
