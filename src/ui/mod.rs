//! Drawing. Every function here reads the model through [`ViewModel`] and returns
//! [`Command`]s; none mutates the model. Only widget-local state (text being typed, the
//! timeline's brush) lives in [`UiState`].

mod document;
mod events;
mod filters;
mod timeline;

use std::path::PathBuf;

use crate::app::{LoadProgress, Settings};
use crate::command::{Command, ExportFormat};
use crate::extract::entities::EntityKind;
use crate::ingest::SplitMode;
use crate::model::filter::{EventOrder, Filter, FilteredView};
use crate::model::selection::Selection;
use crate::model::{Corpus, DocId, EventId};

pub use self::timeline::TimelineState;

/// Read-only access to everything the views draw.
pub struct ViewModel<'a> {
    pub corpus: &'a Corpus,
    pub filter: &'a Filter,
    pub view: &'a FilteredView,
    /// The filtered events in event-list order.
    pub ordered: &'a [EventId],
    pub order: (EventOrder, bool),
    pub selection: &'a Selection,
    pub load: Option<&'a LoadProgress>,
    pub status: Option<&'a str>,
    pub settings: &'a Settings,
}

/// Widget state that is not part of the model.
#[derive(Default)]
pub struct UiState {
    pub filters: filters::FilterPanelState,
    pub timeline: TimelineState,
    pub document: document::DocumentViewState,
    pub events: events::EventListState,
}

/// The whole window.
pub fn main_ui(ui: &mut egui::Ui, model: &ViewModel<'_>, state: &mut UiState) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::Panel::top("menu_bar").show(ui, |ui| menu_bar_ui(ui, model, &mut commands));
    if !model.corpus.problems().is_empty() {
        egui::Panel::bottom("problems")
            .resizable(true)
            .default_size(90.0)
            .show(ui, |ui| problems_ui(ui, model));
    }
    egui::Panel::left("filters")
        .resizable(true)
        .default_size(270.0)
        .show(ui, |ui| filters::filters_ui(ui, model, &mut state.filters, &mut commands));
    egui::Panel::right("document")
        .resizable(true)
        .default_size(470.0)
        .show(ui, |ui| document::document_ui(ui, model, &mut state.document, &mut commands));
    egui::CentralPanel::default().show(ui, |ui| {
        let timeline_height = (ui.available_height() * 0.5).max(160.0);
        egui::Panel::top("timeline")
            .resizable(true)
            .default_size(timeline_height)
            .show(ui, |ui| timeline::timeline_ui(ui, model, &mut state.timeline, &mut commands));
        events::events_ui(ui, model, &mut state.events, &mut commands);
    });
    file_drop_ui(ui, &mut commands);
    commands
}

/// Files dropped on the window open like files chosen in the dialog; while files hover
/// over it, an overlay says what a drop will do.
fn file_drop_ui(ui: &egui::Ui, commands: &mut Vec<Command>) {
    let (dropped, hovering_files): (Vec<PathBuf>, usize) = ui.ctx().input(|i| {
        (i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect(), i.raw.hovered_files.len())
    });
    if !dropped.is_empty() {
        commands.push(Command::Open(dropped));
    }
    if hovering_files > 0 {
        let screen = ui.ctx().content_rect();
        let painter = ui.ctx().layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("file_drop_overlay"),
        ));
        painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(160));
        egui::Area::new(egui::Id::unique("file_drop_message"))
            .order(egui::Order::Tooltip)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .interactable(false)
            .show(ui.ctx(), |ui| {
                let message = format!("Drop to open {hovering_files} file(s)");
                ui.label(egui::RichText::new(message).size(28.0).color(egui::Color32::WHITE));
            });
    }
}

/// Ctrl+O opens files, Ctrl+Shift+O a folder, Ctrl+E exports CSV.
const OPEN_FILES: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::O);
const OPEN_FOLDER: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT), egui::Key::O);
const EXPORT_CSV: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::E);

