//! Property tests: the tagger never panics and always returns well-formed, ordered,
//! non-overlapping spans with sane intervals, on arbitrary and on date-ish text.

use chronoscope::extract::time::{ReferenceSource, Timex, reference_date, tag};

use jiff::civil::Date;
use proptest::prelude::*;

/// Pieces of temporal English (and near misses) to build date-ish text from.
const FRAGMENTS: &[&str] = &[
    "21",
    "January",
    "Jan.",
    "2000",
    "1999-2000",
    "the",
    "1990s",
    "'90s",
    "early",
    "mid-",
    "April",
    "spring",
    "third",
    "quarter",
    "Friday",
    "yesterday",
    "last",
    "week",
    "this",
    "year",
    "two",
    "years",
    "ago",
    "later",
    "following",
    "month",
    "now",
    "recently",
    "in",
    "past",
    "3",
    "p.m.",
    "night",
    "morning",
    "noon",
    "a",
    "few",
    "hours",
    "decades",
    "10",
    "days",
    "every",
    "Monday",
    "annually",
    "each",
    "twice",
    "of",
    "21st",
    ",",
    ".",
    "/",
    "-",
    ":",
    "12/31/99",
    "2000-02-30",
    "31",
    "Feb.",
    "29",
    "é",
    "—",
    "日本",
    "\u{0}",
    "99999999999",
    "that",
    "day",
    "earlier",
    "ago,",
    "Mondays",
    "o'clock",
    "half",
    "an",
    "hour",
    "1 1/2",
    "the end of",
    "44",
    "BC",
    "B.C.",
    "AD",
    "(",
    ")",
    "Q3",
    "H1",
    "FY2020",
    "03/04/2019",
    "3.4.2019",
    "–",
    "\u{a0}",
    "\u{3000}",
    "Summer",
    "et al.",
    "next",
    "her",
    "80s",
    "Lucio Gutierrez",
    "Quito",
    "between",
    "and",
    "to",
    "through",
    "on",
    "by",
    "18th",
    "AM",
    "Published:",
    "shares",
    "President",
    "ECB",
    "2-5",
    "c.",
    "circa",
    "21-Jan-2000",
    "2000/01/21",
];

fn date_ish_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..16).prop_flat_map(|words| {
        let count = words.len();
        (
            Just(words),
            prop::collection::vec(prop::sample::select(&[" ", "", "  ", "\n", "\u{a0}"][..]), count),
        )
            .prop_map(|(words, gaps)| {
                words.iter().zip(gaps).map(|(word, gap)| format!("{word}{gap}")).collect()
            })
    })
}

fn reference() -> impl Strategy<Value = Option<Date>> {
    prop::option::of((1..=9999i16, 1..=12i8, 1..=28i8).prop_map(|(year, month, day)| {
        Date::new(year, month, day).expect("day 1..=28 exists in every month")
    }))
}

fn assert_well_formed(text: &str, found: &[Timex]) {
    let mut previous_end = 0;
    for timex in found {
        assert!(timex.start < timex.end, "empty span {timex:?}");
        assert!(timex.end <= text.len(), "span past the end {timex:?}");
        assert!(text.is_char_boundary(timex.start) && text.is_char_boundary(timex.end));
        assert!(previous_end <= timex.start, "overlapping or unsorted at {timex:?}");
        previous_end = timex.end;
        for interval in timex.interval.iter().chain(&timex.alternatives) {
            assert!(interval.earliest <= interval.latest, "reversed interval {timex:?}");
        }
        assert!(!timex.value.is_empty());
    }
}

proptest! {
    #[test]
    fn arbitrary_text_is_tagged_safely(text in any::<String>(), reference in reference()) {
        let found = tag(&text, reference);
        assert_well_formed(&text, &found);
        let _ = reference_date(&text, None);
    }

    #[test]
    fn date_ish_text_is_tagged_safely(text in date_ish_text(), reference in reference()) {
        let found = tag(&text, reference);
        assert_well_formed(&text, &found);
        let picked = reference_date(&text, None);
        prop_assert_eq!(picked.date.is_some(), picked.source != ReferenceSource::None);
    }

    #[test]
    fn whole_extraction_never_panics(text in date_ish_text(), reference in reference()) {
        let extraction = chronoscope::extract::extract_document(&text, reference);
        assert_well_formed(&text, &extraction.timexes);
        for range in &extraction.sentences {
            prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        }
        for event in &extraction.events {
            prop_assert!(event.until.is_none_or(|until| until > event.timex), "a period ends after it starts");
            if let Some(interval) = event.interval(&extraction.timexes) {
                prop_assert!(interval.earliest <= interval.latest);
            }
        }
    }
}

#[test]
fn long_text_is_tagged_like_its_paragraphs() {
    let paragraph = "Le café — QUITO, Jan. 21, 2000 (AP) -- Two years later, 日本 said on Friday that \
                     profits rose in the third quarter, every Monday at 3 p.m.";
    let expected = tag(paragraph, Date::new(2000, 1, 22).ok()).len();
    for separator in ["\n\n", "\n", " ", "é"] {
        let text = [paragraph; 3000].join(separator);
        let found = tag(&text, Date::new(2000, 1, 22).ok());
        assert_well_formed(&text, &found);
        assert_eq!(found.len(), expected * 3000, "separator {separator:?}");
    }
}

#[test]
fn extreme_reference_dates_are_handled() {
    let text = "Yesterday, next year, last week, two centuries ago, the following decade, Friday 21st of \
                January, next spring, the third quarter, Easter, last Thanksgiving, the weekend, this \
                century, 3 p.m. Friday, every Monday, the first week of March, December.";
    for reference in
        [Date::MIN, Date::MAX, Date::new(0, 1, 1).expect("valid"), Date::new(-1, 12, 31).expect("valid")]
    {
        let found = tag(text, Some(reference));
        assert_well_formed(text, &found);
        assert!(found.len() >= 15, "{reference}: {found:?}");
    }
}
