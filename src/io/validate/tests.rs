//! Validation cases: each mutates the small fixture and expects a problem at a field path.

use super::*;
use crate::io::dto::*;
use crate::model::{AbsenceKind, Cell, Level, Limit, MinutesBand, ShiftId, SkillId, TaskId, WeekendLimit};

const SMALL: &str = include_str!("../../../tests/fixtures/small.toml");

fn small() -> InstanceFile {
    toml::from_str(SMALL).expect("the fixture parses")
}

fn valid(change: impl FnOnce(&mut InstanceFile)) -> (Instance, Vec<Problem>) {
    let mut f = small();
    change(&mut f);
    match validate(&f) {
        Ok(r) => r,
        Err(e) => panic!("expected valid, got {e}"),
    }
}

fn problems(change: impl FnOnce(&mut InstanceFile)) -> Vec<Problem> {
    let mut f = small();
    change(&mut f);
    match validate(&f) {
        Ok(_) => panic!("expected problems"),
        Err(Error { kind: ErrorKind::Invalid(p), .. }) => p,
        Err(e) => panic!("unexpected error {e}"),
    }
}

/// Asserts that exactly one problem is at `path` and that its message holds `words`.
#[track_caller]
fn one(change: impl FnOnce(&mut InstanceFile), path: &str, words: &str) {
    let all = problems(change);
    let at: Vec<&Problem> = all.iter().filter(|p| p.path == path).collect();
    assert_eq!(at.len(), 1, "problems at {path}: {all:#?}");
    assert!(at[0].message.contains(words), "{:?} lacks {words:?}", at[0].message);
}

fn rule(level: Option<LevelDto>) -> RuleDto {
    RuleDto { level, ..Default::default() }
}

#[test]
fn the_fixture_is_valid_and_resolved() {
    let (inst, warnings) = valid(|_| {});
    assert_eq!(inst.days(), 7);
    assert_eq!(inst.employees.len(), 4);
    // D×usk, D×vbt, K×usk.
    assert_eq!(inst.tasks.len(), 3);
    assert!(inst.holidays[2] && !inst.holidays[1]);
    // 38.25 h a week for a full-timer; 0.75 with two days of vacation: 5/7 of 28.6875 h.
    assert_eq!(inst.employees[0].target_minutes, 2295);
    assert_eq!(inst.employees[3].target_minutes, (38.25 * 0.75 * 60.0 * 5.0 / 7.0_f64).round() as i32);
    assert_eq!(inst.employees[3].weekly_target_minutes, vec![inst.employees[3].target_minutes]);
    let band = inst.employees[0].contract.contract_minutes.clone().unwrap();
    assert_eq!(band, Limit::hard(MinutesBand { min: 2295 - 660, max: 2295 + 660 }));
    // The history: Sunday evening before the start, on the K×usk task.
    assert_eq!(inst.history_days, 1);
    assert_eq!(inst.employees[0].history, vec![Cell::work(TaskId(2), false)]);
    assert!(inst.employees[1].history.is_empty());
    // Locked Monday Dag, skill defaulted to the employee's first skill.
    assert_eq!(inst.employees[3].locked[0], Some(Cell::work(TaskId(0), false)));
    assert_eq!(inst.employees[3].absence[3], Some(AbsenceKind::Vacation));
    // Group "helg" turns whole weekends off; the others keep the default soft 20.
    assert_eq!(inst.employees[1].contract.whole_weekends, None);
    assert_eq!(inst.employees[0].contract.whole_weekends, Some(Limit::soft((), 20)));
    assert_eq!(inst.employees[0].contract.max_weekends, Some(Limit::hard(WeekendLimit { max: 1, window: 2 })));
    assert_eq!(inst.employees[2].dygnsbryt, 360);
    // K may not be followed by D.
    let fs = inst.rules.forbidden_succession.clone().unwrap();
    assert!(fs.value[ShiftId(1).idx() * 2 + ShiftId(0).idx()]);
    assert_eq!(inst.rules.travel_weight, Some(1));
    assert!(inst.rules.weekend_by_instant);
    // Demand: vbt on weekdays only; weekend cells have no demand.
    assert_eq!(inst.demand(0, TaskId(1)).min, 1);
    assert_eq!(inst.demand(5, TaskId(1)).min, 0);
    assert_eq!(inst.demand(5, TaskId(1)).weight_over, 20);
    assert!(warnings.is_empty(), "{warnings:#?}");
}

