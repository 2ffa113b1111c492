//! Turns a rule's `Spec` into a TIMEX3 value and a calendar interval, given the anchor date
//! the expression is relative to.

use jiff::Span;
use jiff::civil::Date;

use super::lexicon::Unit;
use super::rules::{Cue, Holiday, Relation, Spec, Tense, YearOf, YearPart, part_code, season_code};
use super::{Granularity, Interval, Modifier};

/// A date something is resolved against, and how precise that date is.
#[derive(Clone, Copy, Debug)]
pub(super) struct Point {
    /// First day of the anchoring period.
    pub date: Date,
    /// Precision of the anchoring period, kept by comparisons ("a year earlier").
    pub granularity: Granularity,
    /// Whether the point is a date the text mentioned before: a story told in the past
    /// tense moves forward from it, so tense does not say which way a yearless date lies.
    pub narrative: bool,
}

/// A resolved expression: TIMEX3 value, interval and other readings.
#[derive(Debug)]
pub(super) struct Resolution {
    /// TIMEX3 value.
    pub value: String,
    /// Calendar position, if any.
    pub interval: Option<Interval>,
    /// Other readings, nearest to the anchor first.
    pub alternatives: Vec<Interval>,
}

impl Resolution {
    fn unresolved(value: impl Into<String>) -> Self {
        Self { value: value.into(), interval: None, alternatives: Vec::new() }
    }

    fn at(date: Date, granularity: Granularity) -> Self {
        Self {
            value: format_value(date, granularity),
            interval: interval_of(date, granularity),
            alternatives: Vec::new(),
        }
    }

    /// The first of `readings` (best first), keeping the others as alternatives; `unresolved`
    /// when there is none.
    fn first_of(readings: &[Date], granularity: Granularity, unresolved: String) -> Self {
        let Some((first, rest)) = readings.split_first() else {
            return Self::unresolved(unresolved);
        };
        let mut resolution = Self::at(*first, granularity);
        resolution.alternatives = rest
            .iter()
            .filter(|date| *date != first)
            .filter_map(|date| interval_of(*date, granularity))
            .collect();
        resolution
    }
}

/// How far either side of the anchor to look for a year that fits a weekday and date.
const YEAR_SEARCH: i32 = 10;

