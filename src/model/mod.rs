//! The one in-memory model every view draws from: documents, the events and entities
//! derived from them, the filter and the selection.
//!
//! No egui, no I/O, no threads. Derived data (events, entities, the filtered view) is
//! rebuilt from the documents in one place, so it can never disagree with them.

pub mod calendar;
pub mod entity_edits;
pub mod export;
pub mod filter;
pub mod selection;

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::extract::entities::{self, EntityKind, Mention};
use crate::extract::time::{Interval, Timex};
use crate::extract::{DocumentExtraction, time::ReferenceDate};
use crate::ingest::{LoadedDocument, Problem};

use self::calendar::{DayNumber, day_number};
use self::entity_edits::{EntityEdit, EntityEdits};

/// Index of a document in [`Corpus::documents`]; stable while the corpus lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DocId(pub u32);

/// Index of an event in [`Corpus::events`]. Events are stored in chronological order, so
/// comparing ids compares dates; ids change when the corpus is rebuilt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventId(pub u32);

/// Index of an entity in [`Corpus::entities`]; changes when the corpus is rebuilt, so
/// anything that outlives a rebuild (filters) keys entities by [`EntityKey`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(pub u32);

/// Names an entity across rebuilds.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntityKey {
    pub kind: EntityKind,
    pub name: String,
}

/// One loaded document and what was extracted from it.
#[derive(Clone, Debug)]
pub struct Document {
    pub path: PathBuf,
    pub name: String,
    pub text: Arc<str>,
    /// The reference date the user set, if any; the extraction's reference says what was
    /// actually used and where it came from.
    pub given_reference: Option<Date>,
    pub extraction: DocumentExtraction,
    /// Per mention of `extraction.mentions`, the entity it belongs to after corpus-wide
    /// alias linking.
    pub mention_entities: Vec<EntityId>,
}

impl Document {
    /// The reference date used for this document's relative dates, with its provenance.
    pub fn reference(&self) -> ReferenceDate {
        self.extraction
            .reference
            .unwrap_or(ReferenceDate { date: None, source: crate::extract::time::ReferenceSource::None })
    }
}

/// Where an event sits in time: the calendar interval and the same in day numbers (both
/// ends inclusive) for ordering and drawing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventSpan {
    pub interval: Interval,
    pub first_day: DayNumber,
    pub last_day: DayNumber,
    /// The text does not pin the date down (other readings exist, or it says "about",
    /// "c."); drawn hollow.
    pub uncertain: bool,
    /// The user set this date; it overrides what the tagger found.
    pub corrected: bool,
}

impl EventSpan {
    fn new(interval: Interval, uncertain: bool, corrected: bool) -> Self {
        Self {
            interval,
            first_day: day_number(interval.earliest),
            last_day: day_number(interval.latest),
            uncertain,
            corrected,
        }
    }
}

/// The user's fix for one date, keyed by document and by the expression's position and text
/// so it survives re-extraction and restarts (it is dropped if the text changed there).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateCorrection {
    pub path: PathBuf,
    pub document: String,
    /// Byte offset of the time expression in the document.
    pub start: usize,
    /// The time expression's text, to check the correction still applies.
    pub text: String,
    pub interval: Interval,
}

/// A sentence anchored on one of its time expressions.
#[derive(Clone, Debug)]
pub struct Event {
    pub document: DocId,
    /// Byte range of the sentence in the document text.
    pub sentence: Range<usize>,
    /// Index into the document's `extraction.timexes`.
    pub timex: usize,
    /// The expression ending the period the event spans ("from 2010 to [2014]"), if any.
    pub until: Option<usize>,
    /// `None` for undated events.
    pub span: Option<EventSpan>,
    /// Distinct entities mentioned in the sentence.
    pub entities: Vec<EntityId>,
}

/// A canonical entity with its mention count over the whole corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// Its name and kind, which filters and corrections refer to.
    pub key: EntityKey,
    /// How many times the corpus names it, under any alias.
    pub mentions: u32,
    /// The distinct ways the text writes it, most frequent first.
    pub aliases: Vec<String>,
}

/// All documents and everything derived from them.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    documents: Vec<Document>,
    events: Vec<Event>,
    entities: Vec<Entity>,
    entity_ids: HashMap<EntityKey, EntityId>,
    problems: Vec<Problem>,
    corrections: Vec<DateCorrection>,
    entity_edits: EntityEdits,
    revision: u64,
}

impl Corpus {
    /// Adds documents and rebuilds the derived data once for the whole batch.
    pub fn add_documents(&mut self, loaded: impl IntoIterator<Item = LoadedDocument>) {
        let before = self.documents.len();
        self.documents.extend(loaded.into_iter().map(|doc| Document {
            path: doc.path,
            name: doc.name,
            text: doc.text,
            given_reference: doc.given_reference,
            extraction: doc.extraction,
            mention_entities: Vec::new(),
        }));
        if self.documents.len() != before {
            self.rebuild();
        }
    }