#[test]
fn resource_costs_are_low_where_absence_is_likely() {
    let (inst, _) = valid(|f| f.horizon.holidays.clear());
    let nt = inst.tasks.len();
    // Monday morning (D) likely, Monday evening (K) not, Saturday evening likely.
    assert_eq!(inst.resource_cost[0], 5);
    assert_eq!(inst.resource_cost[2], 30);
    assert_eq!(inst.resource_cost[5 * nt + 2], 5);
    // A holiday makes the whole week likely.
    let (inst, _) = valid(|_| {});
    assert_eq!(inst.resource_cost[2], 5);
}

#[test]
fn dated_demand_overrides_weekday_lines() {
    let (inst, _) = valid(|f| {
        f.demand.push(DemandDto {
            shift: "D".into(),
            skill: "usk".into(),
            dates: vec!["2027-01-06".into()],
            min: 0,
            target: Some(2),
            ..Default::default()
        })
    });
    assert_eq!(inst.demand(2, TaskId(0)).target, 2);
    assert_eq!(inst.demand(2, TaskId(0)).min, 0);
    assert_eq!(inst.demand(1, TaskId(0)).min, 1);
}

#[test]
fn shifts_without_demand_get_tasks_for_the_skills_at_their_site() {
    let (inst, warnings) = valid(|f| {
        f.shifts.push(ShiftDto {
            id: "N".into(),
            name: "Natt".into(),
            site: "solgarden".into(),
            start: "21:15".into(),
            end: "07:15".into(),
            paid_meal: true,
            ..Default::default()
        })
    });
    let n = inst.shift_by_id("N").unwrap();
    let skills: Vec<SkillId> = inst.tasks.iter().filter(|t| t.shift == n).map(|t| t.skill).collect();
    assert_eq!(skills, vec![SkillId(0), SkillId(1)]);
    assert!(warnings.iter().any(|w| w.path == "shifts[2]"), "{warnings:#?}");
}

#[test]
fn every_problem_is_collected() {
    let all = problems(|f| {
        f.horizon.weeks = 0;
        f.staff[0].degree = 1.5;
        f.staff[1].sites.push("nowhere".into());
        f.shifts[0].rast = 0;
    });
    let paths: Vec<&str> = all.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, vec!["horizon.weeks", "shifts[0]", "staff[0].degree", "staff[1].sites[1]"]);
}

#[test]
fn duplicate_and_unknown_ids() {
    one(|f| f.staff[2].id = "anna".into(), "staff[2].id", "duplicate employee id \"anna\"");
    one(|f| f.municipalities.push(f.municipalities[0].clone()), "municipalities[1].id", "duplicate");
    one(|f| f.shifts[1].id = "D".into(), "shifts[1].id", "duplicate shift type id");
    one(|f| f.skills[1].id = String::new(), "skills[1].id", "empty");
    one(|f| f.sites[0].municipality = "amal".into(), "sites[0].municipality", "unknown municipality \"amal\"");
    one(|f| f.skills[0].covers = vec!["ssk".into()], "skills[0].covers[0]", "unknown skill");
    one(|f| f.shifts[0].site = "x".into(), "shifts[0].site", "unknown site");
    one(|f| f.demand[1].skill = "ssk".into(), "demand[1].skill", "unknown skill \"ssk\"");
    one(|f| f.staff[0].employer = "x".into(), "staff[0].employer", "unknown municipality");
    one(|f| f.staff[0].group = Some("natt".into()), "staff[0].group", "unknown contract group \"natt\"");
    one(
        |f| {
            f.staff[1].wishes[0] =
                WishDto { date: "2027-01-05".into(), kind: WishKindDto::Want, shift: Some("Q".into()), weight: None }
        },
        "staff[1].wishes[0].shift",
        "unknown shift type \"Q\"",
    );
    one(
        |f| f.costs.hourly_by_skill.insert("ssk".into(), 400.0).map_or((), |_| ()),
        "costs.hourly_by_skill.ssk",
        "unknown skill",
    );
    one(
        |f| f.travel.push(TravelDto { from: "solgarden".into(), to: "backefors".into(), minutes: 25 }),
        "travel[0].to",
        "unknown site",
    );
}