/// Resolves `spec` against `anchor`; `tense` picks between past and coming occurrences of a
/// named day or month.
pub(super) fn resolve(spec: &Spec, anchor: Option<Point>, cue: Cue, tense: Tense) -> Resolution {
    match spec {
        Spec::Calendar { year, month, day, weekday } => {
            calendar(*year, *month, *day, *weekday, anchor, tense)
        }
        Spec::EitherOrder { year, month, day } => {
            let mut resolution = calendar(Some(*year), Some(*month), Some(*day), None, anchor, tense);
            resolution.alternatives = ymd(*year, *day, *month)
                .and_then(|swapped| interval_of(swapped, Granularity::Day))
                .into_iter()
                .collect();
            resolution
        }
        Spec::Decade(decade) => Resolution {
            value: decade.to_string(),
            interval: span_of_years(decade * 10, 10, Granularity::Decade),
            alternatives: Vec::new(),
        },
        Spec::Century(century) => Resolution {
            value: if *century < 0 { format!("BC{:02}", -century - 1) } else { format!("{century:02}") },
            // The fifth century BC (-5) runs from 500 BC (year -499) to 401 BC (year -400).
            interval: span_of_years(century * 100 + i32::from(*century < 0), 100, Granularity::Century),
            alternatives: Vec::new(),
        },
        Spec::PartOfYear { year, part } => part_of_year(*year, *part, anchor, tense),
        Spec::Shift { unit, amount } => {
            let from_reference = anchor.is_some_and(|point| point.granularity == Granularity::Day);
            let amount = match (unit, amount, cue, tense) {
                (Unit::Quarter, 0, Cue::Comparative, _) if from_reference => -1,
                (Unit::Weekend, 0, _, Tense::Past) if from_reference => {
                    let weekday = anchor.map_or(0, |point| point.date.weekday().to_monday_one_offset());
                    if weekday < 6 { -1 } else { 0 }
                }
                _ => *amount,
            };
            shift_resolution(*unit, amount, anchor, cue)
        }
        Spec::Weekday { weekday, relation } => weekday_resolution(*weekday, *relation, anchor, tense),
        Spec::MonthOf { month, day, relation } => {
            let unresolved = match day {
                Some(day) => format!("XXXX-{month:02}-{day:02}"),
                None => format!("XXXX-{month:02}"),
            };
            let Some(anchor) = anchor else {
                return Resolution::unresolved(unresolved);
            };
            let named = (*month, day.unwrap_or(1));
            let today = (anchor.date.month() as u8, if day.is_some() { anchor.date.day() as u8 } else { 1 });
            let year = i32::from(anchor.date.year())
                + match relation {
                    Relation::Last if named >= today => -1,
                    Relation::Next if named <= today => 1,
                    _ => 0,
                };
            let granularity = if day.is_some() { Granularity::Day } else { Granularity::Month };
            match ymd(year, *month, named.1) {
                Some(date) => Resolution::at(date, granularity),
                None => Resolution::unresolved(unresolved),
            }
        }
        Spec::YearRelative { offset, month, day } => {
            let unresolved = match day {
                Some(day) => format!("XXXX-{month:02}-{day:02}"),
                None => format!("XXXX-{month:02}"),
            };
            let Some(anchor) = anchor else {
                return Resolution::unresolved(unresolved);
            };
            let year = i32::from(anchor.date.year()) + offset;
            let granularity = if day.is_some() { Granularity::Day } else { Granularity::Month };
            match ymd(year, *month, day.unwrap_or(1)) {
                Some(date) => Resolution::at(date, granularity),
                None => Resolution::unresolved(unresolved),
            }
        }
        Spec::WeekOf { year, month, day } => {
            let Some(year) = year.or(anchor.map(|point| i32::from(point.date.year()))) else {
                return Resolution::unresolved("XXXX-WXX");
            };
            let date = match day {
                0 => ymd(year, *month, 1)
                    .and_then(|first| first.last_of_month().checked_sub(Span::new().days(3)).ok()),
                day => ymd(year, *month, *day),
            };
            match date {
                Some(date) => Resolution::at(date, Granularity::Week),
                None => Resolution::unresolved("XXXX-WXX"),
            }
        }
        Spec::Holiday { holiday, year, relation } => {
            holiday_resolution(*holiday, *year, *relation, anchor, tense)
        }
        Spec::YearPeriod { year, quarter } => year_period(*year, *quarter, anchor),
        Spec::Reference(value) => Resolution {
            value: (*value).to_string(),
            interval: anchor
                .filter(|_| *value == "PRESENT_REF")
                .and_then(|point| interval_of(point.date, Granularity::Day)),
            alternatives: Vec::new(),
        },
        Spec::Duration { amount, unit } => Resolution::unresolved(duration_value(*amount, *unit)),
        Spec::Set(value) => Resolution::unresolved(value.clone()),
        Spec::DayBefore(day) => {
            let day = resolve(day, anchor, cue, tense);
            let day_before = |interval: &Interval| {
                (interval.granularity == Granularity::Day)
                    .then(|| interval.earliest.yesterday().ok())
                    .flatten()
            };
            match day.interval.as_ref().and_then(day_before) {
                Some(date) => Resolution {
                    alternatives: (day.alternatives.iter().filter_map(day_before))
                        .filter_map(|date| interval_of(date, Granularity::Day))
                        .collect(),
                    ..Resolution::at(date, Granularity::Day)
                },
                None => day,
            }
        }
        Spec::Clock { day, hour, minute, part } => {
            let suffix = match (hour, part) {
                (Some(hour), _) => format!("T{hour:02}:{minute:02}"),
                (None, Some(part)) => part_code(*part).to_string(),
                (None, None) => String::new(),
            };
            let day = match day {
                Some(day) => resolve(day, anchor, cue, tense),
                None => match anchor {
                    Some(point) => Resolution::at(point.date, Granularity::Day),
                    None => Resolution::unresolved("XXXX-XX-XX"),
                },
            };
            Resolution {
                value: day.value + &suffix,
                interval: day
                    .interval
                    .map(|interval| Interval { granularity: Granularity::TimeOfDay, ..interval }),
                alternatives: day.alternatives,
            }
        }
    }
}

