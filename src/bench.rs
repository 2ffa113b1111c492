//! Figures printed by `chronoscope bench` and reused by the criterion benches: the frame
//! time of the whole UI over a large synthetic corpus, and extraction throughput.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::civil::Date;

use crate::app::ChronoscopeApp;
use crate::extract::entities::{EntityKind, Mention};
use crate::extract::time::{Anchor, Granularity, Interval, Timex, TimexType};
use crate::extract::{DocumentExtraction, EventCandidate, extract_document};
use crate::ingest::{LoadedDocument, SAMPLES};
use crate::model::calendar::date_from_day_number;

/// Documents whose extraction is generated, not computed: `event_count` events spread over
/// `documents` documents and 30 years, a fifth of them month-precise, with a few entities.
pub fn synthetic_documents(documents: usize, event_count: usize) -> Vec<LoadedDocument> {
    let names = ["Lucio Gutierrez", "Quito", "Supreme Court", "Jamil Mahuad", "Ecuador", "CONAIE"];
    let kinds = [
        EntityKind::Person,
        EntityKind::Place,
        EntityKind::Organization,
        EntityKind::Person,
        EntityKind::Place,
        EntityKind::Organization,
    ];
    let per_document = event_count.div_ceil(documents.max(1));
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..documents)
        .map(|d| {
            let mut text = String::new();
            let mut extraction = DocumentExtraction::default();
            for e in 0..per_document.min(event_count.saturating_sub(d * per_document)) {
                let sentence_start = text.len();
                let entity = (next() % names.len() as u64) as usize;
                text.push_str(names[entity]);
                text.push_str(" acted on ");
                let timex_start = text.len();
                text.push_str("that day");
                let timex_end = text.len();
                text.push_str(&format!(" in event number {e}.\n"));
                let day = 10_000 + (next() % 11_000) as i32;
                let month_precise = next() % 5 == 0;
                let earliest = date_from_day_number(day);
                let (earliest, latest, granularity) = if month_precise {
                    (earliest.first_of_month(), earliest.last_of_month(), Granularity::Month)
                } else {
                    (earliest, earliest, Granularity::Day)
                };
                extraction.timexes.push(Timex {
                    start: timex_start,
                    end: timex_end,
                    kind: TimexType::Date,
                    value: earliest.to_string(),
                    modifier: None,
                    interval: Some(Interval { earliest, latest, granularity }),
                    alternatives: Vec::new(),
                    rule: "synthetic",
                    anchor: Anchor::Absolute,
                });
                extraction.mentions.push(Mention {
                    start: sentence_start,
                    end: sentence_start + names[entity].len(),
                    kind: kinds[entity],
                    canonical: names[entity].to_owned(),
                });
                extraction.sentences.push(sentence_start..text.len() - 1);
                extraction.events.push(EventCandidate {
                    sentence: e,
                    timex: e,
                    until: None,
                    mentions: vec![e],
                });
            }
            LoadedDocument {
                path: PathBuf::from(format!("synthetic-{d}.txt")),
                name: format!("synthetic-{d}.txt"),
                text: Arc::from(text),
                given_reference: None,
                extraction,
            }
        })
        .collect()
}

/// The bundled samples repeated to at least `min_bytes`: realistic prose for throughput.
pub fn large_text(min_bytes: usize) -> String {
    let mut text = String::with_capacity(min_bytes + 4096);
    while text.len() < min_bytes {
        for (_, sample) in SAMPLES {
            text.push_str(sample);
            text.push_str("\n\n");
        }
    }
    text
}

/// Frame times (CPU: layout and tessellation) of the whole UI at 1400×860, with the pointer
/// moving over the timeline so hover work is included.
pub fn frame_times(ctx: &egui::Context, app: &mut ChronoscopeApp, frames: usize) -> Vec<Duration> {
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 860.0));
    let start_time = ctx.input(|i| i.time);
    (1..=frames)
        .map(|frame| {
            let pointer = egui::pos2(400.0 + (frame % 400) as f32, 120.0 + (frame % 7) as f32 * 20.0);
            let input = egui::RawInput {
                screen_rect: Some(screen),
                time: Some(start_time + frame as f64 / 60.0),
                events: vec![egui::Event::PointerMoved(pointer)],
                ..Default::default()
            };
            let started = Instant::now();
            let mut output = ctx.run_ui(input, |ui| app.ui(ui));
            let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
            let elapsed = started.elapsed();
            // No GPU here: the font atlas updates have nowhere to go.
            output.textures_delta.clear();
            elapsed
        })
        .collect()
}

/// Prints the figures the issues ask for.
pub fn print_figures() {
    let mut app = ChronoscopeApp::with_documents(synthetic_documents(20, 100_000));
    let ctx = egui::Context::default();
    frame_times(&ctx, &mut app, 10);
    let mut times = frame_times(&ctx, &mut app, 200);
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "frame time, whole UI, {} events: median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        app.corpus().events().len(),
        ms(times[times.len() / 2]),
        ms(times[times.len() * 95 / 100]),
        ms(times[times.len() - 1]),
    );

    let text = large_text(10 << 20);
    let megabytes = text.len() as f64 / 1e6;
    let reference = Some(Date::constant(2005, 4, 21));
    let timed = |name: &str, work: &dyn Fn()| {
        let started = Instant::now();
        work();
        let seconds = started.elapsed().as_secs_f64();
        println!("{name}: {megabytes:.1} MB in {seconds:.2} s = {:.1} MB/s (one core)", megabytes / seconds);
    };
    timed("time expressions", &|| {
        std::hint::black_box(crate::extract::time::tag(&text, reference));
    });
    timed("entities", &|| {
        std::hint::black_box(crate::extract::entities::recognize(&text));
    });
    timed("whole extraction", &|| {
        std::hint::black_box(extract_document(&text, reference));
    });

    // What a correction costs on the UI thread: the corpus rebuilds its derived data.
    let mut corpus = crate::model::Corpus::default();
    corpus.add_documents(crate::ingest::documents_from_text(
        std::path::Path::new("large.txt"),
        &text,
        crate::ingest::LoadOptions::default(),
    ));
    let started = Instant::now();
    corpus.correct_date(crate::model::DocId(0), 0, None);
    println!(
        "corpus rebuild after a correction, {:.1} MB, {} events: {:.0} ms",
        megabytes,
        corpus.events().len(),
        started.elapsed().as_secs_f64() * 1000.0
    );
}