    /// Records files that could not be loaded.
    pub fn add_problems(&mut self, problems: impl IntoIterator<Item = Problem>) {
        self.problems.extend(problems);
        self.revision += 1;
    }

    /// Replaces one document's extraction after its reference date changed.
    pub fn replace_extraction(
        &mut self,
        document: DocId,
        given_reference: Option<Date>,
        extraction: DocumentExtraction,
    ) {
        if let Some(doc) = self.documents.get_mut(document.0 as usize) {
            doc.given_reference = given_reference;
            // Re-resolving dates keeps the sentences and mentions, so entities stand.
            doc.extraction = extraction;
            self.rebuild_events();
        }
    }

    /// Removes every document and problem; date corrections are kept for when the
    /// documents are opened again.
    pub fn clear(&mut self) {
        let revision = self.revision + 1;
        let corrections = std::mem::take(&mut self.corrections);
        let entity_edits = std::mem::take(&mut self.entity_edits);
        *self = Self { revision, corrections, entity_edits, ..Self::default() };
    }

    /// Sets (or with `None` removes) the user's date for one time expression.
    pub fn correct_date(&mut self, document: DocId, timex: usize, interval: Option<Interval>) {
        let Some(doc) = self.documents.get(document.0 as usize) else {
            return;
        };
        let Some(found) = doc.extraction.timexes.get(timex) else {
            return;
        };
        let start = found.start;
        let text = doc.text[found.start..found.end].to_owned();
        let (path, name) = (doc.path.clone(), doc.name.clone());
        self.corrections.retain(|c| !(c.path == path && c.document == name && c.start == start));
        if let Some(interval) = interval {
            self.corrections.push(DateCorrection { path, document: name, start, text, interval });
        }
        self.rebuild_events();
    }

    /// Applies a correction to entities; every view follows on the next frame.
    pub fn edit_entities(&mut self, edit: EntityEdit) {
        self.entity_edits.apply(edit);
        self.rebuild();
    }

    /// The user's entity corrections, to persist.
    pub fn entity_edits(&self) -> &EntityEdits {
        &self.entity_edits
    }

    /// Restores saved entity corrections.
    pub fn set_entity_edits(&mut self, edits: EntityEdits) {
        self.entity_edits = edits;
        self.rebuild();
    }

    /// Every date correction the user made, to persist.
    pub fn corrections(&self) -> &[DateCorrection] {
        &self.corrections
    }

    /// Restores saved corrections (they apply to documents as they are opened).
    pub fn set_corrections(&mut self, corrections: Vec<DateCorrection>) {
        self.corrections = corrections;
        self.rebuild_events();
    }

    /// The user's date for a time expression, if they set one.
    fn correction(&self, doc: &Document, timex: &Timex) -> Option<Interval> {
        self.corrections
            .iter()
            .find(|c| {
                c.start == timex.start
                    && c.path == doc.path
                    && c.document == doc.name
                    && doc.text.get(timex.start..timex.end) == Some(c.text.as_str())
            })
            .map(|c| c.interval)
    }

    /// Bumped on every change, so views can cache what they derive from the corpus.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Documents in load order.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// One document.
    pub fn document(&self, id: DocId) -> &Document {
        &self.documents[id.0 as usize]
    }

    /// Events in chronological order, undated last.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// One event.
    pub fn event(&self, id: EventId) -> &Event {
        &self.events[id.0 as usize]
    }

    /// The time expression an event is anchored on.
    pub fn timex(&self, id: EventId) -> &Timex {
        let event = self.event(id);
        &self.document(event.document).extraction.timexes[event.timex]
    }

    /// The event of a given document anchored on a given time expression, if any.
    pub fn event_for_timex(&self, document: DocId, timex: usize) -> Option<EventId> {
        self.events.iter().position(|e| e.document == document && e.timex == timex).map(|i| EventId(i as u32))
    }

    /// Identifies an event across rebuilds (ids are reassigned when events re-sort): its
    /// document and the byte offset of its time expression.
    pub fn stable_key(&self, id: EventId) -> (DocId, usize) {
        (self.event(id).document, self.timex(id).start)
    }

    /// The event a [`Corpus::stable_key`] named, if it still exists.
    pub fn event_by_stable_key(&self, (document, start): (DocId, usize)) -> Option<EventId> {
        self.events
            .iter()
            .position(|e| {
                e.document == document && self.document(document).extraction.timexes[e.timex].start == start
            })
            .map(|i| EventId(i as u32))
    }

    /// The sentence text of an event.
    pub fn sentence(&self, id: EventId) -> &str {
        let event = self.event(id);
        &self.document(event.document).text[event.sentence.clone()]
    }

