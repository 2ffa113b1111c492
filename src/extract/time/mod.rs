//! Temporal tagging: finds TIMEX3 time expressions in English text and resolves them to
//! calendar intervals the timeline can draw.
//!
//! Pure: no I/O, no egui, never panics on any input. Offsets are byte offsets into the text
//! given (always on `char` boundaries); callers convert to code points at the edges.

mod lexicon;
mod resolve;
mod rules;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use self::lexicon::Unit;
use self::resolve::Point;
use self::rules::{Cue, Grammar, Spec, Tense};

/// The four TIMEX3 types; the timeline only places `Date` and `Time`, the others are kept
/// so the document viewer can still highlight them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TimexType {
    /// A calendar date or period ("21 January 2000", "April 2005", "last week").
    Date,
    /// A time of day, possibly on a date ("3 p.m. Friday", "this morning").
    Time,
    /// A length of time ("three decades", "the past two years").
    Duration,
    /// A recurrence ("every Monday", "annually").
    Set,
}

impl TimexType {
    /// The TIMEX3 spelling used by TempEval and the `extract` JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Date => "DATE",
            Self::Time => "TIME",
            Self::Duration => "DURATION",
            Self::Set => "SET",
        }
    }
}

/// How finely the text pins a date down; decides whether the timeline draws a point or a bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Granularity {
    /// A part of a day or a clock time, placed on its day.
    TimeOfDay,
    /// One day.
    Day,
    /// An ISO week (or its weekend).
    Week,
    /// A calendar month.
    Month,
    /// A season (spring is March to May, winter runs December to February).
    Season,
    /// A calendar quarter or half year.
    Quarter,
    /// A calendar year.
    Year,
    /// Ten years from a year ending in 0.
    Decade,
    /// A hundred years from a year ending in 00.
    Century,
}

/// TIMEX3 `mod`: qualifies an interval ("early 2005", "about a year", "before March").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Modifier {
    /// "about", "nearly", "some".
    Approx,
    /// "before" the period.
    Before,
    /// "after" the period.
    After,
    /// "early", "the beginning of": the interval is the first third.
    Start,
    /// "mid", "the middle of": the interval is the middle third.
    Mid,
    /// "late", "the end of": the interval is the last third.
    End,
    /// "less than", "up to", "under".
    LessThan,
    /// "more than", "over", "at least".
    MoreThan,
}

impl Modifier {
    /// The TIMEX3 `mod` attribute ("APPROX", "START", "LESS_THAN" ...).
    pub fn timeml(self) -> &'static str {
        match self {
            Self::Approx => "APPROX",
            Self::Before => "BEFORE",
            Self::After => "AFTER",
            Self::Start => "START",
            Self::Mid => "MID",
            Self::End => "END",
            Self::LessThan => "LESS_THAN",
            Self::MoreThan => "MORE_THAN",
        }
    }

    /// What the modifier says, in words for the date details ("approximately").
    pub fn label(self) -> &'static str {
        match self {
            Self::Approx => "approximately",
            Self::Before => "before",
            Self::After => "after",
            Self::Start => "the start of",
            Self::Mid => "the middle of",
            Self::End => "the end of",
            Self::LessThan => "less than",
            Self::MoreThan => "more than",
        }
    }
}

/// A resolved calendar interval, both ends inclusive, `earliest <= latest`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Interval {
    /// First day of the interval.
    pub earliest: Date,
    /// Last day of the interval (inclusive).
    pub latest: Date,
    /// How precisely the text names it; a point for `Day`, a bar for coarser ones.
    pub granularity: Granularity,
}

impl Interval {
    /// From the start of `self` to the end of `end` ("from March 2016 to May 2017"), at the
    /// coarser of the two precisions.
    pub fn through(self, end: Interval) -> Interval {
        Interval {
            earliest: self.earliest.min(end.earliest),
            latest: self.latest.max(end.latest),
            granularity: self.granularity.max(end.granularity),
        }
    }
}

/// What a relative or underspecified expression was resolved against, so the UI can say
/// "relative to the document date" or "relative to 21 January 2000 mentioned before".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Anchor {
    /// The expression is absolute ("21 January 2000").
    Absolute,
    /// Resolved against the document's reference date (news style: "yesterday").
    ReferenceDate,
    /// Resolved against an earlier expression in the text (narrative style: "two days
    /// later"); the index is into the `Vec<Timex>` returned by [`tag`].
    PreviousTimex(usize),
    /// Relative, but nothing to resolve against: value keeps `X` placeholders.
    Unresolved,
}

