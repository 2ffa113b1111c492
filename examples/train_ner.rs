//! Trains the entity tagger: `cargo run --release --example train_ner -- DATA_DIR OUT_MODEL`
//! (e.g. `-- ../shared/data/ner assets/ner/model.bin`). Uses gum.train.conll and
//! gum.dev.conll (their Wikinews documents with the CoNLL-style names of
//! assets/ner/wikinews_annotations.tsv) and WikiGold documents 1-116 from DATA_DIR, and the
//! news written and annotated for this project in assets/ner/written_news.txt; refuses to
//! run unless the LICENSES.md beside the output (assets/ner/LICENSES.md) records the licence
//! of each of them and of each gazetteer.
//! For experiments only, `NER_SETTINGS=EPOCHS,MIN_COUNT,MISC,BAGS` (e.g. `15,3,1,1`) overrides
//! the default training settings.

use std::path::{Path, PathBuf};

use chronoscope::extract::entities::train;

const TRAIN_FILES: &[&str] = &["gum.train.conll", "gum.dev.conll", "wikigold.conll"];
/// The embedded gazetteers, whose licences must be recorded too.
const GAZETTEERS: &[&str] =
    &["places.txt", "countries.txt", "first_names.txt", "surnames.txt", "common_words.txt"];
/// WikiGold documents 117-145 are held out for evaluation.
const WIKIGOLD_TRAIN_DOCS: usize = 116;

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [data, out] = args.as_slice() else {
        return Err("usage: train_ner DATA_DIR OUT_MODEL".into());
    };
    let out = PathBuf::from(out);
    let licenses_path = out.parent().unwrap_or(Path::new(".")).join("LICENSES.md");
    let licenses =
        std::fs::read_to_string(&licenses_path).map_err(|e| format!("{}: {e}", licenses_path.display()))?;
    for files in [TRAIN_FILES, &[train::WRITTEN_NEWS, train::WIKINEWS_ANNOTATIONS], GAZETTEERS] {
        train::check_licenses(&licenses, files)?;
    }
    println!(
        "{}: licences recorded for {TRAIN_FILES:?}, {}, {} and {GAZETTEERS:?}",
        licenses_path.display(),
        train::WRITTEN_NEWS,
        train::WIKINEWS_ANNOTATIONS
    );
    let annotations = train::read_project_file(train::WIKINEWS_ANNOTATIONS)?;
    let mut docs = Vec::new();
    for split in ["train", "dev"] {
        let mut gum = train::read_gum_split(Path::new(data), split)?;
        let annotated = train::apply_annotations(&mut gum, &annotations)?;
        println!(
            "gum.{split}.conll: {} documents, {annotated} of them with the names of {}",
            gum.len(),
            train::WIKINEWS_ANNOTATIONS
        );
        docs.extend(gum.into_iter().map(|gum| gum.doc));
    }
    let mut wikigold = train::read_conll_file(Path::new(data), "wikigold.conll")?;
    wikigold.truncate(WIKIGOLD_TRAIN_DOCS);
    println!("wikigold.conll: {} documents", wikigold.len());
    docs.extend(wikigold);
    let written = train::read_project_news(train::WRITTEN_NEWS)?;
    println!("{}: {} documents", train::WRITTEN_NEWS, written.len());
    docs.extend(written);
    let mut settings = train::Settings::default();
    if let Ok(v) = std::env::var("NER_SETTINGS") {
        let v: Vec<usize> = v.split(',').filter_map(|x| x.parse().ok()).collect();
        let [epochs, min_count, misc, bags] = v[..] else {
            return Err(format!("NER_SETTINGS={v:?}: want four numbers EPOCHS,MIN_COUNT,MISC,BAGS"));
        };
        settings.epochs = epochs;
        settings.min_count = min_count;
        settings.misc = misc != 0;
        settings.bags = bags;
    }
    let model = train::train(&docs, settings, &mut |line| {
        println!("{line}");
    });
    std::fs::write(&out, &model).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("wrote {} ({} bytes)", out.display(), model.len());
    Ok(())
}
