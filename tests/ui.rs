//! UI tests: drive the real window with egui_kittest, clicking and typing as a user would.

use chronoscope::app::ChronoscopeApp;
use chronoscope::ingest::sample_documents;
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