fn menu_bar_ui(ui: &mut egui::Ui, model: &ViewModel<'_>, commands: &mut Vec<Command>) {
    for (shortcut, command) in [
        (OPEN_FOLDER, Command::OpenFolderDialog),
        (OPEN_FILES, Command::OpenFilesDialog),
        (EXPORT_CSV, Command::Export(ExportFormat::Csv)),
    ] {
        if ui.input_mut(|i| i.consume_shortcut(&shortcut)) {
            commands.push(command);
        }
    }
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            let shortcut_text = |shortcut: &egui::KeyboardShortcut| ui.ctx().format_shortcut(shortcut);
            let (open_files, open_folder, export_csv) =
                (shortcut_text(&OPEN_FILES), shortcut_text(&OPEN_FOLDER), shortcut_text(&EXPORT_CSV));
            if ui.add(egui::Button::new("Open files…").shortcut_text(open_files)).clicked() {
                commands.push(Command::OpenFilesDialog);
            }
            if ui.add(egui::Button::new("Open folder…").shortcut_text(open_folder)).clicked() {
                commands.push(Command::OpenFolderDialog);
            }
            ui.menu_button("Open recent", |ui| {
                if model.settings.recent.is_empty() {
                    ui.weak("Nothing opened yet");
                }
                for path in &model.settings.recent {
                    if ui.button(path.display().to_string()).clicked() {
                        commands.push(Command::Open(vec![path.clone()]));
                    }
                }
            });
            ui.menu_button("When opening", |ui| {
                for mode in SplitMode::ALL {
                    if ui.radio(model.settings.split_mode == mode, mode.label()).clicked() {
                        commands.push(Command::SetSplitMode(mode));
                    }
                }
            });
            ui.separator();
            if ui.add(egui::Button::new("Export CSV…").shortcut_text(export_csv)).clicked() {
                commands.push(Command::Export(ExportFormat::Csv));
            }
            if ui.button("Export JSON…").clicked() {
                commands.push(Command::Export(ExportFormat::Json));
            }
            ui.separator();
            if ui.button("Close all").clicked() {
                commands.push(Command::CloseAll);
            }
        });
        ui.menu_button("View", |ui| {
            for (theme, label) in [
                (egui::ThemePreference::System, "Follow system"),
                (egui::ThemePreference::Light, "Light"),
                (egui::ThemePreference::Dark, "Dark"),
            ] {
                if ui.radio(model.settings.theme == theme, label).clicked() {
                    commands.push(Command::SetTheme(theme));
                }
            }
        });
        ui.separator();
        if ui.button("Open files…").clicked() {
            commands.push(Command::OpenFilesDialog);
        }
        if ui.button("Open folder…").clicked() {
            commands.push(Command::OpenFolderDialog);
        }
        ui.separator();
        ui.label(format!("{} of {} events", model.view.events.len(), model.corpus.events().len()));
        if let Some(load) = model.load {
            ui.separator();
            let fraction = if load.total == 0 { 0.0 } else { load.done as f32 / load.total as f32 };
            let text = match &load.current {
                Some(path) => format!("Loading {}", path.display()),
                None => "Loading…".to_owned(),
            };
            ui.add(egui::ProgressBar::new(fraction).desired_width(160.0).text(text));
            if ui.button("Cancel").clicked() {
                commands.push(Command::CancelLoad);
            }
            ui.spinner();
        }
        if let Some(status) = model.status {
            ui.separator();
            ui.weak(status);
        }
    });
}

fn problems_ui(ui: &mut egui::Ui, model: &ViewModel<'_>) {
    let problems = model.corpus.problems();
    ui.strong(format!("Problems ({}): these files were not loaded", problems.len()));
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        for problem in problems {
            ui.horizontal(|ui| {
                ui.colored_label(ui.visuals().warn_fg_color, "•");
                ui.label(format!("{}: {}", problem.path.display(), problem.message));
            });
        }
    });
}