/// One time expression found in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// DATE, TIME, DURATION or SET.
    pub kind: TimexType,
    /// TIMEX3 value: `2000-01-21`, `2005-04`, `XXXX-01-21`, `P1Y`, `PRESENT_REF`, ...
    pub value: String,
    /// Qualifier from the text ("early", "about", "more than"); the interval already
    /// reflects `Start`, `Mid` and `End`.
    pub modifier: Option<Modifier>,
    /// Where the timeline puts it; `None` when it has no calendar position (durations,
    /// sets, unresolved relatives).
    pub interval: Option<Interval>,
    /// Other readings consistent with the text, nearest to the anchor first ("Friday 21st
    /// of January" fits 2000 and 2005). Non-empty means the chosen `interval` is a guess.
    pub alternatives: Vec<Interval>,
    /// Name of the rule that matched, for provenance tooltips.
    pub rule: &'static str,
    /// What a relative expression was resolved against (provenance for the UI).
    pub anchor: Anchor,
}

impl Timex {
    /// Whether the text says the date is only approximate ("c. 1850", "about March 3"):
    /// such a date is shown as uncertain and listed as "c. 1850".
    pub fn is_approximate(&self) -> bool {
        self.modifier == Some(Modifier::Approx)
    }
}

/// Where a document's reference date came from; shown next to the date in the UI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReferenceSource {
    /// Given by the user (`--dct` or typed in the UI).
    Given,
    /// Found in the text: a dateline or a "Date:" header.
    Document,
    /// Found in a header whose numeric date reads both ways ("Date: 03/04/2019"): read in
    /// the order the document's other dates use, else month first, and shown as a guess.
    DocumentAmbiguous,
    /// Guessed from the document's latest explicit date.
    Inferred,
    /// Nothing to go on.
    None,
}

impl ReferenceSource {
    /// The spelling used in the `extract` JSON ("cli" is kept for `Given`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Given => "cli",
            Self::Document => "document",
            Self::DocumentAmbiguous => "document_ambiguous",
            Self::Inferred => "inferred",
            Self::None => "none",
        }
    }
}

/// A document's reference date and its provenance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceDate {
    /// The date relative expressions resolve against; `None` leaves them unresolved.
    pub date: Option<Date>,
    /// Where `date` came from.
    pub source: ReferenceSource,
}

/// Picks the reference date: `given` if any, else a dateline or header in the text, else the
/// latest explicit full date in the text (marked inferred), else none.
pub fn reference_date(text: &str, given: Option<Date>) -> ReferenceDate {
    if let Some(date) = given {
        return ReferenceDate { date: Some(date), source: ReferenceSource::Given };
    }
    let header = header_date(text);
    if let Some(HeaderDate { date, certain: true, .. }) = header {
        return ReferenceDate { date: Some(date), source: ReferenceSource::Document };
    }
    let found = tag(text, None);
    if let Some(HeaderDate { start, .. }) = header {
        // The whole document's numeric convention decides which way the header reads.
        let read = found.iter().find(|timex| timex.start == start).and_then(|timex| timex.interval);
        if let Some(interval) = read {
            return ReferenceDate {
                date: Some(interval.earliest),
                source: ReferenceSource::DocumentAmbiguous,
            };
        }
    }
    let bracketed = inside_parentheses(text, found.iter().map(|timex| timex.start));
    let latest = found
        .iter()
        .zip(bracketed)
        .filter(|(_, inside)| !inside)
        .filter_map(|(timex, _)| explicit_day(timex))
        .max();
    ReferenceDate {
        date: latest,
        source: if latest.is_some() { ReferenceSource::Inferred } else { ReferenceSource::None },
    }
}

/// How many lines from the top a dateline or date header may be.
const HEADER_LINES: usize = 8;

/// Markers that make a line a news dateline ("QUITO, Jan 22, 2000 (AP) --").
const DATELINE_MARKERS: [&str; 7] = [" -- ", " - ", " — ", "(AP)", "(Reuters)", "(AFP)", "(UPI)"];

/// Header words that introduce a document's date ("Date:", "Dated", "Published", an
/// e-mail's "Sent:", a court paper's "Filed"), as whole words ("Sentenced" is none).
const HEADER_WORDS: [&str; 8] =
    ["date", "dated", "published", "posted", "updated", "dateline", "sent", "filed"];

