//! UI tests: drive the real window with egui_kittest, clicking and typing as a user would.

use chronoscope::app::ChronoscopeApp;
use chronoscope::ingest::sample_documents;
use chronoscope::model::EventId;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn harness() -> Harness<'static, ChronoscopeApp> {
    let mut harness = Harness::builder().with_size(egui::vec2(1400.0, 860.0)).build_ui_state(
        |ui, app: &mut ChronoscopeApp| app.ui(ui),
        ChronoscopeApp::with_documents(sample_documents()),
    );
    harness.run();
    harness
}

fn count_label(app: &ChronoscopeApp) -> String {
    format!("{} of {} events", app.filtered_events().len(), app.corpus().events().len())
}

#[test]
fn starts_with_the_sample_and_lists_its_events() {
    let harness = harness();
    let app = harness.state();
    let total = app.corpus().events().len();
    assert!(total >= 20, "the sample corpus should give at least 20 events, got {total}");
    assert_eq!(app.filtered_events().len(), total);
    harness.get_by_label(&format!("{total} of {total} events"));
    let per_document = app.corpus().events().iter().filter(|e| e.document.0 == 0).count();
    harness.get_by_label(&format!("ecuador-2000.txt ({per_document})"));
}

/// The first and last day of the selected event, or of the sample's sentence starting with
/// `sentence_start` when nothing is selected.
fn event_days(app: &ChronoscopeApp, sentence_start: &str) -> (String, String) {
    let corpus = app.corpus();
    let id = app.selection().event.unwrap_or_else(|| event_by_sentence(app, sentence_start));
    let span = corpus.event(id).span.expect("dated");
    (span.interval.earliest.to_string(), span.interval.latest.to_string())
}

#[test]
fn a_period_between_two_dates_is_one_event_drawn_across_it() {
    let harness = harness();
    let days = event_days(harness.state(), "Between 1996 and 2006");
    assert_eq!(days, ("1996-01-01".to_owned(), "2006-12-31".to_owned()));
    harness.get_by_label("1996 – 2006");
}

#[test]
fn a_date_typed_for_a_period_replaces_the_whole_period() {
    let mut harness = harness();
    select_event_by_sentence(&mut harness, "Between 1996 and 2006");
    // Both ends of the period say where they come from.
    harness.get_by_label("“1996” means 1996 (DATE)");
    harness.get_by_label("“2006” means 2006 (DATE)");
    let field = harness.get_by_role_and_label(Role::TextInput, "Correct date");
    field.focus();
    field.type_text("1998");
    harness.run();
    harness.get_by_label("Set date").click();
    harness.run();
    let days = event_days(harness.state(), "Between 1996 and 2006");
    assert_eq!(days, ("1998-01-01".to_owned(), "1998-12-31".to_owned()));
    assert_eq!(harness.query_all_by_label("1998 (corrected)").count(), 2, "the selected event and its row");
    harness.get_by_label("Undo correction").click();
    harness.run();
    let days = event_days(harness.state(), "Between 1996 and 2006");
    assert_eq!(days, ("1996-01-01".to_owned(), "2006-12-31".to_owned()));
}

#[test]
fn clicking_an_event_shows_its_sentence_in_the_document_viewer() {
    let mut harness = harness();
    let (event, sentence_start) = {
        let app = harness.state();
        // An event near the top of the list (so its row is laid out) from another document
        // than the one shown at start.
        let event = *app.filtered_events()[..8]
            .iter()
            .find(|&&e| app.corpus().event(e).document.0 != 0)
            .expect("an early event outside the first document");
        let sentence = app.corpus().sentence(event);
        let first_words: String = sentence.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
        (event, first_words)
    };
    harness.get_by_label_contains(&sentence_start).click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.selection().event, Some(event));
    assert_eq!(app.selection().document, Some(app.corpus().event(event).document));
    // The viewer switched to that document (it showed another one before) and scrolled so
    // the sentence's row is laid out: the sentence is now both in the list and the viewer.
    let rows = harness.query_all_by_label_contains(&sentence_start).count();
    assert!(rows >= 2, "sentence should appear in the list and in the viewer, found {rows}");
}