/// Sentences can span wrapped lines; lists and tooltips show them on one.
pub fn one_line(sentence: &str) -> String {
    sentence.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One colour per entity kind, shared by the document viewer, the facets and the legend.
pub fn entity_color(kind: EntityKind, dark: bool) -> egui::Color32 {
    match (kind, dark) {
        (EntityKind::Person, false) => egui::Color32::from_rgb(255, 214, 170),
        (EntityKind::Person, true) => egui::Color32::from_rgb(110, 70, 30),
        (EntityKind::Place, false) => egui::Color32::from_rgb(190, 235, 190),
        (EntityKind::Place, true) => egui::Color32::from_rgb(40, 95, 45),
        (EntityKind::Organization, false) => egui::Color32::from_rgb(225, 200, 245),
        (EntityKind::Organization, true) => egui::Color32::from_rgb(85, 55, 110),
    }
}

/// Highlight colour of time expressions.
pub fn timex_color(dark: bool) -> egui::Color32 {
    if dark { egui::Color32::from_rgb(30, 80, 130) } else { egui::Color32::from_rgb(185, 220, 255) }
}

/// A distinct colour per document lane.
pub fn document_color(document: DocId) -> egui::Color32 {
    const PALETTE: [egui::Color32; 8] = [
        egui::Color32::from_rgb(31, 119, 180),
        egui::Color32::from_rgb(255, 127, 14),
        egui::Color32::from_rgb(44, 160, 44),
        egui::Color32::from_rgb(214, 39, 40),
        egui::Color32::from_rgb(148, 103, 189),
        egui::Color32::from_rgb(140, 86, 75),
        egui::Color32::from_rgb(227, 119, 194),
        egui::Color32::from_rgb(23, 190, 207),
    ];
    PALETTE[document.0 as usize % PALETTE.len()]
}

/// "21 Jan 2000", "Apr 2005", "2005" or "undated": an event's date at the precision the
/// text gives, "c. 1850" when the text says it is approximate, with "(?)" when other
/// readings exist and "(corrected)" when the user set it.
pub fn event_date_label(corpus: &Corpus, event: EventId) -> String {
    let event = corpus.event(event);
    let Some(span) = event.span else {
        return "undated".to_owned();
    };
    let approximate = corpus.document(event.document).extraction.timexes[event.timex].is_approximate();
    let mut label = interval_label(&span.interval);
    if approximate && !span.corrected {
        label.insert_str(0, "c. ");
    }
    if span.corrected {
        label.push_str(" (corrected)");
    } else if span.uncertain && !approximate {
        label.push_str(" (?)");
    }
    label
}

/// A year as historians write it: "2005", "420", "44 BC" (the calendar's year 0 is 1 BC),
/// where `strftime` would print "0420" and "-0043".
pub fn year_label(year: i16) -> String {
    if year > 0 { year.to_string() } else { format!("{} BC", 1 - i32::from(year)) }
}

/// A month at any year: "Apr 2005", "Mar 44 BC".
pub fn month_label(date: jiff::civil::Date) -> String {
    format!("{} {}", date.strftime("%b"), year_label(date.year()))
}

/// A day at any year: "21 Jan 2000", "15 Mar 44 BC".
pub fn day_label(date: jiff::civil::Date) -> String {
    format!("{} {}", date.strftime("%-d %b"), year_label(date.year()))
}

/// An interval at its own precision: "21 Jan 2000", "Apr 2005", "2005", "1990s", and a
/// period between two dates as both ends: "1996 – 2006", "Mar 2016 – May 2017".
pub fn interval_label(interval: &crate::extract::time::Interval) -> String {
    use crate::extract::time::Granularity;
    let (date, latest) = (interval.earliest, interval.latest);
    let period = |label: fn(jiff::civil::Date) -> String| {
        let (first, last) = (label(date), label(latest));
        if first == last { first } else { format!("{first} – {last}") }
    };
    match interval.granularity {
        Granularity::TimeOfDay | Granularity::Day => period(day_label),
        Granularity::Week => format!("week of {}", day_label(date)),
        Granularity::Month => period(month_label),
        Granularity::Season | Granularity::Quarter => {
            format!("{} – {}", date.strftime("%b"), month_label(latest))
        }
        Granularity::Year => period(|date| year_label(date.year())),
        Granularity::Decade if date.year() > 0 => format!("{}s", date.year()),
        Granularity::Decade | Granularity::Century => {
            format!("{} – {}", year_label(date.year()), year_label(latest.year()))
        }
    }
}

/// Where a document's reference date came from, in words.
pub fn reference_source_label(source: crate::extract::time::ReferenceSource) -> &'static str {
    use crate::extract::time::ReferenceSource;
    match source {
        ReferenceSource::Given => "set by you",
        ReferenceSource::Document => "found in the text",
        ReferenceSource::DocumentAmbiguous => "found in the text; day and month could be swapped",
        ReferenceSource::Inferred => "inferred from the latest date in the text",
        ReferenceSource::None => "none",
    }
}

/// Where an event's date comes from: its expression, and for a period ("between 1996 and
/// 2006") the one that ends it too.
pub fn event_dates_ui(ui: &mut egui::Ui, corpus: &Corpus, event: &crate::model::Event) {
    timex_details_ui(ui, corpus, event.document, event.timex);
    if let Some(until) = event.until {
        ui.separator();
        timex_details_ui(ui, corpus, event.document, until);
    }
}

