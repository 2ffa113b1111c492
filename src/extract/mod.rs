//! Pure text analysis: sentences, time expressions, entities and the events built from
//! them. No I/O, no egui, no threads; everything here is a function of its input, so it is
//! tested with tables and reused unchanged by the app, the `extract` command and benches.
//!
//! Offsets are byte offsets into the document text; [`char_offsets`] converts them to the
//! code-point offsets of the JSON contract at the edge.

pub mod entities;
pub mod sentences;
pub mod time;

use std::ops::Range;

use jiff::civil::Date;

use self::entities::Mention;
use self::time::{ReferenceDate, Timex, TimexType};

/// Everything extracted from one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocumentExtraction {
    pub reference: Option<ReferenceDate>,
    pub sentences: Vec<Range<usize>>,
    pub timexes: Vec<Timex>,
    pub mentions: Vec<Mention>,
    pub events: Vec<EventCandidate>,
}

/// A sentence anchored on one of its time expressions: the unit the timeline, the event
/// list and the export show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventCandidate {
    /// Index into [`DocumentExtraction::sentences`].
    pub sentence: usize,
    /// Index into [`DocumentExtraction::timexes`].
    pub timex: usize,
    /// The expression that ends the period the sentence spans ("from 2010 [to 2014]",
    /// "between 1996 [and 2006]"), if any.
    pub until: Option<usize>,
    /// Indices into [`DocumentExtraction::mentions`] of the entities in the sentence.
    pub mentions: Vec<usize>,
}

impl EventCandidate {
    /// Where the event sits as the tagger read it: its date, or the period up to `until`.
    pub fn interval(&self, timexes: &[Timex]) -> Option<time::Interval> {
        let start = timexes[self.timex].interval?;
        Some(match self.until.and_then(|until| timexes[until].interval) {
            Some(end) => start.through(end),
            None => start,
        })
    }
}

/// Runs the whole pipeline on one document. `given_reference` is the user's reference date
/// (`--dct` or typed in the UI); without it the tagger looks for one in the text.
pub fn extract_document(text: &str, given_reference: Option<Date>) -> DocumentExtraction {
    let sentences = sentences::split_sentences(text);
    let (reference, timexes) = tag_times(text, given_reference);
    // A name inside a time expression is part of the date ("AD 330", "Easter Monday").
    // Timexes are sorted and disjoint, so the only candidate is the last one starting
    // at or before the mention.
    let inside_timex = |mention: &Mention| {
        let after = timexes.partition_point(|timex| timex.start <= mention.start);
        after > 0 && mention.end <= timexes[after - 1].end
    };
    let mentions: Vec<Mention> =
        entities::recognize(text).into_iter().filter(|mention| !inside_timex(mention)).collect();
    let events = build_events(text, &sentences, &timexes, &mentions);
    DocumentExtraction { reference: Some(reference), sentences, timexes, mentions, events }
}

/// Re-resolves the time expressions and events against a new reference date, keeping the
/// sentences and entities: what happens when the user corrects a document's date.
pub fn retag_times(text: &str, given_reference: Option<Date>, extraction: &mut DocumentExtraction) {
    let (reference, timexes) = tag_times(text, given_reference);
    extraction.reference = Some(reference);
    extraction.timexes = timexes;
    extraction.events = build_events(text, &extraction.sentences, &extraction.timexes, &extraction.mentions);
}

fn tag_times(text: &str, given_reference: Option<Date>) -> (ReferenceDate, Vec<Timex>) {
    let reference = time::reference_date(text, given_reference);
    (reference, time::tag_document(text, reference))
}

