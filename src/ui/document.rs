//! The document viewer: the selected document with dates and names highlighted.
//!
//! Text is pre-wrapped into rows of at most N characters (N from the panel width) so a
//! 10 MB document is a list of equal-height rows and only the visible ones are laid out.

use std::ops::Range;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Sense, Ui};

use crate::command::Command;
use crate::extract::entities::EntityKind;
use crate::model::DocId;
use crate::model::calendar::{parse_iso_date, parse_period};

use super::{
    ViewModel, entity_color, event_date_label, event_dates_ui, interval_label, reference_source_label,
    timex_color, timex_details_ui,
};

/// Typical English prose, to estimate how many characters fit in a row.
const PROSE_SAMPLE: &str = "On Friday tens of thousands of Indians, peasants, workers and students in Ecuador \
     took over the buildings of the Parliament and the Supreme Court (AP) 2000-01-21.";

/// Row cache and the reference-date field.
#[derive(Default)]
pub struct DocumentViewState {
    rows: Vec<Range<usize>>,
    rows_key: Option<(DocId, u64, usize)>,
    /// The selection (by serial) the viewer last scrolled to.
    scrolled_to: u64,
    reference_text: String,
    reference_for: Option<(DocId, Option<jiff::civil::Date>)>,
    reference_field: Option<egui::Id>,
    correction_text: String,
}

/// What a byte of the text belongs to, for highlighting and clicks.
enum Mark {
    Timex(usize),
    Mention(usize),
}