/// Whether `word` (any case) introduces a document's date, as "Date:" or "Published" do.
pub fn is_header_word(word: &str) -> bool {
    HEADER_WORDS.iter().any(|header| header.eq_ignore_ascii_case(word))
}

/// How far into a line a dateline's marker may be ("QUITO, Jan 22, 2000 (AP) --" is 27
/// bytes); a dash further in belongs to a sentence, not to a dateline.
const DATELINE_BYTES: usize = 60;

/// How far into a line a header's or dateline's date is looked for.
const HEADER_BYTES: usize = 200;

/// The date of a dateline or date header.
struct HeaderDate {
    date: Date,
    /// False when day and month could be swapped ("03/04/2019").
    certain: bool,
    /// Byte offset of the date in the text.
    start: usize,
}

/// The day-precise explicit date of a dateline or date header near the top of `text`.
fn header_date(text: &str) -> Option<HeaderDate> {
    let mut line_start = 0;
    for (index, line) in text.split_inclusive('\n').take(HEADER_LINES).enumerate() {
        let trimmed_start = line_start + line.len() - line.trim_start().len();
        line_start += line.len();
        let trimmed = line.trim();
        let lower = trimmed.to_ascii_lowercase();
        let header = HEADER_WORDS.iter().any(|word| {
            lower
                .strip_prefix(word)
                .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric()))
        });
        let marker_at = DATELINE_MARKERS
            .iter()
            .filter_map(|marker| trimmed.find(marker))
            .min()
            .filter(|at| *at <= DATELINE_BYTES);
        // A header's or dateline's date comes early in its line; a one-line document is not
        // tagged whole here only to be tagged again.
        let found = tag(&trimmed[..floor_char_boundary(trimmed, HEADER_BYTES)], None);
        let Some((timex, date, certain)) = found.iter().find_map(|timex| {
            explicit_day(timex)
                .map(|date| (timex, date, true))
                .or_else(|| Some((timex, swappable_day(timex)?, false)))
        }) else {
            continue;
        };
        // Life dates in a first line ("Byron (22 January 1788 - 19 April 1824) was") are
        // not a dateline.
        let dateline = marker_at.is_some() && inside_parentheses(trimmed, [timex.start]) == [false];
        // A line that is mostly a date, under a headline ("Friday, July 21, 2017"), but
        // not a short sentence ("It ended on May 1, 1998.").
        let covered: usize = found.iter().map(|timex| timex.end - timex.start).sum();
        let date_line = covered * 2 >= trimmed.len() && (index == 0 || !trimmed.ends_with('.'));
        if header || dateline || date_line {
            return Some(HeaderDate { date, certain, start: trimmed_start + timex.start });
        }
    }
    None
}

/// Whether each of the ascending byte offsets lies inside an unclosed parenthesis on its
/// line: life dates ("(8 February 1700 – 17 March 1782)") and asides say nothing about when
/// the text was written. One pass over the text, however long its lines.
fn inside_parentheses(text: &str, offsets: impl IntoIterator<Item = usize>) -> Vec<bool> {
    let bytes = text.as_bytes();
    let (mut scanned, mut depth) = (0, 0_u32);
    offsets
        .into_iter()
        .map(|at| {
            for &byte in &bytes[scanned..at.max(scanned)] {
                match byte {
                    b'(' => depth += 1,
                    b')' => depth = depth.saturating_sub(1),
                    b'\n' => depth = 0,
                    _ => {}
                }
            }
            scanned = scanned.max(at);
            depth > 0
        })
        .collect()
}

/// The date of a timex that names one day with its year, and only one ("03/04/2019" could
/// be either of two days).
fn explicit_day(timex: &Timex) -> Option<Date> {
    let interval = timex.interval?;
    (timex.anchor == Anchor::Absolute
        && timex.alternatives.is_empty()
        && matches!(interval.granularity, Granularity::Day | Granularity::TimeOfDay))
    .then_some(interval.earliest)
}

/// The first reading of a numeric date whose day and month could be swapped.
fn swappable_day(timex: &Timex) -> Option<Date> {
    let interval = timex.interval?;
    (timex.anchor == Anchor::Absolute
        && timex.alternatives.len() == 1
        && matches!(timex.rule, "numeric_date" | "iso_datetime"))
    .then_some(interval.earliest)
}

