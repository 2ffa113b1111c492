//! The filter panel: search, date range, documents and entity facets. Edits a copy of the
//! filter and emits it as one command.

use crate::command::Command;
use crate::extract::entities::EntityKind;
use crate::model::calendar::{date_from_day_number, day_number, parse_iso_date};
use crate::model::entity_edits::EntityEdit;
use crate::model::{DocId, EntityId, EntityKey};

use super::{ViewModel, document_color, entity_color};

/// Text being typed into the filter panel, kept until it parses.
#[derive(Default)]
pub struct FilterPanelState {
    search: String,
    from: String,
    to: String,
    /// The day range the text fields were last synced from.
    synced_range: Option<Option<(i32, i32)>>,
    facet_search: String,
    /// Facet rows per (filtered view, facet search, kind).
    facet_cache: Vec<(FacetKey, Vec<FacetRow>)>,
    /// The new name being typed in an entity's context menu.
    rename_text: String,
    /// The search field's id, to tell whether the user is typing in it.
    search_id: Option<egui::Id>,
}

/// What a facet's rows depend on: the filtered view, the facet search and the kind.
type FacetKey = (u64, String, EntityKind);
/// An entity and how many shown events mention it.
type FacetRow = (EntityId, u32);

/// How many entities a facet lists before "… and N more".
const FACET_ROWS: usize = 40;
/// How many same-kind entities "Merge into" offers (most mentioned first).
const MERGE_CANDIDATES: usize = 30;

/// The filter panel.
pub fn filters_ui(
    ui: &mut egui::Ui,
    model: &ViewModel<'_>,
    state: &mut FilterPanelState,
    commands: &mut Vec<Command>,
) {
    let mut filter = model.filter.clone();
    if state.search.trim() != filter.search.trim()
        && !state.search_id.is_some_and(|id| ui.memory(|m| m.has_focus(id)))
    {
        state.search = filter.search.clone();
    }
    if state.synced_range != Some(filter.day_range) {
        state.synced_range = Some(filter.day_range);
        let text = |day: i32| date_from_day_number(day).to_string();
        state.from = filter.day_range.map(|(first, _)| text(first)).unwrap_or_default();
        state.to = filter.day_range.map(|(_, last)| text(last)).unwrap_or_default();
    }

    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        ui.heading("Filters");
        ui.horizontal(|ui| {
            let label = ui.label("Search");
            let edit = egui::TextEdit::singleline(&mut state.search)
                .hint_text("words in event sentences")
                .desired_width(f32::INFINITY);
            let response = ui.add(edit).labelled_by(label.id);
            state.search_id = Some(response.id);
            if response.changed() {
                filter.search = state.search.clone();
            }
        });
        ui.horizontal(|ui| {
            ui.checkbox(&mut filter.search_is_regex, "Regex");
            ui.checkbox(&mut filter.show_undated, "Show undated");
        });
        if let Some(error) = &model.view.search_error {
            ui.colored_label(ui.visuals().error_fg_color, format!("Invalid regex: {error}"));
        }

        ui.separator();
        ui.strong("Date range");
        let mut range_edited = false;
        egui::Grid::new("date_range").num_columns(2).show(ui, |ui| {
            for (name, text) in [("From", &mut state.from), ("To", &mut state.to)] {
                let label = ui.label(name);
                let response = ui
                    .add(egui::TextEdit::singleline(text).hint_text("YYYY-MM-DD").desired_width(110.0))
                    .labelled_by(label.id);
                range_edited |= response.lost_focus() || (response.changed() && text.len() == 10);
                ui.end_row();
            }
        });
        if range_edited {
            filter.day_range = typed_day_range(&state.from, &state.to);
        }
        ui.horizontal(|ui| {
            if filter.day_range.is_some() && ui.button("Clear range").clicked() {
                filter.day_range = None;
            }
            ui.weak("or shift-drag on the timeline");
        });

        ui.separator();
        ui.strong("Documents");
        for (index, document) in model.corpus.documents().iter().enumerate() {
            let id = DocId(index as u32);
            let mut shown = !filter.hidden_documents.contains(&id);
            ui.horizontal(|ui| {
                let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                ui.painter().rect_filled(rect, 2.0, document_color(id));
                let count = model.view.document_counts.get(index).copied().unwrap_or(0);
                if ui.checkbox(&mut shown, format!("{} ({count})", document.name)).changed() {
                    if shown {
                        filter.hidden_documents.remove(&id);
                    } else {
                        filter.hidden_documents.insert(id);
                    }
                }
            });
        }

        ui.separator();
        ui.horizontal(|ui| {
            ui.strong("Entities");
            ui.add(
                egui::TextEdit::singleline(&mut state.facet_search)
                    .hint_text("find a name")
                    .desired_width(f32::INFINITY),
            );
        });
        for (kind, title) in [
            (EntityKind::Person, "People"),
            (EntityKind::Place, "Places"),
            (EntityKind::Organization, "Organizations"),
        ] {
            facet_ui(ui, model, kind, title, state, &mut filter, commands);
        }
    });

    if filter != *model.filter {
        commands.push(Command::SetFilter(filter));
    }
}

