//! Dates, times and sizes as the user's language writes them, and "today" on this computer.
//!
//! Formatting goes through the webview's `Intl` (`toLocale…String`), which knows each language's
//! month names and grammar ("21 November 2026", "21 ноября 2026 г.").

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use pristan_ipc::Language;
use pristan_model::ANumberError;
use wasm_bindgen::JsValue;

use crate::i18n::I18n;

/// The locale for dates: British English writes the day before the month, as the design asks.
fn date_locale(language: Language) -> &'static str {
    match language {
        Language::En => "en-GB",
        Language::Ru => "ru",
    }
}

/// The locale for clock times: US facilities and courts write "9:00 AM".
fn time_locale(language: Language) -> &'static str {
    match language {
        Language::En => "en-US",
        Language::Ru => "ru",
    }
}

fn options(pairs: &[(&str, &str)]) -> js_sys::Object {
    let options = js_sys::Object::new();
    for (name, value) in pairs {
        let _ = js_sys::Reflect::set(&options, &(*name).into(), &(*value).into());
    }
    options
}

/// Midnight UTC of `date` as a JS date, so that formatting it in UTC gives back the same day
/// whatever this computer's time zone is.
fn js_utc(date: NaiveDateTime) -> js_sys::Date {
    let millis = date.and_utc().timestamp_millis() as f64;
    js_sys::Date::new(&JsValue::from_f64(millis))
}

/// "21 November 2026" / "21 ноября 2026 г."
pub fn long_date(i18n: &I18n, date: NaiveDate) -> String {
    let date = js_utc(date.and_time(NaiveTime::MIN));
    let options = options(&[("dateStyle", "long"), ("timeZone", "UTC")]);
    String::from(date.to_locale_date_string(date_locale(i18n.language), &options))
}

/// The order in which this computer's date controls show a date's numbers, in the user's
/// letters: "MM/DD/YYYY" / "ММ/ДД/ГГГГ". Date controls follow the system's locale, not the page's
/// language, so the order is read from the default `Intl` format rather than assumed.
pub fn date_control_order(i18n: &I18n) -> String {
    let format = js_sys::Intl::DateTimeFormat::new(
        &js_sys::Array::new(),
        &options(&[
            ("year", "numeric"),
            ("month", "2-digit"),
            ("day", "2-digit"),
        ]),
    );
    let sample = js_utc(NaiveDate::default().and_time(NaiveTime::MIN));
    let parts = format.format_to_parts(&sample);
    let mut order = String::new();
    for part in parts.iter() {
        let get = |name: &str| {
            js_sys::Reflect::get(&part, &name.into())
                .ok()
                .and_then(|value| value.as_string())
                .unwrap_or_default()
        };
        match get("type").as_str() {
            "day" => order.push_str(&i18n.t("date-order-day")),
            "month" => order.push_str(&i18n.t("date-order-month")),
            "year" => order.push_str(&i18n.t("date-order-year")),
            _ => order.push_str(&get("value")),
        }
    }
    order
}

/// "Monday 21 November 2026" / "понедельник, 21 ноября 2026 г.", for due dates.
pub fn full_date(i18n: &I18n, date: NaiveDate) -> String {
    let date = js_utc(date.and_time(NaiveTime::MIN));
    let options = options(&[("dateStyle", "full"), ("timeZone", "UTC")]);
    String::from(date.to_locale_date_string(date_locale(i18n.language), &options))
}

/// A wall-clock time, "9:30 AM" / "9:30".
pub fn clock_time(i18n: &I18n, time: NaiveTime) -> String {
    let moment = js_utc(NaiveDate::default().and_time(time));
    let options = options(&[
        ("hour", "numeric"),
        ("minute", "2-digit"),
        ("timeZone", "UTC"),
    ]);
    String::from(moment.to_locale_time_string_with_options(time_locale(i18n.language), &options))
}