#[test]
fn horizon_problems() {
    one(|f| f.horizon.start = "2027-01-05".into(), "horizon.start", "Monday");
    one(|f| f.horizon.start = "2027-13-01".into(), "horizon.start", "bad date");
    one(|f| f.horizon.weeks = 17, "horizon.weeks", "between 1 and 16");
    one(|f| f.horizon.start = "+262142-12-27".into(), "horizon.start", "between 1900 and 2200");
    one(|f| f.horizon.timezone = Some("Europe/Mellerud".into()), "horizon.timezone", "unknown time zone");
    one(|f| f.horizon.holidays.push("2027-01-11".into()), "horizon.holidays[1]", "outside the horizon");
}

#[test]
fn shift_problems() {
    one(|f| f.shifts[0].start = "7".into(), "shifts[0].start", "bad time");
    one(|f| f.shifts[0].end = "24:00".into(), "shifts[0].end", "bad time");
    one(|f| f.shifts[0].rast = 0, "shifts[0]", "5 hours");
    one(|f| f.shifts[0].rast = 510, "shifts[0].rast", "not shorter");
    one(
        |f| {
            f.shifts[0].end = "23:30".into();
            f.shifts[0].start = "07:00".into();
        },
        "shifts[0].end",
        "16 h",
    );
    one(
        |f| {
            f.shifts[0].rast = 30;
            f.shifts[0].paid_meal = true;
        },
        "shifts[0].rast",
        "not both",
    );
    // Five hours exactly needs no break.
    valid(|f| {
        f.shifts[0].end = "12:00".into();
        f.shifts[0].rast = 0;
    });
}

#[test]
fn staff_problems() {
    one(|f| f.staff[0].degree = 1.5, "staff[0].degree", "at most 1");
    one(|f| f.staff[0].degree = 0.0, "staff[0].degree", "more than 0");
    one(|f| f.staff[0].skills.clear(), "staff[0].skills", "no skills");
    one(|f| f.staff[0].sites.clear(), "staff[0].sites", "no sites");
    one(|f| f.staff[0].skills.push("usk".into()), "staff[0].skills[1]", "twice");
    one(|f| f.staff[0].dygnsbryt = Some("25:00".into()), "staff[0].dygnsbryt", "bad time");
    one(|f| f.staff[0].full_time_hours = Some(-1.0), "staff[0].full_time_hours", "full-time measure");
    one(|f| f.staff[0].hourly_cost = Some(f64::NAN), "staff[0].hourly_cost", "≥ 0");
}

#[test]
fn dated_entries() {
    let absence = |from: &str, to: &str| AbsenceDto { from: from.into(), to: to.into(), kind: AbsenceKind::Leave };
    one(|f| f.staff[3].absences.push(absence("2027-01-08", "2027-01-09")), "staff[3].absences[1]", "overlaps");
    one(
        |f| f.staff[0].absences.push(absence("2027-01-09", "2027-01-08")),
        "staff[0].absences[0].to",
        "before it starts",
    );
    one(|f| f.staff[0].absences.push(absence("2027-02-01", "2027-02-03")), "staff[0].absences[0]", "outside");
    // Reaching past the horizon is cut to it.
    let (inst, _) = valid(|f| f.staff[0].absences.push(absence("2026-12-20", "2027-01-05")));
    assert_eq!(inst.employees[0].absence[1], Some(AbsenceKind::Leave));
    assert_eq!(inst.employees[0].absence[2], None);

    one(|f| f.staff[3].locked[0].date = "2027-01-07".into(), "staff[3].locked[0]", "day of absence");
    one(|f| f.staff[3].locked[0].date = "2027-01-11".into(), "staff[3].locked[0].date", "outside the horizon");
    one(|f| f.staff[2].locked.push(f_lock("K", Some("usk"))), "staff[2].locked[0].skill", "holds no skill");
    one(
        |f| f.staff[3].locked.push(LockedDto { date: "2027-01-04".into(), ..Default::default() }),
        "staff[3].locked[1].date",
        "locked twice",
    );
    one(
        |f| {
            f.staff[0].wishes.push(WishDto {
                date: "2027-01-05".into(),
                kind: WishKindDto::Avoid,
                shift: None,
                weight: None,
            })
        },
        "staff[0].wishes[0]",
        "needs a `shift`",
    );
    one(|f| f.staff[1].wishes[0].date = "2027-01-10x".into(), "staff[1].wishes[0].date", "bad date");
    one(|f| f.staff[0].history[0].date = "2027-01-04".into(), "staff[0].history[0].date", "before the horizon start");
    one(|f| f.staff[0].history[0].date = "2026-12-20".into(), "staff[0].history[0].date", "at most 14 days");
}