/// Where a date came from: the matched text, its TIMEX3 value, the rule, what it was
/// resolved against, and the other readings when the text does not pin it down.
pub fn timex_details_ui(ui: &mut egui::Ui, corpus: &Corpus, document: DocId, timex_index: usize) {
    use crate::extract::time::Anchor;
    let doc = corpus.document(document);
    let timex = &doc.extraction.timexes[timex_index];
    ui.label(format!(
        "“{}” means {} ({})",
        &doc.text[timex.start..timex.end],
        timex.value,
        timex.kind.as_str()
    ));
    if let Some(modifier) = timex.modifier {
        ui.label(format!("qualified: {}", modifier.label()));
    }
    if let Some(interval) = timex.interval {
        ui.label(format!("from {} to {}", day_label(interval.earliest), day_label(interval.latest)));
    }
    let reference = doc.reference();
    let anchor = match timex.anchor {
        Anchor::Absolute => "absolute date".to_owned(),
        Anchor::ReferenceDate => {
            let source = reference_source_label(reference.source);
            let date = reference.date.map_or_else(|| "?".to_owned(), |d| d.to_string());
            format!("relative to the document date {date} ({source})")
        }
        Anchor::PreviousTimex(previous) => {
            let earlier = &doc.extraction.timexes[previous.min(doc.extraction.timexes.len() - 1)];
            format!(
                "relative to “{}” ({}) mentioned before",
                &doc.text[earlier.start..earlier.end],
                earlier.value
            )
        }
        Anchor::Unresolved => match (reference.source, reference.date) {
            (crate::extract::time::ReferenceSource::Inferred, Some(date)) => format!(
                "relative to when the text was written: set the reference date to place it \
                 ({date}, the latest date in the text, is only a guess)"
            ),
            _ => {
                "relative, with nothing to resolve it against: set the reference date to place it".to_owned()
            }
        },
    };
    ui.weak(anchor);
    ui.weak(format!("rule: {}", timex.rule));
    if let Some(text) = uncertainty_text(timex) {
        ui.colored_label(ui.visuals().warn_fg_color, text);
    }
}

/// "Year uncertain: 2000, 2005 or 1994" when only the year is in doubt (a weekday and a day
/// with no year), else the other readings in full.
fn uncertainty_text(timex: &crate::extract::time::Timex) -> Option<String> {
    let chosen = timex.interval?;
    if timex.alternatives.is_empty() {
        return None;
    }
    let same_day_of_year = |i: &crate::extract::time::Interval| {
        (i.earliest.month(), i.earliest.day()) == (chosen.earliest.month(), chosen.earliest.day())
    };
    let (label, readings): (&str, Vec<String>) = if timex.alternatives.iter().all(same_day_of_year) {
        let years =
            std::iter::once(&chosen).chain(&timex.alternatives).map(|i| year_label(i.earliest.year()));
        ("Year uncertain", years.collect())
    } else {
        let all = std::iter::once(&chosen).chain(&timex.alternatives).map(interval_label);
        ("Uncertain", all.collect())
    };
    let (last, rest) = readings.split_last()?;
    Some(format!("{label}: {} or {last} (showing the first)", rest.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::uncertainty_text;
    use crate::extract::time::{Anchor, Granularity, Interval, Timex, TimexType};
    use jiff::civil::Date;

    fn day(y: i16, m: i8, d: i8) -> Interval {
        let date = Date::constant(y, m, d);
        Interval { earliest: date, latest: date, granularity: Granularity::Day }
    }

    fn timex(interval: Interval, alternatives: Vec<Interval>) -> Timex {
        Timex {
            start: 0,
            end: 6,
            kind: TimexType::Date,
            value: "XXXX-01-21".to_owned(),
            modifier: None,
            interval: Some(interval),
            alternatives,
            rule: "test",
            anchor: Anchor::ReferenceDate,
        }
    }

    #[test]
    fn uncertainty_names_the_candidate_years_when_only_the_year_is_unknown() {
        let friday = timex(day(2000, 1, 21), vec![day(2005, 1, 21), day(1994, 1, 21)]);
        assert_eq!(
            uncertainty_text(&friday).as_deref(),
            Some("Year uncertain: 2000, 2005 or 1994 (showing the first)")
        );
        let mixed = timex(day(2000, 1, 21), vec![day(2000, 2, 4)]);
        assert_eq!(
            uncertainty_text(&mixed).as_deref(),
            Some("Uncertain: 21 Jan 2000 or 4 Feb 2000 (showing the first)")
        );
        assert_eq!(uncertainty_text(&timex(day(2000, 1, 21), Vec::new())), None);
    }
}