/// A moment in this computer's own time zone: "21 November 2026, 14:05".
pub fn moment(i18n: &I18n, when: DateTime<Utc>) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(when.timestamp_millis() as f64));
    let options = options(&[("dateStyle", "long"), ("timeStyle", "short")]);
    String::from(date.to_locale_string(date_locale(i18n.language), &options))
}

/// Now, by this computer's clock.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Today's date on this computer, as the shell counts deadlines.
pub fn today() -> NaiveDate {
    let date = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        date.get_full_year() as i32,
        date.get_month() + 1,
        date.get_date(),
    )
    .unwrap_or_default()
}

/// The zone's abbreviation on a day ("CST"), which only English readers know; other languages
/// name the zone in words beside the time instead.
fn abbreviation(i18n: &I18n, text: String) -> String {
    match i18n.language {
        Language::En => text,
        Language::Ru => String::new(),
    }
}

/// The time now in `zone`: "Tuesday, 2:05 PM CST" / "вторник, 14:05".
pub fn time_in_zone(i18n: &I18n, zone: Tz) -> String {
    let local = zone.from_utc_datetime(&now().naive_utc());
    let wall = local.naive_local();
    let weekday = js_utc(wall).to_locale_date_string(
        date_locale(i18n.language),
        &options(&[("weekday", "long"), ("timeZone", "UTC")]),
    );
    let time = clock_time(
        i18n,
        NaiveTime::from_hms_opt(wall.hour(), wall.minute(), 0).unwrap_or_default(),
    );
    let zone_letters = abbreviation(i18n, local.format("%Z").to_string());
    format!("{}, {time} {zone_letters}", String::from(weekday))
        .trim_end()
        .to_owned()
}

/// A hearing's time where the court sits, with (in English) that zone's abbreviation that day.
pub fn time_at(i18n: &I18n, date: NaiveDate, time: NaiveTime, zone: Tz) -> String {
    let zone_letters = zone
        .from_local_datetime(&date.and_time(time))
        .earliest()
        .map(|moment| abbreviation(i18n, moment.format("%Z").to_string()))
        .unwrap_or_default();
    format!("{} {zone_letters}", clock_time(i18n, time))
        .trim_end()
        .to_owned()
}

/// A size in megabytes with one decimal, written with the language's decimal mark.
pub fn megabytes(i18n: &I18n, bytes: f64) -> String {
    let text = format!("{:.1}", bytes / 1_048_576.0);
    match i18n.language {
        Language::En => text,
        Language::Ru => text.replace('.', ","),
    }
}

/// Days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// "today", "in 3 days", "overdue by 2 days".
pub fn due_in(i18n: &I18n, today: NaiveDate, due: NaiveDate) -> String {
    let days = days_between(today, due);
    if days >= 0 {
        i18n.t_args("in-days", &[("days", days.into())])
    } else {
        i18n.t_args("overdue-days", &[("days", (-days).into())])
    }
}

/// Why a typed A-number was refused, in the user's language.
pub fn a_number_error(i18n: &I18n, error: &ANumberError) -> String {
    match *error {
        ANumberError::Empty => i18n.t("a-number-empty"),
        ANumberError::WrongDigitCount { found } => {
            i18n.t_args("a-number-digit-count", &[("found", found.into())])
        }
        ANumberError::Letter { letter } => {
            i18n.t_args("a-number-letter", &[("letter", letter.to_string().into())])
        }
        ANumberError::OtherCharacter { character } => i18n.t_args(
            "a-number-character",
            &[("character", character.to_string().into())],
        ),
        ANumberError::AllZeros => i18n.t("a-number-zeros"),
    }
}

/// A date typed into an `<input type="date">`, whose value is always `YYYY-MM-DD` or empty.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// A time from an `<input type="time">` (`HH:MM`, sometimes with seconds).
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
        .ok()
}

/// The value an `<input type="date">` shows for `date`.
pub fn date_value(date: Option<NaiveDate>) -> String {
    date.map(|d| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
        .unwrap_or_default()
}