fn calendar(
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
    weekday: Option<u8>,
    anchor: Option<Point>,
    tense: Tense,
) -> Resolution {
    match (year, month, day) {
        (Some(year), Some(month), Some(day)) => match ymd(year, month, day) {
            Some(date) => Resolution::at(date, Granularity::Day),
            None => Resolution::unresolved(format!("{year:04}-{month:02}-{day:02}")),
        },
        (Some(year), Some(month), None) => match ymd(year, month, 1) {
            Some(date) => Resolution::at(date, Granularity::Month),
            None => Resolution::unresolved(format!("{year:04}-{month:02}")),
        },
        (Some(year), None, _) => match ymd(year, 1, 1) {
            Some(date) => Resolution::at(date, Granularity::Year),
            None => Resolution::unresolved(format!("{year:04}")),
        },
        (None, Some(month), day) => {
            let unresolved = match day {
                Some(day) => format!("XXXX-{month:02}-{day:02}"),
                None => format!("XXXX-{month:02}"),
            };
            let Some(anchor) = anchor else {
                return Resolution::unresolved(unresolved);
            };
            let granularity = if day.is_some() { Granularity::Day } else { Granularity::Month };
            let anchor_year = i32::from(anchor.date.year());
            let fits = |candidate: &Date| {
                weekday.is_none_or(|weekday| candidate.weekday().to_monday_one_offset() == weekday as i8)
            };
            let span = if weekday.is_some() { YEAR_SEARCH } else { 1 };
            let mut candidates: Vec<Date> = (anchor_year - span..=anchor_year + span)
                .filter_map(|year| ymd(year, month, day.unwrap_or(15)))
                .filter(fits)
                .collect();
            let slack = if day.is_none() { 31 } else { 0 };
            let tense = if weekday.is_some() || anchor.narrative { None } else { Some(tense) };
            // Against a year the text named ("in 1981 ... in March"), the day lies in that
            // year; against a day, tense decides.
            let same_year_first = anchor.granularity >= Granularity::Year;
            candidates.sort_by_key(|date| {
                let other_year = same_year_first && i32::from(date.year()) != anchor_year;
                (other_year, occurrence_order(days_between(anchor.date, *date), tense, slack))
            });
            Resolution::first_of(&candidates, granularity, unresolved)
        }
        // "on the 18th": this month's, last month's or next month's, as the tense says.
        (None, None, Some(day)) => {
            let Some(anchor) = anchor else {
                return Resolution::unresolved(format!("XXXX-XX-{day:02}"));
            };
            let tense = (!anchor.narrative).then_some(tense);
            let first_of_month = anchor.date.first_of_month();
            let mut candidates: Vec<Date> = [-1, 0, 1]
                .into_iter()
                .filter_map(|months| first_of_month.checked_add(Span::new().months(months)).ok())
                .filter_map(|month| ymd(i32::from(month.year()), month.month() as u8, day))
                .collect();
            // A month either way is far, so the tense decides outright.
            candidates.sort_by_key(|date| {
                let distance = days_between(anchor.date, *date);
                let against = match tense {
                    Some(Tense::Past) => distance > 0,
                    Some(Tense::Future) => distance < 0,
                    _ => false,
                };
                (against, distance.abs())
            });
            Resolution::first_of(&candidates, Granularity::Day, format!("XXXX-XX-{day:02}"))
        }
        (None, None, None) => Resolution::unresolved("XXXX"),
    }
}