/// Finds and resolves every time expression in `text`, in text order, non-overlapping,
/// against a reference date the caller vouches for (given, or read from a dateline).
pub fn tag(text: &str, reference: Option<Date>) -> Vec<Timex> {
    tag_document(text, ReferenceDate { date: reference, source: ReferenceSource::Given })
}

/// Like [`tag`], but trusts an inferred reference date less, since it is only the latest date
/// the text mentions (a death date, in a biography): year-less dates follow the narrative
/// first, and "today" or "now" stay `PRESENT_REF`, undated, until the user gives a date.
pub fn tag_document(text: &str, reference: ReferenceDate) -> Vec<Timex> {
    let mut found: Vec<Timex> = Vec::new();
    let mut chunk_start = 0;
    while chunk_start < text.len() {
        let chunk_end = chunk_end(text, chunk_start);
        tag_chunk(text, chunk_start..chunk_end, reference, &mut found);
        chunk_start = chunk_end;
    }
    follow_numeric_convention(text, &mut found);
    found
}

/// A document writes its numeric dates one way: once "21/01/2000" shows it puts the day
/// first, "03/04/2000" reads 3 April first (4 March stays the alternative), and the other
/// way round after "01/21/2000".
fn follow_numeric_convention(text: &str, found: &mut [Timex]) {
    // The day and month of "21/01/2000" or "03/04/2019 10:30", not of ISO "2019-03-04".
    let numbers = |timex: &Timex| {
        if !matches!(timex.rule, "numeric_date" | "iso_datetime") {
            return None;
        }
        let mut groups = text[timex.start..timex.end].split(|c: char| !c.is_ascii_digit());
        let first = groups.next().filter(|group| group.len() <= 2)?;
        Some((first.parse::<u32>().ok()?, groups.next()?.parse::<u32>().ok()?))
    };
    let (mut day_first, mut month_first) = (false, false);
    for (first, second) in found.iter().filter_map(numbers) {
        day_first |= first > 12 && second <= 12;
        month_first |= second > 12 && first <= 12;
    }
    if day_first == month_first {
        return;
    }
    for timex in found.iter_mut().filter(|timex| timex.alternatives.len() == 1) {
        let (Some((first, _)), Some(interval)) = (numbers(timex), timex.interval) else {
            continue;
        };
        let reads_day_first = u32::from(interval.earliest.day().unsigned_abs()) == first;
        if reads_day_first != day_first && timex.value.len() >= 10 {
            let other = std::mem::replace(&mut timex.alternatives[0], interval);
            timex.interval = Some(Interval { granularity: interval.granularity, ..other });
            // Keep the time of day: "2019-04-03T10:30".
            timex.value = format!("{}{}", other.earliest, &timex.value[10..]);
        }
    }
}

/// Bytes of text tokenized at a time: keeps the token buffer small and in cache.
const CHUNK_BYTES: usize = 64 * 1024;

/// Where the chunk starting at `start` should end: at a blank line (or else a line break, a
/// sentence end or a space) after `CHUNK_BYTES`, so no expression is cut in two.
fn chunk_end(text: &str, start: usize) -> usize {
    let target = start + CHUNK_BYTES;
    if target >= text.len() {
        return text.len();
    }
    let rest = &text.as_bytes()[target..];
    let window = &rest[..rest.len().min(CHUNK_BYTES)];
    let offset = memchr::memmem::find(window, b"\n\n")
        .or_else(|| memchr::memchr(b'\n', window))
        .or_else(|| memchr::memmem::find(window, b". ").map(|offset| offset + 1))
        .or_else(|| memchr::memchr(b' ', window))
        .map_or(0, |offset| offset + 1);
    let mut end = target + offset;
    while !text.is_char_boundary(end) {
        end += 1;
    }
    end
}

