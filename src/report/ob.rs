//! Unsocial hours (OB, domain.md §6): which supplement band each worked minute of a pass falls
//! in, read on the real time line in local wall-clock time.
//!
//! Bands: weekday evening Mon–Thu 19–22; night 22–06; weekend Fri 19:00 → Mon 07:00; weekend
//! night; major holiday 18:00 the day before → 07:00 the day after; holiday night. A minute in
//! several bands is paid at the highest rate only. A pass's unpaid rast is taken to lie in its
//! middle, so only paid minutes earn OB.

use chrono::{DateTime, Datelike, Timelike, Weekday};
use chrono_tz::Tz;
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::model::{Day, Instance, Minute, ObRates, ShiftId};

/// An OB supplement band.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObBand {
    /// Mon–Thu 19:00–22:00.
    WeekdayEvening,
    /// 22:00–06:00.
    Night,
    /// Fri 19:00 → Mon 07:00.
    Weekend,
    /// Night inside the weekend band.
    WeekendNight,
    /// Major holiday: 18:00 the day before → 07:00 the day after.
    Holiday,
    /// Night inside a major holiday.
    HolidayNight,
}

impl ObBand {
    /// Every band, from the lowest default rate to the highest.
    pub const ALL: [ObBand; 6] = [
        ObBand::WeekdayEvening,
        ObBand::Night,
        ObBand::Weekend,
        ObBand::WeekendNight,
        ObBand::Holiday,
        ObBand::HolidayNight,
    ];

    /// The band's name in reports (`weekday_evening`, …, as in the instance's `costs.ob`).
    pub fn name(self) -> &'static str {
        match self {
            ObBand::WeekdayEvening => "weekday_evening",
            ObBand::Night => "night",
            ObBand::Weekend => "weekend",
            ObBand::WeekendNight => "weekend_night",
            ObBand::Holiday => "holiday",
            ObBand::HolidayNight => "holiday_night",
        }
    }

    /// The supplement in SEK per hour.
    pub fn rate(self, r: &ObRates) -> f64 {
        match self {
            ObBand::WeekdayEvening => r.weekday_evening,
            ObBand::Night => r.night,
            ObBand::Weekend => r.weekend,
            ObBand::WeekendNight => r.weekend_night,
            ObBand::Holiday => r.holiday,
            ObBand::HolidayNight => r.holiday_night,
        }
    }
}

/// Minutes per OB band (indexed in [`ObBand::ALL`] order); serialised as a map by band name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ObMinutes(pub [Minute; 6]);

impl ObMinutes {
    /// Minutes in one band.
    pub fn get(&self, band: ObBand) -> Minute {
        self.0[band as usize]
    }

    /// Adds another split to this one.
    pub fn add(&mut self, other: &ObMinutes) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a += b;
        }
    }

    /// Total minutes with any supplement.
    pub fn total(&self) -> Minute {
        self.0.iter().sum()
    }

    /// The supplement in SEK at the given rates.
    pub fn supplement(&self, rates: &ObRates) -> f64 {
        ObBand::ALL.iter().map(|&b| self.get(b) as f64 / 60.0 * b.rate(rates)).sum()
    }
}

impl Serialize for ObMinutes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(6))?;
        for b in ObBand::ALL {
            map.serialize_entry(b.name(), &self.get(b))?;
        }
        map.end()
    }
}

/// Unsocial time of one pass: minutes per OB band and minutes at night (22–06).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PassHours {
    /// Paid minutes per OB band.
    pub ob: ObMinutes,
    /// Paid minutes between 22:00 and 06:00 local time.
    pub night: Minute,
}

/// The unsocial time of a pass of `shift` starting on `day`.
pub fn pass_hours(inst: &Instance, day: Day, shift: ShiftId) -> PassHours {
    let (start, end) = (inst.times.start(day, shift), inst.times.end(day, shift));
    let rast = (inst.shifts[shift.idx()].rast_minutes as Minute).clamp(0, (end - start).max(0));
    let before = (end - start - rast) / 2;
    let mut out = PassHours::default();
    for (a, b) in [(start, start + before), (start + before + rast, end)] {
        let mut m = a;
        while m < b {
            let local = inst.horizon.datetime(m);
            // Band boundaries are on local full hours: nothing changes before the next one.
            let n = (60 - local.minute() as Minute).min(b - m);
            if is_night(&local) {
                out.night += n;
            }
            if let Some(band) = band_at(inst, &local) {
                out.ob.0[band as usize] += n;
            }
            m += n;
        }
    }
    out
}

fn is_night(local: &DateTime<Tz>) -> bool {
    local.hour() >= 22 || local.hour() < 6
}

