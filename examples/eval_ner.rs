//! Measures the entity tagger on held-out data:
//! `cargo run --release --example eval_ner -- DATA_DIR [MODEL]` prints per-kind
//! precision, recall and F1 (exact span and kind) on gum.test.conll and WikiGold documents
//! 117-145 (and on the Wikinews part of gum.test, the closest to newswire), using MODEL
//! or else the embedded model. With `NER_VERBOSE=1` it also lists every wrong (+) and
//! missed (-) span with some left context.

use std::path::Path;

use chronoscope::extract::entities::{Recognizer, train};

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(data) = args.first() else {
        return Err("usage: eval_ner DATA_DIR [MODEL]".into());
    };
    let owned;
    let recognizer = match args.get(1) {
        Some(model) => {
            let bytes = std::fs::read(model).map_err(|e| format!("{model}: {e}"))?;
            owned = Recognizer::from_model_bytes(&bytes);
            &owned
        }
        None => Recognizer::embedded(),
    };
    let read = |file: &str| -> Result<Vec<train::Doc>, String> {
        let path = Path::new(data).join(file);
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        train::read_conll(&text)
    };
    let gum = read("gum.test.conll")?;
    let wiki: Vec<train::Doc> = read("wikigold.conll")?.into_iter().skip(116).collect();
    let index_path = Path::new(data).join("gum.docs.tsv");
    let index = std::fs::read_to_string(&index_path).map_err(|e| format!("{}: {e}", index_path.display()))?;
    let test_genres: Vec<&str> = index
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|c| c.get(3) == Some(&"test"))
        .map(|c| c[1])
        .collect();
    if test_genres.len() != gum.len() {
        return Err("gum.docs.tsv does not match gum.test.conll".into());
    }
    let news: Vec<train::Doc> = gum
        .iter()
        .zip(&test_genres)
        .filter(|(_, g)| matches!(**g, "news" | "interview"))
        .map(|(d, _)| d.clone())
        .collect();
    for (name, docs) in
        [("gum.test", &gum), ("gum.test news+interview (Wikinews)", &news), ("wikigold 117-145", &wiki)]
    {
        let verbose = std::env::var_os("NER_VERBOSE").is_some();
        let scores = train::evaluate_with(recognizer, docs, &mut |line| {
            if verbose {
                println!("{line}");
            }
        });
        println!("{name} ({} documents)", docs.len());
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
    Ok(())
}
