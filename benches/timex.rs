//! Throughput of the temporal tagger over about 10 MB of news prose.

use std::hint::black_box;

use chronoscope::extract::time::tag;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jiff::civil::Date;

/// A paragraph of news prose with a realistic density of time expressions.
const PARAGRAPH: &str = "WASHINGTON (AP) -- The Senate voted Friday to extend the program for \
two years, a week after the House approved a similar measure. Officials said on Jan. 21, 2000, \
that profits in the third quarter rose 12 percent from a year earlier, and analysts expect the \
trend to continue next year. The company, which was founded in the 1990s, has cut 1,500 jobs \
since early 2005 and plans to hire again in the spring. \"We meet every Monday at 3 p.m.,\" the \
spokeswoman said yesterday, adding that the board would review the plan over the next few \
months. Shares closed at $42.50, up 3.2 percent, in heavy trading on the New York Stock \
Exchange, where volume reached 12 million shares.\n\n";

/// Size of the benchmark text.
const TEXT_BYTES: usize = 10 * 1024 * 1024;

fn tagging(criterion: &mut Criterion) {
    let text = PARAGRAPH.repeat(TEXT_BYTES / PARAGRAPH.len() + 1);
    let reference = Date::new(2000, 1, 22).ok();
    let mut group = criterion.benchmark_group("timex");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("tag_10mb_news", |bench| bench.iter(|| tag(black_box(&text), reference)));
    group.finish();
}

criterion_group!(benches, tagging);
criterion_main!(benches);
