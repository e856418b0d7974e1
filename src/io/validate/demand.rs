//! Demand lines: headcount per shift type and skill, by weekday or on given dates.

use std::collections::BTreeMap;

use chrono::Weekday;

use super::catalog::Catalog;
use super::{weekday_name, Calendar, Problems};
use crate::io::dto::{DemandDto, InstanceFile};
use crate::model::*;

/// Default cost per person below the minimum (on top of `weight_under`).
pub(super) const WEIGHT_MIN: u32 = 1000;
/// Default cost per person below the target.
pub(super) const WEIGHT_UNDER: u32 = 100;
/// Default cost per regular person above the target.
pub(super) const WEIGHT_OVER: u32 = 20;

/// A checked demand line.
pub(super) struct DemandLine {
    pub shift: ShiftId,
    pub skill: SkillId,
    /// The days it applies to.
    pub days: Vec<Day>,
    /// Whether it names dates (and so overrides weekday lines on them).
    pub by_date: bool,
    pub cell: DemandCell,
}

/// Checks every line; a line with any problem gives `None`.
pub(super) fn lines(
    file: &InstanceFile,
    cal: Option<&Calendar>,
    cat: &Catalog,
    p: &mut Problems,
) -> Vec<Option<DemandLine>> {
    // (shift, skill, weekday or date) → the first line naming it.
    let mut seen: BTreeMap<(usize, usize, Result<u32, Day>), usize> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, d) in file.demand.iter().enumerate() {
        let before = p.errors.len();
        let line = line(d, i, cal, cat, &mut seen, p);
        out.push(line.filter(|_| p.errors.len() == before));
    }
    out
}

fn weekday(text: &str) -> Option<Weekday> {
    let t = text.trim().to_ascii_lowercase();
    let w = match t.get(..3)? {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    };
    // "mon" or the full English name.
    (t.len() == 3 || weekday_name(w).eq_ignore_ascii_case(&t)).then_some(w)
}

fn line(
    d: &DemandDto,
    i: usize,
    cal: Option<&Calendar>,
    cat: &Catalog,
    seen: &mut BTreeMap<(usize, usize, Result<u32, Day>), usize>,
    p: &mut Problems,
) -> Option<DemandLine> {
    let path = format!("demand[{i}]");
    let shift = cat.shift_ids.get(&d.shift, &format!("{path}.shift"), p);
    let skill = cat.skill_ids.get(&d.skill, &format!("{path}.skill"), p);
    let target = d.target.unwrap_or(d.min);
    if target < d.min {
        p.error(format!("{path}.target"), format!("the target ({target}) is below the minimum ({})", d.min));
    }
    if !d.weekdays.is_empty() && !d.dates.is_empty() {
        p.error(path.clone(), "give `weekdays` or `dates`, not both (a dates line overrides weekday lines)");
    }
    let mut weekdays = Vec::new();
    for (j, w) in d.weekdays.iter().enumerate() {
        match weekday(w) {
            Some(w) if weekdays.contains(&w) => {
                p.error(format!("{path}.weekdays[{j}]"), format!("{w} is listed twice"));
            }
            Some(w) => weekdays.push(w),
            None => p.error(format!("{path}.weekdays[{j}]"), format!("unknown weekday {w:?}: use mon, tue, … sun")),
        }
    }
    let mut dates = Vec::new();
    for (j, date) in d.dates.iter().enumerate() {
        if let Some(day) = p.day(date, &format!("{path}.dates[{j}]"), cal) {
            dates.push(day);
        }
    }
    let cal = cal?;
    let (shift, skill) = (shift?, skill?);
    let by_date = !d.dates.is_empty();
    let days: Vec<Day> = if by_date {
        dates
    } else {
        (0..cal.horizon.days() as Day)
            .filter(|&day| weekdays.is_empty() || weekdays.contains(&cal.horizon.weekday(day)))
            .collect()
    };
    // Two lines for the same task on the same weekday (or date) would contradict each other.
    let keys: Vec<Result<u32, Day>> = if by_date {
        days.iter().map(|&d| Err(d)).collect()
    } else if weekdays.is_empty() {
        (0..7).map(Ok).collect()
    } else {
        weekdays.iter().map(|w| Ok(w.num_days_from_monday())).collect()
    };
    for k in keys {
        if let Some(first) = seen.get(&(shift, skill, k)) {
            let when = match k {
                Ok(n) => weekday_name(cal.horizon.weekday(n as Day)).to_string(),
                Err(d) => cal.horizon.date(d).to_string(),
            };
            p.error(
                path.clone(),
                format!("demand for {:?} as {:?} on {when} is also given by demand[{first}]", d.shift, d.skill),
            );
            break;
        }
        seen.insert((shift, skill, k), i);
    }
    Some(DemandLine {
        shift: ShiftId(shift as u16),
        skill: SkillId(skill as u16),
        days,
        by_date,
        cell: DemandCell {
            min: d.min,
            target,
            weight_min: d.weight_min.unwrap_or(WEIGHT_MIN),
            weight_under: d.weight_under.unwrap_or(WEIGHT_UNDER),
            weight_over: d.weight_over.unwrap_or(WEIGHT_OVER),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_short_and_long() {
        assert_eq!(weekday("mon"), Some(Weekday::Mon));
        assert_eq!(weekday("Sunday"), Some(Weekday::Sun));
        assert_eq!(weekday("sunny"), None);
        assert_eq!(weekday("mo"), None);
    }
}
