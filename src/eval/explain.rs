//! Terms in words: who, when, which rule, and the numbers.

use crate::model::{Cell, Day, Instance, Minute, ShiftId, WishKind};
use crate::rules::{Detail, Term};

/// "9 h 30 min", "11 h", "45 min".
pub fn duration(minutes: Minute) -> String {
    let (sign, m) = if minutes < 0 { ("-", -minutes) } else { ("", minutes) };
    match (m / 60, m % 60) {
        (0, r) => format!("{sign}{r} min"),
        (h, 0) => format!("{sign}{h} h"),
        (h, r) => format!("{sign}{h} h {r} min"),
    }
}

fn date(inst: &Instance, day: Day) -> String {
    inst.date(day).format("%Y-%m-%d").to_string()
}

fn shift_name(inst: &Instance, s: ShiftId) -> &str {
    &inst.shifts[s.idx()].name
}

fn cell_text(inst: &Instance, cell: Cell) -> String {
    match cell.task() {
        None => "a day off".to_string(),
        Some(t) => {
            let task = inst.tasks[t.idx()];
            let kind = if cell.is_resource() { "resource shift " } else { "" };
            format!("{kind}{} ({})", shift_name(inst, task.shift), inst.skills[task.skill.idx()].id)
        }
    }
}

fn clock(inst: &Instance, at: Minute) -> String {
    inst.horizon.datetime(at).format("%H:%M").to_string()
}

/// A sentence explaining one term, e.g. "only 9 h 30 min rest between Kväll on 2027-01-05 (ends
/// 21:30) and Dag on 2027-01-06 (starts 07:00); 11 h required".
pub fn describe(inst: &Instance, term: &Term) -> String {
    let times = &inst.times;
    match term.detail {
        Detail::Rest { from_day, from, to_day, to, gap, required } => format!(
            "only {} rest between {} on {} (ends {}) and {} on {} (starts {}); {} required",
            duration(gap),
            shift_name(inst, from),
            date(inst, from_day),
            clock(inst, times.end(from_day, from)),
            shift_name(inst, to),
            date(inst, to_day),
            clock(inst, times.start(to_day, to)),
            duration(required)
        ),
        Detail::WeekRest { week, longest, required } => format!(
            "week {} ({} to {}): longest rest is {}; {} required",
            week + 1,
            date(inst, 7 * week as Day),
            date(inst, 7 * week as Day + 6),
            duration(longest),
            duration(required)
        ),
        Detail::Minutes { actual, limit, .. } if term.rule == crate::rules::RuleId::NightShare => format!(
            "night share: {} of the period's paid time is at night (22–06); a night worker needs {}",
            duration(actual),
            duration(limit)
        ),
        Detail::Minutes { day, days, actual, limit } => {
            let period = match days {
                1 => format!("the 24 hours from {}", date(inst, day)),
                7 => format!("week {} ({} to {})", day / 7 + 1, date(inst, day), date(inst, day + 6)),
                _ => "the schedule period".to_string(),
            };
            let what = term.rule.name().replace('_', " ");
            format!("{what}: {period} holds {}; limit or target {}", duration(actual), duration(limit))
        }
        Detail::Run { first, len, limit } => {
            let kind =
                if term.rule == crate::rules::RuleId::MinConsecutiveDaysOff { "days off" } else { "working days" };
            let bound = if term.rule == crate::rules::RuleId::MaxConsecutiveDays { "at most" } else { "at least" };
            format!(
                "{len} {kind} in a row from {} to {}; {bound} {limit} allowed",
                date(inst, first),
                date(inst, first + len as Day - 1)
            )
        }
        Detail::Succession { day, from, to } => format!(
            "{} on {} may not follow {} on {}",
            shift_name(inst, to),
            date(inst, day),
            shift_name(inst, from),
            date(inst, day - 1)
        ),
        Detail::Weekends { first, worked, limit, window } => {
            if first == 0 && window as usize >= inst.weekends() {
                format!("{worked} weekends worked; at most {limit} allowed")
            } else {
                let history = if first < 0 { " (history included)" } else { "" };
                format!(
                    "{worked} of {window} weekends worked from {}{history}; at most {limit} allowed",
                    date(inst, 7 * first + 5)
                )
            }
        }
        Detail::PartWeekend { weekend } => {
            format!("weekend {} worked on one day only", date(inst, 7 * weekend as Day + 5))
        }
        Detail::ShiftCount { shift, count, limit } => {
            format!("{count} × {}; at most {limit} allowed", shift_name(inst, shift))
        }
        Detail::Cell { day, cell } => {
            let what = match term.rule {
                crate::rules::RuleId::Unavailable => "works during an absence, or runs past 00:00 into one".to_string(),
                crate::rules::RuleId::Locked => "a locked cell was changed".to_string(),
                crate::rules::RuleId::Eligibility => "lacks the skill or the site".to_string(),
                crate::rules::RuleId::SplitShift => "a split shift (over 1 h unpaid break)".to_string(),
                crate::rules::RuleId::Travel => format!("travels {} min from the home site", term.units),
                _ => term.rule.name().replace('_', " "),
            };
            format!("{} on {}: {what}", cell_text(inst, cell), date(inst, day))
        }
        Detail::Wish { wish, cell } => {
            let wanted = match wish.kind {
                WishKind::WantShift(s) => format!("wished {}", shift_name(inst, s)),
                WishKind::AvoidShift(s) => format!("wished not to work {}", shift_name(inst, s)),
                WishKind::WantOff => "wished the day off".to_string(),
            };
            format!("{wanted} on {} but has {}", date(inst, wish.day), cell_text(inst, cell))
        }
        Detail::Cover { day, task, count, demand } => {
            let t = inst.tasks[task.idx()];
            format!(
                "{} ({}) on {}: {count} regular, minimum {}, target {}",
                shift_name(inst, t.shift),
                inst.skills[t.skill.idx()].id,
                date(inst, day),
                demand.min,
                demand.target
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::duration;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(570), "9 h 30 min");
        assert_eq!(duration(660), "11 h");
        assert_eq!(duration(45), "45 min");
        assert_eq!(duration(-90), "-1 h 30 min");
    }
}
