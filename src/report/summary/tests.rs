use super::*;
use crate::model::{DemandCell, SiteId, Wish};
use crate::report::ob::ObBand;
use crate::rules::testkit::Kit;

/// Kit's usk at site A (municipality m1, 300 SEK/h), plus `e2`: employed by m1, shared with
/// site B of m2, 320 SEK/h.
fn two_municipalities() -> (Instance, Roster) {
    let k = Kit::swedish();
    let mut inst = k.instance(14);
    let mut e2 = inst.employees[0].clone();
    e2.id = "e2".into();
    e2.name = "Shared Person".into();
    e2.sites = vec![SiteId(0), SiteId(1)];
    e2.hourly_cost = 320.0;
    e2.wishes = vec![];
    e2.target_minutes = 2700;
    inst.employees[0].target_minutes = 1200;
    inst.employees[0].wishes = vec![
        Wish { day: 0, kind: WishKind::WantShift(k.shift("D")), weight: 1 },
        Wish { day: 4, kind: WishKind::WantOff, weight: 1 },
    ];
    inst.employees.push(e2);
    let nt = inst.tasks.len();
    let want = |target| DemandCell { min: target, target, weight_min: 1000, weight_under: 100, weight_over: 20 };
    inst.demand[nt + k.shift("S").idx()] = want(1); // Tuesday ssk Dag
    inst.demand[k.shift("D").idx()] = want(3); // Monday usk Dag
    inst.demand[5 * nt + k.shift("L").idx()] = want(1); // Saturday long day
    inst.finish();
    let mut r = Roster::empty(&inst);
    let put = |r: &mut Roster, e: u16, day: usize, s: &str, resource: bool| {
        r.set(EmployeeId(e), day, Cell::work(TaskId(k.shift(s).0), resource))
    };
    put(&mut r, 0, 0, "D", false); // Mon 07:00–15:30, 480 paid
    put(&mut r, 0, 4, "N", false); // Fri 21:15–07:15, 600 paid
    put(&mut r, 1, 0, "D", false); // m1: 480
    put(&mut r, 1, 1, "B", false); // m2: 480
    put(&mut r, 1, 2, "B", false); // m2: 480
    put(&mut r, 1, 3, "K", false); // m1: Thu 13:30–21:30, 450 paid, 150 min evening OB
    put(&mut r, 1, 5, "L", true); // m1: Sat 07:00–20:00 resource, 750 paid, all weekend OB
    (inst, r)
}

#[test]
fn per_employee_totals() {
    let (inst, r) = two_municipalities();
    let s = Summary::new(&inst, &r);
    let e1 = &s.employees[0];
    assert_eq!((e1.scheduled_minutes, e1.target_minutes, e1.deviation_minutes), (1080, 1200, -120));
    assert_eq!((e1.passes, e1.nights_worked, e1.weekends_worked, e1.resource_minutes), (2, 1, 1, 0));
    let e2 = &s.employees[1];
    assert_eq!((e2.scheduled_minutes, e2.deviation_minutes), (2640, -60));
    assert_eq!((e2.passes, e2.nights_worked, e2.weekends_worked, e2.resource_minutes), (5, 0, 1, 750));
    assert_eq!(e2.paid_by_municipality, BTreeMap::from([("m1".to_string(), 1680), ("m2".to_string(), 960)]));
    assert_eq!(s.wishes, WishSummary { granted: 1, total: 2 });
}

#[test]
fn shared_employee_is_paid_by_where_the_passes_are_worked() {
    let (inst, r) = two_municipalities();
    let s = Summary::new(&inst, &r);
    let (m1, m2) = (&s.municipalities[0], &s.municipalities[1]);
    // m1: e1 1080 min at 300 SEK/h = 5400; e2 1680 min at 320 SEK/h = 8960.
    assert_eq!(m1.paid_minutes, 2760);
    assert_eq!(m1.wage_cost, 14360.0);
    // m2 pays e2's two B passes although m1 employs e2: 960 min at 320 = 5120.
    assert_eq!(m2.paid_minutes, 960);
    assert_eq!(m2.wage_cost, 5120.0);
    assert_eq!(m2.paid_by_employer, BTreeMap::from([("m1".to_string(), 960)]));
    assert_eq!(m2.ob_cost, 0.0);
    // m1's OB: Friday night 120 weekend + 480 weekend night; Saturday long day 750 weekend;
    // Thursday evening 150. 14.5 h × 63.90 + 8 h × 73.50 + 2.5 h × 24.80 = 926.55 + 588 + 62.
    assert_eq!(m1.ob_minutes.get(ObBand::Weekend), 870);
    assert_eq!(m1.ob_minutes.get(ObBand::WeekendNight), 480);
    assert_eq!(m1.ob_minutes.get(ObBand::WeekdayEvening), 150);
    assert_eq!(m1.ob_cost, 1576.55);
    assert_eq!(m1.total_cost, 15936.55);
}

#[test]
fn uncovered_hours_per_skill_with_substitute_and_agency_cost() {
    let (inst, r) = two_municipalities();
    let s = Summary::new(&inst, &r);
    // usk: Monday Dag 3 wanted, 2 worked → 480 min; Saturday long day wanted, only a resource
    // shift worked (it does not cover base demand) → 750 min. 20.5 h: 70 % × 300 + 30 % × 650.
    let usk = &s.uncovered[0];
    assert_eq!((usk.id.as_str(), usk.minutes), ("usk", 1230));
    assert_eq!(usk.substitute_cost, 4305.0);
    assert_eq!(usk.agency_cost, 3997.5);
    // ssk: Tuesday Dag wanted, nobody → 8 h.
    let ssk = &s.uncovered[1];
    assert_eq!((ssk.id.as_str(), ssk.minutes, ssk.substitute_cost, ssk.agency_cost), ("ssk", 480, 1680.0, 1560.0));
    // All gaps are at site A: m1's bill, 28.5 h × 405 SEK.
    assert_eq!(s.municipalities[0].uncovered_minutes, 1710);
    assert_eq!(s.municipalities[0].uncovered_cost, 11542.5);
    assert_eq!(s.municipalities[1].uncovered_minutes, 0);
}