/// Tags `text[range]`, appending to `found` (which also anchors narrative expressions).
fn tag_chunk(text: &str, range: std::ops::Range<usize>, reference: ReferenceDate, found: &mut Vec<Timex>) {
    let trusted = reference.source != ReferenceSource::Inferred;
    let base = range.start;
    let text = &text[range];
    let tokens = lexicon::tokenize(text);
    let grammar = Grammar::new(text, &tokens);
    let mut at = 0;
    while at < tokens.len() {
        let reading = if lexicon::is_trigger(&tokens, at) { grammar.read(at) } else { None };
        let Some(reading) = reading else {
            at += 1;
            continue;
        };
        let (anchor, point) = choose_anchor(
            reading.cue,
            base + tokens[at].start,
            reference.date,
            trusted,
            anchor_precision(&reading.spec),
            continues_list(text, base, tokens[at].start, &reading.spec, found),
            found,
        );
        let tense =
            // A range's far end follows its start, whatever the verb.
            if reading.spec.depends_on_tense() && reading.cue != Cue::RangeEnd {
                grammar.tense(at, reading.end)
            } else {
                Tense::Unknown
            };
        let point = if crosses_midnight(text, base, tokens[at].start, &reading.spec, found) {
            point.and_then(|point| Some(Point { date: point.date.tomorrow().ok()?, ..point }))
        } else {
            point
        };
        let guessed_present = matches!(reading.rule, "today" | "present")
            && (point.is_none() || !trusted && anchor == Anchor::ReferenceDate);
        let point = if guessed_present { None } else { point };
        let resolution = if guessed_present {
            resolve::Resolution { value: "PRESENT_REF".into(), interval: None, alternatives: Vec::new() }
        } else {
            resolve::resolve(&reading.spec, point, reading.cue, tense)
        };
        let mut interval = resolution.interval.map(|interval| resolve::narrow(interval, reading.modifier));
        let mut anchor =
            if point.is_none() && reading.cue != Cue::Absolute { Anchor::Unresolved } else { anchor };
        let mut rule = reading.rule;
        let end = tokens[reading.end - 1].end;
        if let Some(since) = time_since(text, tokens[at].start, end, &reading.spec) {
            // "Almost one year has passed since ...": the duration stays a duration, and the
            // event it points back to is placed that long before the reference date.
            let (since_anchor, since_point) = choose_anchor(
                Cue::Deictic,
                base + tokens[at].start,
                reference.date,
                trusted,
                AnchorPrecision { coarsest: Granularity::Year, prefers_fine: false },
                false,
                found,
            );
            if let Some(resolved) = resolve::resolve(&since, since_point, Cue::Deictic, Tense::Past).interval
            {
                interval = Some(resolved);
                anchor = since_anchor;
                rule = "time_since";
            }
        }
        found.push(Timex {
            start: base + tokens[at].start,
            end: base + end,
            kind: kind_of(&reading.spec),
            value: resolution.value,
            modifier: reading.modifier.or_else(|| grammar.open_ended(at, &reading.spec)),
            interval,
            alternatives: resolution.alternatives,
            rule,
            anchor,
        });
        at = reading.end;
    }
}

/// Whether a clock time without a day ends a range from a later hour of the day before
/// it: "from 10 p.m. on Friday to 2 a.m." ends on Saturday. `start` is its byte offset in
/// `chunk`, which begins at byte `base` of the document.
fn crosses_midnight(chunk: &str, base: usize, start: usize, spec: &Spec, found: &[Timex]) -> bool {
    let Spec::Clock { day: None, hour: Some(hour), .. } = *spec else { return false };
    let Some(previous) = found.last().filter(|timex| timex.kind == TimexType::Time && timex.end >= base)
    else {
        return false;
    };
    let between = chunk.get(previous.end - base..start).unwrap_or("").trim();
    let connects = matches!(between, "to" | "until" | "till" | "-" | "\u{2013}" | "through");
    let previous_hour =
        previous.value.split_once('T').and_then(|(_, time)| time.get(..2)?.parse::<u8>().ok());
    connects && previous_hour.is_some_and(|previous_hour| previous_hour > hour)
}

/// For a whole number of days, weeks, months or years that has passed since something
/// ("Almost one year has passed since Lucio Gutierrez was ousted", "It has been two weeks
/// since the vote"), the shift back from the reference date that places that something.
/// `start..end` is the duration's byte range in `chunk`.
fn time_since(chunk: &str, start: usize, end: usize, spec: &Spec) -> Option<Spec> {
    let Spec::Duration { amount: Some(amount), unit } = *spec else { return None };
    let whole = amount.fract() == 0.0 && (1.0..1000.0).contains(&amount);
    if !whole || !matches!(unit, Unit::Day | Unit::Week | Unit::Month | Unit::Year) {
        return None;
    }
    // A few words either side, never the rest of the chunk: this runs for every duration.
    const WINDOW: usize = 24;
    let after = chunk.get(end..)?.trim_start();
    let after = after[..floor_char_boundary(after, WINDOW)].to_ascii_lowercase();
    let passed = ["has passed since", "have passed since", "has elapsed since", "have elapsed since"]
        .iter()
        .any(|phrase| after.starts_with(phrase));
    let before = chunk.get(..start)?.trim_end();
    let before =
        before[floor_char_boundary(before, before.len().saturating_sub(WINDOW))..].to_ascii_lowercase();
    let been = (before.ends_with("has been") || before.ends_with("'s been")) && after.starts_with("since");
    (passed || been).then(|| Spec::Shift { unit, amount: -(amount as i32) })
}