/// The best-paid band a local time falls in, if any.
fn band_at(inst: &Instance, local: &DateTime<Tz>) -> Option<ObBand> {
    let date = local.date_naive();
    let day = inst.horizon.day_of(date);
    let hour = local.hour();
    let major = |d: Day| d >= 0 && inst.major_holidays.get(d as usize).copied().unwrap_or(false);
    let holiday = major(day) || (major(day + 1) && hour >= 18) || (major(day - 1) && hour < 7);
    let night = is_night(local);
    let weekend = match date.weekday() {
        Weekday::Fri => hour >= 19,
        Weekday::Sat | Weekday::Sun => true,
        Weekday::Mon => hour < 7,
        _ => false,
    };
    let evening =
        matches!(date.weekday(), Weekday::Mon | Weekday::Tue | Weekday::Wed | Weekday::Thu) && (19..22).contains(&hour);
    let applies = [evening, night, weekend, weekend && night, holiday, holiday && night];
    let rates = &inst.costs.ob;
    ObBand::ALL
        .into_iter()
        .filter(|&b| applies[b as usize])
        .max_by(|a, b| a.rate(rates).total_cmp(&b.rate(rates)).then(a.cmp(b)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::Kit;

    fn split(inst: &Instance, day: Day, shift: &str) -> PassHours {
        pass_hours(inst, day, inst.shift_by_id(shift).unwrap())
    }

    #[test]
    fn friday_night_is_weekend_and_weekend_night() {
        let inst = Kit::swedish().instance(14);
        // 2027-01-08 is a Friday. Natt 21:15–07:15 (paid meal): 21:15–22:00 weekend (45 min),
        // 22:00–06:00 weekend night (480), 06:00–07:15 Saturday morning weekend (75).
        let p = split(&inst, 4, "N");
        assert_eq!(p.ob.get(ObBand::Weekend), 120);
        assert_eq!(p.ob.get(ObBand::WeekendNight), 480);
        assert_eq!(p.ob.total(), 600);
        assert_eq!(p.night, 480);
        // 2 h × 63.90 + 8 h × 73.50 = 127.80 + 588.00
        assert!((p.ob.supplement(&inst.costs.ob) - 715.8).abs() < 1e-9);
    }

    #[test]
    fn thursday_night_is_evening_then_night_then_nothing() {
        let inst = Kit::swedish().instance(14);
        // Thursday 21:15–22:00 weekday evening; 22–06 night; Friday 06:00–07:15 no OB.
        let p = split(&inst, 3, "N");
        assert_eq!(p.ob.get(ObBand::WeekdayEvening), 45);
        assert_eq!(p.ob.get(ObBand::Night), 480);
        assert_eq!(p.ob.total(), 525);
    }

    #[test]
    fn rast_lies_in_the_middle_of_the_pass() {
        let inst = Kit::swedish().instance(14);
        // Monday Kväll 13:30–21:30, rast 17:15–17:45: 19:00–21:30 is weekday evening.
        let p = split(&inst, 0, "K");
        assert_eq!(p.ob.get(ObBand::WeekdayEvening), 150);
        assert_eq!(p.ob.total(), 150);
        // Saturday Dag 07:00–15:30 less 30 min rast: 480 weekend minutes, like its paid time.
        assert_eq!(split(&inst, 5, "D").ob.get(ObBand::Weekend), 480);
        // Friday Kväll: 19:00–21:30 is weekend (63.90 beats 24.80, and Friday is not Mon–Thu).
        assert_eq!(split(&inst, 4, "K").ob.get(ObBand::Weekend), 150);
    }

    #[test]
    fn major_holiday_runs_from_six_the_evening_before() {
        let mut inst = Kit::swedish().instance(14);
        // Wednesday 2027-01-06 made a major holiday: Tuesday 18:00 → Thursday 07:00.
        inst.major_holidays[2] = true;
        let tue_k = split(&inst, 1, "K"); // 13:30–21:30, rast 17:15–17:45
        assert_eq!(tue_k.ob.get(ObBand::Holiday), 210); // 18:00–21:30
        assert_eq!(tue_k.ob.get(ObBand::WeekdayEvening), 0);
        let wed_n = split(&inst, 2, "N"); // Wed 21:15 → Thu 07:15
                                          // Wed 21:15–22:00 and Thu 06:00–07:00 holiday; 22–06 holiday night; 07:00–07:15 nothing.
        assert_eq!(wed_n.ob.get(ObBand::Holiday), 105);
        assert_eq!(wed_n.ob.get(ObBand::HolidayNight), 480);
        assert_eq!(wed_n.ob.get(ObBand::Night), 0);
        assert_eq!(wed_n.ob.total(), 585);
    }

    #[test]
    fn spring_dst_night_has_one_hour_less_night_ob() {
        // 2027-03-28 is the spring change (Sunday). Saturday night 21:15–07:15 is 9 h real time.
        let inst = Kit::swedish_from("2027-03-22").instance(14);
        let p = split(&inst, 5, "N");
        assert_eq!(p.ob.total(), 540);
        assert_eq!(p.ob.get(ObBand::WeekendNight), 420);
        assert_eq!(p.ob.get(ObBand::Weekend), 120);
    }
}