fn f_lock(shift: &str, skill: Option<&str>) -> LockedDto {
    LockedDto { date: "2027-01-05".into(), shift: Some(shift.into()), skill: skill.map(Into::into), resource: false }
}

#[test]
fn locked_pass_at_a_site_the_employee_may_not_work() {
    one(
        |f| {
            f.sites.push(SiteDto { id: "other".into(), name: "Other".into(), municipality: "mellerud".into() });
            f.shifts[1].site = "other".into();
            f.staff[0].locked.push(f_lock("K", None));
        },
        "staff[0].locked[0].shift",
        "may not work at site \"other\"",
    );
}

#[test]
fn rule_problems() {
    one(
        |f| f.defaults.rules.daily_rest = Some(RuleDto { days: Some(3), ..Default::default() }),
        "defaults.rules.daily_rest.days",
        "does not take `days`",
    );
    one(
        |f| f.defaults.rules.daily_rest = Some(RuleDto { hours: Some(8.0), ..Default::default() }),
        "defaults.rules.daily_rest.hours",
        "never lower",
    );
    one(
        |f| f.defaults.rules.weekly_rest = Some(RuleDto { hours: Some(30.0), ..Default::default() }),
        "defaults.rules.weekly_rest.hours",
        "at least 36",
    );
    one(
        |f| f.defaults.rules.max_consecutive_days = Some(rule(Some(LevelDto::Soft))),
        "defaults.rules.max_consecutive_days.level",
        "no default weight",
    );
    one(
        |f| f.defaults.rules.min_consecutive_days = Some(rule(Some(LevelDto::Hard))),
        "defaults.rules.min_consecutive_days.level",
        "no `days`",
    );
    one(
        |f| f.defaults.rules.daily_rest = Some(RuleDto { weight: Some(3), ..Default::default() }),
        "defaults.rules.daily_rest.weight",
        "only to a soft rule",
    );
    one(
        |f| f.groups.get_mut("helg").unwrap().rules.travel = Some(rule(Some(LevelDto::Off))),
        "groups.helg.rules.travel",
        "applies to everyone",
    );
    one(|f| f.defaults.rules.travel = Some(rule(Some(LevelDto::Hard))), "defaults.rules.travel.level", "soft or off");
    one(
        |f| f.defaults.rules.forbidden_succession.as_mut().unwrap().pairs = Some(vec![["K".into(), "X".into()]]),
        "defaults.rules.forbidden_succession.pairs[0][1]",
        "unknown shift type",
    );
    one(
        |f| f.defaults.rules.max_weekends = Some(RuleDto { window: Some(0), ..Default::default() }),
        "defaults.rules.max_weekends.window",
        "at least 1",
    );
}

#[test]
fn rules_merge_field_by_field() {
    let (inst, _) = valid(|f| {
        f.defaults.rules.daily_rest =
            Some(RuleDto { level: Some(LevelDto::Soft), weight: Some(50), ..Default::default() });
        f.groups.get_mut("helg").unwrap().rules.daily_rest = Some(RuleDto { hours: Some(9.0), ..Default::default() });
        f.defaults.rules.hours_deviation = Some(rule(Some(LevelDto::Soft)));
        f.defaults.rules.max_weekends = Some(RuleDto { max: Some(2), window: Some(5), ..Default::default() });
        f.defaults.rules.unavailable =
            Some(RuleDto { level: Some(LevelDto::Soft), weight: Some(7), ..Default::default() });
    });
    assert_eq!(inst.employees[0].contract.daily_rest, Some(Limit::soft(660, 50)));
    assert_eq!(inst.employees[1].contract.daily_rest, Some(Limit::soft(540, 50)));
    assert_eq!(inst.employees[0].contract.hours_deviation, Some(Limit::soft((), 10)));
    assert_eq!(inst.employees[1].contract.max_weekends.as_ref().unwrap().value, WeekendLimit { max: 2, window: 5 });
    assert_eq!(inst.rules.unavailable, Level::Soft(7));
}