/// The document viewer panel.
pub fn document_ui(
    ui: &mut Ui,
    model: &ViewModel<'_>,
    state: &mut DocumentViewState,
    commands: &mut Vec<Command>,
) {
    let Some(document) = model.selection.document.filter(|d| (d.0 as usize) < model.corpus.documents().len())
    else {
        ui.heading("Document");
        ui.weak("Open text files (File › Open files…, or drop them on the window) to see them here.");
        return;
    };
    let doc = model.corpus.document(document);
    ui.horizontal(|ui| {
        let label = ui.heading("Document");
        egui::ComboBox::from_id_salt("document_picker")
            .selected_text(&doc.name)
            .width(ui.available_width().min(260.0))
            .show_ui(ui, |ui| {
                for (index, other) in model.corpus.documents().iter().enumerate() {
                    let id = DocId(index as u32);
                    if ui.selectable_label(id == document, &other.name).clicked() {
                        commands.push(Command::ShowDocument(id));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    reference_date_ui(ui, model, document, state, commands);
    selected_event_ui(ui, model, document, state, commands);
    legend_ui(ui);
    ui.separator();

    let font = FontId::proportional(14.0);
    let (char_width, row_height) = ui.fonts_mut(|f| {
        let sample = f.layout_no_wrap(PROSE_SAMPLE.to_owned(), font.clone(), Color32::WHITE);
        (sample.size().x / PROSE_SAMPLE.len() as f32 * 1.08, f.row_height(&font))
    });
    let chars_per_row = ((ui.available_width() - 16.0) / char_width).max(20.0) as usize;
    let key = (document, model.corpus.revision(), chars_per_row);
    if state.rows_key != Some(key) {
        state.rows = wrap_rows(&doc.text, chars_per_row);
        state.rows_key = Some(key);
    }

    let selected_sentence = model
        .selection
        .event
        .map(|e| model.corpus.event(e))
        .filter(|e| e.document == document)
        .map(|e| e.sentence.clone());
    let mut scroll = egui::ScrollArea::vertical().auto_shrink(false);
    if model.selection.serial() != state.scrolled_to {
        state.scrolled_to = model.selection.serial();
        if let Some(sentence) = &selected_sentence {
            let row = state.rows.partition_point(|r| r.end <= sentence.start);
            let spacing = ui.spacing().item_spacing.y;
            let offset = (row as f32 * (row_height + spacing) - 120.0).max(0.0);
            scroll = scroll.vertical_scroll_offset(offset);
        }
    }
    let dark = ui.visuals().dark_mode;
    let text_color = ui.visuals().text_color();
    let sentence_color = if dark { Color32::from_rgb(70, 70, 20) } else { Color32::from_rgb(255, 246, 190) };
    scroll.show_rows(ui, row_height, state.rows.len(), |ui, visible_rows| {
        for row in &state.rows[visible_rows] {
            let marks = marks_in(model, document, row.clone());
            let mut job = LayoutJob::default();
            let mut cursor = row.start;
            let push = |job: &mut LayoutJob, range: Range<usize>, background: Color32| {
                if range.is_empty() {
                    return;
                }
                let in_sentence =
                    selected_sentence.as_ref().is_some_and(|s| range.start < s.end && range.end > s.start);
                let background = if background == Color32::TRANSPARENT && in_sentence {
                    sentence_color
                } else {
                    background
                };
                job.append(
                    &doc.text[range],
                    0.0,
                    TextFormat {
                        font_id: font.clone(),
                        color: text_color,
                        background,
                        ..TextFormat::default()
                    },
                );
            };
            for (range, mark) in &marks {
                push(&mut job, cursor..range.start.max(cursor), Color32::TRANSPARENT);
                let color = match mark {
                    Mark::Timex(_) => timex_color(dark),
                    // The entity's kind, as the user may have corrected it.
                    Mark::Mention(m) => {
                        entity_color(model.corpus.entity(doc.mention_entities[*m]).key.kind, dark)
                    }
                };
                push(&mut job, range.start.max(cursor)..range.end, color);
                cursor = range.end.max(cursor);
            }
            push(&mut job, cursor..row.end, Color32::TRANSPARENT);
            let galley = ui.fonts_mut(|f| f.layout_job(job));
            let (rect, response) =
                ui.allocate_exact_size(egui::vec2(galley.size().x.max(1.0), row_height), Sense::click());
            ui.painter().galley(rect.min, galley.clone(), text_color);
            response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &doc.text[row.clone()]));
            let Some(pointer) = response.hover_pos() else { continue };
            let char_index = galley.cursor_from_pos(pointer - rect.min).index;
            let byte = doc.text[row.clone()]
                .char_indices()
                .nth(char_index.into())
                .map_or(row.end, |(b, _)| row.start + b);
            let Some((_, mark)) = marks.iter().find(|(r, _)| r.contains(&byte)) else { continue };
            match *mark {
                Mark::Timex(timex) => {
                    let event = model.corpus.event_for_timex(document, timex);
                    if let Some(event) = event {
                        commands.push(Command::Hover(event));
                    }
                    let response = response.on_hover_ui_at_pointer(|ui| {
                        ui.set_max_width(420.0);
                        timex_details_ui(ui, model.corpus, document, timex);
                        if event.is_some() {
                            ui.weak("Click to select this event.");
                        }
                    });
                    if response.clicked() && event.is_some() {
                        // Clicked where the user is reading: don't scroll away.
                        state.scrolled_to = model.selection.serial() + 1;
                        commands.push(Command::SelectEvent(event));
                    }
                }
                Mark::Mention(mention) => {
                    let entity = model.corpus.entity(doc.mention_entities[mention]);
                    let response = response.on_hover_ui_at_pointer(|ui| {
                        ui.label(format!("{} ({})", entity.key.name, entity.key.kind.as_str()));
                        ui.weak(format!(
                            "{} mentions. Click to show only events that mention it.",
                            entity.mentions
                        ));
                    });
                    if response.clicked() {
                        let mut filter = model.filter.clone();
                        filter.excluded.remove(&entity.key);
                        filter.included.insert(entity.key.clone());
                        commands.push(Command::SetFilter(filter));
                    }
                }
            }
        }
    });
}

fn reference_date_ui(
    ui: &mut Ui,
    model: &ViewModel<'_>,
    document: DocId,
    state: &mut DocumentViewState,
    commands: &mut Vec<Command>,
) {
    use crate::extract::time::ReferenceSource;
    let doc = model.corpus.document(document);
    let reference = doc.reference();
    // Follow the document's date when it changes, but never while the user types in it.
    let shown = (document, reference.date);
    let typing = state.reference_field.is_some_and(|id| ui.memory(|m| m.has_focus(id)));
    if state.reference_for != Some(shown) && !typing {
        state.reference_for = Some(shown);
        state.reference_text = reference.date.map(|d| d.to_string()).unwrap_or_default();
    }
    ui.horizontal(|ui| {
        let typed = parse_iso_date(&state.reference_text);
        let entry = DateEntry { label: "Reference date", hint: "YYYY-MM-DD", width: 95.0, button: "Set" };
        let (field, submitted) = entry.ui(ui, &mut state.reference_text, typed.is_some());
        state.reference_field = Some(field.id);
        field.on_hover_text("Relative dates (\"yesterday\", \"last week\") are resolved against this date.");
        if submitted && typed != reference.date {
            commands.push(Command::SetReferenceDate { document, date: typed });
        }
        if doc.given_reference.is_some()
            && ui.button("Reset").on_hover_text("Use the date found in the text").clicked()
        {
            commands.push(Command::SetReferenceDate { document, date: None });
        }
        if reference.source == ReferenceSource::None {
            ui.weak("none: relative dates stay unresolved");
        } else {
            ui.weak(reference_source_label(reference.source));
        }
    });
}

/// The selected event's date, where it came from, and the controls to correct it: pick one
/// of the other readings, or type a day, month or year.
fn selected_event_ui(
    ui: &mut Ui,
    model: &ViewModel<'_>,
    document: DocId,
    state: &mut DocumentViewState,
    commands: &mut Vec<Command>,
) {
    let Some(id) = model.selection.event.filter(|&e| model.corpus.event(e).document == document) else {
        return;
    };
    let event = model.corpus.event(id);
    let timex = model.corpus.timex(id);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.strong("Selected event:");
            ui.label(event_date_label(model.corpus, id));
        });
        event_dates_ui(ui, model.corpus, event);
        let corrected = event.span.is_some_and(|s| s.corrected);
        if !timex.alternatives.is_empty() && !corrected {
            ui.horizontal_wrapped(|ui| {
                ui.label("Which is it?");
                for interval in timex.interval.iter().chain(&timex.alternatives) {
                    if ui.button(interval_label(interval)).clicked() {
                        commands.push(Command::CorrectDate {
                            document,
                            timex: event.timex,
                            interval: Some(*interval),
                        });
                    }
                }
            });
        }
        ui.horizontal(|ui| {
            let typed = parse_period(&state.correction_text);
            let entry = DateEntry {
                label: "Correct date",
                hint: "YYYY-MM-DD, YYYY-MM or YYYY",
                width: 170.0,
                button: "Set date",
            };
            // A date typed for a period ("1996 – 2006") replaces the whole period: both ends.
            let ends = std::iter::once(event.timex).chain(event.until);
            if entry.ui(ui, &mut state.correction_text, typed.is_some()).1 {
                state.correction_text.clear();
                commands.extend(ends.clone().map(|timex| Command::CorrectDate {
                    document,
                    timex,
                    interval: typed,
                }));
            }
            if corrected && ui.button("Undo correction").clicked() {
                commands.extend(ends.map(|timex| Command::CorrectDate { document, timex, interval: None }));
            }
        });
    });
}

