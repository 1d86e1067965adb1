//! Federal legal holidays (5 USC 6103), computed by rule for any year, and the next business day.
//!
//! The rules are today's statute. They do not model history (MLK Day from 1986, the Monday
//! holidays from 1971), nor one-off closures the President declares by executive order (such as
//! 24 December 2024): those only ever move a real deadline later, so leaving them out errs early.

use chrono::{Datelike, NaiveDate, Weekday};

pub use pristan_model::Holiday;

/// Which holidays close the office where a filing is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Calendar {
    /// The eleven nationwide holidays of 5 USC 6103(a), on the days they are observed.
    Federal,
    /// The nationwide holidays plus Inauguration Day (5 USC 6103(c)), which only federal offices
    /// in Washington DC and its neighbouring counties and cities observe. The BIA sits in Falls
    /// Church, Virginia, inside that area, so its filing deadlines use this calendar.
    WashingtonArea,
}

/// Why a day is not a business day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NonBusinessDay {
    Weekend,
    /// A legal holiday (its statutory name is `Holiday::statutory_name`).
    Holiday(Holiday),
}

/// The nationwide federal holiday observed on `date`, if any.
pub fn holiday_on(date: NaiveDate) -> Option<Holiday> {
    Calendar::Federal.holiday_on(date)
}

/// Whether `date` is the observed day of a nationwide federal legal holiday.
pub fn is_federal_holiday(date: NaiveDate) -> bool {
    Calendar::Federal.is_holiday(date)
}

/// The first day on or after `date` that is neither a weekend nor a nationwide federal holiday.
pub fn next_business_day_on_or_after(date: NaiveDate) -> NaiveDate {
    Calendar::Federal.next_business_day_on_or_after(date)
}

impl Calendar {
    /// The holiday observed on `date`, if any.
    ///
    /// Only the observed day counts: 4 July 2026 is a Saturday, so the holiday is Friday 3 July
    /// and `holiday_on` the Saturday is `None` (it is a weekend day anyway).
    pub fn holiday_on(self, date: NaiveDate) -> Option<Holiday> {
        // New Year's Day on a Saturday is observed on 31 December of the year before, so a date
        // can belong to next year's list.
        for year in [date.year(), date.year().saturating_add(1)] {
            for holiday in NATIONWIDE.iter().filter(|h| year >= h.first_year) {
                if holiday.when.observed(year) == Some(date) {
                    return Some(holiday.id);
                }
            }
        }
        if self == Calendar::WashingtonArea && inauguration_day(date.year()) == Some(date) {
            return Some(Holiday::InaugurationDay);
        }
        None
    }

    pub fn is_holiday(self, date: NaiveDate) -> bool {
        self.holiday_on(date).is_some()
    }

    /// Why `date` is not a business day, or `None` if it is one.
    pub fn non_business_day(self, date: NaiveDate) -> Option<NonBusinessDay> {
        if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            return Some(NonBusinessDay::Weekend);
        }
        self.holiday_on(date).map(NonBusinessDay::Holiday)
    }

    /// The first business day on or after `date`.
    pub fn next_business_day_on_or_after(self, date: NaiveDate) -> NaiveDate {
        let mut day = date;
        while self.non_business_day(day).is_some() {
            match day.succ_opt() {
                Some(next) => day = next,
                // Only at the last date chrono can represent; there is no later day to give.
                None => break,
            }
        }
        day
    }
}

/// How a holiday's date is fixed in a given year.
enum When {
    Fixed { month: u32, day: u32 },
    Nth { month: u32, weekday: Weekday, n: u8 },
    Last { month: u32, weekday: Weekday },
}

impl When {
    /// The day the holiday is observed. A fixed-date holiday on a Saturday is observed the Friday
    /// before and one on a Sunday the Monday after (5 USC 6103(b); Executive Order 11582).
    fn observed(&self, year: i32) -> Option<NaiveDate> {
        match *self {
            When::Fixed { month, day } => {
                let date = NaiveDate::from_ymd_opt(year, month, day)?;
                match date.weekday() {
                    Weekday::Sat => date.pred_opt(),
                    Weekday::Sun => date.succ_opt(),
                    _ => Some(date),
                }
            }
            When::Nth { month, weekday, n } => {
                NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
            }
            When::Last { month, weekday } => {
                NaiveDate::from_weekday_of_month_opt(year, month, weekday, 5)
                    .or_else(|| NaiveDate::from_weekday_of_month_opt(year, month, weekday, 4))
            }
        }
    }
}