#[test]
fn demand_problems() {
    one(|f| f.demand[2].target = Some(0), "demand[2].target", "below the minimum");
    one(|f| f.demand[1].weekdays.push("fredag".into()), "demand[1].weekdays[5]", "unknown weekday");
    one(|f| f.demand[1].dates.push("2027-01-05".into()), "demand[1]", "not both");
    one(|f| f.demand.push(f.demand[0].clone()), "demand[3]", "also given by demand[0]");
    one(|f| f.demand[0].dates = vec!["2027-02-01".into()], "demand[0].dates[0]", "outside the horizon");
}

#[test]
fn targets_follow_measure_degree_and_absence() {
    let (inst, _) = valid(|f| {
        f.horizon.weeks = 2;
        f.defaults.full_time_hours = Some(37.0);
        f.groups.get_mut("helg").unwrap().full_time_hours = Some(34.33);
        f.staff[0].full_time_hours = Some(40.0);
        // Parental leave all of week 2 except Sunday; a fixed day off does not reduce the target.
        f.staff[2].absences = vec![
            AbsenceDto { from: "2027-01-11".into(), to: "2027-01-16".into(), kind: AbsenceKind::ParentalLeave },
            AbsenceDto { from: "2027-01-04".into(), to: "2027-01-04".into(), kind: AbsenceKind::DayOff },
        ];
    });
    assert_eq!(inst.employees[0].target_minutes, 2 * 40 * 60);
    assert_eq!(inst.employees[1].target_minutes, (2.0 * 34.33 * 60.0_f64).round() as i32);
    let c = &inst.employees[2];
    assert_eq!(
        c.weekly_target_minutes,
        vec![(37.0 * 0.9 * 60.0_f64).round() as i32, (37.0 * 0.9 * 60.0 / 7.0_f64).round() as i32]
    );
    assert_eq!(c.target_minutes, (37.0 * 0.9 * 60.0 * 8.0 / 7.0_f64).round() as i32);
}

#[test]
fn hourly_cost_falls_back_by_skill_then_instance() {
    let (inst, _) = valid(|f| {
        f.costs.hourly_by_skill.insert("vbt".into(), 270.0);
        f.costs.hourly = Some(300.0);
        f.staff[0].hourly_cost = Some(333.0);
    });
    let costs: Vec<f64> = inst.employees.iter().map(|e| e.hourly_cost).collect();
    assert_eq!(costs, vec![333.0, 300.0, 270.0, 300.0]);
    let (inst, _) = valid(|_| {});
    assert_eq!(inst.employees[1].hourly_cost, 290.0);
    assert_eq!(inst.costs.agency_per_hour, 650.0);
}

#[test]
fn warnings_for_suspicious_but_legal_input() {
    // Double demand: far more than contracted.
    let (_, w) = valid(|f| {
        f.demand.iter_mut().for_each(|d| {
            d.min *= 3;
            d.target = None;
        })
    });
    assert!(w.iter().any(|w| w.path == "demand" && w.message.contains("short")), "{w:#?}");
    // No demand at all: staff far over demand, and both shift types lack demand.
    let (_, w) = valid(|f| f.demand.clear());
    assert!(w.iter().any(|w| w.path == "staff" && w.message.contains("surplus")), "{w:#?}");
    assert!(w.iter().any(|w| w.path == "shifts[1]"), "{w:#?}");
    // Demand for vbt at a site where nobody holds a covering skill.
    let (_, w) = valid(|f| {
        f.staff[2].skills = vec!["usk".into()];
        f.staff[3].skills = vec!["usk".into()];
        f.skills[0].covers.clear();
    });
    assert!(w.iter().any(|w| w.path == "demand[1]" && w.message.contains("no employee")), "{w:#?}");
    // An employee whose skills no shift at their site needs.
    let (_, w) = valid(|f| {
        f.skills.push(SkillDto { id: "ssk".into(), name: "Sjuksköterska".into(), covers: vec![] });
        f.staff[2].skills = vec!["ssk".into()];
    });
    assert!(w.iter().any(|w| w.path == "staff[2]" && w.message.contains("can work no shift")), "{w:#?}");
}