/// A labelled date field with its button, as the reference date and corrections use.
struct DateEntry {
    label: &'static str,
    hint: &'static str,
    width: f32,
    button: &'static str,
}

impl DateEntry {
    /// Draws the field; the flag is true when the user pressed Enter in it or clicked the
    /// button while the text parses (`valid`).
    fn ui(&self, ui: &mut Ui, text: &mut String, valid: bool) -> (egui::Response, bool) {
        let label = ui.label(self.label);
        let field = ui
            .add(egui::TextEdit::singleline(text).hint_text(self.hint).desired_width(self.width))
            .labelled_by(label.id);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let clicked = ui.add_enabled(valid, egui::Button::new(self.button)).clicked();
        (field, valid && (entered || clicked))
    }
}

fn legend_ui(ui: &mut Ui) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(" date ").background_color(timex_color(dark)));
        for (kind, name) in [
            (EntityKind::Person, " person "),
            (EntityKind::Place, " place "),
            (EntityKind::Organization, " organization "),
        ] {
            ui.label(egui::RichText::new(name).background_color(entity_color(kind, dark)));
        }
    });
}

/// Highlighted spans overlapping `row`, clipped to it, in text order; dates win over names
/// where they overlap.
fn marks_in(model: &ViewModel<'_>, document: DocId, row: Range<usize>) -> Vec<(Range<usize>, Mark)> {
    let extraction = &model.corpus.document(document).extraction;
    let clip = |start: usize, end: usize| start.max(row.start)..end.min(row.end);
    let first_timex = extraction.timexes.partition_point(|t| t.end <= row.start);
    let first_mention = extraction.mentions.partition_point(|m| m.end <= row.start);
    let mut marks: Vec<(Range<usize>, Mark)> = extraction.timexes[first_timex..]
        .iter()
        .take_while(|t| t.start < row.end)
        .enumerate()
        .map(|(i, t)| (clip(t.start, t.end), Mark::Timex(first_timex + i)))
        .collect();
    let timex_count = marks.len();
    for (i, mention) in
        extraction.mentions[first_mention..].iter().take_while(|m| m.start < row.end).enumerate()
    {
        let range = clip(mention.start, mention.end);
        if !marks[..timex_count].iter().any(|(r, _)| r.start < range.end && range.start < r.end) {
            marks.push((range, Mark::Mention(first_mention + i)));
        }
    }
    marks.sort_by_key(|(range, _)| range.start);
    marks
}

/// Breaks text into rows of at most `chars_per_row` characters, at spaces where possible;
/// every line break starts a new row.
fn wrap_rows(text: &str, chars_per_row: usize) -> Vec<Range<usize>> {
    let mut rows = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let mut row_start = line_start;
        let line_end = line_start + line.len();
        if line.is_empty() {
            rows.push(line_start..line_start);
        }
        while row_start < line_end {
            let rest = &text[row_start..line_end];
            let limit = rest.char_indices().nth(chars_per_row).map_or(rest.len(), |(b, _)| b);
            let end = if limit == rest.len() {
                rest.len()
            } else {
                rest[..limit].rfind(' ').map_or(limit, |space| space + 1)
            };
            rows.push(row_start..row_start + end);
            row_start += end;
        }
        line_start = line_end + 1;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::wrap_rows;

    #[test]
    fn wraps_at_spaces_and_keeps_blank_lines() {
        let text = "one two three four\n\nfive";
        let rows: Vec<&str> = wrap_rows(text, 9).into_iter().map(|r| &text[r]).collect();
        assert_eq!(rows, ["one two ", "three ", "four", "", "five"]);
    }

    #[test]
    fn breaks_words_longer_than_a_row() {
        let text = "abcdefghij";
        let rows: Vec<&str> = wrap_rows(text, 4).into_iter().map(|r| &text[r]).collect();
        assert_eq!(rows, ["abcd", "efgh", "ij"]);
    }
}
