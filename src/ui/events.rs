//! The event list: the filtered chronology as a sortable table (the thing users export).
//! Rows are virtualized, so 100,000 events cost only the visible rows per frame.

use egui_extras::{Column, TableBuilder};

use crate::command::Command;
use crate::model::filter::EventOrder;

use super::{ViewModel, event_date_label, one_line};

/// Remembers which selection (by [`Selection::serial`]) the list last scrolled to, so it
/// scrolls only when a new selection came from another view.
///
/// [`Selection::serial`]: crate::model::selection::Selection::serial
#[derive(Default)]
pub struct EventListState {
    scrolled_to: u64,
}

/// The event list.
pub fn events_ui(
    ui: &mut egui::Ui,
    model: &ViewModel<'_>,
    state: &mut EventListState,
    commands: &mut Vec<Command>,
) {
    keyboard_selection(ui, model, commands);
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let mut table = TableBuilder::new(ui)
        .id_salt("event_list")
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .auto_shrink(false)
        .column(Column::initial(130.0).at_least(70.0))
        .column(Column::initial(140.0).at_least(60.0).clip(true))
        .column(Column::remainder().clip(true));
    if model.selection.serial() != state.scrolled_to {
        state.scrolled_to = model.selection.serial();
        if let Some(row) = model.selection.event.and_then(|e| model.ordered.iter().position(|&o| o == e)) {
            table = table.scroll_to_row(row, Some(egui::Align::Center));
        }
    }
    let (order, descending) = model.order;
    table
        .header(row_height + 2.0, |mut header| {
            for (column, title) in [
                (EventOrder::Date, "Date"),
                (EventOrder::Document, "Document"),
                (EventOrder::Sentence, "Sentence"),
            ] {
                header.col(|ui| {
                    let arrow = match (order == column, descending) {
                        (true, false) => " (asc)",
                        (true, true) => " (desc)",
                        (false, _) => "",
                    };
                    if ui.button(format!("{title}{arrow}")).clicked() {
                        commands.push(Command::SetEventOrder {
                            order: column,
                            descending: order == column && !descending,
                        });
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, model.ordered.len(), |mut row| {
                let id = model.ordered[row.index()];
                let event = model.corpus.event(id);
                row.set_selected(model.selection.event == Some(id));
                row.set_hovered(model.selection.hovered() == Some(id));
                // Cells are clickable themselves too, so keyboard and screen-reader
                // activation of a cell selects the event like a pointer click on the row.
                let mut cell_clicked = false;
                let mut cell_ui = |row: &mut egui_extras::TableRow<'_, '_>, text: String| {
                    row.col(|ui| {
                        let label = egui::Label::new(text).truncate().sense(egui::Sense::click());
                        cell_clicked |= ui.add(label).clicked();
                    });
                };
                cell_ui(&mut row, event_date_label(model.corpus, id));
                cell_ui(&mut row, model.corpus.document(event.document).name.clone());
                cell_ui(&mut row, one_line(model.corpus.sentence(id)));
                let response = row.response();
                if response.hovered() {
                    commands.push(Command::Hover(id));
                }
                if response.clicked() || cell_clicked {
                    // The row is already in view: don't scroll for the selection this makes.
                    state.scrolled_to = model.selection.serial() + 1;
                    commands.push(Command::SelectEvent(Some(id)));
                }
            });
        });
}

/// Up and down arrows step through the chronology when no text field has the keyboard.
fn keyboard_selection(ui: &egui::Ui, model: &ViewModel<'_>, commands: &mut Vec<Command>) {
    if ui.memory(|m| m.focused().is_some()) || model.ordered.is_empty() {
        return;
    }
    let (down, up) = ui.input(|i| (i.key_pressed(egui::Key::ArrowDown), i.key_pressed(egui::Key::ArrowUp)));
    if !(down || up) {
        return;
    }
    let current = model.selection.event.and_then(|e| model.ordered.iter().position(|&o| o == e));
    let last = model.ordered.len() - 1;
    let next = match (current, down) {
        (None, true) => 0,
        (None, false) => last,
        (Some(row), true) => (row + 1).min(last),
        (Some(row), false) => row.saturating_sub(1),
    };
    commands.push(Command::SelectEvent(Some(model.ordered[next])));
}
