//! The schedule period on the calendar, and wall-clock times turned into real instants.
//!
//! Every duration heltid computes (rest, paid time, hours per week) is a difference of real
//! instants, so the spring DST night is an hour shorter and the autumn night an hour longer.
//! Instants are stored as [`Minute`]s: whole minutes since the local midnight that starts the
//! horizon, counted on the UTC time line.

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Weekday};
use chrono_tz::Tz;

/// Minutes since the start of the horizon (local midnight of its first day), on the real time line.
pub type Minute = i32;

/// A day index: 0 is the first day of the horizon; negative days are history before it.
pub type Day = i32;

/// The schedule period (schemaperiod): a first day (a Monday), a length in days, and a time zone.
#[derive(Clone, Debug)]
pub struct Horizon {
    start: NaiveDate,
    days: u16,
    tz: Tz,
    origin: DateTime<Tz>,
}

impl Horizon {
    /// A horizon of `days` days from `start` in time zone `tz`.
    ///
    /// The caller (validation) ensures `start` is a Monday; the calendar itself does not care.
    pub fn new(start: NaiveDate, days: u16, tz: Tz) -> Self {
        let origin = resolve_local(tz, start.and_time(NaiveTime::MIN));
        Horizon { start, days, tz, origin }
    }

    /// First calendar day.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// Number of days in the horizon.
    pub fn days(&self) -> usize {
        self.days as usize
    }

    /// Number of whole weeks (days / 7, rounded down).
    pub fn weeks(&self) -> usize {
        self.days as usize / 7
    }

    /// The time zone every clock time is read in.
    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// Calendar date of a day index (negative for history).
    pub fn date(&self, day: Day) -> NaiveDate {
        self.start + Duration::days(day as i64)
    }

    /// Day index of a calendar date (may be outside the horizon).
    pub fn day_of(&self, date: NaiveDate) -> Day {
        (date - self.start).num_days() as Day
    }

    /// Whether a day index is inside the horizon.
    pub fn contains(&self, day: Day) -> bool {
        day >= 0 && (day as usize) < self.days as usize
    }

    /// Weekday of a day index.
    pub fn weekday(&self, day: Day) -> Weekday {
        self.date(day).weekday()
    }

    /// The real instant of a local wall-clock time on a day.
    ///
    /// A time that the spring change skips (02:00–03:00) is moved forward by the gap; a time the
    /// autumn change repeats is read as its first occurrence.
    pub fn instant(&self, day: Day, time: NaiveTime) -> Minute {
        let at = resolve_local(self.tz, self.date(day).and_time(time));
        (at - self.origin).num_minutes() as Minute
    }

    /// The instant at which a day begins (local midnight).
    pub fn day_start(&self, day: Day) -> Minute {
        self.instant(day, NaiveTime::MIN)
    }

    /// The date-time, with the UTC offset then in force, of an instant.
    pub fn datetime(&self, at: Minute) -> DateTime<Tz> {
        self.origin + Duration::minutes(at as i64)
    }
}

/// Resolves a local date-time that DST may make ambiguous (first occurrence) or missing (moved on).
fn resolve_local(tz: Tz, local: NaiveDateTime) -> DateTime<Tz> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t,
        LocalResult::Ambiguous(first, _) => first,
        LocalResult::None => {
            // Inside a spring-forward gap: read the time with the offset in force before the gap,
            // which moves it forward by the gap's length (02:30 becomes 03:30).
            let mut probe = local;
            loop {
                probe -= Duration::minutes(1);
                if let LocalResult::Single(t) | LocalResult::Ambiguous(_, t) = tz.from_local_datetime(&probe) {
                    return t + (local - probe);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn spring_night_is_an_hour_shorter() {
        // 2027-03-28 is the last Sunday of March: clocks go 02:00 -> 03:00 in Stockholm.
        let h = Horizon::new(NaiveDate::from_ymd_opt(2027, 3, 22).unwrap(), 14, chrono_tz::Europe::Stockholm);
        let sat = h.day_of(NaiveDate::from_ymd_opt(2027, 3, 27).unwrap());
        let night = h.instant(sat + 1, t(7, 15)) - h.instant(sat, t(21, 15));
        assert_eq!(night, 9 * 60);
        let ordinary = h.instant(sat, t(7, 15)) - h.instant(sat - 1, t(21, 15));
        assert_eq!(ordinary, 10 * 60);
    }

    #[test]
    fn autumn_night_is_an_hour_longer() {
        // 2027-10-31: clocks go 03:00 -> 02:00.
        let h = Horizon::new(NaiveDate::from_ymd_opt(2027, 10, 25).unwrap(), 14, chrono_tz::Europe::Stockholm);
        let sat = h.day_of(NaiveDate::from_ymd_opt(2027, 10, 30).unwrap());
        assert_eq!(h.instant(sat + 1, t(7, 15)) - h.instant(sat, t(21, 15)), 11 * 60);
        // The repeated hour resolves to its first occurrence.
        assert_eq!(h.instant(sat + 1, t(2, 30)) - h.day_start(sat + 1), 150);
    }

    #[test]
    fn missing_local_time_moves_forward() {
        let h = Horizon::new(NaiveDate::from_ymd_opt(2027, 3, 22).unwrap(), 14, chrono_tz::Europe::Stockholm);
        let sun = h.day_of(NaiveDate::from_ymd_opt(2027, 3, 28).unwrap());
        // 02:30 does not exist; it is read as 03:30 CEST, which is 02:30 after midnight in real time.
        assert_eq!(h.instant(sun, t(2, 30)) - h.day_start(sun), 150);
        assert_eq!(h.instant(sun, t(3, 30)) - h.day_start(sun), 150);
    }

    #[test]
    fn datetime_carries_the_offset_in_force() {
        let h = Horizon::new(NaiveDate::from_ymd_opt(2027, 3, 22).unwrap(), 14, chrono_tz::Europe::Stockholm);
        let before = h.datetime(h.instant(0, t(7, 0)));
        assert_eq!(before.to_rfc3339(), "2027-03-22T07:00:00+01:00");
        let after = h.datetime(h.instant(7, t(7, 0)));
        assert_eq!(after.to_rfc3339(), "2027-03-29T07:00:00+02:00");
    }

    #[test]
    fn history_days_are_negative() {
        let h = Horizon::new(NaiveDate::from_ymd_opt(2027, 1, 4).unwrap(), 14, chrono_tz::Europe::Stockholm);
        assert_eq!(h.date(-1), NaiveDate::from_ymd_opt(2027, 1, 3).unwrap());
        assert!(!h.contains(-1) && h.contains(0) && h.contains(13) && !h.contains(14));
        assert_eq!(h.weekday(0), Weekday::Mon);
    }
}