/// One event per dated time expression ("in 1999 and again in 2001" gives two points in
/// the chronology), but one for two dates joined as a period ("from January 1999 to March
/// 1999") and one for a date and a finer one inside it. A sentence whose expressions have
/// no calendar position ("a few hours", an unresolved "Friday") still gives one event,
/// listed as undated; a line that says nothing but its date ("Date: March 14, 2021") is a
/// header, not an event.
fn build_events(
    text: &str,
    sentences: &[Range<usize>],
    timexes: &[Timex],
    mentions: &[Mention],
) -> Vec<EventCandidate> {
    let mut events = Vec::new();
    let mut next_timex = 0;
    let mut next_mention = 0;
    for (sentence_index, sentence) in sentences.iter().enumerate() {
        while next_timex < timexes.len() && timexes[next_timex].start < sentence.start {
            next_timex += 1;
        }
        let first_timex = next_timex;
        while next_timex < timexes.len() && timexes[next_timex].start < sentence.end {
            next_timex += 1;
        }
        if first_timex == next_timex || only_dates(text, sentence, &timexes[first_timex..next_timex]) {
            continue;
        }
        while next_mention < mentions.len() && mentions[next_mention].start < sentence.start {
            next_mention += 1;
        }
        let sentence_mentions: Vec<usize> =
            (next_mention..mentions.len()).take_while(|&m| mentions[m].start < sentence.end).collect();
        let datable: Vec<usize> = (first_timex..next_timex).filter(|&t| is_datable(&timexes[t])).collect();
        // A date and a finer one inside it place one event ("in 1999, in March"; "Monday,
        // March 4, 2019 10:42 AM"): the finest stays.
        let dated: Vec<usize> = datable
            .iter()
            .copied()
            .filter(|&t| !datable.iter().any(|&u| u != t && is_finer_within(&timexes[u], &timexes[t], u < t)))
            .collect();
        let mut anchors = Vec::with_capacity(dated.len().max(1));
        let mut rest = dated.iter().copied().peekable();
        while let Some(timex) = rest.next() {
            let until = rest.next_if(|&next| is_period(text, &timexes[timex], &timexes[next]));
            anchors.push((timex, until));
        }
        if anchors.is_empty() {
            anchors.push((first_timex, None));
        }
        events.extend(anchors.into_iter().map(|(timex, until)| EventCandidate {
            sentence: sentence_index,
            timex,
            until,
            mentions: sentence_mentions.clone(),
        }));
    }
    events
}

/// Whether the sentence has no word outside its time expressions but a date header's
/// ("Date:", "Published", "Sent:"): nothing happens in it.
fn only_dates(text: &str, sentence: &Range<usize>, timexes: &[Timex]) -> bool {
    let says_nothing = |part: &str| {
        part.split(|c: char| !c.is_alphanumeric())
            .filter(|word| word.chars().any(char::is_alphabetic))
            .all(time::is_header_word)
    };
    let mut from = sentence.start;
    for timex in timexes {
        if !says_nothing(&text[from..timex.start.max(from)]) {
            return false;
        }
        from = timex.end.min(sentence.end).max(from);
    }
    says_nothing(&text[from..sentence.end])
}

/// Whether two dates of a sentence are the ends of one period: "from 2010 to 2014",
/// "between 1996 and 2006", "March 3 - April 5", "2010 through 2012", with the second
/// not before the first. "rose from 2% in 2019 to 5% in 2020" has more than a connector
/// between them and stays two events.
fn is_period(text: &str, start: &Timex, end: &Timex) -> bool {
    let (Some(first), Some(last)) = (start.interval, end.interval) else { return false };
    let between = text[start.end..end.start].trim().to_ascii_lowercase();
    let word_before = text[..start.start].split_whitespace().next_back().unwrap_or("").to_ascii_lowercase();
    let connects = match between.as_str() {
        "to" | "through" | "thru" | "until" | "till" | "-" | "\u{2013}" | "\u{2014}" | "--" => true,
        "and" => word_before == "between",
        _ => false,
    };
    connects && first.earliest <= last.earliest
}

/// Whether `inner` lies within `outer` and says more: a shorter interval, or the same one
/// at a finer precision (or, when both are alike, the earlier of the two in the text).
fn is_finer_within(inner: &Timex, outer: &Timex, inner_first: bool) -> bool {
    let (Some(a), Some(b)) = (inner.interval, outer.interval) else { return false };
    let within = b.earliest <= a.earliest && a.latest <= b.latest;
    let same = a.earliest == b.earliest && a.latest == b.latest;
    within && (!same || a.granularity < b.granularity || a.granularity == b.granularity && inner_first)
}

fn is_datable(timex: &Timex) -> bool {
    matches!(timex.kind, TimexType::Date | TimexType::Time) && timex.interval.is_some()
}

/// Converts ascending byte offsets into code-point offsets in one pass over `text`.
/// The `extract` JSON counts code points; everything inside the crate counts bytes.
pub struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

/// Starts a [`CharOffsets`] converter at the beginning of `text`.
pub fn char_offsets(text: &str) -> CharOffsets<'_> {
    CharOffsets { text, byte: 0, chars: 0 }
}

