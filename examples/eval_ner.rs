//! Measures the entity tagger on held-out data:
//! `cargo run --release --example eval_ner -- DATA_DIR [MODEL]` prints per-kind
//! precision, recall and F1 (exact span and kind) on gum.test.conll, WikiGold documents
//! 117-145, the Wikinews part of gum.test (the closest to newswire) and
//! assets/ner/heldout_news.txt (news written and annotated for the project like the
//! training news, but never trained on), using MODEL or else the embedded model. With
//! `NER_VERBOSE=1` it also lists every wrong (+) and missed (-) span with some left context.
//!
//! `eval_ner DATA_DIR --newswire-cv` measures on newswire with more data: it cross-validates
//! over all 43 Wikinews documents of GUM (news and interviews from every split), four folds,
//! each trained like the shipped model (gum.train, gum.dev, WikiGold 1-116,
//! assets/ner/written_news.txt, and the other folds' Wikinews documents with the names of
//! assets/ner/wikinews_annotations.tsv) but with the fold's own documents left out. It
//! scores the same output twice: against GUM's names, derived from its syntax, and against
//! wikinews_annotations.tsv, the same documents annotated anew under CoNLL-2003 conventions
//! without seeing the tagger's output (see assets/ner/ANNOTATION.md). `NER_SEED=N` trains
//! with another shuffling seed, to see how much of a difference is noise.

use std::path::Path;

use chronoscope::extract::entities::train::{self, Doc, Scores, Settings};
use chronoscope::extract::entities::{EntityKind, Recognizer};

/// Folds of the newswire cross-validation.
const FOLDS: usize = 4;
/// WikiGold documents 1-116 are training data; the rest are held out.
const WIKIGOLD_TRAIN_DOCS: usize = 116;

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(data) = args.first() else {
        return Err("usage: eval_ner DATA_DIR [MODEL | --newswire-cv]".into());
    };
    let data = Path::new(data);
    if args.get(1).map(String::as_str) == Some("--newswire-cv") {
        return newswire_cross_validation(data);
    }
    let owned;
    let recognizer = match args.get(1) {
        Some(model) => {
            let bytes = std::fs::read(model).map_err(|e| format!("{model}: {e}"))?;
            owned = Recognizer::from_model_bytes(&bytes);
            &owned
        }
        None => Recognizer::embedded(),
    };
    let gum = train::read_gum_split(data, "test")?;
    let wiki: Vec<Doc> =
        train::read_conll_file(data, "wikigold.conll")?.into_iter().skip(WIKIGOLD_TRAIN_DOCS).collect();
    let news: Vec<Doc> =
        gum.iter().filter(|gum| is_newswire(&gum.genre)).map(|gum| gum.doc.clone()).collect();
    let gum: Vec<Doc> = gum.into_iter().map(|gum| gum.doc).collect();
    let heldout = train::read_project_news(train::HELDOUT_NEWS)?;
    for (name, docs) in [
        ("gum.test", &gum),
        ("gum.test news+interview (Wikinews)", &news),
        ("wikigold 117-145", &wiki),
        ("held-out written news (assets/ner/heldout_news.txt)", &heldout),
    ] {
        let scores = train::evaluate_with(recognizer, docs, &mut report_if_verbose);
        print_scores(&format!("{name} ({} documents)", docs.len()), &scores);
    }
    Ok(())
}

/// Trains one model per fold of the Wikinews documents and sums the held-out counts.
fn newswire_cross_validation(data: &Path) -> Result<(), String> {
    let annotations = train::read_project_file(train::WIKINEWS_ANNOTATIONS)?;
    let mut others = Vec::new();
    let mut news = Vec::new();
    for split in ["train", "dev", "test"] {
        let original = train::read_gum_split(data, split)?;
        let mut annotated = original.clone();
        train::apply_annotations(&mut annotated, &annotations)?;
        for (original, annotated) in original.into_iter().zip(annotated) {
            if is_newswire(&original.genre) {
                news.push((original.doc, annotated.doc));
            } else if split != "test" {
                others.push(original.doc);
            }
        }
    }
    others.extend(train::read_conll_file(data, "wikigold.conll")?.into_iter().take(WIKIGOLD_TRAIN_DOCS));
    others.extend(train::read_project_news(train::WRITTEN_NEWS)?);
    let mut settings = Settings::default();
    if let Some(seed) = std::env::var("NER_SEED").ok().and_then(|seed| seed.parse().ok()) {
        settings.seed = seed;
    }
    let empty = || Scores {
        kinds: [EntityKind::Person, EntityKind::Place, EntityKind::Organization]
            .map(|k| (k, train::Counts::default())),
    };
    let (mut against_annotations, mut against_gum) = (empty(), empty());
    for fold in 0..FOLDS {
        let mut training = others.clone();
        let (mut test_gum, mut test_annotated) = (Vec::new(), Vec::new());
        for (i, (original, annotated)) in news.iter().enumerate() {
            if i % FOLDS == fold {
                test_gum.push(original.clone());
                test_annotated.push(annotated.clone());
            } else {
                training.push(annotated.clone());
            }
        }
        let model = train::train(&training, settings, &mut |_| {});
        let recognizer = Recognizer::from_model_bytes(&model);
        for (total, test) in [(&mut against_annotations, &test_annotated), (&mut against_gum, &test_gum)] {
            let scores = train::evaluate_with(&recognizer, test, &mut report_if_verbose);
            for ((_, sum), (_, c)) in total.kinds.iter_mut().zip(scores.kinds) {
                sum.add(c);
            }
        }
    }
    let title = format!("Wikinews {FOLDS}-fold cross-validation ({} documents)", news.len());
    print_scores(&format!("{title}, against GUM's derived names"), &against_gum);
    print_scores(
        &format!("{title}, against wikinews_annotations.tsv (CoNLL conventions)"),
        &against_annotations,
    );
    Ok(())
}

/// Prints each wrong or missed span when `NER_VERBOSE` is set.
fn report_if_verbose(line: &str) {
    if std::env::var_os("NER_VERBOSE").is_some() {
        println!("{line}");
    }
}

fn is_newswire(genre: &str) -> bool {
    matches!(genre, "news" | "interview")
}

fn print_scores(title: &str, scores: &Scores) {
    println!("{title}");
    let rows = scores.kinds.iter().map(|(k, c)| (k.as_str(), *c)).chain([("all", scores.overall())]);
    for (kind, c) in rows {
        println!(
            "  {kind:<13} P {:.3}  R {:.3}  F1 {:.3}  (tp {}, fp {}, fn {})",
            c.precision(),
            c.recall(),
            c.f1(),
            c.true_pos,
            c.false_pos,
            c.false_neg
        );
    }
}