/// The largest char boundary of `text` at or below `at` (or its length).
pub(super) fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether a year-less month at `start` (chunk offset; the chunk begins at `base`) goes on
/// a list of months in the same sentence: "Italy in November, Las Vegas in December, Mexico
/// in January" runs into the next year.
fn continues_list(chunk: &str, base: usize, start: usize, spec: &Spec, found: &[Timex]) -> bool {
    let month_only = matches!(spec, Spec::Calendar { year: None, month: Some(_), day: None, .. });
    month_only
        && found.last().is_some_and(|last| {
            last.end >= base
                && start + base - last.end <= LIST_DISTANCE
                && !chunk[last.end - base..start].contains(['.', ';', '\n'])
                && last.anchor != Anchor::Absolute
                && last.interval.is_some_and(|interval| interval.granularity == Granularity::Month)
        })
}

/// How precise an earlier date an expression can count from.
#[derive(Clone, Copy)]
struct AnchorPrecision {
    /// The coarsest it can count from: a weekday or "the afternoon" needs a day or a week;
    /// "March" only needs a year, and so does a shift ("three days later" after "in 1998"
    /// is 1998: the shift keeps a coarser anchor's precision rather than count from the
    /// reference date).
    coarsest: Granularity,
    /// Whether a day or week the story gave lately beats a coarser date just mentioned
    /// ("that night" or "the next week" after "that fall").
    prefers_fine: bool,
}

fn anchor_precision(spec: &Spec) -> AnchorPrecision {
    let coarsest = match spec {
        Spec::Clock { .. } => Granularity::Day,
        Spec::Weekday { .. } => Granularity::Week,
        _ => Granularity::Year,
    };
    let prefers_fine = matches!(spec, Spec::Clock { .. } | Spec::Shift { unit: Unit::Day | Unit::Week, .. });
    AnchorPrecision { coarsest, prefers_fine }
}

fn kind_of(spec: &Spec) -> TimexType {
    match spec {
        Spec::Duration { .. } => TimexType::Duration,
        Spec::Set(_) => TimexType::Set,
        Spec::Clock { .. } => TimexType::Time,
        _ => TimexType::Date,
    }
}

/// How close (in bytes) a day-precise date must be for a bare clock time to fall on it.
const SAME_DAY_DISTANCE: usize = 120;

/// How close (in bytes, a clause or two) a month must be for "a year earlier" to compare
/// with it.
const CLAUSE_DISTANCE: usize = 120;

/// How many expressions back an anchor is looked for, so that a long text without one
/// (thousands of dates and no quarter for "a year earlier") is not searched all through for
/// every expression.
const LOOKBACK: usize = 64;

/// How close (in bytes) a month must follow another to continue a list of them.
const LIST_DISTANCE: usize = 60;

/// How far back (in bytes, a paragraph or two) a story's last date still anchors a
/// year-less date; further on, "Summer can be hot" in a travel guide is no particular summer.
const NARRATIVE_DISTANCE: usize = 1000;

/// Whether the last date mentioned is a decade or a century, which a narrative shift ("two
/// years later") cannot be counted from.
fn latest_is_coarser_than_a_year(found: &[Timex]) -> bool {
    found
        .iter()
        .rev()
        .find(|timex| matches!(timex.kind, TimexType::Date | TimexType::Time) && timex.interval.is_some())
        .and_then(|timex| timex.interval)
        .is_some_and(|interval| interval.granularity > Granularity::Year)
}

/// The latest of the last `LOOKBACK` expressions in `found` that resolved to an interval
/// `usable` accepts, as an anchor counting from the interval's start.
fn last_resolved(found: &[Timex], usable: impl Fn(&Timex, Interval) -> bool) -> Option<(Anchor, Point)> {
    found.iter().enumerate().rev().take(LOOKBACK).find_map(|(index, timex)| {
        let interval = timex.interval?;
        usable(timex, interval).then_some((
            Anchor::PreviousTimex(index),
            Point { date: interval.earliest, granularity: interval.granularity, narrative: true },
        ))
    })
}