impl CharOffsets<'_> {
    /// Code-point offset of `byte`; cheap when called with non-decreasing offsets, correct
    /// for any offset on a char boundary.
    pub fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entities::EntityKind;
    use crate::extract::time::{Anchor, Granularity, Interval};

    /// A timex at `start..end`; dated ones fall on distinct days (the day follows `start`).
    fn timex(start: usize, end: usize, kind: TimexType, dated: bool) -> Timex {
        let day = Date::constant(2000, 1, 1 + (start % 28) as i8);
        Timex {
            start,
            end,
            kind,
            value: String::new(),
            modifier: None,
            interval: dated.then_some(Interval { earliest: day, latest: day, granularity: Granularity::Day }),
            alternatives: Vec::new(),
            rule: "test",
            anchor: Anchor::Absolute,
        }
    }

    /// The byte range of `part` in `text`.
    fn span(text: &str, part: &str) -> Range<usize> {
        let start = text.find(part).expect("part of the text");
        start..start + part.len()
    }

    #[test]
    fn events_are_one_per_dated_timex_else_one_undated_per_sentence() {
        let text = "In 1999 and 2000 Mahuad ruled. It lasted a week. Nothing here.";
        let sentences = vec![0..30, 31..48, 49..text.len()];
        let timexes = [
            ("1999", TimexType::Date, true),
            ("2000", TimexType::Date, true),
            ("a week", TimexType::Duration, false),
        ]
        .map(|(part, kind, dated)| {
            let range = span(text, part);
            timex(range.start, range.end, kind, dated)
        })
        .to_vec();
        let mahuad = span(text, "Mahuad");
        let mentions = vec![Mention {
            start: mahuad.start,
            end: mahuad.end,
            kind: EntityKind::Person,
            canonical: "Mahuad".into(),
        }];
        let events = build_events(text, &sentences, &timexes, &mentions);
        let summary: Vec<(usize, usize, Vec<usize>)> =
            events.into_iter().map(|e| (e.sentence, e.timex, e.mentions)).collect();
        assert_eq!(summary, [(0, 0, vec![0]), (0, 1, vec![0]), (1, 2, vec![])]);
    }

    #[test]
    fn a_line_with_nothing_but_its_date_is_no_event() {
        let text = "Date: March 14, 2021\nFriday, July 21, 2017\nOn March 3, 2019 she sued.";
        let lines = [
            span(text, "Date: March 14, 2021"),
            span(text, "Friday, July 21, 2017"),
            span(text, "On March 3, 2019 she sued."),
        ];
        let timexes = ["March 14, 2021", "Friday, July 21, 2017", "March 3, 2019"]
            .map(|part| {
                let range = span(text, part);
                timex(range.start, range.end, TimexType::Date, true)
            })
            .to_vec();
        let events = build_events(text, &lines, &timexes, &[]);
        let sentences: Vec<usize> = events.iter().map(|e| e.sentence).collect();
        assert_eq!(sentences, [2]);
    }

    #[test]
    fn a_date_and_a_finer_one_inside_it_are_one_event() {
        let text = "We meet the Maersk team next Tuesday at 3 pm. Prices rose in 1999 and again in \
                    March 2001. In 1999, in March 1999 exactly, prices fell.";
        let extraction = extract_document(text, Some(Date::constant(2019, 3, 4)));
        let anchors: Vec<&str> = extraction
            .events
            .iter()
            .map(|event| &text[extraction.timexes[event.timex].start..extraction.timexes[event.timex].end])
            .collect();
        assert_eq!(anchors, ["3 pm", "1999", "March 2001", "March 1999"]);
    }

    #[test]
    fn two_dates_joined_as_a_period_are_one_event_spanning_both() {
        let text = "He served from March 2016 through May 2017. Between 1996 and 2006 nobody finished. \
                    Inflation rose from 2% in 2019 to 5% in 2020. The talks were moved to May 2021.";
        let extraction = extract_document(text, Some(Date::constant(2021, 3, 14)));
        let periods: Vec<(&str, Option<&str>)> = extraction
            .events
            .iter()
            .map(|event| {
                let text_of = |t: usize| &text[extraction.timexes[t].start..extraction.timexes[t].end];
                (text_of(event.timex), event.until.map(text_of))
            })
            .collect();
        assert_eq!(
            periods,
            [
                ("March 2016", Some("May 2017")),
                ("1996", Some("2006")),
                ("2019", None),
                ("2020", None),
                ("May 2021", None)
            ]
        );
    }

    #[test]
    fn char_offsets_count_code_points() {
        let text = "Gutiérrez left in 2005";
        let mut offsets = char_offsets(text);
        assert_eq!(offsets.at(0), 0);
        assert_eq!(offsets.at(text.find("left").unwrap()), 10);
        assert_eq!(offsets.at(text.len()), 22);
        assert_eq!(offsets.at(1), 1);
    }
}