    /// Canonical entities, most mentioned first.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// One entity.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.0 as usize]
    }

    /// Looks an entity up by its stable key.
    pub fn entity_id(&self, key: &EntityKey) -> Option<EntityId> {
        self.entity_ids.get(key).copied()
    }

    /// Files that could not be loaded.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Derives entities and events from the documents.
    fn rebuild(&mut self) {
        self.rebuild_entities();
        self.rebuild_events();
    }

    /// Links mentions across documents, applies the user's entity edits and counts.
    fn rebuild_entities(&mut self) {
        let texts: Vec<&str> = self.documents.iter().map(|d| &*d.text).collect();
        let mut linked: Vec<Vec<Mention>> =
            self.documents.iter().map(|d| d.extraction.mentions.clone()).collect();
        entities::link_across_documents(&texts, &mut linked);

        let keys: Vec<Vec<EntityKey>> = self
            .documents
            .iter()
            .zip(&linked)
            .map(|(doc, mentions)| {
                mentions
                    .iter()
                    .map(|m| self.entity_edits.resolve(mention_key(m), &doc.text[m.start..m.end]))
                    .collect()
            })
            .collect();
        let mut counts: HashMap<&EntityKey, (u32, HashMap<&str, u32>)> = HashMap::new();
        for ((doc, mentions), doc_keys) in self.documents.iter().zip(&linked).zip(&keys) {
            for (mention, key) in mentions.iter().zip(doc_keys) {
                let (count, aliases) = counts.entry(key).or_default();
                *count += 1;
                *aliases.entry(&doc.text[mention.start..mention.end]).or_default() += 1;
            }
        }
        let mut ranked: Vec<Entity> = counts
            .into_iter()
            .map(|(key, (mentions, aliases))| {
                let mut aliases: Vec<(&str, u32)> = aliases.into_iter().collect();
                aliases.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
                Entity {
                    key: key.clone(),
                    mentions,
                    aliases: aliases.into_iter().map(|(alias, _)| alias.to_owned()).collect(),
                }
            })
            .collect();
        ranked.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.key.cmp(&b.key)));
        self.entity_ids =
            ranked.iter().enumerate().map(|(i, e)| (e.key.clone(), EntityId(i as u32))).collect();
        self.entities = ranked;
        for (doc, doc_keys) in self.documents.iter_mut().zip(&keys) {
            doc.mention_entities = doc_keys.iter().map(|key| self.entity_ids[key]).collect();
        }
    }

    /// Derives the time-sorted events; enough on its own when only dates changed (a
    /// correction, a new reference date), which keeps those edits cheap on big corpora.
    fn rebuild_events(&mut self) {
        self.revision += 1;
        let corpus = &*self;
        let events: Vec<Event> = corpus
            .documents
            .iter()
            .enumerate()
            .flat_map(|(doc_index, doc)| {
                doc.extraction.events.iter().map(move |candidate| {
                    let timexes = &doc.extraction.timexes;
                    let mut entities: Vec<EntityId> =
                        candidate.mentions.iter().map(|&m| doc.mention_entities[m]).collect();
                    entities.sort_unstable();
                    entities.dedup();
                    Event {
                        document: DocId(doc_index as u32),
                        sentence: doc.extraction.sentences[candidate.sentence].clone(),
                        timex: candidate.timex,
                        until: candidate.until,
                        span: corpus.event_span(
                            doc,
                            &timexes[candidate.timex],
                            candidate.until.map(|u| &timexes[u]),
                        ),
                        entities,
                    }
                })
            })
            .collect();
        self.events = events;
        self.events.sort_by_key(|e| {
            (e.span.is_none(), e.span.map(|s| (s.first_day, s.last_day)), e.document, e.sentence.start)
        });
    }

    /// Where an event sits: its date, or the period from it to `until`, each end as the
    /// user corrected it or else as the tagger read it.
    fn event_span(&self, doc: &Document, timex: &Timex, until: Option<&Timex>) -> Option<EventSpan> {
        // (interval, uncertain, corrected) of one date: uncertain when other readings exist
        // or the text itself says it is approximate ("c. 1850").
        let reading = |timex: &Timex| match self.correction(doc, timex) {
            Some(interval) => Some((interval, false, true)),
            None => timex
                .interval
                .map(|interval| (interval, timex.is_approximate() || !timex.alternatives.is_empty(), false)),
        };
        let (start, uncertain, corrected) = reading(timex)?;
        Some(match until.and_then(reading) {
            Some((last, last_uncertain, last_corrected)) => {
                EventSpan::new(start.through(last), uncertain || last_uncertain, corrected || last_corrected)
            }
            None => EventSpan::new(start, uncertain, corrected),
        })
    }
}

fn mention_key(mention: &Mention) -> EntityKey {
    EntityKey { kind: mention.kind, name: mention.canonical.clone() }
}