/// "the 1988 quarter": the anchor's quarter (or month or season) in `year`; from the
/// reference date, the last quarter that has ended; a bare year for a "period" otherwise.
fn year_period(year: i32, quarter: bool, anchor: Option<Point>) -> Resolution {
    let part = anchor.and_then(|point| {
        let month = point.date.month() as u8;
        match point.granularity {
            Granularity::Quarter => Some(YearPart::Quarter((month - 1) / 3 + 1)),
            Granularity::Season if !quarter => Some(YearPart::Season(match month {
                3..=5 => 0,
                6..=8 => 1,
                9..=11 => 2,
                _ => 3,
            })),
            Granularity::Day if quarter => Some(YearPart::Quarter(((month - 1) / 3 + 3) % 4 + 1)),
            _ => None,
        }
    });
    match (part, anchor) {
        (Some(part), _) => part_of_year(YearOf::Explicit(year), part, anchor, Tense::Unknown),
        (None, Some(point)) if point.granularity == Granularity::Month && !quarter => {
            match ymd(year, point.date.month() as u8, 1) {
                Some(date) => Resolution::at(date, Granularity::Month),
                None => Resolution::unresolved(format!("{year:04}")),
            }
        }
        _ if quarter => Resolution::unresolved(format!("{year:04}-QX")),
        _ => match ymd(year, 1, 1) {
            Some(date) => Resolution::at(date, Granularity::Year),
            None => Resolution::unresolved(format!("{year:04}")),
        },
    }
}

/// Resolves a quarter, half or season. A yearless one ("the fourth quarter") is in the
/// anchor's year, unless the tense points the other way from the document date: "sales
/// rose in the fourth quarter", written in February, is last year's; "will rise in the
/// first quarter", written in November, next year's.
fn part_of_year(year: YearOf, part: YearPart, anchor: Option<Point>, tense: Tense) -> Resolution {
    let code = match part {
        YearPart::Quarter(quarter) => format!("Q{quarter}"),
        YearPart::Half(half) => format!("H{half}"),
        YearPart::Season(season) => season_code(season).to_string(),
    };
    let anchor_year = anchor.map(|point| i32::from(point.date.year()));
    let year = match year {
        YearOf::Explicit(year) => Some(year),
        YearOf::Offset(offset) => anchor_year.map(|year| year + offset),
        YearOf::Implicit => anchor.zip(anchor_year).map(|(point, year)| {
            let Some(interval) = part_interval(year, part).filter(|_| !point.narrative) else {
                return year;
            };
            // Results of a quarter just ended are still to come ("expects third-quarter
            // earnings" in October): only a part ended a season ago is next year's.
            let ended_a_season_ago =
                interval.latest.checked_add(Span::new().months(3)).is_ok_and(|end| end < point.date);
            match tense {
                Tense::Past if interval.earliest > point.date => year - 1,
                Tense::Future if ended_a_season_ago => year + 1,
                _ => year,
            }
        }),
        YearOf::Previous => anchor.zip(anchor_year).and_then(|(point, year)| {
            (year - 2..=year)
                .rev()
                .find(|year| part_interval(*year, part).is_some_and(|interval| interval.latest < point.date))
        }),
        YearOf::Following => anchor.zip(anchor_year).and_then(|(point, year)| {
            // After the whole anchor: "in 1951 ... the following spring" is 1952's.
            let anchor_end =
                interval_of(point.date, point.granularity).map_or(point.date, |period| period.latest);
            (year..=year + 2).find(|year| {
                part_interval(*year, part).is_some_and(|interval| interval.earliest > anchor_end)
            })
        }),
    };
    let Some(year) = year else {
        return Resolution::unresolved(format!("XXXX-{code}"));
    };
    Resolution {
        value: format!("{}-{code}", year_code(year)),
        interval: part_interval(year, part),
        alternatives: Vec::new(),
    }
}

/// The months `part` covers in `year` (winter runs into the next year).
fn part_interval(year: i32, part: YearPart) -> Option<Interval> {
    let (first_month, months, granularity) = match part {
        YearPart::Quarter(quarter) => (quarter * 3 - 2, 3, Granularity::Quarter),
        YearPart::Half(half) => (half * 6 - 5, 6, Granularity::Quarter),
        YearPart::Season(3) => (12, 3, Granularity::Season),
        YearPart::Season(season) => (season * 3 + 3, 3, Granularity::Season),
    };
    let earliest = ymd(year, first_month, 1)?;
    let latest = earliest.checked_add(Span::new().try_months(months).ok()?).ok()?.yesterday().ok()?;
    Some(Interval { earliest, latest, granularity })
}

