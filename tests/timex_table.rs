//! Data-driven cases for the temporal tagger: every row of `data/timex_cases.tsv` must come
//! out exactly (spans, types and values), and every failing row is printed before failing.

use chronoscope::extract::time::{
    Anchor, Granularity, Modifier, ReferenceSource, TimexType, reference_date, tag, tag_document,
};

use jiff::civil::Date;

const CASES: &str = include_str!("data/timex_cases.tsv");

/// One expected or found timex, as the table spells it.
#[derive(Debug, PartialEq)]
struct Found {
    text: String,
    start: usize,
    kind: String,
    value: String,
}

/// Splits a bracketed text into the plain text and the bracketed spans (byte offsets).
fn unmark(marked: &str) -> (String, Vec<(usize, usize)>) {
    let mut plain = String::with_capacity(marked.len());
    let mut spans = Vec::new();
    let mut open = None;
    for character in marked.chars() {
        match character {
            '[' => open = Some(plain.len()),
            ']' => {
                if let Some(start) = open.take() {
                    spans.push((start, plain.len()));
                }
            }
            _ => plain.push(character),
        }
    }
    (plain, spans)
}

fn split_list(column: &str) -> Vec<&str> {
    if column.is_empty() { Vec::new() } else { column.split('|').collect() }
}

fn check_row(line: &str) -> Result<(), String> {
    let columns: Vec<&str> = line.split('\t').collect();
    let [reference, marked, kinds, values] = columns[..] else {
        return Err(format!("malformed row: {line}"));
    };
    let reference = match reference {
        "-" => None,
        date => Some(date.parse::<Date>().map_err(|error| format!("bad reference date {date}: {error}"))?),
    };
    let (plain, spans) = unmark(marked);
    let (kinds, values) = (split_list(kinds), split_list(values));
    if kinds.len() != spans.len() || values.len() != spans.len() {
        return Err(format!(
            "row lists {} spans but {} types and {} values",
            spans.len(),
            kinds.len(),
            values.len()
        ));
    }
    let expected: Vec<Found> = spans
        .iter()
        .zip(kinds.iter().zip(&values))
        .map(|(&(start, end), (kind, value))| Found {
            text: plain[start..end].to_string(),
            start,
            kind: (*kind).to_string(),
            value: (*value).to_string(),
        })
        .collect();
    let found: Vec<Found> = tag(&plain, reference)
        .iter()
        .map(|timex| Found {
            text: plain[timex.start..timex.end].to_string(),
            start: timex.start,
            kind: timex.kind.as_str().to_string(),
            value: timex.value.clone(),
        })
        .collect();
    if found == expected { Ok(()) } else { Err(format!("expected {expected:?}\n    found {found:?}")) }
}

#[test]
fn every_table_row_is_tagged_exactly() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (index, line) in CASES.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        checked += 1;
        if let Err(problem) = check_row(line) {
            failures.push(format!("line {}: {line}\n    {problem}", index + 1));
        }
    }
    for failure in &failures {
        eprintln!("{failure}");
    }
    assert!(checked >= 300, "the table should hold at least 300 cases, has {checked}");
    assert!(failures.is_empty(), "{} of {checked} table rows failed", failures.len());
}