/// One facet: entities of a kind with their mention counts, most mentioned first, each with
/// include (+) and exclude (−) toggles. An entity that no shown event mentions (its
/// sentences have no date, or the filter hides them) is dimmed.
fn facet_ui(
    ui: &mut egui::Ui,
    model: &ViewModel<'_>,
    kind: EntityKind,
    title: &str,
    state: &mut FilterPanelState,
    filter: &mut crate::model::filter::Filter,
    commands: &mut Vec<Command>,
) {
    let (total, entities) = facet_rows(model, kind, state);
    let dark = ui.visuals().dark_mode;
    egui::CollapsingHeader::new(format!("{title} ({total})")).default_open(true).show(ui, |ui| {
        for &(id, count) in &entities {
            let key = &model.corpus.entity(id).key;
            ui.horizontal(|ui| {
                let toggles = [
                    ("+", format!("Include {}", key.name), "Only events that mention this", true),
                    ("−", format!("Exclude {}", key.name), "Hide events that mention this", false),
                ];
                for (symbol, name, hint, include) in toggles {
                    let (toggled, other) = if include {
                        (&mut filter.included, &mut filter.excluded)
                    } else {
                        (&mut filter.excluded, &mut filter.included)
                    };
                    let on = toggled.contains(key);
                    let response = ui.selectable_label(on, symbol);
                    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, on, &name));
                    if response.on_hover_text(hint).clicked() {
                        other.remove(key);
                        if !toggled.remove(key) {
                            toggled.insert(key.clone());
                        }
                    }
                }
                let mentions = model.corpus.entity(id).mentions;
                let mut text = egui::RichText::new(format!("{} ({mentions})", key.name))
                    .background_color(entity_color(kind, dark));
                if filter.excluded.contains(key) {
                    text = text.strikethrough();
                }
                if count == 0 {
                    text = text.weak();
                }
                let events = if count == 1 { "event" } else { "events" };
                let mentions_word = if mentions == 1 { "mention" } else { "mentions" };
                ui.label(text)
                    .on_hover_text(format!(
                        "{mentions} {mentions_word} in all · in {count} shown {events}\n\
                         Right-click to rename, merge, change kind or split an alias"
                    ))
                    .context_menu(|ui| entity_menu_ui(ui, model, id, &mut state.rename_text, commands));
            });
        }
        if total > FACET_ROWS {
            ui.weak(format!("… and {} more (type to find)", total - FACET_ROWS));
        }
    });
}

fn typed_day_range(from: &str, to: &str) -> Option<(i32, i32)> {
    let from = parse_iso_date(from).map(day_number);
    let to = parse_iso_date(to).map(day_number);
    match (from, to) {
        (None, None) => None,
        (first, last) => {
            let first = first.unwrap_or(i32::MIN);
            let last = last.unwrap_or(i32::MAX);
            Some((first.min(last), first.max(last)))
        }
    }
}