fn shift_resolution(unit: Unit, amount: i32, anchor: Option<Point>, cue: Cue) -> Resolution {
    let granularity = unit_granularity(unit);
    let Some(anchor) = anchor else {
        return Resolution::unresolved(unresolved_value(unit));
    };
    // "a year earlier" after a quarter compares quarters; "two years later" in a story is a
    // year, whatever month the story was in.
    let keeps_anchor_precision = cue == Cue::Comparative
        && amount != 0
        && matches!(unit, Unit::Year | Unit::Quarter)
        && matches!(anchor.granularity, Granularity::Month | Granularity::Quarter | Granularity::Season);
    // "Three days later" or "that day" after "in 1998" cannot name a day: it stays in the
    // anchor's precision, counted from the middle of its period ("a week later" after
    // "March 1998" is March 1998; "six weeks later" April).
    let coarser_anchor = matches!(cue, Cue::Comparative | Cue::Narrative) && anchor.granularity > granularity;
    let from = match interval_of(anchor.date, anchor.granularity) {
        Some(period) if coarser_anchor => middle(period),
        _ => anchor.date,
    };
    let granularity = if keeps_anchor_precision || coarser_anchor { anchor.granularity } else { granularity };
    let Some(date) = shift(from, unit, amount) else {
        return Resolution::unresolved(unresolved_value(unit));
    };
    if unit == Unit::Weekend {
        let saturday =
            date.checked_add(Span::new().days(6 - i64::from(date.weekday().to_monday_one_offset()))).ok();
        let week = date.iso_week_date();
        return Resolution {
            value: format!("{:04}-W{:02}-WE", week.year(), week.week()),
            interval: saturday.and_then(|saturday| {
                Some(Interval {
                    earliest: saturday,
                    latest: saturday.tomorrow().ok()?,
                    granularity: Granularity::Day,
                })
            }),
            alternatives: Vec::new(),
        };
    }
    Resolution::at(date, granularity)
}

fn weekday_resolution(weekday: u8, relation: Relation, anchor: Option<Point>, tense: Tense) -> Resolution {
    let Some(anchor) = anchor else {
        return Resolution::unresolved(format!("XXXX-WXX-{weekday}"));
    };
    let today = i64::from(anchor.date.weekday().to_monday_one_offset());
    let wanted = i64::from(weekday);
    let back = (today - wanted).rem_euclid(7);
    let forward = (wanted - today).rem_euclid(7);
    let offsets: Vec<i64> = match relation {
        Relation::Nearest if tense == Tense::Future || tense == Tense::Unknown && forward * 3 < back => {
            vec![forward, -back]
        }
        Relation::Nearest => vec![-back, forward],
        Relation::Last => vec![if back == 0 { -7 } else { -back }],
        Relation::Next => vec![if forward == 0 { 7 } else { forward }],
        Relation::This => vec![wanted - today],
    };
    let dates: Vec<Date> =
        offsets.iter().filter_map(|offset| anchor.date.checked_add(Span::new().days(*offset)).ok()).collect();
    Resolution::first_of(&dates, Granularity::Day, format!("XXXX-WXX-{weekday}"))
}

/// Sort key for the occurrences of a yearless date `distance` days from the anchor: the
/// nearest first, with dates on the side the tense does not point to (beyond `slack` days)
/// counted eight times as far ("reported a loss in December", written in October, means
/// last December), and coming dates counted double when the tense is unknown.
fn occurrence_order(distance: i64, tense: Option<Tense>, slack: i64) -> i64 {
    const AGAINST_TENSE: i64 = 8;
    const UNKNOWN_FUTURE: i64 = 2;
    match tense {
        Some(Tense::Past) if distance > slack => distance * AGAINST_TENSE,
        Some(Tense::Future) if distance < -slack => -distance * AGAINST_TENSE,
        Some(Tense::Unknown) if distance > 0 => distance * UNKNOWN_FUTURE,
        _ => distance.abs(),
    }
}

