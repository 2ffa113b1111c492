//! Frame CPU time of the whole UI over 100,000 synthetic events (goal: median < 8 ms).

use chronoscope::app::ChronoscopeApp;
use chronoscope::bench::{frame_times, synthetic_documents};
use criterion::{Criterion, criterion_group, criterion_main};

fn frame(c: &mut Criterion) {
    let mut app = ChronoscopeApp::with_documents(synthetic_documents(20, 100_000));
    let ctx = egui::Context::default();
    frame_times(&ctx, &mut app, 5);
    c.bench_function("frame_100k_events", |b| b.iter(|| frame_times(&ctx, &mut app, 1)));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = frame
}
criterion_main!(benches);