#[test]
fn typing_in_search_narrows_the_event_count() {
    let mut harness = harness();
    let total = harness.state().corpus().events().len();
    let search = harness.get_by_role_and_label(Role::TextInput, "Search");
    search.focus();
    search.type_text("Gutierrez");
    harness.run();
    let app = harness.state();
    let shown = app.filtered_events().len();
    assert!(shown > 0 && shown < total, "{shown} of {total}");
    for &event in app.filtered_events() {
        assert!(app.corpus().sentence(event).to_lowercase().contains("gutierrez"));
    }
    harness.get_by_label(&count_label(app));
}

#[test]
fn excluding_an_entity_removes_its_events_from_every_view() {
    let mut harness = harness();
    let (name, key) = {
        let app = harness.state();
        let entity = app.corpus().entities().first().expect("entities").clone();
        (entity.key.name.clone(), entity.key)
    };
    harness.get_by_label(&format!("Exclude {name}")).click();
    harness.run();
    let app = harness.state();
    assert!(app.filter().excluded.contains(&key));
    let id = app.corpus().entity_id(&key).expect("entity");
    assert!(!app.filtered_events().is_empty());
    for &event in app.filtered_events() {
        assert!(!app.corpus().event(event).entities.contains(&id), "{name} still shown");
    }
    harness.get_by_label(&count_label(app));
}

#[test]
fn main_window_snapshot() {
    let mut harness = Harness::builder().with_size(egui::vec2(1400.0, 860.0)).wgpu().build_ui_state(
        |ui, app: &mut ChronoscopeApp| app.ui(ui),
        ChronoscopeApp::with_documents(sample_documents()),
    );
    harness.run();
    harness.snapshot("main_window");
}

/// Selects an event through the UI: searches for its sentence start, then clicks its row
/// in the event list (the only place the whole sentence is on one line).
/// The first event of the sample whose sentence starts with `sentence_start`.
fn event_by_sentence(app: &ChronoscopeApp, sentence_start: &str) -> EventId {
    let corpus = app.corpus();
    let index = corpus
        .events()
        .iter()
        .position(|e| corpus.document(e.document).text[e.sentence.clone()].starts_with(sentence_start));
    EventId(index.expect("the sentence in the sample") as u32)
}