fn holiday_resolution(
    holiday: Holiday,
    year: Option<i32>,
    relation: Relation,
    anchor: Option<Point>,
    tense: Tense,
) -> Resolution {
    if let Some(year) = year {
        return match holiday_date(holiday, year) {
            Some(date) => Resolution::at(date, Granularity::Day),
            None => Resolution::unresolved(format!("{year:04}")),
        };
    }
    let unresolved = || match holiday_date(holiday, 2001) {
        Some(date) if holiday_date(holiday, 2002).is_some_and(|next| next.day() == date.day()) => {
            format!("XXXX-{:02}-{:02}", date.month(), date.day())
        }
        Some(date) => format!("XXXX-{:02}", date.month()),
        None => "XXXX".to_string(),
    };
    let Some(anchor) = anchor else {
        return Resolution::unresolved(unresolved());
    };
    let anchor_year = i32::from(anchor.date.year());
    let mut candidates: Vec<(i64, Date)> = (anchor_year - 1..=anchor_year + 1)
        .filter_map(|year| holiday_date(holiday, year))
        .map(|date| (days_between(anchor.date, date), date))
        .filter(|(distance, date)| match relation {
            Relation::Last => *distance < 0,
            Relation::Next => *distance > 0,
            Relation::This => i32::from(date.year()) == anchor_year,
            Relation::Nearest => true,
        })
        .collect();
    let tense = (relation == Relation::Nearest).then_some(tense);
    candidates.sort_by_key(|(distance, _)| occurrence_order(*distance, tense, 0));
    let Some(((_, first), rest)) = candidates.split_first() else {
        return Resolution::unresolved(unresolved());
    };
    let mut resolution = Resolution::at(*first, Granularity::Day);
    if relation == Relation::Nearest {
        resolution.alternatives =
            rest.iter().filter_map(|(_, date)| interval_of(*date, Granularity::Day)).collect();
    }
    resolution
}

/// The date of `holiday` in `year` (United States customs for the movable ones).
fn holiday_date(holiday: Holiday, year: i32) -> Option<Date> {
    let nth_weekday = |month: u8, nth: i64, weekday: i64| {
        let first = ymd(year, month, 1)?;
        let offset = (weekday - i64::from(first.weekday().to_monday_one_offset())).rem_euclid(7);
        first.checked_add(Span::new().days(offset + 7 * (nth - 1))).ok()
    };
    match holiday {
        Holiday::NewYearsDay => ymd(year, 1, 1),
        Holiday::NewYearsEve => ymd(year, 12, 31),
        Holiday::ValentinesDay => ymd(year, 2, 14),
        Holiday::Easter => easter(year),
        Holiday::MemorialDay => {
            let last = ymd(year, 5, 31)?;
            let back = (i64::from(last.weekday().to_monday_one_offset()) - 1).rem_euclid(7);
            last.checked_sub(Span::new().days(back)).ok()
        }
        Holiday::IndependenceDay => ymd(year, 7, 4),
        Holiday::LaborDay => nth_weekday(9, 1, 1),
        Holiday::Halloween => ymd(year, 10, 31),
        Holiday::ElectionDay => nth_weekday(11, 1, 1)?.tomorrow().ok(),
        Holiday::VeteransDay => ymd(year, 11, 11),
        Holiday::Thanksgiving => nth_weekday(11, 4, 4),
        Holiday::ChristmasEve => ymd(year, 12, 24),
        Holiday::Christmas => ymd(year, 12, 25),
    }
}

/// Western Easter Sunday (the anonymous Gregorian computus).
fn easter(year: i32) -> Option<Date> {
    if year <= 0 {
        return None;
    }
    let golden = year % 19;
    let century = year / 100;
    let leap_days = year % 100;
    let epact = (19 * golden + century - century / 4 - (century - (century + 8) / 25 + 1) / 3 + 15) % 30;
    let weekday = (32 + 2 * (century % 4) + 2 * (leap_days / 4) - epact - leap_days % 4) % 7;
    let correction = (golden + 11 * epact + 22 * weekday) / 451;
    let month = (epact + weekday - 7 * correction + 114) / 31;
    let day = (epact + weekday - 7 * correction + 114) % 31 + 1;
    ymd(year, month as u8, day as u8)
}

/// Narrows an interval to the part a modifier names ("early 2005" is its first third).
pub(super) fn narrow(interval: Interval, modifier: Option<Modifier>) -> Interval {
    let length = days_between(interval.earliest, interval.latest);
    let third = Span::new().days(length / 3);
    let (earliest, latest) = match modifier {
        Some(Modifier::Start) => (interval.earliest, interval.earliest.checked_add(third).ok()),
        Some(Modifier::Mid) => (
            interval.earliest.checked_add(third).unwrap_or(interval.earliest),
            interval.latest.checked_sub(third).ok(),
        ),
        Some(Modifier::End) => {
            (interval.latest.checked_sub(third).unwrap_or(interval.earliest), Some(interval.latest))
        }
        _ => return interval,
    };
    match latest {
        Some(latest) if earliest <= latest => {
            Interval { earliest, latest, granularity: interval.granularity }
        }
        _ => interval,
    }
}

fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map(|span| i64::from(span.get_days())).unwrap_or(0)
}

fn ymd(year: i32, month: u8, day: u8) -> Option<Date> {
    let year = i16::try_from(year).ok()?;
    Date::new(year, month as i8, day as i8).ok()
}

fn span_of_years(first: i32, count: i32, granularity: Granularity) -> Option<Interval> {
    Some(Interval { earliest: ymd(first, 1, 1)?, latest: ymd(first + count - 1, 12, 31)?, granularity })
}

fn unit_granularity(unit: Unit) -> Granularity {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Granularity::TimeOfDay,
        Unit::Day => Granularity::Day,
        Unit::Week | Unit::Weekend => Granularity::Week,
        Unit::Month => Granularity::Month,
        Unit::Quarter => Granularity::Quarter,
        Unit::Year => Granularity::Year,
        Unit::Decade => Granularity::Decade,
        Unit::Century => Granularity::Century,
    }
}

fn unresolved_value(unit: Unit) -> &'static str {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => "XXXX-XX-XX",
        Unit::Week | Unit::Weekend => "XXXX-WXX",
        Unit::Month => "XXXX-XX",
        Unit::Quarter => "XXXX-QX",
        Unit::Year => "XXXX",
        Unit::Decade => "XXX",
        Unit::Century => "XX",
    }
}

/// The middle day of an interval.
fn middle(interval: Interval) -> Date {
    let days = interval.earliest.until(interval.latest).map_or(0, |span| span.get_days());
    interval.earliest.checked_add(Span::new().days(days / 2)).unwrap_or(interval.earliest)
}

fn shift(date: Date, unit: Unit, amount: i32) -> Option<Date> {
    let amount = i64::from(amount);
    let span = match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Span::new(),
        Unit::Day => Span::new().try_days(amount).ok()?,
        Unit::Week | Unit::Weekend => Span::new().try_weeks(amount).ok()?,
        Unit::Month => Span::new().try_months(amount).ok()?,
        Unit::Quarter => Span::new().try_months(amount * 3).ok()?,
        Unit::Year => Span::new().try_years(amount).ok()?,
        Unit::Decade => Span::new().try_years(amount * 10).ok()?,
        Unit::Century => Span::new().try_years(amount * 100).ok()?,
    };
    date.checked_add(span).ok()
}

/// The TIMEX3 value naming the period of `granularity` that contains `date`.
fn format_value(date: Date, granularity: Granularity) -> String {
    let (year, month) = (i32::from(date.year()), date.month());
    match granularity {
        Granularity::TimeOfDay | Granularity::Day => {
            format!("{}-{month:02}-{:02}", year_code(year), date.day())
        }
        Granularity::Week => {
            let week = date.iso_week_date();
            format!("{}-W{:02}", year_code(i32::from(week.year())), week.week())
        }
        Granularity::Month => format!("{}-{month:02}", year_code(year)),
        Granularity::Season => {
            let (year, season) = match month {
                1 | 2 => (year - 1, 3),
                12 => (year, 3),
                _ => (year, (month as u8 - 3) / 3),
            };
            format!("{}-{}", year_code(year), season_code(season))
        }
        Granularity::Quarter => format!("{}-Q{}", year_code(year), (month - 1) / 3 + 1),
        Granularity::Year => year_code(year),
        // The 650s BC are "BC065", the seventh century BC (700 to 601 BC) "BC06".
        Granularity::Decade if year <= 0 => format!("BC{:03}", (1 - year) / 10),
        Granularity::Century if year <= 0 => format!("BC{:02}", (-year) / 100),
        Granularity::Decade => format!("{}", year.div_euclid(10)),
        Granularity::Century => format!("{:02}", year.div_euclid(100)),
    }
}