#[test]
fn reference_date_prefers_given_then_dateline_then_latest_full_date() {
    let date = |text: &str| text.parse::<Date>().ok();
    let cases: [(&str, Option<Date>, Option<Date>, ReferenceSource); 10] = [
        (
            "QUITO, Jan 22, 2000 (AP) -- Protesters marched.",
            None,
            date("2000-01-22"),
            ReferenceSource::Document,
        ),
        (
            "WASHINGTON (Reuters) - The Senate voted on March 3, 1999, to end the debate.",
            None,
            date("1999-03-03"),
            ReferenceSource::Document,
        ),
        (
            "Date: 2001-05-06\nSubject: budget\n\nThe budget passed.",
            None,
            date("2001-05-06"),
            ReferenceSource::Document,
        ),
        (
            "Published 12 May 2003\n\nThe report came out.",
            None,
            date("2003-05-12"),
            ReferenceSource::Document,
        ),
        (
            "The treaty was signed on May 1, 1998. It took effect on June 3, 1999, and lapsed in 2004.",
            None,
            date("1999-06-03"),
            ReferenceSource::Inferred,
        ),
        // A header date that reads both ways is read month first, as the tagger reads it,
        // unless the document's other dates write the day first; either way it is a guess.
        (
            "Date: 03/04/2019\nFrom: Anna\n\nWe met yesterday.",
            None,
            date("2019-03-04"),
            ReferenceSource::DocumentAmbiguous,
        ),
        (
            "Sent: 03/04/2019\n\nThe invoice of 21/04/2019 is due.",
            None,
            date("2019-04-03"),
            ReferenceSource::DocumentAmbiguous,
        ),
        ("Nothing here says when. It happened on Friday.", None, None, ReferenceSource::None),
        (
            "QUITO, Jan 22, 2000 (AP) -- Protesters marched.",
            date("2005-04-21"),
            date("2005-04-21"),
            ReferenceSource::Given,
        ),
        ("", None, None, ReferenceSource::None),
    ];
    for (text, given, expected, source) in cases {
        let found = reference_date(text, given);
        assert_eq!((found.date, found.source), (expected, source), "reference date of {text:?}");
    }
}

#[test]
fn time_passed_since_places_what_it_counts_from() {
    let day = |text: &str| text.parse::<Date>().expect("test dates are valid");
    let text = "Almost one year has passed since Lucio Gutierrez was ousted from power.";
    let found = tag(text, Some(day("2006-03-20")));
    let timex = &found[0];
    assert_eq!((timex.kind, timex.value.as_str(), timex.rule), (TimexType::Duration, "P1Y", "time_since"));
    assert_eq!(timex.anchor, Anchor::ReferenceDate);
    let interval = timex.interval.expect("placed a year before the reference date");
    assert_eq!((interval.earliest, interval.latest), (day("2005-01-01"), day("2005-12-31")));

    let found = tag("It has been two weeks since the vote.", Some(day("2006-03-20")));
    assert_eq!(found[0].interval.map(|interval| interval.earliest), Some(day("2006-03-06")));

    let found = tag("The war lasted three years.", Some(day("2006-03-20")));
    assert_eq!(found[0].interval, None, "a plain duration has no place");
    let found = tag(text, None);
    assert_eq!(found[0].interval, None, "nothing to count back from");
}

#[test]
fn uncertain_dates_keep_their_alternatives_and_provenance() {
    let day = |text: &str| text.parse::<Date>().expect("test dates are valid");

    let found = tag("Friday 21st of January was cold.", Some(day("2003-06-01")));
    let timex = &found[0];
    assert_eq!(timex.value, "2005-01-21");
    assert_eq!(timex.interval.map(|interval| interval.earliest), Some(day("2005-01-21")));
    let alternatives: Vec<Date> = timex.alternatives.iter().map(|interval| interval.earliest).collect();
    assert_eq!(alternatives.first(), Some(&day("2000-01-21")), "nearest other fitting year first");
    assert!(alternatives.contains(&day("2011-01-21")) && alternatives.contains(&day("1994-01-21")));
    assert_eq!(timex.anchor, Anchor::ReferenceDate);

    let found = tag("On 21 January it snowed.", Some(day("2003-06-01")));
    assert_eq!(found[0].interval.map(|interval| interval.earliest), Some(day("2003-01-21")));
    assert!(!found[0].alternatives.is_empty(), "a yearless date is a guess");

    let found = tag("The law took effect in 1995. Two years later it was repealed.", Some(day("2000-01-21")));
    assert_eq!(found[0].anchor, Anchor::Absolute);
    assert_eq!(found[1].anchor, Anchor::PreviousTimex(0));
    let interval = found[1].interval.expect("resolved against 1995");
    assert_eq!((interval.earliest, interval.latest), (day("1997-01-01"), day("1997-12-31")));
    assert_eq!(interval.granularity, Granularity::Year);

    let found = tag("He arrived yesterday.", None);
    assert_eq!((found[0].anchor, found[0].interval), (Anchor::Unresolved, None));

    let found = tag("Growth slowed in early 2005.", None);
    assert_eq!(found[0].modifier, Some(Modifier::Start));
    let interval = found[0].interval.expect("absolute");
    assert_eq!(interval.earliest, day("2005-01-01"));
    assert!(interval.latest < day("2005-06-01"));
    assert!(found.iter().all(|timex| !timex.rule.is_empty()));
}