/// A facet's entity count and its first [`FACET_ROWS`] rows, most frequent among the
/// filtered events first. Cached per filtered view and facet search: a large corpus has tens
/// of thousands of entities.
fn facet_rows(
    model: &ViewModel<'_>,
    kind: EntityKind,
    state: &mut FilterPanelState,
) -> (usize, Vec<(EntityId, u32)>) {
    let key: FacetKey = (model.view.generation(), state.facet_search.clone(), kind);
    let shown = |rows: &[FacetRow]| (rows.len(), rows[..rows.len().min(FACET_ROWS)].to_vec());
    if let Some((_, rows)) = state.facet_cache.iter().find(|(k, _)| *k == key) {
        return shown(rows);
    }
    let needle = state.facet_search.trim().to_lowercase();
    let mut rows: Vec<FacetRow> = model
        .corpus
        .entities()
        .iter()
        .enumerate()
        .filter(|(_, e)| e.key.kind == kind)
        .filter(|(_, e)| needle.is_empty() || e.key.name.to_lowercase().contains(&needle))
        .map(|(i, _)| (EntityId(i as u32), model.view.entity_counts.get(i).copied().unwrap_or(0)))
        .collect();
    let mentions = |id: EntityId| model.corpus.entity(id).mentions;
    rows.sort_by(|a, b| mentions(b.0).cmp(&mentions(a.0)).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
    state.facet_cache.retain(|(k, _)| k.0 == key.0 && k.1 == key.1);
    let result = shown(&rows);
    state.facet_cache.push((key, rows));
    result
}

/// Corrections to one entity: rename, change kind, merge into another, split an alias off,
/// undo.
fn entity_menu_ui(
    ui: &mut egui::Ui,
    model: &ViewModel<'_>,
    id: EntityId,
    rename_text: &mut String,
    commands: &mut Vec<Command>,
) {
    let entity = model.corpus.entity(id);
    let key = &entity.key;
    let mut edit = |ui: &mut egui::Ui, edit: EntityEdit| {
        commands.push(Command::EditEntity(edit));
        ui.close();
    };
    ui.strong(format!("{} ({} mentions)", key.name, entity.mentions));
    ui.horizontal(|ui| {
        let label = ui.label("Rename");
        ui.add(egui::TextEdit::singleline(rename_text).hint_text(key.name.as_str()).desired_width(160.0))
            .labelled_by(label.id);
        let name = rename_text.trim().to_owned();
        if ui.add_enabled(!name.is_empty() && name != key.name, egui::Button::new("OK")).clicked() {
            rename_text.clear();
            edit(ui, EntityEdit::Redirect { from: key.clone(), to: EntityKey { kind: key.kind, name } });
        }
    });
    ui.menu_button("Change kind", |ui| {
        for other in [EntityKind::Person, EntityKind::Place, EntityKind::Organization] {
            if other != key.kind && ui.button(other.as_str()).clicked() {
                edit(
                    ui,
                    EntityEdit::Redirect {
                        from: key.clone(),
                        to: EntityKey { kind: other, name: key.name.clone() },
                    },
                );
            }
        }
    });
    ui.menu_button("Merge into", |ui| {
        egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
            let others = model.corpus.entities().iter().filter(|e| e.key.kind == key.kind && e.key != *key);
            for other in others.take(MERGE_CANDIDATES) {
                if ui.button(format!("{} ({})", other.key.name, other.mentions)).clicked() {
                    edit(ui, EntityEdit::Redirect { from: key.clone(), to: other.key.clone() });
                }
            }
        });
    });
    let aliases: Vec<&String> = entity.aliases.iter().filter(|alias| **alias != key.name).collect();
    if !aliases.is_empty() {
        ui.menu_button("Split off an alias", |ui| {
            for alias in aliases {
                if ui.button(format!("“{alias}” is someone else")).clicked() {
                    edit(ui, EntityEdit::SplitAlias { from: key.clone(), alias: alias.clone() });
                }
            }
        });
    }
    if model.corpus.entity_edits().touches(key) && ui.button("Undo my edits of this entity").clicked() {
        edit(ui, EntityEdit::Reset(key.clone()));
    }
}
