//! The frame loop: drain the worker, keep the filtered view current, draw, apply the
//! commands the views emitted. The only place where the model changes.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::{Duration, Instant};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::command::{Command, ExportFormat};
use crate::ingest::{IngestMessage, IngestWorker, Job, LoadOptions, LoadTicket, LoadedDocument, SplitMode};
use crate::model::entity_edits::EntityEdits;
use crate::model::export::{events_to_csv, events_to_json};
use crate::model::filter::{EventOrder, Filter, FilteredView, filter_events, ordered_events};
use crate::model::selection::Selection;
use crate::model::{Corpus, DateCorrection, DocId, EventId};
use crate::persist::{JsonStore, write_atomically};
use crate::ui::{self, UiState, ViewModel};

/// What survives a restart; saved to `settings.json` whenever it changes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// What was open at exit, reopened at start.
    pub open_paths: Vec<PathBuf>,
    pub theme: egui::ThemePreference,
    pub split_mode: SplitMode,
    /// Reference dates the user set, by document path and name.
    pub reference_dates: Vec<(PathBuf, String, Date)>,
}

/// The app id eframe uses for its storage folder; settings and corrections live there too.
pub const APP_ID: &str = "Chronoscope";
const RECENT_LIMIT: usize = 10;
/// A file dialog that gives up faster than a person could cancel it is not available
/// (no desktop portal); the app then says so or falls back.
const DIALOG_UNAVAILABLE: Duration = Duration::from_millis(400);
/// Shortest time between two batches of loaded documents joining the corpus.
const MIN_BATCH_INTERVAL: Duration = Duration::from_millis(250);
/// How long one frame may spend taking worker messages.
const DRAIN_BUDGET: Duration = Duration::from_millis(6);

/// A load in progress, for the progress bar.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadProgress {
    pub done: usize,
    pub total: usize,
    pub current: Option<PathBuf>,
}

/// Results from file dialogs, which run on their own threads.
enum DialogResult {
    Open(Vec<PathBuf>),
    Nothing,
    Status(String),
}

/// The application: model, settings and background work.
pub struct ChronoscopeApp {
    corpus: Corpus,
    filter: Filter,
    view: FilteredView,
    ordered: Vec<EventId>,
    order: (EventOrder, bool),
    selection: Selection,
    settings: Settings,
    worker: Option<IngestWorker>,
    queued_jobs: VecDeque<Job>,
    load: Option<LoadProgress>,
    dialog_sender: SyncSender<DialogResult>,
    dialog_results: Receiver<DialogResult>,
    status: Option<String>,
    ui_state: UiState,
    /// Loads submitted and not finished; messages of any other load are ignored.
    loads: Vec<LoadTicket>,
    next_load_id: u64,
    /// Documents received and not yet added to the corpus (see `drain_background`).
    pending_documents: Vec<LoadedDocument>,
    last_batch: Instant,
    batch_interval: Duration,
    edits_store: JsonStore,
    settings_store: JsonStore,
    /// The settings as last saved, to save again only when they change.
    saved_settings: Settings,
    /// Only the bundled sample is open.
    showing_samples: bool,
}

/// The user's corrections as saved: dates and entities.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct SavedEdits {
    dates: Vec<DateCorrection>,
    entities: EntityEdits,
}

impl ChronoscopeApp {
    /// Creates the app for eframe: restores settings, starts the worker, opens `paths` (or
    /// what was open last time, or the bundled samples).
    pub fn new(cc: &eframe::CreationContext<'_>, paths: Vec<PathBuf>, cli_reference: Option<Date>) -> Self {
        let storage_dir = eframe::storage_dir(APP_ID);
        let settings_store =
            JsonStore::new(storage_dir.as_ref().map(|d| d.join("settings.json")), "settings");
        let edits_store = JsonStore::new(storage_dir.map(|d| d.join("corrections.json")), "corrections");
        let mut problems = Vec::new();
        let settings: Settings = settings_store.load().unwrap_or_else(|message| {
            problems.push(message);
            Settings::default()
        });
        cc.egui_ctx.set_theme(settings.theme);
        let mut app = Self::with_settings(settings);
        app.saved_settings = app.settings.clone();
        app.settings_store = settings_store;
        match edits_store.load::<SavedEdits>() {
            Ok(edits) => {
                app.corpus.set_corrections(edits.dates);
                app.corpus.set_entity_edits(edits.entities);
            }
            Err(message) => problems.push(message),
        }
        app.edits_store = edits_store;
        app.status = (!problems.is_empty()).then(|| problems.join(" "));
        app.start_worker(&cc.egui_ctx);
        let reopen = if paths.is_empty() { app.settings.open_paths.clone() } else { paths };
        if reopen.is_empty() {
            app.showing_samples = true;
            let ticket = app.new_load();
            app.submit(Job::LoadSamples { ticket });
        } else {
            // Files named on the command line are this session's documents, not additions
            // to the last one's.
            app.settings.open_paths.clear();
            app.open(reopen, cli_reference);
        }
        app
    }

