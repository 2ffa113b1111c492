//! Data-driven cases for the temporal tagger: every row of `data/timex_cases.tsv` must come
//! out exactly (spans, types and values), and every failing row is printed before failing.

use chronoscope::extract::time::tag;

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
