//! Day numbers: the timeline's x axis and the filter's date range count whole days since
//! 1970-01-01, so ordering, overlap tests and plotting are integer arithmetic.

use jiff::civil::Date;
use jiff::{Span, Unit};

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

/// "21 Jan 2000": the compact form used in lists and tooltips.
pub fn format_day(date: Date) -> String {
    date.strftime("%-d %b %Y").to_string()
}

/// Parses the `YYYY-MM-DD` the user types or passes with `--dct`.
pub fn parse_iso_date(text: &str) -> Option<Date> {
    text.trim().parse::<Date>().ok()
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
    fn formats_and_parses_dates() {
        assert_eq!(format_day(Date::constant(2000, 1, 2)), "2 Jan 2000");
        assert_eq!(parse_iso_date(" 2005-04-21 "), Some(Date::constant(2005, 4, 21)));
        assert_eq!(parse_iso_date("21/04/2005"), None);
    }
}