/// A year as TIMEX3 writes it: "2005", "0420", and "BC0044" for 44 BC (the calendar's
/// year -43; its year 0 is 1 BC).
fn year_code(year: i32) -> String {
    if year > 0 { format!("{year:04}") } else { format!("BC{:04}", 1 - year) }
}

/// The whole period of `granularity` containing `date`.
fn interval_of(date: Date, granularity: Granularity) -> Option<Interval> {
    let (earliest, latest) = match granularity {
        Granularity::TimeOfDay | Granularity::Day => (date, date),
        Granularity::Week => {
            let monday = date
                .checked_sub(Span::new().days(i64::from(date.weekday().to_monday_one_offset()) - 1))
                .ok()?;
            (monday, monday.checked_add(Span::new().days(6)).ok()?)
        }
        Granularity::Month => (date.first_of_month(), date.last_of_month()),
        Granularity::Season | Granularity::Quarter => {
            let months: i8 = 3;
            let first_month = if granularity == Granularity::Season {
                if date.month() <= 2 { 12 } else { date.month() - (date.month() % 3) }
            } else {
                (date.month() - 1) / 3 * 3 + 1
            };
            let year = if granularity == Granularity::Season && date.month() <= 2 {
                i32::from(date.year()) - 1
            } else {
                i32::from(date.year())
            };
            let earliest = ymd(year, first_month as u8, 1)?;
            let latest = earliest.checked_add(Span::new().months(months)).ok()?.yesterday().ok()?;
            (earliest, latest)
        }
        Granularity::Year => (date.first_of_year(), date.last_of_year()),
        Granularity::Decade => {
            let first = i32::from(date.year()).div_euclid(10) * 10;
            return span_of_years(first, 10, granularity);
        }
        Granularity::Century => {
            let first = i32::from(date.year()).div_euclid(100) * 100;
            return span_of_years(first, 100, granularity);
        }
    };
    Some(Interval { earliest, latest, granularity })
}

/// The TIMEX3 value of a length of time (`P3Y`, `PTXH`); a vague count ("every few weeks")
/// spells a SET's period the same way.
pub(super) fn duration_value(amount: Option<f64>, unit: Unit) -> String {
    let (count, letter, time) = match unit {
        Unit::Second => (amount, "S", true),
        Unit::Minute => (amount, "M", true),
        Unit::Hour => (amount, "H", true),
        Unit::Day => (amount, "D", false),
        Unit::Weekend => (amount.map(|a| a * 2.0), "D", false),
        Unit::Week => (amount, "W", false),
        Unit::Month => (amount, "M", false),
        Unit::Quarter => (amount, "Q", false),
        Unit::Year => (amount, "Y", false),
        Unit::Decade => match amount {
            Some(a) => (Some(a * 10.0), "Y", false),
            None => (None, "E", false),
        },
        Unit::Century => match amount {
            Some(a) => (Some(a * 100.0), "Y", false),
            None => (None, "C", false),
        },
    };
    if let Some(count) = count
        && count.fract() != 0.0
        && let Some(split) = split_fraction(count, unit)
    {
        return split;
    }
    let count = match count {
        Some(count) if count.fract() == 0.0 => format!("{count}"),
        Some(count) => format!("{count:.1}"),
        None => "X".to_string(),
    };
    let designator = if time { "PT" } else { "P" };
    format!("{designator}{count}{letter}")
}

/// "1.5 hours" as `PT1H30M`: a fractional count spelled in the next smaller unit.
fn split_fraction(count: f64, unit: Unit) -> Option<String> {
    let whole = count.trunc();
    let (designator, whole_letter, factor, part_letter) = match unit {
        Unit::Hour => ("PT", "H", 60.0, "M"),
        Unit::Minute => ("PT", "M", 60.0, "S"),
        Unit::Year => ("P", "Y", 12.0, "M"),
        Unit::Day => ("P", "D", 24.0, "H"),
        _ => return None,
    };
    let part = ((count - whole) * factor).round();
    let whole_part = if whole > 0.0 { format!("{whole}{whole_letter}") } else { String::new() };
    let time_marker = if unit == Unit::Day { "T" } else { "" };
    Some(format!("{designator}{whole_part}{time_marker}{part}{part_letter}"))
}