/// Picks what an expression with cue `cue` is resolved against: the reference date for
/// deictic words, the last resolved date before it for narrative ones, and for year-less
/// dates the reference date if it is `trusted`, else the last date mentioned, if it is no
/// coarser than `precision` allows (a weekday is not counted from "in 2000"); a month that
/// `continues_list` of them counts from the one before.
fn choose_anchor(
    cue: Cue,
    start: usize,
    reference: Option<Date>,
    trusted: bool,
    precision: AnchorPrecision,
    continues_list: bool,
    found: &[Timex],
) -> (Anchor, Option<Point>) {
    let previous = last_resolved(found, |timex, interval| {
        matches!(timex.kind, TimexType::Date | TimexType::Time)
            && interval.granularity <= Granularity::Year
            && timex.value != "PRESENT_REF"
    });
    let comparable = last_resolved(found, |timex, interval| {
        let original =
            !matches!(timex.anchor, Anchor::PreviousTimex(_)) && !matches!(timex.rule, "ago" | "comparative");
        let period =
            matches!(interval.granularity, Granularity::Quarter | Granularity::Month | Granularity::Season);
        // A quarter or month still to come ("losses through the third quarter of 1990") is not
        // the one being reported on; a season may be named by the year it ends in.
        let reported = interval.granularity == Granularity::Season
            || reference.is_none_or(|date| interval.earliest <= date);
        // A period paragraphs back ("corn for December delivery") is not what "a year ago"
        // in a later paragraph compares with; a month must be in the same sentence ("higher
        // in October than a year earlier"), a quarter a report's subject, may be further.
        let reach =
            if interval.granularity == Granularity::Quarter { NARRATIVE_DISTANCE } else { CLAUSE_DISTANCE };
        let near = start.saturating_sub(timex.end) <= reach;
        original && period && reported && near && timex.kind == TimexType::Date
    });
    let reference = reference
        .map(|date| (Anchor::ReferenceDate, Point { date, granularity: Granularity::Day, narrative: false }));
    let chosen = match cue {
        Cue::Absolute => return (Anchor::Absolute, None),
        Cue::Habitual => None,
        Cue::Deictic => reference,
        // "In the 1980s ... Two years later": counted from no date rather than from the
        // reference date or a date before the decade.
        Cue::Narrative if latest_is_coarser_than_a_year(found) => None,
        Cue::Narrative => {
            // "that night" or "the next week" after "that fall": the last day or week the story
            // gave, if it gave one lately, rather than the season.
            let finest = precision.coarsest.min(Granularity::Week);
            let last = previous.filter(|(_, point)| point.granularity <= precision.coarsest);
            let last_is_fine = last.is_some_and(|(_, point)| point.granularity <= finest);
            let fine = || {
                last_resolved(found, |timex, interval| {
                    matches!(timex.kind, TimexType::Date | TimexType::Time)
                        && interval.granularity <= finest
                        && start.saturating_sub(timex.end) <= NARRATIVE_DISTANCE
                })
            };
            if precision.prefers_fine && !last_is_fine { fine().or(last) } else { last }.or(reference)
        }
        Cue::Comparative => comparable.or(reference).or(previous),
        Cue::SameDay => found
            .last()
            .filter(|timex| start.saturating_sub(timex.end) <= SAME_DAY_DISTANCE)
            .and(previous)
            .filter(|(_, point)| point.granularity <= Granularity::Day)
            .or(reference)
            .or(previous.filter(|(_, point)| point.granularity <= Granularity::Day)),
        // "Italy in November, Las Vegas in December, Mexico in January": a list of months
        // runs on from the one before.
        Cue::RangeEnd => previous.or(reference),
        Cue::Bare if continues_list => previous,
        Cue::Bare => {
            let near = |anchor: &Anchor| match anchor {
                Anchor::PreviousTimex(index) => start.saturating_sub(found[*index].end) <= NARRATIVE_DISTANCE,
                _ => false,
            };
            let narrative =
                previous.filter(|(anchor, point)| point.granularity <= precision.coarsest && near(anchor));
            if trusted { reference.or(narrative) } else { narrative.or(reference) }
        }
    };
    match chosen {
        Some((anchor, point)) => (anchor, Some(point)),
        None => (Anchor::Unresolved, None),
    }
}
