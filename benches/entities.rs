//! Throughput of entity recognition over a few MB of news-like prose.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use chronoscope::extract::entities::recognize;

const PARAGRAPHS: &[&str] = &[
    "Almost one year has passed since Lucio Gutierrez was ousted from power in Ecuador. His replacement, the former vice-president Alfredo Palacio, has not managed to solve the problems that led to the April 2005 rising in Quito.",
    "The European Union and the United Nations said on Monday that talks in Geneva would resume. Mr. Annan told reporters that the Security Council would meet again in New York next week.",
    "Shares of Microsoft Corp. rose 3 percent on the New York Stock Exchange after the company said its chief executive, Satya Nadella, would visit Beijing and Tokyo in March.",
    "In Paris, Prime Minister Jean-Pierre Raffarin met union leaders at the Hotel Matignon, while President Jacques Chirac flew to Berlin for talks with Chancellor Gerhard Schroeder.",
    "Once again the masses in Ecuador have risen up. Before him Bucaram and Noboa were chased out of power, and the Supreme Court and the National Palace were occupied by CONAIE supporters.",
    "the weather was mild and most people stayed at home, reading newspapers and talking about prices, wages and the long winter that was expected to come after a dry autumn.",
];

fn corpus(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 1024);
    let mut k = 0;
    while text.len() < bytes {
        text.push_str(PARAGRAPHS[k % PARAGRAPHS.len()]);
        text.push_str("\n\n");
        k += 1;
    }
    text
}

fn bench(c: &mut Criterion) {
    let text = corpus(4 << 20);
    let _ = recognize("warm up the model");
    let mut group = c.benchmark_group("entities");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("recognize_4mb", |b| b.iter(|| recognize(&text)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