struct HolidayRule {
    id: Holiday,
    when: When,
    first_year: i32,
}

/// 5 USC 6103(a), in the statute's order.
#[rustfmt::skip]
const NATIONWIDE: [HolidayRule; 11] = [
    holiday(Holiday::NewYearsDay, fixed(1, 1)),
    holiday(Holiday::MartinLutherKingDay, nth(1, Weekday::Mon, 3)),
    holiday(Holiday::WashingtonsBirthday, nth(2, Weekday::Mon, 3)),
    holiday(Holiday::MemorialDay, When::Last { month: 5, weekday: Weekday::Mon }),
    // Enacted 17 June 2021 and first observed on Friday 18 June 2021.
    HolidayRule { first_year: 2021, ..holiday(Holiday::Juneteenth, fixed(6, 19)) },
    holiday(Holiday::IndependenceDay, fixed(7, 4)),
    holiday(Holiday::LaborDay, nth(9, Weekday::Mon, 1)),
    holiday(Holiday::ColumbusDay, nth(10, Weekday::Mon, 2)),
    holiday(Holiday::VeteransDay, fixed(11, 11)),
    holiday(Holiday::ThanksgivingDay, nth(11, Weekday::Thu, 4)),
    holiday(Holiday::ChristmasDay, fixed(12, 25)),
];

const fn holiday(id: Holiday, when: When) -> HolidayRule {
    HolidayRule {
        id,
        when,
        first_year: i32::MIN,
    }
}

const fn fixed(month: u32, day: u32) -> When {
    When::Fixed { month, day }
}

const fn nth(month: u32, weekday: Weekday, n: u8) -> When {
    When::Nth { month, weekday, n }
}

