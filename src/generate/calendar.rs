//! Swedish public holidays and the day-by-day calendar of a generated horizon.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// A holiday: its date, its Swedish name, and whether it is a major holiday (storhelg) for OB.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Holiday {
    pub date: NaiveDate,
    pub name: &'static str,
    /// A public holiday (röd dag); the eves of Easter, Midsummer, Christmas and New Year are
    /// not, though they are major holidays.
    pub public: bool,
    /// Major holiday (Easter, Midsummer, Christmas, New Year) for the higher OB rate.
    pub major: bool,
}

/// Easter Sunday of a year (the anonymous Gregorian algorithm).
pub(crate) fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, month as u32, day as u32)
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    // Only called with valid calendar dates computed above or written below.
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

/// The first `weekday` on or after `from`.
fn next_weekday(from: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    from + Duration::days(ahead as i64)
}

/// Swedish holidays of one year, in date order.
pub(crate) fn swedish_holidays(year: i32) -> Vec<Holiday> {
    let easter = easter_sunday(year);
    let midsummer_day = next_weekday(date(year, 6, 20), Weekday::Sat);
    let all_saints = next_weekday(date(year, 10, 31), Weekday::Sat);
    let h = |date, name, public, major| Holiday { date, name, public, major };
    let mut all = vec![
        h(date(year, 1, 1), "Nyårsdagen", true, true),
        h(date(year, 1, 6), "Trettondedag jul", true, false),
        h(easter - Duration::days(2), "Långfredagen", true, true),
        h(easter - Duration::days(1), "Påskafton", false, true),
        h(easter, "Påskdagen", true, true),
        h(easter + Duration::days(1), "Annandag påsk", true, true),
        h(date(year, 5, 1), "Första maj", true, false),
        h(easter + Duration::days(39), "Kristi himmelsfärds dag", true, false),
        h(easter + Duration::days(49), "Pingstdagen", true, false),
        h(date(year, 6, 6), "Sveriges nationaldag", true, false),
        h(midsummer_day - Duration::days(1), "Midsommarafton", false, true),
        h(midsummer_day, "Midsommardagen", true, true),
        h(all_saints, "Alla helgons dag", true, false),
        h(date(year, 12, 24), "Julafton", false, true),
        h(date(year, 12, 25), "Juldagen", true, true),
        h(date(year, 12, 26), "Annandag jul", true, true),
        h(date(year, 12, 31), "Nyårsafton", false, true),
    ];
    all.sort_by_key(|x| x.date);
    all
}

/// The days of a generated schedule period and which of them are staffed like a weekend.
#[derive(Clone, Debug)]
pub(crate) struct Calendar {
    /// First day (a Monday).
    pub start: NaiveDate,
    /// Length in weeks.
    pub weeks: u16,
    /// Holidays inside the horizon.
    pub holidays: Vec<Holiday>,
}

impl Calendar {
    /// The calendar of `weeks` weeks from `start`.
    pub fn new(start: NaiveDate, weeks: u16) -> Self {
        let end = start + Duration::days(weeks as i64 * 7);
        let holidays = (start.year()..=end.year())
            .flat_map(swedish_holidays)
            .filter(|h| h.date >= start && h.date < end)
            .collect();
        Calendar { start, weeks, holidays }
    }

    /// Number of days.
    pub fn days(&self) -> usize {
        self.weeks as usize * 7
    }

    /// Date of a day index (negative for history).
    pub fn date(&self, day: i64) -> NaiveDate {
        self.start + Duration::days(day)
    }

    /// Whether a day is a Saturday or Sunday.
    pub fn is_weekend(&self, day: usize) -> bool {
        day % 7 >= 5
    }

    /// Whether a weekday (Monday–Friday) is a holiday, public or major, and so staffed like a weekend.
    pub fn is_weekday_holiday(&self, day: usize) -> bool {
        let d = self.date(day as i64);
        !self.is_weekend(day) && self.holidays.iter().any(|h| h.date == d)
    }

    /// Whether a day follows the weekend staffing pattern (weekends and weekday holidays).
    pub fn weekend_pattern(&self, day: usize) -> bool {
        self.is_weekend(day) || self.is_weekday_holiday(day)
    }

    /// The weekday holidays, which get their own demand lines.
    pub fn weekday_holidays(&self) -> Vec<NaiveDate> {
        (0..self.days()).filter(|&d| self.is_weekday_holiday(d)).map(|d| self.date(d as i64)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_dates_are_known() {
        assert_eq!(easter_sunday(2027), date(2027, 3, 28));
        assert_eq!(easter_sunday(2026), date(2026, 4, 5));
        assert_eq!(easter_sunday(2028), date(2028, 4, 16));
    }

    #[test]
    fn easter_2027_falls_in_the_mellerud_bengtsfors_horizon() {
        let cal = Calendar::new(date(2027, 3, 8), 6);
        let public: Vec<_> = cal.holidays.iter().filter(|h| h.public).map(|h| h.date.to_string()).collect();
        let major: Vec<_> = cal.holidays.iter().filter(|h| h.major).map(|h| h.date.to_string()).collect();
        assert_eq!(public, ["2027-03-26", "2027-03-28", "2027-03-29"]);
        assert_eq!(major, ["2027-03-26", "2027-03-27", "2027-03-28", "2027-03-29"]);
        assert_eq!(cal.weekday_holidays(), [date(2027, 3, 26), date(2027, 3, 29)]);
    }

    #[test]
    fn midsummer_and_all_saints_are_saturdays() {
        let hs = swedish_holidays(2027);
        let find = |n: &str| hs.iter().find(|h| h.name == n).map(|h| h.date);
        assert_eq!(find("Midsommardagen"), Some(date(2027, 6, 26)));
        assert_eq!(find("Alla helgons dag"), Some(date(2027, 11, 6)));
    }
}