fn select_event_by_sentence(harness: &mut Harness<'static, ChronoscopeApp>, sentence_start: &str) {
    let sentence = {
        let app = harness.state();
        let sentence = app.corpus().sentence(event_by_sentence(app, sentence_start));
        sentence.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let search = harness.get_by_role_and_label(Role::TextInput, "Search");
    search.focus();
    search.type_text(sentence_start);
    harness.run();
    harness.get_by_label(&sentence).click();
    harness.run();
}

#[test]
fn an_uncertain_date_can_be_corrected_by_choosing_another_reading() {
    let mut harness = harness();
    select_event_by_sentence(&mut harness, "On Friday 21st of January");
    let (event, alternative) = {
        let app = harness.state();
        let event = app.selection().event.expect("selected");
        let timex = app.corpus().timex(event);
        assert!(!timex.alternatives.is_empty(), "a weekday with no year has other readings");
        (event, timex.alternatives[0])
    };
    let document = harness.state().corpus().event(event).document;
    let timex = harness.state().corpus().event(event).timex;
    harness.get_by_label(&chronoscope::ui::interval_label(&alternative)).click();
    harness.run();
    let app = harness.state();
    let moved = app.corpus().event_for_timex(document, timex).expect("event");
    let span = app.corpus().event(moved).span.expect("dated");
    assert!(span.corrected);
    assert_eq!(span.interval, alternative);
    harness.get_by_label("Undo correction");
}

#[test]
fn changing_the_reference_date_re_resolves_relative_dates() {
    let mut harness = harness();
    let yesterday = |app: &ChronoscopeApp| {
        let doc = &app.corpus().documents()[0];
        let timex = doc
            .extraction
            .timexes
            .iter()
            .find(|t| doc.text[t.start..t.end].eq_ignore_ascii_case("yesterday"))
            .expect("the sample says yesterday");
        timex.interval.expect("resolved").earliest.to_string()
    };
    assert_eq!(yesterday(harness.state()), "2000-01-21");
    let field = harness.get_by_role_and_label(Role::TextInput, "Reference date");
    field.focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_role_and_label(Role::TextInput, "Reference date").type_text("2000-02-10");
    harness.run();
    harness.get_by_label("Set").click();
    harness.run();
    assert_eq!(yesterday(harness.state()), "2000-02-09");
}

#[test]
fn shift_dragging_on_the_timeline_brushes_a_date_range() {
    let mut harness = harness();
    let all = harness.state().filtered_events().len();
    let (from, to) = (egui::pos2(500.0, 220.0), egui::pos2(850.0, 220.0));
    harness.event(egui::Event::ModifiersChanged(egui::Modifiers::SHIFT));
    harness.hover_at(from);
    harness.run();
    harness.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::SHIFT,
    });
    harness.run();
    for step in 1..=4 {
        harness.hover_at(from + (to - from) * step as f32 / 4.0);
        harness.run();
    }
    harness.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::SHIFT,
    });
    harness.run();
    harness.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    harness.run();
    let app = harness.state();
    let (first, last) = app.filter().day_range.expect("a brushed range");
    assert!(first < last);
    let shown = app.filtered_events();
    assert!(!shown.is_empty() && shown.len() < all, "{} of {all}", shown.len());
    for &event in shown {
        let span = app.corpus().event(event).span.expect("only dated events in a range");
        assert!(span.last_day >= first && span.first_day <= last);
    }
}