/// Inauguration Day: 20 January of every fourth year after 1965 (1969, …, 2025, 2029), moved to
/// Monday the 21st when the 20th is a Sunday. There is no substitute when it falls on a Saturday,
/// because 6103(c) grants it for pay and leave only, outside the in-lieu rule of 6103(b).
fn inauguration_day(year: i32) -> Option<NaiveDate> {
    if year <= 1965 || (year - 1965) % 4 != 0 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year, 1, 20)?;
    match date.weekday() {
        Weekday::Sat => None,
        Weekday::Sun => date.succ_opt(),
        _ => Some(date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NY: &str = "New Year's Day";
    const MLK: &str = "Birthday of Martin Luther King, Jr.";
    const JUNETEENTH: &str = "Juneteenth National Independence Day";
    const JULY_4: &str = "Independence Day";
    const XMAS: &str = "Christmas Day";
    const INAUGURATION: &str = "Inauguration Day";

    /// (date, holiday on the nationwide calendar, holiday on the Washington-area calendar).
    /// Weekdays were checked with `date -d`.
    #[rustfmt::skip]
    const CASES: &[(&str, Option<&str>, Option<&str>)] = &[
        // Every observed holiday of 2026.
        ("2026-01-01", Some(NY), Some(NY)),
        ("2026-01-19", Some(MLK), Some(MLK)),
        ("2026-02-16", Some("Washington's Birthday"), Some("Washington's Birthday")),
        ("2026-05-25", Some("Memorial Day"), Some("Memorial Day")),
        ("2026-06-19", Some(JUNETEENTH), Some(JUNETEENTH)),
        // 4 July 2026 is a Saturday: observed Friday 3 July; the Saturday itself is a weekend.
        ("2026-07-03", Some(JULY_4), Some(JULY_4)),
        ("2026-07-04", None, None),
        ("2026-09-07", Some("Labor Day"), Some("Labor Day")),
        ("2026-10-12", Some("Columbus Day"), Some("Columbus Day")),
        ("2026-11-11", Some("Veterans Day"), Some("Veterans Day")),
        ("2026-11-26", Some("Thanksgiving Day"), Some("Thanksgiving Day")),
        ("2026-11-27", None, None),
        ("2026-12-24", None, None),
        ("2026-12-25", Some(XMAS), Some(XMAS)),
        // Memorial Day when May has five Mondays (31 May 2027 is the fifth).
        ("2027-05-31", Some("Memorial Day"), Some("Memorial Day")),
        ("2027-05-24", None, None),
        // 4 July 2027 is a Sunday: observed Monday 5 July.
        ("2027-07-05", Some(JULY_4), Some(JULY_4)),
        // 25 December 2027 is a Saturday: observed Friday 24 December.
        ("2027-12-24", Some(XMAS), Some(XMAS)),
        // 1 January 2028 is a Saturday: observed Friday 31 December 2027, in the year before.
        ("2027-12-31", Some(NY), Some(NY)),
        ("2021-12-31", Some(NY), Some(NY)),
        ("2022-01-01", None, None),
        // Juneteenth: not before 2021; 19 June 2021 was a Saturday, observed Friday 18 June.
        ("2020-06-19", None, None),
        ("2021-06-18", Some(JUNETEENTH), Some(JUNETEENTH)),
        // Inauguration Day, Washington area only. 2025: the same Monday as MLK Day.
        ("2025-01-20", Some(MLK), Some(MLK)),
        ("2033-01-20", None, Some(INAUGURATION)),
        ("2037-01-20", None, Some(INAUGURATION)),
        // 2029: a Saturday, with no substitute Friday; 2026 is not an inauguration year.
        ("2029-01-19", None, None),
        ("2026-01-20", None, None),
        // 20 January 2013 was a Sunday: the holiday moved to Monday 21 January (also MLK Day).
        ("2013-01-21", Some(MLK), Some(MLK)),
    ];

    fn check(date: &str, federal: Option<&str>, washington: Option<&str>) {
        let day = date.parse::<NaiveDate>().expect("test dates are valid");
        let name = |h: Option<Holiday>| h.map(Holiday::statutory_name);
        assert_eq!(name(holiday_on(day)), federal, "{date} nationwide");
        assert_eq!(
            is_federal_holiday(day),
            federal.is_some(),
            "{date} nationwide"
        );
        let got = name(Calendar::WashingtonArea.holiday_on(day));
        assert_eq!(got, washington, "{date} Washington area");
    }

    #[test]
    fn holidays_fall_on_their_observed_days() {
        for &(date, federal, washington) in CASES {
            check(date, federal, washington);
        }
    }

    #[test]
    fn each_year_has_eleven_holidays_on_weekdays() {
        // A year loses its New Year's Day to the December before when 1 January is a Saturday,
        // and gains the next one when the next 1 January is.
        let jan1_is_saturday =
            |year| NaiveDate::from_ymd_opt(year, 1, 1).map(|d| d.weekday()) == Some(Weekday::Sat);
        for year in 2021..=2060 {
            let observed: Vec<NaiveDate> = NaiveDate::from_ymd_opt(year, 1, 1)
                .into_iter()
                .flat_map(|jan1| jan1.iter_days().take_while(|d| d.year() == year))
                .filter(|d| is_federal_holiday(*d))
                .collect();
            let expected =
                11 - usize::from(jan1_is_saturday(year)) + usize::from(jan1_is_saturday(year + 1));
            assert_eq!(observed.len(), expected, "{year}: {observed:?}");
            let on_weekend = |d: &NaiveDate| matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
            assert!(!observed.iter().any(on_weekend), "{year}: {observed:?}");
        }
    }

    #[test]
    fn the_next_business_day_skips_weekends_and_holidays() {
        let day = |s: &str| s.parse::<NaiveDate>().expect("test dates are valid");
        let next = |s| next_business_day_on_or_after(day(s));
        // Christmas on a Friday, then the weekend.
        assert_eq!(next("2026-12-25"), day("2026-12-28"));
        // A business day is its own answer.
        assert_eq!(next("2026-12-28"), day("2026-12-28"));
        // Saturday, Sunday, then MLK Day and (Washington area only) Inauguration Day in 2037.
        assert_eq!(next("2037-01-17"), day("2037-01-20"));
        let washington = Calendar::WashingtonArea.next_business_day_on_or_after(day("2037-01-17"));
        assert_eq!(washington, day("2037-01-21"));
        // The last representable date does not loop forever.
        let _ = next_business_day_on_or_after(NaiveDate::MAX);
    }
}