    /// An app already holding `documents`, with no worker and default settings: what UI
    /// tests and the frame benchmark drive.
    pub fn with_documents(documents: Vec<LoadedDocument>) -> Self {
        let mut app = Self::with_settings(Settings::default());
        app.corpus.add_documents(documents);
        if !app.corpus.documents().is_empty() {
            app.selection.document = Some(DocId(0));
        }
        app.refresh_view();
        app
    }

    /// Starts the ingest worker; until then loads wait in a queue. The worker wakes `ctx`
    /// whenever it has something for the UI.
    pub fn start_worker(&mut self, ctx: &egui::Context) {
        let ctx = ctx.clone();
        match IngestWorker::spawn(move || ctx.request_repaint()) {
            Ok(worker) => {
                self.worker = Some(worker);
                self.flush_jobs();
            }
            Err(err) => self.status = Some(format!("Could not start the loading thread: {err}")),
        }
    }

    fn with_settings(settings: Settings) -> Self {
        let (dialog_sender, dialog_results) = sync_channel(8);
        Self {
            corpus: Corpus::default(),
            filter: Filter::default(),
            view: FilteredView::default(),
            ordered: Vec::new(),
            order: (EventOrder::Date, false),
            selection: Selection::default(),
            settings,
            worker: None,
            queued_jobs: VecDeque::new(),
            load: None,
            dialog_sender,
            dialog_results,
            status: None,
            ui_state: UiState::default(),
            loads: Vec::new(),
            next_load_id: 0,
            pending_documents: Vec::new(),
            last_batch: Instant::now(),
            batch_interval: MIN_BATCH_INTERVAL,
            edits_store: JsonStore::default(),
            settings_store: JsonStore::default(),
            saved_settings: Settings::default(),
            showing_samples: false,
        }
    }

    /// The model, for tests and benchmarks.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// The current filter.
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// The current selection.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// The filtered events in list order.
    pub fn filtered_events(&self) -> &[EventId] {
        &self.ordered
    }

    /// Whether a load is running or documents wait to be added.
    pub fn is_loading(&self) -> bool {
        !self.loads.is_empty() || !self.pending_documents.is_empty()
    }