/// Steps the UI until the background load is done (at most about four seconds).
fn wait_until_loaded(harness: &mut Harness<'static, ChronoscopeApp>) {
    for _ in 0..200 {
        harness.step();
        if !harness.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    harness.run();
}

#[test]
fn opening_a_folder_loads_in_the_background_and_lists_bad_files_as_problems() {
    let folder = std::env::temp_dir().join(format!("chronoscope-ui-open-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temp folder");
    std::fs::write(folder.join("good.txt"), "Congress met in Guayaquil on 22 January 2000.").expect("write");
    std::fs::write(folder.join("broken.txt"), b"\x00\x00\x01binary").expect("write");
    let mut harness = Harness::builder().with_size(egui::vec2(1400.0, 860.0)).build_ui_state(
        |ui, app: &mut ChronoscopeApp| app.ui(ui),
        ChronoscopeApp::with_documents(Vec::new()),
    );
    let ctx = harness.ctx.clone();
    harness.state_mut().start_worker(&ctx);
    harness.state_mut().apply(chronoscope::command::Command::Open(vec![folder.clone()]), &ctx);
    wait_until_loaded(&mut harness);
    let app = harness.state();
    assert!(!app.is_loading());
    assert_eq!(app.corpus().documents().len(), 1);
    assert_eq!(app.corpus().events().len(), 1);
    harness.get_by_label("Problems (1): these files were not loaded");
    harness.get_by_label_contains("broken.txt: the file looks binary");
    let _ = std::fs::remove_dir_all(&folder);
}

/// A file dropped from the desktop, as the windowing backend hands it over.
#[derive(Debug)]
struct DroppedPath(std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_files_on_the_window_opens_them_beside_the_open_documents() {
    let folder = std::env::temp_dir().join(format!("chronoscope-ui-drop-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temp folder");
    let dropped = folder.join("dropped.txt");
    std::fs::write(&dropped, "The senate voted on 3 March 2004. Quito protested on 5 March 2004.")
        .expect("write");
    let mut harness = harness();
    let events_before = harness.state().corpus().events().len();
    let ctx = harness.ctx.clone();
    harness.state_mut().start_worker(&ctx);
    harness
        .input_mut()
        .hovered_files
        .push(egui::HoveredFile { path: Some(dropped.clone()), ..Default::default() });
    harness.run_steps(3);
    harness.get_by_label("Drop to open 1 file(s)");
    harness.input_mut().hovered_files.clear();
    harness.input_mut().dropped_files.push(std::sync::Arc::new(DroppedPath(dropped)));
    harness.step();
    wait_until_loaded(&mut harness);
    let app = harness.state();
    let names: Vec<&str> = app.corpus().documents().iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names.last(), Some(&"dropped.txt"), "{names:?}");
    let total = events_before + 2;
    assert_eq!(app.corpus().events().len(), total);
    harness.get_by_label(&format!("{total} of {total} events"));
    assert!(harness.query_by_label("Drop to open 1 file(s)").is_none(), "the overlay goes with the drag");
    let _ = std::fs::remove_dir_all(&folder);
}

/// The facet row label of an entity: its name and its mention count.
fn facet_label(harness: &Harness<'static, ChronoscopeApp>, name: &str) -> String {
    let app = harness.state();
    let entity = app.corpus().entities().iter().find(|e| e.key.name == name).expect("entity");
    format!("{name} ({})", entity.mentions)
}

#[test]
fn each_entity_is_listed_once_with_its_mention_count() {
    let harness = harness();
    let app = harness.state();
    let entities = app.corpus().entities();
    assert!(entities.len() > 10, "the sample names more than ten entities");
    for entity in entities {
        let label = format!("{} ({})", entity.key.name, entity.mentions);
        assert!(entity.mentions > 0, "{label}");
        assert_eq!(harness.query_all_by_label(&label).count(), 1, "{label}");
    }
}

/// Renames an entity through its facet row's context menu.
fn rename_entity(harness: &mut Harness<'static, ChronoscopeApp>, name: &str, new_name: &str) {
    harness.get_by_label(&facet_label(harness, name)).click_secondary();
    harness.run();
    let rename = harness.get_by_role_and_label(Role::TextInput, "Rename");
    rename.focus();
    rename.type_text(new_name);
    harness.run();
    harness.get_by_label("OK").click();
    harness.run();
}

#[test]
fn an_entity_can_be_renamed_and_re_kinded_from_its_facet() {
    let mut harness = harness();
    let entity = harness
        .state()
        .corpus()
        .entities()
        .iter()
        .find(|e| e.key.name == "Jamil Mahuad")
        .expect("entity")
        .clone();
    rename_entity(&mut harness, "Jamil Mahuad", "Jamil Mahuad Witt");
    {
        let app = harness.state();
        assert!(app.corpus().entities().iter().all(|e| e.key.name != "Jamil Mahuad"));
        let renamed =
            app.corpus().entities().iter().find(|e| e.key.name == "Jamil Mahuad Witt").expect("renamed");
        assert_eq!(renamed.mentions, entity.mentions);
        assert_eq!(renamed.key.kind, entity.key.kind);
    }
    harness.get_by_label_contains("Jamil Mahuad Witt (").click_secondary();
    harness.run();
    harness.get_by_label("Change kind").click();
    harness.run();
    harness.get_by_label("organization").click();
    harness.run();
    let app = harness.state();
    let moved = app.corpus().entities().iter().find(|e| e.key.name == "Jamil Mahuad Witt").expect("entity");
    assert_eq!(moved.key.kind, chronoscope::extract::entities::EntityKind::Organization);
}

fn mentions_of(harness: &Harness<'static, ChronoscopeApp>, name: &str) -> Option<u32> {
    harness.state().corpus().entities().iter().find(|e| e.key.name == name).map(|e| e.mentions)
}

#[test]
fn an_alias_splits_off_and_merges_back_through_the_facet_menu() {
    let mut harness = harness();
    let full = mentions_of(&harness, "Gustavo Noboa").expect("the sample names Gustavo Noboa");
    assert_eq!(mentions_of(&harness, "Noboa"), None, "the surname is an alias at first");
    harness.get_by_label(&facet_label(&harness, "Gustavo Noboa")).click_secondary();
    harness.run();
    harness.get_by_label("Split off an alias").click();
    harness.run();
    harness.get_by_label("\u{201c}Noboa\u{201d} is someone else").click();
    harness.run();
    let alone = mentions_of(&harness, "Noboa").expect("the alias is an entity of its own");
    let rest = mentions_of(&harness, "Gustavo Noboa").expect("the full name stays");
    assert!(alone > 0 && rest > 0, "{alone} + {rest}");
    assert_eq!(alone + rest, full);

    harness.get_by_label(&facet_label(&harness, "Noboa")).click_secondary();
    harness.run();
    harness.get_by_label("Merge into").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, &format!("Gustavo Noboa ({rest})")).click();
    harness.run();
    assert_eq!(mentions_of(&harness, "Noboa"), None);
    assert_eq!(mentions_of(&harness, "Gustavo Noboa"), Some(full));
}

#[test]
fn arrow_keys_step_through_the_chronology() {
    let mut harness = harness();
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    let app = harness.state();
    assert_eq!(app.selection().event, Some(app.filtered_events()[1]));
    harness.key_press(egui::Key::ArrowUp);
    harness.run();
    assert_eq!(harness.state().selection().event, Some(harness.state().filtered_events()[0]));
}

#[test]
fn the_undated_list_shows_sentences_without_a_date_and_selects_them() {
    let mut harness = harness();
    let (count, first) = {
        let app = harness.state();
        let undated: Vec<EventId> =
            app.filtered_events().iter().copied().filter(|&e| app.corpus().event(e).span.is_none()).collect();
        (undated.len(), undated[0])
    };
    assert!(count > 0, "the sample has undated sentences");
    harness.get_by_label(&format!("Undated ({count})")).click();
    harness.run();
    let sentence = harness.state().corpus().sentence(first).split_whitespace().collect::<Vec<_>>().join(" ");
    let nodes: Vec<_> = harness.query_all_by_label(&sentence).collect();
    assert!(!nodes.is_empty(), "undated sentence listed");
    nodes.last().expect("node").click();
    harness.run();
    assert_eq!(harness.state().selection().event, Some(first));
}

#[test]
fn undoing_an_entity_edit_leaves_no_filter_that_cannot_be_switched_off() {
    let mut harness = harness();
    let total = harness.state().filtered_events().len();
    rename_entity(&mut harness, "Jamil Mahuad", "Mahuad");
    harness.get_by_label("Include Mahuad").click();
    harness.run();
    assert!(harness.state().filtered_events().len() < total);
    harness.get_by_label(&facet_label(&harness, "Mahuad")).click_secondary();
    harness.run();
    harness.get_by_label("Undo my edits of this entity").click();
    harness.run();
    let app = harness.state();
    assert!(app.filter().included.iter().all(|key| app.corpus().entity_id(key).is_some()));
    assert_eq!(app.filtered_events().len(), total);
}

#[test]
fn an_approximate_date_reads_circa_in_the_event_list_and_the_details() {
    let text = "The house was built c. 1850 by masons.";
    let documents = chronoscope::ingest::documents_from_text(
        std::path::Path::new("house.txt"),
        text,
        chronoscope::ingest::LoadOptions::default(),
    );
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .build_ui_state(|ui, app: &mut ChronoscopeApp| app.ui(ui), ChronoscopeApp::with_documents(documents));
    harness.run();
    let span = harness.state().corpus().events()[0].span.expect("dated");
    assert!(span.uncertain, "an approximate date is drawn as uncertain");
    harness.get_by_label("c. 1850").click();
    harness.run();
    harness.get_by_label("qualified: approximately");
    harness.get_by_label("from 1 Jan 1850 to 31 Dec 1850");
}
