//! Model tests: corpus derivation, filters, facets, corrections and export, on documents
//! whose extraction is written out by hand (independent of the taggers).

use std::path::PathBuf;
use std::sync::Arc;

use chronoscope::extract::entities::{EntityKind, Mention};
use chronoscope::extract::time::{Anchor, Granularity, Interval, Timex, TimexType};
use chronoscope::extract::{DocumentExtraction, EventCandidate};
use chronoscope::ingest::LoadedDocument;
use chronoscope::model::calendar::day_number;
use chronoscope::model::export::{events_to_csv, events_to_json};
use chronoscope::model::filter::{EventOrder, Filter, filter_events, ordered_events};
use chronoscope::model::{Corpus, DocId, EntityKey, EventId};
use jiff::civil::Date;

/// One sentence of a hand-made document: text, the date phrase in it with its interval
/// (or none: undated), alternatives, and the entity names in it.
struct Line<'a> {
    text: &'a str,
    date: &'a str,
    interval: Option<(Date, Date, Granularity)>,
    alternatives: &'a [Date],
    entities: &'a [(&'a str, EntityKind)],
}

fn line<'a>(text: &'a str, date: &'a str, interval: Option<(Date, Date, Granularity)>) -> Line<'a> {
    Line { text, date, interval, alternatives: &[], entities: &[] }
}

fn day(y: i16, m: i8, d: i8) -> Option<(Date, Date, Granularity)> {
    let date = Date::constant(y, m, d);
    Some((date, date, Granularity::Day))
}

fn month(y: i16, m: i8) -> Option<(Date, Date, Granularity)> {
    let first = Date::constant(y, m, 1);
    Some((first, first.last_of_month(), Granularity::Month))
}