#[test]
fn open_ended_dates_are_marked_before_or_after() {
    let modifiers = |text: &str| -> Vec<Option<Modifier>> {
        tag(text, Date::new(2000, 1, 21).ok()).iter().map(|timex| timex.modifier).collect()
    };
    assert_eq!(
        modifiers("It was built before 1995 and used until March 2003."),
        [Some(Modifier::Before), Some(Modifier::Before)]
    );
    assert_eq!(modifiers("Sales doubled since 1990, after the war of 1991."), [Some(Modifier::After), None]);
    assert_eq!(modifiers("It lasted about two years."), [Some(Modifier::Approx)]);
    assert_eq!(modifiers("It lasted more than four hours."), [Some(Modifier::MoreThan)]);
    assert_eq!(modifiers("It lasted less than a decade."), [Some(Modifier::LessThan)]);
    assert_eq!(
        modifiers("It peaked in mid-April and fell in late 2005."),
        [Some(Modifier::Mid), Some(Modifier::End)]
    );
}

#[test]
fn an_inferred_reference_date_is_only_a_weak_anchor() {
    let tag_inferred = |text: &str| {
        let reference = reference_date(text, None);
        (reference, tag_document(text, reference))
    };

    // Life dates in parentheses say nothing about when a biography was written.
    let (reference, found) = tag_inferred(
        "Daniel Bernoulli (8 February 1700 - 17 March 1782) was a mathematician. It is used today.",
    );
    assert_eq!((reference.date, reference.source), (None, ReferenceSource::None));
    assert_eq!((found[2].value.as_str(), found[2].interval), ("PRESENT_REF", None));

    // "today" does not take the latest date mentioned, which is only a guess.
    let (reference, found) =
        tag_inferred("The treaty was signed on May 1, 1998. It is still in force today.");
    assert_eq!((reference.date, reference.source), (Date::new(1998, 5, 1).ok(), ReferenceSource::Inferred));
    assert_eq!(
        (found[1].value.as_str(), found[1].anchor, found[1].interval),
        ("PRESENT_REF", Anchor::Unresolved, None)
    );

    // A year-less date follows the story, not the guessed reference date.
    let (_, found) = tag_inferred(
        "In a letter of 12 March 1860 he cited the edict of the 12th of October. He died on 8 January 1880.",
    );
    assert_eq!(found[1].value, "1859-10-12");
    assert_eq!(found[1].anchor, Anchor::PreviousTimex(0));

    // A dash deep in a first line, after life dates, is no dateline.
    let (reference, _) = tag_inferred(
        "Pierre L'Enfant (August 2, 1754 - June 14, 1825), self - identified as Peter, was an engineer.",
    );
    assert_eq!(reference.source, ReferenceSource::None);

    // A date line under a headline is the document's date.
    let (reference, found) = tag_inferred(
        "Afghan team honored at robotics competition\nFriday, July 21, 2017\nSeventeen years ago this \
         was impossible. The competition ended on Tuesday.",
    );
    assert_eq!((reference.date, reference.source), (Date::new(2017, 7, 21).ok(), ReferenceSource::Document));
    assert_eq!(found[2].value, "2017-07-18", "a weekday counts from a day, not from a year");

    // Without a dateline, a weekday is not counted from a year mentioned before it either.
    let (_, found) =
        tag_inferred("He joined on May 3, 2010. In 2000 it was smaller. He was released on Thursday.");
    assert_eq!((found[2].value.as_str(), found[2].anchor), ("2010-04-29", Anchor::ReferenceDate));

    // A story's last date anchors a year-less season near it, not pages later.
    let near = "Athens was rebuilt by 1900. Summer was hot.";
    assert_eq!(tag(near, None)[1].value, "1900-SU");
    let far =
        format!("Athens was rebuilt by 1900. {}Summer can be hot.", "The city grew and grew. ".repeat(50));
    assert_eq!(tag(&far, None)[1].value, "XXXX-SU");

    // An e-mail's "Sent:" line dates it.
    let (reference, found) = tag_inferred(
        "From: Ana Perez\nSent: Monday, March 3, 2003 10:15 PM\nSubject: vote\n\nThe vote is tomorrow.",
    );
    assert_eq!((reference.date, reference.source), (Date::new(2003, 3, 3).ok(), ReferenceSource::Document));
    assert_eq!(found.last().map(|timex| timex.value.as_str()), Some("2003-03-04"));

    // "Sentenced" is no "Sent:" header.
    let (reference, found) =
        tag_inferred("Court news\nSentenced on 4 July 2001, he appealed.\nToday he is free.");
    assert_eq!(reference.source, ReferenceSource::Inferred);
    assert_eq!(found[1].value, "PRESENT_REF");

    // A date the user gives is trusted: "today" is that day.
    let found =
        tag("The treaty was signed on May 1, 1998. It is still in force today.", Date::new(2001, 2, 3).ok());
    assert_eq!(found[1].value, "2001-02-03");
}

