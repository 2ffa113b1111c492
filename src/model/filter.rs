//! The filter every view shares, and the filtered view it produces.
//!
//! The view is recomputed only when the filter or the corpus changes (compare
//! [`FilteredView::is_current`]), never per frame: with 100,000 events a frame must not
//! walk them all.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};

use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};

use super::calendar::DayNumber;
use super::{Corpus, DocId, EntityKey, EventId};

/// What the user asked to see. Serializable so it can be restored with the session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// Case-insensitive; a substring unless `search_is_regex`.
    pub search: String,
    pub search_is_regex: bool,
    /// Events must mention every included entity…
    pub included: BTreeSet<EntityKey>,
    /// …and none of the excluded ones.
    pub excluded: BTreeSet<EntityKey>,
    pub hidden_documents: BTreeSet<DocId>,
    /// Inclusive day range; an event passes if its span overlaps it.
    pub day_range: Option<(DayNumber, DayNumber)>,
    pub show_undated: bool,
}

impl Default for Filter {
    fn default() -> Self {
        Self {
            search: String::new(),
            search_is_regex: false,
            included: BTreeSet::new(),
            excluded: BTreeSet::new(),
            hidden_documents: BTreeSet::new(),
            day_range: None,
            show_undated: true,
        }
    }
}

/// The events that pass the filter, and the counts the facets show.
#[derive(Clone, Debug, Default)]
pub struct FilteredView {
    /// Passing events in chronological order, undated last.
    pub events: Vec<EventId>,
    /// How many of `events` are dated (they come first).
    pub dated: usize,
    /// Per entity (indexed by `EntityId`), how many passing events mention it.
    pub entity_counts: Vec<u32>,
    /// Per document, how many passing events it has.
    pub document_counts: Vec<u32>,
    /// Set when the search is not a valid regex; the search is then ignored.
    pub search_error: Option<String>,
    corpus_revision: u64,
    filter: Option<Filter>,
    generation: u64,
}

impl FilteredView {
    /// Whether this view was computed from exactly this corpus state and filter.
    pub fn is_current(&self, corpus: &Corpus, filter: &Filter) -> bool {
        self.corpus_revision == corpus.revision() && self.filter.as_ref() == Some(filter)
    }

    /// Differs between any two computed views, so views can cache what they derive.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The dated passing events.
    pub fn dated_events(&self) -> &[EventId] {
        &self.events[..self.dated]
    }

    /// The undated passing events.
    pub fn undated_events(&self) -> &[EventId] {
        &self.events[self.dated..]
    }
}

static NEXT_GENERATION: AtomicU64 = AtomicU64::new(1);

/// Computes the filtered view.
pub fn filter_events(corpus: &Corpus, filter: &Filter) -> FilteredView {
    let (search, search_error) = compile_search(filter);
    let included: Option<Vec<_>> = filter.included.iter().map(|key| corpus.entity_id(key)).collect();
    let excluded: Vec<_> = filter.excluded.iter().filter_map(|key| corpus.entity_id(key)).collect();
    let mut view = FilteredView {
        entity_counts: vec![0; corpus.entities().len()],
        document_counts: vec![0; corpus.documents().len()],
        search_error,
        corpus_revision: corpus.revision(),
        filter: Some(filter.clone()),
        generation: NEXT_GENERATION.fetch_add(1, Ordering::Relaxed),
        ..FilteredView::default()
    };
    // An included entity that no longer exists matches nothing.
    let Some(included) = included else {
        return view;
    };
    for (index, event) in corpus.events().iter().enumerate() {
        let passes = match event.span {
            None => filter.show_undated && filter.day_range.is_none(),
            Some(span) => {
                filter.day_range.is_none_or(|(first, last)| span.last_day >= first && span.first_day <= last)
            }
        } && !filter.hidden_documents.contains(&event.document)
            && included.iter().all(|id| event.entities.contains(id))
            && !excluded.iter().any(|id| event.entities.contains(id))
            && search
                .as_ref()
                .is_none_or(|re| re.is_match(&corpus.document(event.document).text[event.sentence.clone()]));
        if !passes {
            continue;
        }
        view.events.push(EventId(index as u32));
        if event.span.is_some() {
            view.dated += 1;
        }
        view.document_counts[event.document.0 as usize] += 1;
        for entity in &event.entities {
            view.entity_counts[entity.0 as usize] += 1;
        }
    }
    view
}

fn compile_search(filter: &Filter) -> (Option<Regex>, Option<String>) {
    let needle = filter.search.trim();
    if needle.is_empty() {
        return (None, None);
    }
    let pattern = if filter.search_is_regex { needle.to_owned() } else { regex::escape(needle) };
    match RegexBuilder::new(&pattern).case_insensitive(true).build() {
        Ok(re) => (Some(re), None),
        Err(err) => (None, Some(err.to_string())),
    }
}

/// Columns the event list can be sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventOrder {
    #[default]
    Date,
    Document,
    Sentence,
}

/// The passing events in the order the event list shows and exports them.
pub fn ordered_events(
    corpus: &Corpus,
    view: &FilteredView,
    order: EventOrder,
    descending: bool,
) -> Vec<EventId> {
    let mut events = view.events.clone();
    match order {
        EventOrder::Date => {}
        EventOrder::Document => events.sort_by_key(|&id| corpus.event(id).document),
        EventOrder::Sentence => events.sort_by_cached_key(|&id| corpus.sentence(id).to_lowercase()),
    }
    if descending {
        events.reverse();
    }
    events
}
