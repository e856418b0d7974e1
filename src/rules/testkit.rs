//! A one-employee instance for hand-computed rule tests.
//!
//! Shift types (times as in domain.md §7): `D` Dag 07:00–15:30 (30 min rast), `K` Kväll
//! 13:30–21:30 (30 min rast), `N` Natt 21:15–07:15 (paid meal), `L` long day 07:00–20:00 (30 min
//! rast), all usk at the home site `A`; `S` a Dag for ssk at `A`; `B` a Dag at site `B` in the
//! other municipality. The employee is an usk at `A` only.

use chrono::{NaiveDate, NaiveTime};

use crate::eval::{describe, for_each_term};
use crate::model::*;
use crate::rules::{RuleId, Term};

pub struct Kit {
    start: NaiveDate,
    contract: Contract,
    history: Vec<&'static str>,
    absences: Vec<(usize, AbsenceKind)>,
    locks: Vec<(usize, Option<&'static str>)>,
    wishes: Vec<Wish>,
    forbid: Vec<(&'static str, &'static str)>,
    by_instant: bool,
    strict_edges: bool,
    target: Minute,
    weekly_target: Minute,
    night_worker: bool,
    nights: Nights,
    dygnsbryt: u16,
    holidays: Vec<usize>,
    split_shift_weight: Option<u32>,
    rast: Vec<(&'static str, u16)>,
}

/// id, start, end, rast, paid meal, site index, skill index.
type ShiftRow = (&'static str, (u32, u32), (u32, u32), u16, bool, usize, usize);

const SHIFTS: [ShiftRow; 6] = [
    ("D", (7, 0), (15, 30), 30, false, 0, 0),
    ("K", (13, 30), (21, 30), 30, false, 0, 0),
    ("N", (21, 15), (7, 15), 0, true, 0, 0),
    ("L", (7, 0), (20, 0), 30, false, 0, 0),
    ("S", (7, 0), (15, 30), 30, false, 0, 1),
    ("B", (7, 0), (15, 30), 30, false, 1, 0),
];

impl Kit {
    pub fn swedish() -> Kit {
        Kit::swedish_from("2027-01-04")
    }

    pub fn swedish_from(start: &str) -> Kit {
        Kit {
            start: start.parse().unwrap(),
            contract: Contract {
                daily_rest: Some(Limit::hard(11 * 60)),
                weekly_rest: Some(Limit::hard(36 * 60)),
                max_weekly_work: Some(Limit::hard(48 * 60)),
                max_consecutive_days: Some(Limit::hard(6)),
                hours_deviation: Some(Limit::soft((), 1)),
                weekly_spread: Some(Limit::soft((), 1)),
                ..Default::default()
            },
            history: vec![],
            absences: vec![],
            locks: vec![],
            wishes: vec![],
            forbid: vec![],
            by_instant: true,
            strict_edges: false,
            target: 0,
            weekly_target: 38 * 60 + 15,
            night_worker: false,
            nights: Nights::Any,
            dygnsbryt: 0,
            holidays: vec![],
            split_shift_weight: None,
            rast: vec![],
        }
    }

    pub fn contract(&mut self) -> &mut Contract {
        &mut self.contract
    }
    pub fn history(&mut self, cells: &[&'static str]) {
        self.history = cells.to_vec();
    }
    pub fn absent(&mut self, day: usize, kind: AbsenceKind) {
        self.absences.push((day, kind));
    }
    pub fn lock(&mut self, day: usize, shift: &'static str) {
        self.locks.push((day, Some(shift)));
    }
    pub fn lock_off(&mut self, day: usize) {
        self.locks.push((day, None));
    }
    pub fn wish(&mut self, w: Wish) {
        self.wishes.push(w);
    }
    pub fn forbid(&mut self, from: &'static str, to: &'static str) {
        self.forbid.push((from, to));
    }
    pub fn weekend_by_day(&mut self) {
        self.by_instant = false;
    }
    pub fn strict_edges(&mut self) {
        self.strict_edges = true;
    }
    pub fn target(&mut self, minutes: Minute) {
        self.target = minutes;
    }
    pub fn weekly_target(&mut self, minutes: Minute) {
        self.weekly_target = minutes;
    }
    pub fn night_worker(&mut self, yes: bool) {
        self.night_worker = yes;
    }
    pub fn dygnsbryt(&mut self, minutes: u16) {
        self.dygnsbryt = minutes;
    }
    pub fn nights(&mut self, nights: Nights) {
        self.nights = nights;
    }
    pub fn holiday(&mut self, day: usize) {
        self.holidays.push(day);
    }
    pub fn split_shift_weight(&mut self, weight: u32) {
        self.split_shift_weight = Some(weight);
    }
    /// Gives shift type `id` another unpaid break.
    pub fn rast(&mut self, id: &'static str, minutes: u16) {
        self.rast.push((id, minutes));
    }
    pub fn shift(&self, id: &str) -> ShiftId {
        ShiftId(SHIFTS.iter().position(|s| s.0 == id).unwrap() as u16)
    }
    pub fn shift_count(&self) -> usize {
        SHIFTS.len()
    }

    fn cell(&self, id: &str) -> Cell {
        if id.is_empty() {
            Cell::OFF
        } else {
            Cell::work(TaskId(self.shift(id).0), false)
        }
    }

    pub fn instance(&self, days: usize) -> Instance {
        let days = days.max(14).div_ceil(7) * 7;
        let t = |(h, m): (u32, u32)| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        let ns = SHIFTS.len();
        let mut forbidden = vec![false; ns * ns];
        for (a, b) in &self.forbid {
            forbidden[self.shift(a).idx() * ns + self.shift(b).idx()] = true;
        }
        let mut emp = Employee {
            id: "e1".into(),
            name: "Test Person".into(),
            employer: MunicipalityId(0),
            degree: 1.0,
            skills: vec![SkillId(0)],
            sites: vec![SiteId(0)],
            dygnsbryt: self.dygnsbryt,
            night_worker: self.night_worker,
            nights: self.nights,
            group: None,
            contract: self.contract.clone(),
            target_minutes: self.target,
            weekly_target_minutes: vec![self.weekly_target; days / 7],
            hourly_cost: 300.0,
            absence: vec![None; days],
            locked: vec![None; days],
            wishes: self.wishes.clone(),
            history: self.history.iter().map(|s| self.cell(s)).collect(),
        };
        for &(d, k) in &self.absences {
            emp.absence[d] = Some(k);
        }
        for &(d, s) in &self.locks {
            emp.locked[d] = Some(s.map_or(Cell::OFF, |s| self.cell(s)));
        }
        let mut inst = Instance {
            name: "kit".into(),
            horizon: Horizon::new(self.start, days as u16, chrono_tz::Europe::Stockholm),
            holidays: (0..days).map(|d| self.holidays.contains(&d)).collect(),
            major_holidays: vec![false; days],
            municipalities: vec![
                Municipality { id: "m1".into(), name: "M1".into() },
                Municipality { id: "m2".into(), name: "M2".into() },
            ],
            sites: vec![
                Site { id: "A".into(), name: "A".into(), municipality: MunicipalityId(0) },
                Site { id: "B".into(), name: "B".into(), municipality: MunicipalityId(1) },
            ],
            travel: vec![0, 30, 30, 0],
            skills: vec![
                Skill { id: "usk".into(), name: "usk".into() },
                Skill { id: "ssk".into(), name: "ssk".into() },
            ],
            covers: vec![true, false, true, true],
            shifts: SHIFTS
                .iter()
                .map(|&(id, s, e, rast, paid_meal, site, _)| ShiftType {
                    id: id.into(),
                    name: match id {
                        "D" => "Dag",
                        "K" => "Kväll",
                        "N" => "Natt",
                        "L" => "Lång dag",
                        _ => id,
                    }
                    .into(),
                    site: SiteId(site as u16),
                    start: t(s),
                    end: t(e),
                    rast_minutes: self.rast.iter().find(|r| r.0 == id).map_or(rast, |r| r.1),
                    paid_meal,
                })
                .collect(),
            tasks: SHIFTS
                .iter()
                .enumerate()
                .map(|(i, s)| Task { shift: ShiftId(i as u16), skill: SkillId(s.6 as u16) })
                .collect(),
            employees: vec![emp],
            demand: vec![DemandCell::default(); days * ns],
            resource_cost: vec![0; days * ns],
            rules: GlobalRules {
                forbidden_succession: Some(Limit::hard(forbidden)),
                unavailable: Level::Hard,
                locked: Level::Hard,
                eligibility: Level::Hard,
                travel_weight: None,
                split_shift_weight: self.split_shift_weight,
                resource_shifts: true,
                weekend_by_instant: self.by_instant,
                strict_edges: self.strict_edges,
            },
            costs: Costs {
                substitute_per_hour: 300.0,
                agency_per_hour: 650.0,
                agency_share: 0.3,
                ob: ObRates {
                    weekday_evening: 24.8,
                    night: 54.8,
                    weekend: 63.9,
                    weekend_night: 73.5,
                    holiday: 122.7,
                    holiday_night: 147.3,
                },
            },
            history_days: self.history.len(),
            times: Default::default(),
            eligible: vec![],
        };
        inst.finish();
        inst
    }

    fn all_terms(&self, cells: &[&str]) -> (Instance, Vec<Term>) {
        let inst = self.instance(cells.len());
        let mut roster = Roster::empty(&inst);
        for (d, c) in cells.iter().enumerate() {
            roster.set(EmployeeId(0), d, self.cell(c));
        }
        let mut out = vec![];
        for_each_term(&inst, &roster, &mut |_, t| out.push(t));
        (inst, out)
    }

    pub fn terms_of(&self, cells: &[&str], rule: RuleId) -> Vec<Term> {
        self.all_terms(cells).1.into_iter().filter(|t| t.rule == rule).collect()
    }

    pub fn explain(&self, cells: &[&str]) -> Vec<String> {
        let (inst, terms) = self.all_terms(cells);
        terms.iter().map(|t| describe(&inst, t)).collect()
    }
}

/// A random small instance with every rule switched on at a random level, random history,
/// absences, locks, wishes and demand: the ground for property tests.
pub fn random_instance(rng: &mut crate::rng::Rng) -> Instance {
    let mut kit = Kit::swedish_from(if rng.chance(0.5) { "2027-03-22" } else { "2027-10-25" });
    let level =
        |rng: &mut crate::rng::Rng| if rng.chance(0.5) { Level::Hard } else { Level::Soft(1 + rng.below(5) as u32) };
    let on = |rng: &mut crate::rng::Rng| rng.chance(0.8);
    let c = &mut kit.contract;
    c.daily_rest = on(rng).then(|| Limit { value: (9 + rng.below(4) as i32) * 60, level: level(rng) });
    c.weekly_rest = on(rng).then(|| Limit { value: (30 + rng.below(18) as i32) * 60, level: level(rng) });
    c.max_daily_work = on(rng).then(|| Limit { value: (8 + rng.below(6) as i32) * 60, level: level(rng) });
    c.max_weekly_work = on(rng).then(|| Limit { value: (30 + rng.below(20) as i32) * 60, level: level(rng) });
    c.max_consecutive_days = on(rng).then(|| Limit { value: 2 + rng.below(5) as u16, level: level(rng) });
    c.min_consecutive_days = on(rng).then(|| Limit { value: 1 + rng.below(3) as u16, level: level(rng) });
    c.min_consecutive_days_off = on(rng).then(|| Limit { value: 1 + rng.below(3) as u16, level: level(rng) });
    c.contract_minutes = on(rng).then(|| {
        let min = rng.below(60) as i32 * 60;
        Limit { value: MinutesBand { min, max: min + rng.below(40) as i32 * 60 }, level: level(rng) }
    });
    c.hours_deviation = on(rng).then(|| Limit { value: (), level: level(rng) });
    c.weekly_spread = on(rng).then(|| Limit { value: (), level: level(rng) });
    c.night_work = on(rng).then(|| Limit { value: (2 + rng.below(6) as i32) * 60, level: level(rng) });
    c.night_share = on(rng).then(|| Limit { value: 20 * rng.below(6) as u16, level: level(rng) });
    c.heavy_night_work = on(rng).then(|| Limit { value: (6 + rng.below(6) as i32) * 60, level: level(rng) });
    c.weekdays_only = rng.chance(0.2);
    c.max_weekends = on(rng).then(|| Limit {
        value: WeekendLimit { max: rng.below(3) as u16, window: 1 + rng.below(4) as u16 },
        level: level(rng),
    });
    c.whole_weekends = on(rng).then(|| Limit { value: (), level: level(rng) });
    c.max_shifts_per_type =
        on(rng).then(|| Limit { value: (0..SHIFTS.len()).map(|_| rng.below(8) as u16).collect(), level: level(rng) });
    kit.target = rng.below(100) as i32 * 60;
    kit.night_worker = rng.chance(0.5);
    kit.dygnsbryt = [0, 6 * 60, 7 * 60 + 15][rng.below(3)];
    kit.by_instant = rng.chance(0.7);
    if rng.chance(0.3) {
        kit.holiday(rng.below(14));
    }
    if rng.chance(0.3) {
        kit.split_shift_weight(1 + rng.below(5) as u32);
        kit.rast("L", 90);
    }
    let names = ["", "D", "K", "N", "L", "S", "B"];
    let hist = rng.below(4);
    kit.history = (0..hist).map(|_| *rng.pick(&names)).collect();
    for _ in 0..rng.below(4) {
        let (a, b) = (pick_pass(rng, &names), pick_pass(rng, &names));
        kit.forbid(a, b);
    }
    let days = 14 + 7 * rng.below(2);
    for _ in 0..rng.below(4) {
        kit.absent(rng.below(days), AbsenceKind::Vacation);
    }
    for _ in 0..rng.below(3) {
        let d = rng.below(days);
        if rng.chance(0.5) {
            kit.lock(d, pick_pass(rng, &names));
        } else {
            kit.lock_off(d);
        }
    }
    for _ in 0..rng.below(6) {
        let s = ShiftId(rng.below(SHIFTS.len()) as u16);
        let kind = [WishKind::WantShift(s), WishKind::AvoidShift(s), WishKind::WantOff][rng.below(3)];
        kit.wish(Wish { day: rng.below(days) as Day, kind, weight: 1 + rng.below(3) as u32 });
    }
    kit.wishes.sort_by_key(|w| w.day);
    let mut inst = kit.instance(days);
    // Several employees with the same contract but their own home site and skills.
    let template = inst.employees[0].clone();
    inst.employees = (0..2 + rng.below(4))
        .map(|i| {
            let mut e = template.clone();
            e.id = format!("e{i}");
            e.sites = if rng.chance(0.3) { vec![SiteId(1), SiteId(0)] } else { vec![SiteId(0)] };
            e.skills = if rng.chance(0.3) { vec![SkillId(1)] } else { vec![SkillId(0)] };
            e
        })
        .collect();
    inst.rules.travel_weight = rng.chance(0.5).then(|| 1 + rng.below(3) as u32);
    for (i, d) in inst.demand.iter_mut().enumerate() {
        let min = rng.below(2) as u16;
        *d = DemandCell {
            min,
            target: min + rng.below(2) as u16,
            weight_min: rng.below(50) as u32,
            weight_under: rng.below(20) as u32,
            weight_over: rng.below(5) as u32,
        };
        inst.resource_cost[i] = rng.below(10) as u32;
    }
    inst.finish();
    inst
}

/// One of `names` other than the first (the empty, day-off name).
fn pick_pass(rng: &mut crate::rng::Rng, names: &[&'static str]) -> &'static str {
    names[1 + rng.below(names.len() - 1)]
}