#[test]
fn dates_before_christ_are_placed_and_labelled_as_historians_write_them() {
    let text = "Caesar was killed on 15 March 44 BC. Constantine founded Constantinople in AD 330. \
                Jerome died on 30 September 420. The temple dates from the 5th century BC.";
    let extraction = chronoscope::extract::extract_document(text, None);
    let labels: Vec<String> = extraction
        .timexes
        .iter()
        .map(|timex| chronoscope::ui::interval_label(&timex.interval.expect("every date here is absolute")))
        .collect();
    assert_eq!(labels, ["15 Mar 44 BC", "330", "30 Sep 420", "500 BC – 401 BC"]);
    let values: Vec<&str> = extraction.timexes.iter().map(|timex| timex.value.as_str()).collect();
    assert_eq!(values, ["BC0044-03-15", "0330", "0420-09-30", "BC04"]);
    let names: Vec<&str> =
        extraction.mentions.iter().map(|mention| &text[mention.start..mention.end]).collect();
    assert!(!names.contains(&"AD"), "an era marker is part of its date, not a place: {names:?}");
}

#[test]
fn a_numeric_date_that_reads_both_ways_keeps_the_other_reading() {
    let day = |text: &str| text.parse::<Date>().expect("test dates are valid");
    let found = tag("The form is dated 03/04/2019.", None);
    assert_eq!(found[0].interval.map(|interval| interval.earliest), Some(day("2019-03-04")));
    let alternatives: Vec<Date> = found[0].alternatives.iter().map(|interval| interval.earliest).collect();
    assert_eq!(alternatives, [day("2019-04-03")]);

    // A date that reads two ways is no ground for guessing the document's date.
    assert_eq!(reference_date("The contract was signed on 03/04/2019.", None).source, ReferenceSource::None);

    // Once the document shows it writes the day first, the ambiguous date follows.
    let found = tag("Dated 03/04/2019, received 21/04/2019.", None);
    let alternatives: Vec<Date> = found[0].alternatives.iter().map(|interval| interval.earliest).collect();
    assert_eq!((found[0].value.as_str(), alternatives), ("2019-04-03", vec![day("2019-03-04")]));
    assert!(found[1].alternatives.is_empty(), "21/04 reads one way only");
}
