//! Assembling the [`Instance`] from checked drafts: tasks, demand and resource-cost tables,
//! employees with targets and history; then the warnings.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveTime, Weekday};

use super::catalog::Catalog;
use super::demand::{DemandLine, WEIGHT_MIN, WEIGHT_OVER, WEIGHT_UNDER};
use super::problem;
use super::rules::Rules;
use super::staff::{Lock, StaffDraft};
use super::Calendar;
use crate::io::dto::InstanceFile;
use crate::model::*;
use crate::Problem;

/// Demand hours above contracted hours by more than this share are worth a warning.
const DEMAND_OVER_CONTRACT: f64 = 0.20;
/// Contracted hours above demand hours by more than this share are worth a warning.
const CONTRACT_OVER_DEMAND: f64 = 0.30;

/// Builds the instance; every index in the drafts has been checked.
pub(super) fn instance(
    file: &InstanceFile,
    cal: Calendar,
    cat: Catalog,
    rules: Rules,
    staff: Vec<StaffDraft>,
    demand: Vec<DemandLine>,
) -> Instance {
    let plan = TaskPlan::new(&cat, &staff, &demand);
    let days = cal.horizon.days();
    let nt = plan.tasks.len();

    // Weekday lines first, then dated lines override them on their dates.
    let none =
        DemandCell { min: 0, target: 0, weight_min: WEIGHT_MIN, weight_under: WEIGHT_UNDER, weight_over: WEIGHT_OVER };
    let mut cells = vec![none; days * nt];
    for line in demand.iter().filter(|l| !l.by_date).chain(demand.iter().filter(|l| l.by_date)) {
        let t = plan.index[&(line.shift, line.skill)];
        for &d in &line.days {
            cells[d as usize * nt + t] = line.cell;
        }
    }

    let resource_cost = resource_costs(file, &cal, &cat.shifts, &plan.tasks);
    let employees: Vec<Employee> = file
        .staff
        .iter()
        .zip(staff)
        .enumerate()
        .map(|(e, (dto, draft))| employee(dto, draft, e, &cal, &plan))
        .collect();
    let history_days = employees.iter().map(|e| e.history.len()).max().unwrap_or(0);
    let mut inst = Instance {
        name: file.name.clone(),
        horizon: cal.horizon,
        holidays: cal.holidays,
        major_holidays: cal.major_holidays,
        municipalities: cat.municipalities,
        sites: cat.sites,
        travel: cat.travel,
        skills: cat.skills,
        covers: cat.covers,
        shifts: cat.shifts,
        tasks: plan.tasks,
        employees,
        demand: cells,
        resource_cost,
        rules: rules.global,
        costs: cat.costs,
        history_days,
        times: PassTimes::default(),
        eligible: Vec::new(),
    };
    inst.finish();
    inst
}

/// The tasks (shift × skill) of the instance, and the task of every locked and history pass.
struct TaskPlan {
    tasks: Vec<Task>,
    index: BTreeMap<(ShiftId, SkillId), usize>,
    /// Per employee: the skill of each locked pass (in the order of its `locked`).
    lock_skill: Vec<Vec<SkillId>>,
    /// Per employee: the skill of each history pass.
    history_skill: Vec<Vec<SkillId>>,
}

impl TaskPlan {
    /// Every (shift, skill) a demand line names, every locked pass's, and for each shift type no
    /// demand line names, one task per skill held by someone allowed at its site; history passes
    /// take a task of their shift type (added if there is none). Ordered by shift, then skill.
    fn new(cat: &Catalog, staff: &[StaffDraft], demand: &[DemandLine]) -> TaskPlan {
        let demanded: BTreeSet<(ShiftId, SkillId)> = demand.iter().map(|l| (l.shift, l.skill)).collect();
        let mut set = demanded.clone();

        let lock_skill: Vec<Vec<SkillId>> = staff
            .iter()
            .map(|emp| {
                emp.locked
                    .iter()
                    .filter_map(|(_, lock)| match *lock {
                        Lock::Pass { shift, skill, .. } => {
                            let skill = skill.unwrap_or_else(|| default_lock_skill(cat, emp, shift, &demanded));
                            set.insert((shift, skill));
                            Some(skill)
                        }
                        Lock::Off => None,
                    })
                    .collect()
            })
            .collect();

        let demanded_shifts: BTreeSet<ShiftId> = demand.iter().map(|l| l.shift).collect();
        for (s, shift) in cat.shifts.iter().enumerate() {
            let s = ShiftId(s as u16);
            if demanded_shifts.contains(&s) {
                continue;
            }
            for emp in staff.iter().filter(|e| e.sites.contains(&shift.site)) {
                set.extend(emp.skills.iter().map(|&k| (s, k)));
            }
        }

        let history_skill = staff
            .iter()
            .map(|emp| {
                emp.history
                    .iter()
                    .map(|&(_, shift)| {
                        let of_shift: Vec<SkillId> =
                            set.range((shift, SkillId(0))..=(shift, SkillId(u16::MAX))).map(|&(_, k)| k).collect();
                        let skill = of_shift
                            .iter()
                            .copied()
                            .find(|&n| emp.skills.iter().any(|&h| cat.covers(h, n)))
                            .or(of_shift.first().copied())
                            .unwrap_or_else(|| first_skill(emp));
                        set.insert((shift, skill));
                        skill
                    })
                    .collect()
            })
            .collect();

        let tasks: Vec<Task> = set.iter().map(|&(shift, skill)| Task { shift, skill }).collect();
        let index = set.into_iter().enumerate().map(|(i, k)| (k, i)).collect();
        TaskPlan { tasks, index, lock_skill, history_skill }
    }

