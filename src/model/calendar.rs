//! Day numbers: the timeline's x axis and the filter's date range count whole days since
//! 1970-01-01, so ordering, overlap tests and plotting are integer arithmetic.

use jiff::civil::Date;
use jiff::{Span, Unit};

use crate::extract::time::{Granularity, Interval};

/// Whole days since 1970-01-01 (negative before).
pub type DayNumber = i32;

const EPOCH: Date = Date::constant(1970, 1, 1);

/// The day number of `date`.
pub fn day_number(date: Date) -> DayNumber {
    date.since((Unit::Day, EPOCH)).map_or(0, |span| span.get_days())
}

/// The date of a day number, clamped to jiff's supported range.
pub fn date_from_day_number(day: DayNumber) -> Date {
    EPOCH.checked_add(Span::new().days(i64::from(day))).unwrap_or(if day < 0 { Date::MIN } else { Date::MAX })
}

/// Parses the `YYYY-MM-DD` the user types or passes with `--dct`.
pub fn parse_iso_date(text: &str) -> Option<Date> {
    text.trim().parse::<Date>().ok()
}

/// Parses what a user types to correct a date: `YYYY-MM-DD` (a day), `YYYY-MM` (a month)
/// or `YYYY` (a year).
pub fn parse_period(text: &str) -> Option<Interval> {
    let text = text.trim();
    if let Some(day) = parse_iso_date(text) {
        return Some(Interval { earliest: day, latest: day, granularity: Granularity::Day });
    }
    let mut parts = text.splitn(2, '-');
    let year: i16 = parts.next()?.parse().ok()?;
    match parts.next() {
        None if text.len() == 4 => Some(Interval {
            earliest: Date::new(year, 1, 1).ok()?,
            latest: Date::new(year, 12, 31).ok()?,
            granularity: Granularity::Year,
        }),
        Some(month) if month.len() == 2 => {
            let first = Date::new(year, month.parse().ok()?, 1).ok()?;
            Some(Interval { earliest: first, latest: first.last_of_month(), granularity: Granularity::Month })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        for (date, day) in [
            (Date::constant(1970, 1, 1), 0),
            (Date::constant(2000, 1, 21), 10_977),
            (Date::constant(1969, 12, 31), -1),
        ] {
            assert_eq!(day_number(date), day);
            assert_eq!(date_from_day_number(day), date);
        }
    }

    #[test]
    fn parses_iso_dates() {
        assert_eq!(parse_iso_date(" 2005-04-21 "), Some(Date::constant(2005, 4, 21)));
        assert_eq!(parse_iso_date("21/04/2005"), None);
    }

    #[test]
    fn parses_days_months_and_years_as_periods() {
        let period =
            |text| parse_period(text).map(|i| (i.earliest.to_string(), i.latest.to_string(), i.granularity));
        assert_eq!(period("2000-01-21"), Some(("2000-01-21".into(), "2000-01-21".into(), Granularity::Day)));
        assert_eq!(period("2000-02"), Some(("2000-02-01".into(), "2000-02-29".into(), Granularity::Month)));
        assert_eq!(period(" 2005 "), Some(("2005-01-01".into(), "2005-12-31".into(), Granularity::Year)));
        assert_eq!(period("2005-13"), None);
        assert_eq!(period("January"), None);
        assert_eq!(period("205"), None);
    }
}