#[test]
fn broken_input_never_panics() {
    // Everything empty or wrong at once.
    let f = InstanceFile::default();
    assert!(validate(&f).is_err());
    let mut f = small();
    f.staff.iter_mut().for_each(|s| {
        s.skills.clear();
        s.sites.clear();
        s.locked.push(LockedDto {
            date: "x".into(),
            shift: Some("D".into()),
            skill: Some("usk".into()),
            resource: true,
        });
    });
    f.skills.clear();
    f.shifts.iter_mut().for_each(|s| s.end = s.start.clone());
    assert!(validate(&f).is_err());
}

#[test]
fn split_shifts_are_an_error_unless_allowed_at_a_cost() {
    let long = |f: &mut InstanceFile| {
        f.shifts[0].end = "18:00".into();
        f.shifts[0].rast = 150;
    };
    one(long, "shifts[0].rast", "split shift (delad tur)");
    let (inst, _) = valid(|f| {
        long(f);
        f.defaults.rules.split_shift =
            Some(RuleDto { level: Some(LevelDto::Soft), weight: Some(40), ..Default::default() });
    });
    assert_eq!(inst.rules.split_shift_weight, Some(40));
    assert!(inst.shifts[0].is_split() && !inst.shifts[1].is_split());
    // An hour of rast is a break, not a split shift.
    valid(|f| f.shifts[0].rast = 60);
}

#[test]
fn a_lock_that_breaks_rest_after_the_history_is_an_error_before_any_search() {
    // Anna's history ends with a Kväll on Sunday until 21:30; a Dag locked on Monday at 07:00
    // leaves 9 h 30 min of rest.
    one(
        |f| {
            f.staff[0].locked =
                vec![LockedDto { date: "2027-01-04".into(), shift: Some("D".into()), ..Default::default() }]
        },
        "staff[0].locked",
        "daily_rest: only 9 h 30 min rest",
    );
}

#[test]
fn a_shift_time_in_the_skipped_spring_hour_is_an_error() {
    one(
        |f| {
            f.horizon.start = "2027-03-22".into();
            f.horizon.holidays.clear();
            f.staff[0].history.clear();
            f.staff[1].wishes.clear();
            f.staff[3].absences.clear();
            f.staff[3].locked.clear();
            f.shifts[0].start = "02:30".into();
            f.shifts[0].end = "10:30".into();
        },
        "shifts[0].start",
        "does not exist on 2027-03-28",
    );
}

#[test]
fn a_consented_site_without_travel_time_is_a_warning() {
    let (_, warnings) = valid(|f| {
        f.sites.push(SiteDto { id: "dalgarden".into(), name: "Dalgården".into(), municipality: "mellerud".into() });
        f.staff[0].sites.push("dalgarden".into());
    });
    assert!(warnings.iter().any(|w| w.path == "staff[0].sites[1]" && w.message.contains("no travel time")));
}

#[test]
fn night_workers_and_weekday_only_staff_get_their_own_measure_and_target() {
    let (inst, _) = valid(|f| {
        f.staff[0].night_worker = true;
        f.staff[3].weekdays_only = Some(true);
        f.staff[2].nights = Some(crate::model::Nights::Never);
    });
    // A night worker without a measure of their own or their group's: 34 h 20 min.
    assert_eq!(inst.employees[0].target_minutes, 34 * 60 + 20);
    // Weekday-only at 75 % of 40 h: 6 h a working day. Wednesday is a public holiday and
    // Thursday–Friday are vacation: Monday and Tuesday are left, 12 h.
    assert_eq!(inst.employees[3].target_minutes, 12 * 60);
    assert!(inst.employees[3].contract.weekdays_only);
    assert_eq!(inst.employees[2].nights, crate::model::Nights::Never);
    // A week's vacation takes a weekday-only full-timer's whole 40 h, not five sevenths of it.
    let (inst, _) = valid(|f| {
        f.staff[0].weekdays_only = Some(true);
        f.horizon.holidays.clear();
        f.staff[0].absences =
            vec![AbsenceDto { from: "2027-01-04".into(), to: "2027-01-08".into(), kind: AbsenceKind::Vacation }];
    });
    assert_eq!(inst.employees[0].target_minutes, 0);
}