    fn cell(&self, shift: ShiftId, skill: SkillId, resource: bool) -> Cell {
        Cell::work(TaskId(self.index[&(shift, skill)] as u16), resource)
    }
}

/// The skill of a locked pass that names none: the first of the employee's skills (in their
/// order) that may work a demanded task of the shift, preferring the skill itself; else the
/// employee's first skill.
fn default_lock_skill(
    cat: &Catalog,
    emp: &StaffDraft,
    shift: ShiftId,
    demanded: &BTreeSet<(ShiftId, SkillId)>,
) -> SkillId {
    for &held in &emp.skills {
        if demanded.contains(&(shift, held)) {
            return held;
        }
        let covered = demanded.iter().find(|&&(s, needed)| s == shift && cat.covers(held, needed));
        if let Some(&(_, needed)) = covered {
            return needed;
        }
    }
    first_skill(emp)
}

/// The employee's first skill (validation ensures there is one).
fn first_skill(emp: &StaffDraft) -> SkillId {
    emp.skills.first().copied().unwrap_or(SkillId(0))
}

/// Resource-shift cost per (day, task): `likely_cost` where absence is most likely (a weekday
/// pass starting before 12:00, any Saturday or Sunday, any day of a week holding a holiday),
/// `cost` elsewhere.
fn resource_costs(file: &InstanceFile, cal: &Calendar, shifts: &[ShiftType], tasks: &[Task]) -> Vec<u32> {
    let r = &file.resource_shifts;
    let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default();
    let days = cal.horizon.days();
    let holiday_week: Vec<bool> =
        (0..days / 7).map(|w| (7 * w..7 * w + 7).any(|d| cal.holidays[d] || cal.major_holidays[d])).collect();
    let mut out = Vec::with_capacity(days * tasks.len());
    for d in 0..days {
        let weekend = matches!(cal.horizon.weekday(d as Day), Weekday::Sat | Weekday::Sun);
        for t in tasks {
            let morning = shifts[t.shift.idx()].start < noon;
            let likely = weekend || holiday_week[d / 7] || morning;
            out.push(if likely { r.likely_cost } else { r.cost });
        }
    }
    out
}

/// Minutes, rounded to whole minutes.
fn round(minutes: f64) -> Minute {
    minutes.round() as Minute
}

fn employee(dto: &crate::io::dto::StaffDto, draft: StaffDraft, e: usize, cal: &Calendar, plan: &TaskPlan) -> Employee {
    let days = cal.horizon.days();
    let weeks = days / 7;
    // Target = measure × degree × weeks, reduced for planned absence by the working time it
    // replaces: pro rata per calendar day for schedules over all days, per working day (Monday
    // to Friday, not a public holiday) for weekday-only work, whose target counts only those
    // days. Each week's share the same way with its own days.
    let weekdays_only = draft.contract.contract.weekdays_only;
    let working_day = |d: usize| {
        !weekdays_only || !(matches!(cal.horizon.weekday(d as Day), Weekday::Sat | Weekday::Sun) || cal.holidays[d])
    };
    let per_day = draft.full_time_hours * dto.degree * 60.0 / if weekdays_only { 5.0 } else { 7.0 };
    let reduces = |d: usize| draft.absence[d].is_some_and(AbsenceKind::reduces_target);
    let present = |range: std::ops::Range<usize>| range.filter(|&d| working_day(d) && !reduces(d)).count() as f64;
    let target_minutes = round(per_day * present(0..days));
    let weekly_target_minutes = (0..weeks).map(|w| round(per_day * present(7 * w..7 * w + 7))).collect();

    let mut contract = draft.contract.contract;
    contract.contract_minutes = draft.contract.carry_over.map(|c| Limit {
        value: MinutesBand { min: (target_minutes - c.value).max(0), max: target_minutes + c.value },
        level: c.level,
    });

    let mut locked = vec![None; days];
    let mut skills = plan.lock_skill[e].iter();
    for &(d, lock) in &draft.locked {
        locked[d as usize] = Some(match lock {
            Lock::Off => Cell::OFF,
            Lock::Pass { shift, resource, .. } => match skills.next() {
                Some(&skill) => plan.cell(shift, skill, resource),
                None => Cell::OFF,
            },
        });
    }

    let earliest = draft.history.iter().map(|&(d, _)| d).min().unwrap_or(0);
    let mut history = vec![Cell::OFF; (-earliest) as usize];
    for (&(d, shift), &skill) in draft.history.iter().zip(&plan.history_skill[e]) {
        history[(d - earliest) as usize] = plan.cell(shift, skill, false);
    }

    Employee {
        id: dto.id.clone(),
        name: dto.name.clone(),
        employer: draft.employer,
        degree: dto.degree,
        skills: draft.skills,
        sites: draft.sites,
        dygnsbryt: draft.dygnsbryt,
        night_worker: dto.night_worker,
        nights: draft.nights,
        group: dto.group.clone(),
        contract,
        target_minutes,
        weekly_target_minutes,
        hourly_cost: draft.hourly_cost,
        absence: draft.absence,
        locked,
        wishes: draft.wishes,
        history,
    }
}