fn document(name: &str, lines: &[Line<'_>]) -> LoadedDocument {
    let mut text = String::new();
    let mut extraction = DocumentExtraction::default();
    for (index, line) in lines.iter().enumerate() {
        let start = text.len();
        text.push_str(line.text);
        let date_start = start + line.text.find(line.date).expect("date phrase in the sentence");
        extraction.sentences.push(start..text.len());
        extraction.timexes.push(Timex {
            start: date_start,
            end: date_start + line.date.len(),
            kind: TimexType::Date,
            value: String::from("X"),
            modifier: None,
            interval: line.interval.map(|(earliest, latest, granularity)| Interval {
                earliest,
                latest,
                granularity,
            }),
            alternatives: line
                .alternatives
                .iter()
                .map(|&d| Interval { earliest: d, latest: d, granularity: Granularity::Day })
                .collect(),
            rule: "test",
            anchor: Anchor::Absolute,
        });
        let first_mention = extraction.mentions.len();
        for (entity, kind) in line.entities {
            let at = start + line.text.find(entity).expect("entity in the sentence");
            extraction.mentions.push(Mention {
                start: at,
                end: at + entity.len(),
                kind: *kind,
                canonical: (*entity).to_owned(),
            });
        }
        extraction.events.push(EventCandidate {
            sentence: index,
            timex: index,
            until: None,
            mentions: (first_mention..extraction.mentions.len()).collect(),
        });
        text.push(' ');
    }
    LoadedDocument {
        path: PathBuf::from(name),
        name: name.to_owned(),
        text: Arc::from(text),
        given_reference: None,
        extraction,
    }
}

const PERSON: EntityKind = EntityKind::Person;
const PLACE: EntityKind = EntityKind::Place;

fn corpus() -> Corpus {
    let mut corpus = Corpus::default();
    corpus.add_documents([
        document(
            "a.txt",
            &[
                Line {
                    entities: &[("Mahuad", PERSON), ("Quito", PLACE)],
                    ..line("Mahuad left Quito on 21 January 2000.", "21 January 2000", day(2000, 1, 21))
                },
                Line {
                    entities: &[("Gutierrez", PERSON)],
                    ..line("Gutierrez fell in April 2005.", "April 2005", month(2005, 4))
                },
                line("Protests went on for a few hours.", "a few hours", None),
            ],
        ),
        document(
            "b.txt",
            &[
                Line {
                    alternatives: &[Date::constant(2005, 1, 21)],
                    entities: &[("Quito", PLACE)],
                    ..line(
                        "On Friday 21st of January Quito rose.",
                        "Friday 21st of January",
                        day(2000, 1, 21),
                    )
                },
                Line {
                    entities: &[("Gutierrez", PERSON)],
                    ..line("Gutierrez won in November 2002.", "November 2002", month(2002, 11))
                },
            ],
        ),
    ]);
    corpus
}

fn sentences(corpus: &Corpus, events: &[EventId]) -> Vec<String> {
    events.iter().map(|&e| corpus.sentence(e).to_owned()).collect()
}

fn key(name: &str, kind: EntityKind) -> EntityKey {
    EntityKey { kind, name: name.to_owned() }
}

#[test]
fn events_are_stored_in_chronological_order_with_undated_last() {
    let corpus = corpus();
    let all: Vec<EventId> = (0..corpus.events().len() as u32).map(EventId).collect();
    assert_eq!(
        sentences(&corpus, &all),
        [
            "Mahuad left Quito on 21 January 2000.",
            "On Friday 21st of January Quito rose.",
            "Gutierrez won in November 2002.",
            "Gutierrez fell in April 2005.",
            "Protests went on for a few hours.",
        ]
    );
    let april = corpus.event(EventId(3)).span.expect("dated");
    assert_eq!(
        (april.first_day, april.last_day),
        (day_number(Date::constant(2005, 4, 1)), day_number(Date::constant(2005, 4, 30)))
    );
    assert!(corpus.event(EventId(1)).span.expect("dated").uncertain);
    assert!(corpus.event(EventId(4)).span.is_none());
}

#[test]
fn entities_are_counted_across_documents_most_mentioned_first() {
    let corpus = corpus();
    let counted: Vec<(String, u32)> =
        corpus.entities().iter().map(|e| (e.key.name.clone(), e.mentions)).collect();
    assert_eq!(counted, [("Gutierrez".to_owned(), 2), ("Quito".to_owned(), 2), ("Mahuad".to_owned(), 1)]);
}

#[test]
fn unfiltered_view_shows_everything_and_counts_facets() {
    let corpus = corpus();
    let view = filter_events(&corpus, &Filter::default());
    assert_eq!(view.events.len(), 5);
    assert_eq!(view.dated, 4);
    let gutierrez = corpus.entity_id(&key("Gutierrez", PERSON)).expect("entity");
    assert_eq!(view.entity_counts[gutierrez.0 as usize], 2);
    assert_eq!(view.document_counts, [3, 2]);
}

#[test]
fn search_is_case_insensitive_substring_by_default() {
    let corpus = corpus();
    let filter = Filter { search: "QUITO".to_owned(), ..Filter::default() };
    let view = filter_events(&corpus, &filter);
    assert_eq!(
        sentences(&corpus, &view.events),
        ["Mahuad left Quito on 21 January 2000.", "On Friday 21st of January Quito rose."]
    );
    let literal = Filter { search: "2000.".to_owned(), ..Filter::default() };
    assert_eq!(filter_events(&corpus, &literal).events.len(), 1, "the dot is literal without regex");
}

#[test]
fn regex_search_matches_and_an_invalid_regex_is_reported_not_applied() {
    let corpus = corpus();
    let regex =
        Filter { search: r"^gutierrez (won|fell)".to_owned(), search_is_regex: true, ..Filter::default() };
    assert_eq!(filter_events(&corpus, &regex).events.len(), 2);
    let invalid = Filter { search: "(unclosed".to_owned(), search_is_regex: true, ..Filter::default() };
    let view = filter_events(&corpus, &invalid);
    assert!(view.search_error.is_some());
    assert_eq!(view.events.len(), 5);
}

#[test]
fn included_entities_must_all_appear_and_facet_counts_follow() {
    let corpus = corpus();
    let mut filter = Filter::default();
    filter.included.insert(key("Quito", PLACE));
    let view = filter_events(&corpus, &filter);
    assert_eq!(view.events.len(), 2);
    let mahuad = corpus.entity_id(&key("Mahuad", PERSON)).expect("entity");
    let gutierrez = corpus.entity_id(&key("Gutierrez", PERSON)).expect("entity");
    assert_eq!(view.entity_counts[mahuad.0 as usize], 1);
    assert_eq!(view.entity_counts[gutierrez.0 as usize], 0);
    filter.included.insert(key("Mahuad", PERSON));
    assert_eq!(
        sentences(&corpus, &filter_events(&corpus, &filter).events),
        ["Mahuad left Quito on 21 January 2000."]
    );
}

#[test]
fn excluded_entities_remove_their_events() {
    let corpus = corpus();
    let mut filter = Filter::default();
    filter.excluded.insert(key("Gutierrez", PERSON));
    let view = filter_events(&corpus, &filter);
    assert_eq!(view.events.len(), 3);
    let gutierrez = corpus.entity_id(&key("Gutierrez", PERSON)).expect("entity");
    assert!(view.events.iter().all(|&e| !corpus.event(e).entities.contains(&gutierrez)));
}

#[test]
fn date_range_keeps_overlapping_events_and_drops_undated() {
    let corpus = corpus();
    let range = |a: Date, b: Date| Some((day_number(a), day_number(b)));
    let filter = Filter {
        day_range: range(Date::constant(2005, 4, 30), Date::constant(2006, 1, 1)),
        ..Filter::default()
    };
    assert_eq!(
        sentences(&corpus, &filter_events(&corpus, &filter).events),
        ["Gutierrez fell in April 2005."]
    );
    let filter = Filter {
        day_range: range(Date::constant(1999, 1, 1), Date::constant(2000, 12, 31)),
        ..Filter::default()
    };
    assert_eq!(filter_events(&corpus, &filter).events.len(), 2);
}

#[test]
fn hidden_documents_and_show_undated_filter_events() {
    let corpus = corpus();
    let mut filter = Filter::default();
    filter.hidden_documents.insert(DocId(0));
    assert_eq!(filter_events(&corpus, &filter).events.len(), 2);
    let filter = Filter { show_undated: false, ..Filter::default() };
    let view = filter_events(&corpus, &filter);
    assert_eq!((view.events.len(), view.dated), (4, 4));
    assert!(view.undated_events().is_empty());
}

#[test]
fn view_is_current_until_the_filter_or_corpus_changes() {
    let mut corpus = corpus();
    let filter = Filter::default();
    let view = filter_events(&corpus, &filter);
    assert!(view.is_current(&corpus, &filter));
    assert!(!view.is_current(&corpus, &Filter { search: "x".to_owned(), ..Filter::default() }));
    corpus.correct_date(DocId(0), 0, None);
    assert!(!view.is_current(&corpus, &filter));
}

#[test]
fn event_list_orders_by_column_and_direction() {
    let corpus = corpus();
    let view = filter_events(&corpus, &Filter::default());
    let by_document = ordered_events(&corpus, &view, EventOrder::Document, true);
    assert_eq!(corpus.event(by_document[0]).document, DocId(1));
    let by_sentence = ordered_events(&corpus, &view, EventOrder::Sentence, false);
    assert_eq!(corpus.sentence(by_sentence[0]), "Gutierrez fell in April 2005.");
}

#[test]
fn a_date_correction_moves_the_event_and_marks_it() {
    let mut corpus = corpus();
    let uncertain = (0..corpus.events().len() as u32)
        .map(EventId)
        .find(|&e| corpus.sentence(e).starts_with("On Friday"))
        .expect("event");
    let timex = corpus.event(uncertain).timex;
    let chosen = corpus.timex(uncertain).alternatives[0];
    corpus.correct_date(DocId(1), timex, Some(chosen));
    let moved = corpus.event_for_timex(DocId(1), timex).expect("event");
    let span = corpus.event(moved).span.expect("dated");
    assert!(span.corrected && !span.uncertain);
    assert_eq!(span.interval.earliest, Date::constant(2005, 1, 21));
    assert_eq!(corpus.corrections().len(), 1);
    // The correction survives clearing and reopening the same document.
    corpus.clear();
    corpus.add_documents([document(
        "b.txt",
        &[line("On Friday 21st of January Quito rose.", "Friday 21st of January", day(2000, 1, 21))],
    )]);
    assert!(corpus.event(EventId(0)).span.expect("dated").corrected);
    corpus.correct_date(DocId(0), 0, None);
    assert!(corpus.corrections().is_empty());
}

#[test]
fn csv_and_json_export_the_given_events_in_order() {
    let corpus = corpus();
    let events = [EventId(3), EventId(4)];
    assert_eq!(
        events_to_csv(&corpus, &events),
        "\u{feff}value,earliest,latest,certainty,date_text,document,sentence,entities\r\n\
         X,2005-04-01,2005-04-30,certain,April 2005,a.txt,Gutierrez fell in April 2005.,Gutierrez\r\n\
         X,,,undated,a few hours,a.txt,Protests went on for a few hours.,\r\n"
    );
    let json: serde_json::Value = serde_json::from_str(&events_to_json(&corpus, &events)).expect("json");
    assert_eq!(json[0]["earliest"], "2005-04-01");
    assert_eq!(json[1]["certainty"], "undated");
}

#[test]
fn a_period_exports_its_whole_span_and_both_dates_words() {
    let mut corpus = Corpus::default();
    corpus.add_documents(chronoscope::ingest::sample_documents());
    let period = (0..corpus.events().len() as u32)
        .map(EventId)
        .find(|&id| corpus.sentence(id).starts_with("Between 1996 and 2006"))
        .expect("the sample's period");
    let json: serde_json::Value = serde_json::from_str(&events_to_json(&corpus, &[period])).expect("json");
    assert_eq!(
        (&json[0]["earliest"], &json[0]["latest"], &json[0]["date_text"]),
        (&"1996-01-01".into(), &"2006-12-31".into(), &"1996 and 2006".into())
    );
}