    /// Draws one frame and applies what the user did in it. eframe and the UI tests both
    /// call this.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        self.drain_background(ui.ctx());
        self.refresh_view();
        let model = ViewModel {
            corpus: &self.corpus,
            filter: &self.filter,
            view: &self.view,
            ordered: &self.ordered,
            order: self.order,
            selection: &self.selection,
            load: self.load.as_ref(),
            status: self.status.as_deref(),
            settings: &self.settings,
        };
        let commands = ui::main_ui(ui, &model, &mut self.ui_state);
        let changed = commands.iter().any(|c| !matches!(c, Command::Hover(_)));
        for command in commands {
            self.apply(command, ui.ctx());
        }
        self.selection.end_frame();
        if self.settings != self.saved_settings {
            match self.settings_store.save(&self.settings) {
                Ok(()) => self.saved_settings = self.settings.clone(),
                Err(message) => self.status = Some(message),
            }
        }
        if changed {
            self.refresh_view();
            // Lay the frame out again so every view shows the change in this same frame.
            ui.ctx().request_discard("the model changed");
        }
    }

    /// Applies one command. Public so tests can drive the app without pixels.
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::SelectEvent(event) => {
                // An earlier command of the same frame may have rebuilt the corpus.
                let event = event.filter(|e| (e.0 as usize) < self.corpus.events().len());
                self.selection.select(event);
                if let Some(event) = event {
                    self.selection.document = Some(self.corpus.event(event).document);
                }
            }
            Command::Hover(event) => self.selection.set_hovered(event),
            Command::ShowDocument(document) => self.selection.document = Some(document),
            Command::SetFilter(filter) => self.filter = filter,
            Command::SetEventOrder { order, descending } => {
                self.order = (order, descending);
                self.ordered = ordered_events(&self.corpus, &self.view, order, descending);
            }
            Command::SetReferenceDate { document, date } => self.set_reference_date(document, date),
            Command::CorrectDate { document, timex, interval } => {
                self.keeping_selection(|corpus| corpus.correct_date(document, timex, interval));
                self.save_edits();
            }
            Command::EditEntity(edit) => {
                self.keeping_selection(|corpus| corpus.edit_entities(edit));
                // Filters follow renamed and merged entities and forget vanished ones, so
                // no filter is left that the panel cannot show or switch off.
                let corpus = &self.corpus;
                for keys in [&mut self.filter.included, &mut self.filter.excluded] {
                    *keys = std::mem::take(keys)
                        .into_iter()
                        .map(|key| corpus.entity_edits().resolve(key.clone(), &key.name))
                        .filter(|key| corpus.entity_id(key).is_some())
                        .collect();
                }
                self.save_edits();
            }
            Command::Open(paths) => self.open(paths, None),
            Command::OpenFilesDialog => self.spawn_dialog(ctx, false),
            Command::OpenFolderDialog => self.spawn_dialog(ctx, true),
            Command::CancelLoad => {
                for ticket in &self.loads {
                    ticket.cancel();
                }
            }
            Command::CloseAll => self.close_all(),
            Command::Export(format) => self.export(ctx, format),
            Command::SetTheme(theme) => {
                self.settings.theme = theme;
                ctx.set_theme(theme);
            }
            Command::SetSplitMode(mode) => self.settings.split_mode = mode,
        }
    }

    fn save_edits(&mut self) {
        let edits = SavedEdits {
            dates: self.corpus.corrections().to_vec(),
            entities: self.corpus.entity_edits().clone(),
        };
        if let Err(message) = self.edits_store.save(&edits) {
            self.status = Some(message);
        }
    }

    /// Changes the corpus and keeps the same event selected although event ids change.
    fn keeping_selection(&mut self, change: impl FnOnce(&mut Corpus)) {
        let selected = self.selection.event.map(|e| self.corpus.stable_key(e));
        change(&mut self.corpus);
        self.selection.event = selected.and_then(|key| self.corpus.event_by_stable_key(key));
    }

    fn refresh_view(&mut self) {
        if !self.view.is_current(&self.corpus, &self.filter) {
            self.view = filter_events(&self.corpus, &self.filter);
            self.ordered = ordered_events(&self.corpus, &self.view, self.order.0, self.order.1);
        }
    }

    fn close_all(&mut self) {
        for ticket in self.loads.drain(..) {
            ticket.cancel();
        }
        self.queued_jobs.clear();
        self.pending_documents.clear();
        self.load = None;
        self.corpus.clear();
        self.selection = Selection::default();
        self.filter = Filter::default();
        self.settings.open_paths.clear();
        self.showing_samples = false;
    }

    /// Loads files and folders; `given_reference` is the `--dct` date for files named on
    /// the command line, `None` for everything opened later.
    fn open(&mut self, paths: Vec<PathBuf>, given_reference: Option<Date>) {
        if paths.is_empty() {
            return;
        }
        // The bundled sample is a welcome, not the user's work: their first files replace it.
        if self.showing_samples {
            self.close_all();
        }
        // Absolute, so "open last time" and "recent" work from any working folder.
        let paths: Vec<PathBuf> = paths.into_iter().map(|p| std::fs::canonicalize(&p).unwrap_or(p)).collect();
        for path in &paths {
            self.settings.recent.retain(|p| p != path);
            self.settings.recent.insert(0, path.clone());
            if !self.settings.open_paths.contains(path) {
                self.settings.open_paths.push(path.clone());
            }
        }
        self.settings.recent.truncate(RECENT_LIMIT);
        let options = LoadOptions { split: self.settings.split_mode, given_reference };
        // Files already open (or arriving) are not loaded twice.
        let skip = self
            .corpus
            .documents()
            .iter()
            .map(|doc| doc.path.clone())
            .chain(self.pending_documents.iter().map(|doc| doc.path.clone()))
            .collect();
        let ticket = self.new_load();
        self.submit(Job::Load { ticket, paths, options, skip });
    }

    fn submit(&mut self, job: Job) {
        self.queued_jobs.push_back(job);
        self.flush_jobs();
    }

    /// A ticket for a new load, remembered until the load finishes or is abandoned.
    fn new_load(&mut self) -> LoadTicket {
        self.next_load_id += 1;
        let ticket = LoadTicket::new(self.next_load_id);
        self.loads.push(ticket.clone());
        self.load.get_or_insert_with(LoadProgress::default);
        ticket
    }

    fn flush_jobs(&mut self) {
        let Some(worker) = &self.worker else {
            return;
        };
        while let Some(job) = self.queued_jobs.pop_front() {
            if let Err(job) = worker.submit(job) {
                self.queued_jobs.push_front(job);
                break;
            }
        }
    }

    /// Takes worker and dialog results for at most [`DRAIN_BUDGET`]. New documents are
    /// added to the corpus in batches (each batch rebuilds the derived data), at most every
    /// few hundred milliseconds while a load runs, so a big folder does not rebuild the corpus
    /// once per file.
    fn drain_background(&mut self, ctx: &egui::Context) {
        while let Ok(result) = self.dialog_results.try_recv() {
            match result {
                DialogResult::Open(paths) => self.open(paths, None),
                DialogResult::Status(message) => self.status = Some(message),
                DialogResult::Nothing => {}
            }
        }
        self.flush_jobs();
        let Some(worker) = &self.worker else {
            return;
        };
        let started = Instant::now();
        let mut messages = Vec::new();
        while started.elapsed() < DRAIN_BUDGET {
            let Some(message) = worker.try_recv() else {
                break;
            };
            messages.push(message);
        }
        let mut problems = Vec::new();
        for message in messages {
            // What a load abandoned by Close all still sends is dropped.
            let current = |load: u64| self.loads.iter().any(|ticket| ticket.id == load);
            match message {
                IngestMessage::Started { load, total } if current(load) => {
                    self.load = Some(LoadProgress { done: 0, total, current: None });
                }
                IngestMessage::Progress { load, done, total, current: path } if current(load) => {
                    self.load = Some(LoadProgress { done, total, current: Some(path) });
                }
                IngestMessage::Document { load, document } if current(load) => {
                    self.pending_documents.push(*document);
                }
                IngestMessage::Problem { load, problem } if current(load) => problems.push(problem),
                IngestMessage::Finished { load, cancelled } if current(load) => {
                    self.loads.retain(|ticket| ticket.id != load);
                    if self.loads.is_empty() {
                        self.load = None;
                    }
                    if cancelled {
                        self.status = Some("Loading cancelled.".to_owned());
                    }
                }
                IngestMessage::Retagged { document, text, given_reference, extraction } => {
                    // Applied only if that document is still there, with the same text.
                    let same =
                        self.corpus.documents().get(document).is_some_and(|d| Arc::ptr_eq(&d.text, &text));
                    if same {
                        self.keeping_selection(|corpus| {
                            corpus.replace_extraction(DocId(document as u32), given_reference, *extraction);
                        });
                    }
                }
                IngestMessage::Started { .. }
                | IngestMessage::Progress { .. }
                | IngestMessage::Document { .. }
                | IngestMessage::Problem { .. }
                | IngestMessage::Finished { .. } => {}
            }
        }
        if !problems.is_empty() {
            self.corpus.add_problems(problems);
        }
        let batch_due = self.loads.is_empty() || self.last_batch.elapsed() >= self.batch_interval;
        if !self.pending_documents.is_empty() && batch_due {
            let documents = std::mem::take(&mut self.pending_documents);
            let first_new = self.corpus.documents().len();
            let rebuild_started = Instant::now();
            self.keeping_selection(|corpus| corpus.add_documents(documents));
            // Keep rebuilding to a small share of the frames while a load runs.
            self.batch_interval = (rebuild_started.elapsed() * 4).max(MIN_BATCH_INTERVAL);
            self.last_batch = Instant::now();
            self.reapply_saved_reference_dates(first_new);
            if self.selection.document.is_none() {
                self.selection.document = Some(DocId(0));
            }
            ctx.request_repaint();
        }
    }

    fn reapply_saved_reference_dates(&mut self, first_new: usize) {
        let saved: Vec<(DocId, Date)> = self.corpus.documents()[first_new..]
            .iter()
            .enumerate()
            .filter(|(_, doc)| doc.given_reference.is_none())
            .filter_map(|(offset, doc)| {
                self.settings
                    .reference_dates
                    .iter()
                    .find(|(path, name, _)| *path == doc.path && *name == doc.name)
                    .map(|&(_, _, date)| (DocId((first_new + offset) as u32), date))
            })
            .collect();
        for (document, date) in saved {
            self.set_reference_date(document, Some(date));
        }
    }

    fn set_reference_date(&mut self, document: DocId, date: Option<Date>) {
        let doc = self.corpus.document(document);
        self.settings.reference_dates.retain(|(path, name, _)| !(*path == doc.path && *name == doc.name));
        if let Some(date) = date {
            self.settings.reference_dates.push((doc.path.clone(), doc.name.clone(), date));
        }
        let (text, mut extraction) = (doc.text.clone(), doc.extraction.clone());
        if self.worker.is_some() {
            let job = Job::Retag {
                document: document.0 as usize,
                text,
                extraction: Box::new(extraction),
                given_reference: date,
            };
            self.submit(job);
        } else {
            // No worker (tests, benchmarks): the documents are small, resolve here.
            crate::extract::retag_times(&text, date, &mut extraction);
            self.keeping_selection(|corpus| corpus.replace_extraction(document, date, extraction));
        }
    }

    fn spawn_dialog(&mut self, ctx: &egui::Context, folder: bool) {
        self.run_dialog(ctx, "chronoscope-open-dialog", move || {
            let started = Instant::now();
            let dialog = rfd::FileDialog::new().set_title("Open in Chronoscope");
            let picked = if folder {
                dialog.pick_folder().map(|path| vec![path])
            } else {
                dialog
                    .add_filter("Text files", &["txt", "text", "md", "markdown", "rst", "log"])
                    .add_filter("All files", &["*"])
                    .pick_files()
            };
            match picked {
                Some(paths) => DialogResult::Open(paths),
                None if started.elapsed() < DIALOG_UNAVAILABLE => DialogResult::Status(
                    "No file dialog is available here (no desktop portal): drop files on the window \
                     or pass them on the command line."
                        .to_owned(),
                ),
                None => DialogResult::Nothing,
            }
        });
    }

    fn export(&mut self, ctx: &egui::Context, format: ExportFormat) {
        let contents = match format {
            ExportFormat::Csv => events_to_csv(&self.corpus, &self.ordered),
            ExportFormat::Json => events_to_json(&self.corpus, &self.ordered),
        };
        let count = self.ordered.len();
        self.run_dialog(ctx, "chronoscope-export-dialog", move || {
            let started = Instant::now();
            let extension = format.extension();
            let file_name = format!("chronology.{extension}");
            let chosen = rfd::FileDialog::new()
                .set_title("Export chronology")
                .set_file_name(&file_name)
                .add_filter(extension, &[extension])
                .save_file();
            // With no dialog at all, write next to the user's files rather than drop the export.
            let path = match chosen {
                Some(path) => path,
                None if started.elapsed() < DIALOG_UNAVAILABLE => {
                    let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
                    let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("."), PathBuf::from);
                    home.join(format!("chronology-{stamp}.{extension}"))
                }
                None => return DialogResult::Nothing,
            };
            DialogResult::Status(match write_atomically(&path, contents.as_bytes()) {
                Ok(()) => format!("Exported {count} events to {}", path.display()),
                Err(err) => format!("Export failed: {err}: {}", path.display()),
            })
        });
    }

    /// Runs a blocking file dialog on its own thread and hands its result to the next frame.
    fn run_dialog(
        &mut self,
        ctx: &egui::Context,
        thread_name: &str,
        dialog: impl FnOnce() -> DialogResult + Send + 'static,
    ) {
        let sender = self.dialog_sender.clone();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name(thread_name.to_owned()).spawn(move || {
            let _ = sender.send(dialog());
            ctx.request_repaint();
        });
        if let Err(err) = spawned {
            self.status = Some(format!("Could not open a file dialog: {err}"));
        }
    }
}

impl eframe::App for ChronoscopeApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.drain_background(ctx);
        if self.is_loading() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        ChronoscopeApp::ui(self, ui);
    }

    /// Window size and panel layout are egui's, saved by eframe; save them often so a
    /// crash loses little. Settings and corrections are saved on every change anyway.
    fn auto_save_interval(&self) -> Duration {
        Duration::from_secs(5)
    }
}
