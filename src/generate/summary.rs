//! The calibration of an instance in words: staff, employment mix, consent across borders, and
//! contracted hours against demand hours, per municipality and per skill.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};

use crate::io::dto::InstanceFile;

/// Hours of demand and of contracts for one municipality or skill.
#[derive(Clone, Copy, Debug, Default)]
struct Hours {
    staff: usize,
    full_time: usize,
    contracted: f64,
    after_absence: f64,
    target: f64,
    min: f64,
}

impl Hours {
    fn row(&self, label: &str) -> String {
        let pct = |a: f64, b: f64| if b > 0.0 { format!("{:5.1} %", 100.0 * a / b) } else { "    –  ".into() };
        format!(
            "  {label:<12} {:>5} {:>8.0} {:>8.0} {:>8.0} {:>8.0}  {}  {}",
            self.staff,
            self.contracted,
            self.after_absence,
            self.target,
            self.min,
            pct(self.contracted, self.target),
            pct(self.after_absence, self.target),
        )
    }
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn paid_hours(start: &str, end: &str, rast: u16) -> f64 {
    let (Ok(s), Ok(e)) = (NaiveTime::parse_from_str(start, "%H:%M"), NaiveTime::parse_from_str(end, "%H:%M")) else {
        return 0.0;
    };
    let mut minutes = (e - s).num_minutes();
    if minutes <= 0 {
        minutes += 24 * 60;
    }
    (minutes - rast as i64).max(0) as f64 / 60.0
}

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A summary of an instance's size and calibration: per municipality and per skill, the staff,
/// contracted hours over the period (degree × full-time measure × weeks), the same after
/// planned absence (pro rata by calendar days), and demand hours at target and at minimum
/// headcount (nominal paid hours of each pass; a DST night counts as an ordinary one).
/// Demand is counted where it is worked, contracts by employer and by each person's first skill.
///
/// Dates or times it cannot read are skipped; it never fails.
pub fn summary(f: &InstanceFile) -> String {
    let mut out = String::new();
    let Some(start) = date(&f.horizon.start) else {
        return format!("{}: the horizon start {:?} is not a date\n", f.name, f.horizon.start);
    };
    let days = f.horizon.weeks as i64 * 7;
    let site_muni: BTreeMap<&str, &str> = f.sites.iter().map(|s| (s.id.as_str(), s.municipality.as_str())).collect();
    let shift: BTreeMap<&str, (&str, f64)> = f
        .shifts
        .iter()
        .map(|s| {
            (
                s.id.as_str(),
                (site_muni.get(s.site.as_str()).copied().unwrap_or("?"), paid_hours(&s.start, &s.end, s.rast)),
            )
        })
        .collect();
    let mut by_muni: BTreeMap<String, Hours> =
        f.municipalities.iter().map(|m| (m.id.clone(), Hours::default())).collect();
    let mut by_skill: BTreeMap<String, Hours> = f.skills.iter().map(|s| (s.id.clone(), Hours::default())).collect();

    // Demand: on each day, a task's date lines replace its weekday lines.
    let mut tasks: Vec<(&str, &str)> = f.demand.iter().map(|d| (d.shift.as_str(), d.skill.as_str())).collect();
    tasks.sort_unstable();
    tasks.dedup();
    for d in 0..days {
        let day = start + Duration::days(d);
        let dstr = day.to_string();
        let wd = WEEKDAYS[day.weekday().num_days_from_monday() as usize];
        for &(sh, sk) in &tasks {
            let of_task = f.demand.iter().filter(|l| l.shift == sh && l.skill == sk);
            let dated: Vec<_> = of_task.clone().filter(|l| l.dates.contains(&dstr)).collect();
            let apply: Vec<_> = if dated.is_empty() {
                of_task
                    .filter(|l| l.dates.is_empty() && (l.weekdays.is_empty() || l.weekdays.iter().any(|w| w == wd)))
                    .collect()
            } else {
                dated
            };
            let Some(&(muni, hours)) = shift.get(sh) else { continue };
            for l in apply {
                let target = l.target.unwrap_or(l.min) as f64 * hours;
                let min = l.min as f64 * hours;
                for h in [by_muni.entry(muni.to_string()).or_default(), by_skill.entry(sk.to_string()).or_default()] {
                    h.target += target;
                    h.min += min;
                }
            }
        }
    }

    // Contracts.
    let (mut full, mut cross, mut night) = (0, 0, 0);
    for s in &f.staff {
        let measure = s
            .full_time_hours
            .or_else(|| s.group.as_ref().and_then(|g| f.groups.get(g)).and_then(|g| g.full_time_hours))
            .or(f.defaults.full_time_hours)
            .unwrap_or(38.25);
        let contracted = s.degree * measure * f.horizon.weeks as f64;
        let mut absent = vec![false; days as usize];
        for a in s.absences.iter().filter(|a| a.kind.reduces_target()) {
            if let (Some(from), Some(to)) = (date(&a.from), date(&a.to)) {
                for d in (from - start).num_days().max(0)..=(to - start).num_days().min(days - 1) {
                    absent[d as usize] = true;
                }
            }
        }
        let share = 1.0 - absent.iter().filter(|&&x| x).count() as f64 / days.max(1) as f64;
        let is_full = s.degree >= 0.999;
        full += usize::from(is_full);
        night += usize::from(s.night_worker);
        cross += usize::from(s.sites.iter().any(|site| site_muni.get(site.as_str()).is_some_and(|m| *m != s.employer)));
        let skill = s.skills.first().cloned().unwrap_or_default();
        for h in [by_muni.entry(s.employer.clone()).or_default(), by_skill.entry(skill).or_default()] {
            h.staff += 1;
            h.full_time += usize::from(is_full);
            h.contracted += contracted;
            h.after_absence += contracted * share;
        }
    }

    let n = f.staff.len().max(1) as f64;
    let _ = writeln!(
        out,
        "{}: {} weeks from {}; municipalities {}, sites {}, shift types {}, demand lines {}",
        f.name,
        f.horizon.weeks,
        f.horizon.start,
        f.municipalities.len(),
        f.sites.len(),
        f.shifts.len(),
        f.demand.len()
    );
    let _ = writeln!(
        out,
        "staff: {} ({} full time = {:.1} %; {} may work in another municipality = {:.1} %; {} night workers)",
        f.staff.len(),
        full,
        100.0 * full as f64 / n,
        cross,
        100.0 * cross as f64 / n,
        night
    );
    let head = "                staff  contr h  after h  target h    min h   contr/target  after/target";
    let _ =
        writeln!(out, "\nhours over the period, by municipality (contracts by employer, demand where worked):\n{head}");
    let mut total = Hours::default();
    for m in &f.municipalities {
        if let Some(h) = by_muni.get(&m.id) {
            let _ = writeln!(out, "{}", h.row(&m.name));
            total.staff += h.staff;
            total.full_time += h.full_time;
            total.contracted += h.contracted;
            total.after_absence += h.after_absence;
            total.target += h.target;
            total.min += h.min;
        }
    }
    let _ = writeln!(out, "{}", total.row("total"));
    let _ = writeln!(out, "\nby skill (contracts by each person's first skill; usk may also cover vbt):\n{head}");
    for s in &f.skills {
        if let Some(h) = by_skill.get(&s.id) {
            let _ = writeln!(out, "{}", h.row(&s.id));
        }
    }
    out
}