/// Demand and contracted hours of an instance, in minutes: (demand at target, contracted).
pub(crate) fn demand_and_contract_minutes(inst: &Instance) -> (i64, i64) {
    let nt = inst.tasks.len();
    let demand = (0..inst.days())
        .flat_map(|d| (0..nt).map(move |t| (d, t)))
        .map(|(d, t)| {
            let cell = inst.demand[d * nt + t];
            cell.target as i64 * inst.times.paid(d as Day, inst.tasks[t].shift) as i64
        })
        .sum();
    let contract = inst.employees.iter().map(|e| e.target_minutes as i64).sum();
    (demand, contract)
}

/// Legal but suspicious: hours far apart, demand nobody can cover, staff who can work nothing,
/// shift types without demand.
pub(super) fn warnings(file: &InstanceFile, inst: &Instance) -> Vec<Problem> {
    let mut out = Vec::new();
    let (demand, contract) = demand_and_contract_minutes(inst);
    let h = |m: i64| format!("{:.1} h", m as f64 / 60.0);
    if demand as f64 > contract as f64 * (1.0 + DEMAND_OVER_CONTRACT) {
        out.push(problem(
            "demand",
            format!(
                "demand needs {} but staff are contracted for {}: more than {:.0} % short, before any absence",
                h(demand),
                h(contract),
                DEMAND_OVER_CONTRACT * 100.0
            ),
        ));
    }
    if contract as f64 > demand as f64 * (1.0 + CONTRACT_OVER_DEMAND) {
        out.push(problem(
            "staff",
            format!(
                "staff are contracted for {} but demand needs only {}: more than {:.0} % surplus",
                h(contract),
                h(demand),
                CONTRACT_OVER_DEMAND * 100.0
            ),
        ));
    }
    let nt = inst.tasks.len();
    let anyone = |t: TaskId| (0..inst.employees.len()).any(|e| inst.is_eligible(EmployeeId(e as u16), t));
    for (i, d) in file.demand.iter().enumerate() {
        let (Some(shift), Some(skill)) = (inst.shift_by_id(&d.shift), inst.skill_by_id(&d.skill)) else { continue };
        let Some(task) = inst.task_of(shift, skill) else { continue };
        let wanted = (0..inst.days()).any(|day| inst.demand[day * nt + task.idx()].target > 0);
        if wanted && !anyone(task) {
            let site = &inst.sites[inst.shift_site(shift).idx()].id;
            out.push(problem(
                format!("demand[{i}]"),
                format!(
                    "no employee can cover {:?} as {:?}: nobody at site {site:?} holds a skill that covers it",
                    d.shift, d.skill
                ),
            ));
        }
    }
    for (e, emp) in inst.employees.iter().enumerate() {
        if !(0..nt).any(|t| inst.is_eligible(EmployeeId(e as u16), TaskId(t as u16))) {
            out.push(problem(
                format!("staff[{e}]"),
                format!("{:?} can work no shift type: none at their sites needs their skills", emp.id),
            ));
        }
    }
    for (s, shift) in inst.shifts.iter().enumerate() {
        if !file.demand.iter().any(|d| d.shift == shift.id) {
            out.push(problem(
                format!("shifts[{s}]"),
                format!("no demand line names shift type {:?}; it can only be used for resource shifts", shift.id),
            ));
        }
    }
    out
}
