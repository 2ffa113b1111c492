//! Everything the UI can ask for. Views only emit commands; [`crate::app`] applies them
//! once per frame, so the model changes in one place and every view sees the same state.

use std::path::PathBuf;

use jiff::civil::Date;

use crate::extract::time::Interval;
use crate::ingest::SplitMode;
use crate::model::entity_edits::EntityEdit;
use crate::model::filter::{EventOrder, Filter};
use crate::model::{DocId, EventId};

/// A request from a view.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Select an event (and show its document), or clear the selection.
    SelectEvent(Option<EventId>),
    /// The pointer is over an event this frame (in any view).
    Hover(EventId),
    /// Show a document in the viewer without selecting an event.
    ShowDocument(DocId),
    /// Replace the filter (views edit a copy and send it back).
    SetFilter(Filter),
    /// Sort the event list.
    SetEventOrder {
        order: EventOrder,
        descending: bool,
    },
    /// Set or clear the user's reference date for a document; its dates re-resolve.
    SetReferenceDate {
        document: DocId,
        date: Option<Date>,
    },
    /// Set (or with `None` remove) the user's date for one time expression.
    CorrectDate {
        document: DocId,
        timex: usize,
        interval: Option<Interval>,
    },
    /// Merge, rename, re-kind an entity or split an alias off it.
    EditEntity(EntityEdit),
    /// Load files or folders.
    Open(Vec<PathBuf>),
    OpenFilesDialog,
    OpenFolderDialog,
    /// Stop the running load after the current file.
    CancelLoad,
    /// Remove every document.
    CloseAll,
    /// Ask where to save the filtered chronology, then write it.
    Export(ExportFormat),
    SetTheme(egui::ThemePreference),
    /// How files opened from now on are split into documents.
    SetSplitMode(SplitMode),
}

/// Export file formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

impl ExportFormat {
    /// File extension, also used as the dialog's filter name.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Json => "json",
        }
    }
}
