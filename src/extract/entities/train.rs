//! Training and evaluation of the tagger on CoNLL-style BIO files, so that the model in
//! `assets/ner/model.bin` can be rebuilt with one command and measured on held-out data.

use std::collections::{HashMap, HashSet};

use super::features::{DocLabels, DocStats, FastSet, SentenceFeatures, extract};
use super::gazetteer::Gazetteer;
use super::perceptron::{FeatureMap, Model, NT, TAGS, add_scores, history, is_inside, viterbi};
use super::{EntityKind, Recognizer};

/// One annotated sentence: tokens and their tag ids (indexes into the BIO tag list).
#[derive(Clone, Debug)]
pub struct Sentence {
    /// Token texts.
    pub words: Vec<String>,
    /// Tag id of each token.
    pub tags: Vec<usize>,
}

/// One annotated document.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    /// Its sentences in order.
    pub sentences: Vec<Sentence>,
}

/// Parses a CoNLL file (`TOKEN<TAB>TAG`, blank line between sentences, `-DOCSTART-` before
/// each document). Word-hyphen-word token triples are joined ("Jean - Pierre" gives
/// "Jean-Pierre") because the run-time tokenizer keeps hyphenated words whole.
pub fn read_conll(text: &str) -> Result<Vec<Doc>, String> {
    let mut docs: Vec<Doc> = Vec::new();
    let mut sent = Sentence { words: Vec::new(), tags: Vec::new() };
    let flush = |sent: &mut Sentence, docs: &mut Vec<Doc>| {
        if !sent.words.is_empty() {
            if docs.is_empty() {
                docs.push(Doc::default());
            }
            let s = std::mem::replace(sent, Sentence { words: Vec::new(), tags: Vec::new() });
            if let Some(d) = docs.last_mut() {
                d.sentences.push(join_hyphens(s));
            }
        }
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.starts_with("-DOCSTART-") {
            flush(&mut sent, &mut docs);
            docs.push(Doc::default());
        } else if line.trim().is_empty() {
            flush(&mut sent, &mut docs);
        } else {
            let (word, tag) = line.rsplit_once('\t').ok_or_else(|| format!("line {}: no tab", n + 1))?;
            let tag = TAGS
                .iter()
                .position(|t| *t == tag)
                .ok_or_else(|| format!("line {}: unknown tag {tag}", n + 1))?;
            sent.words.push(word.to_string());
            sent.tags.push(tag);
        }
    }
    flush(&mut sent, &mut docs);
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

/// A GUM document with the id and genre that `gum.docs.tsv` gives it.
#[derive(Clone, Debug)]
pub struct GumDoc {
    /// GUM's document id ("GUM_news_korea").
    pub id: String,
    /// GUM's genre ("news", "bio", ...).
    pub genre: String,
    /// Its sentences and tags.
    pub doc: Doc,
}

/// Reads `file` of the data folder `data`, naming it in any error.
fn read_data_file(data: &std::path::Path, file: &str) -> Result<String, String> {
    let path = data.join(file);
    std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads the CoNLL file `file` of the data folder `data` with [`read_conll`].
pub fn read_conll_file(data: &std::path::Path, file: &str) -> Result<Vec<Doc>, String> {
    read_conll(&read_data_file(data, file)?).map_err(|e| format!("{file}: {e}"))
}

/// Reads one GUM split (`gum.SPLIT.conll`) and names its documents from `gum.docs.tsv`,
/// which lists them in file order.
pub fn read_gum_split(data: &std::path::Path, split: &str) -> Result<Vec<GumDoc>, String> {
    let docs = read_conll_file(data, &format!("gum.{split}.conll"))?;
    let index = read_data_file(data, "gum.docs.tsv")?;
    let named: Vec<(&str, &str)> = index
        .lines()
        .map(|line| line.split('\t').collect::<Vec<_>>())
        .filter(|columns| columns.get(3) == Some(&split))
        .map(|columns| (columns[0], columns[1]))
        .collect();
    if named.len() != docs.len() {
        return Err(format!("gum.docs.tsv does not match gum.{split}.conll"));
    }
    Ok(docs
        .into_iter()
        .zip(named)
        .map(|(doc, (id, genre))| GumDoc { id: id.to_string(), genre: genre.to_string(), doc })
        .collect())
}

/// Replaces the tags of the documents that `table` (`assets/ner/wikinews_annotations.tsv`)
/// re-annotates: GUM derives its names from syntax, which misses names after a role
/// noun and types countries as teams, so those documents were annotated anew under
/// CoNLL-2003 conventions. A row `DOC<TAB>*` marks a document (all its tags become O,
/// MISC included); `DOC<TAB>SENTENCE<TAB>FIRST<TAB>END<TAB>KIND<TAB>TEXT` adds a name,
/// and TEXT must match the tokens. Returns how many of `docs` were re-annotated.
pub fn apply_annotations(docs: &mut [GumDoc], table: &str) -> Result<usize, String> {
    /// One name of the table: tokens `first..end` of a sentence, with its B- tag id.
    struct Name<'a> {
        sentence: usize,
        first: usize,
        end: usize,
        tag: usize,
        text: &'a str,
    }
    let mut marked: HashSet<&str> = HashSet::new();
    let mut names: HashMap<&str, Vec<Name>> = HashMap::new();
    for (n, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let bad = || format!("annotations line {}: {line:?}", n + 1);
        match columns[..] {
            [doc, "*"] => {
                marked.insert(doc);
            }
            [doc, sentence, first, end, kind, text] => {
                let number = |s: &str| s.parse::<usize>().map_err(|_| bad());
                let tag = ["PER", "LOC", "ORG"].iter().position(|k| *k == kind).ok_or_else(bad)? * 2 + 1;
                let name =
                    Name { sentence: number(sentence)?, first: number(first)?, end: number(end)?, tag, text };
                names.entry(doc).or_default().push(name);
            }
            _ => return Err(bad()),
        }
    }
    let mut applied = 0;
    for gum in docs.iter_mut().filter(|gum| marked.contains(gum.id.as_str())) {
        for sentence in &mut gum.doc.sentences {
            sentence.tags.iter_mut().for_each(|tag| *tag = 0);
        }
        for name in names.get(gum.id.as_str()).map_or(&[][..], Vec::as_slice) {
            let (first, end) = (name.first, name.end);
            let sentence =
                gum.doc.sentences.get_mut(name.sentence).filter(|s| first < end && end <= s.words.len());
            let Some(sentence) = sentence.filter(|s| s.words[first..end].join(" ") == name.text) else {
                return Err(format!(
                    "annotations: {} sentence {} tokens {first}..{end} are not {:?}",
                    gum.id, name.sentence, name.text
                ));
            };
            sentence.tags[first] = name.tag;
            sentence.tags[first + 1..end].iter_mut().for_each(|t| *t = name.tag + 1);
        }
        applied += 1;
    }
    Ok(applied)
}

/// The file in `assets/ner` that holds news written and annotated for this project:
/// newswire-style training text with CoNLL-2003 names, since the openly licensed corpora
/// hold little newswire.
pub const WRITTEN_NEWS: &str = "written_news.txt";

/// The file in `assets/ner` that holds more news written and annotated the same way but
/// never trained on: a second held-out newswire test, larger than the 43 Wikinews documents.
pub const HELDOUT_NEWS: &str = "heldout_news.txt";

/// The file in `assets/ner` that re-annotates GUM's 43 Wikinews documents under CoNLL-2003
/// conventions (see [`apply_annotations`]): the newswire test of cross-validation, and
/// training data for the shipped model where the document is not in GUM's test split.
pub const WIKINEWS_ANNOTATIONS: &str = "wikinews_annotations.tsv";

/// Reads one file of this crate's `assets/ner`, naming it in any error.
pub fn read_project_file(file: &str) -> Result<String, String> {
    read_data_file(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/ner"), file)
}

/// Reads one file of news written for this project ([`WRITTEN_NEWS`] or [`HELDOUT_NEWS`])
/// with [`read_marked`], naming the file in any error.
pub fn read_project_news(file: &str) -> Result<Vec<Doc>, String> {
    read_marked(&read_project_file(file)?).map_err(|e| format!("assets/ner/{file}: {e}"))
}

/// Reads news written and annotated for this project ([`WRITTEN_NEWS`]):
/// articles separated by lines starting `=====`, each name marked inline as
/// `{{KIND:name}}` with KIND one of PER, LOC, ORG. The text is split by the run-time
/// tokenizer, so the tagger trains on the very tokens it will see; a token that only
/// partly overlaps a name ("pro-Moscow") is tagged as part of it, as [`read_conll`] does
/// for hyphenated words (a prefixed modifier like that one is then no name candidate for
/// the tagger, which trains it as outside any name).
pub fn read_marked(text: &str) -> Result<Vec<Doc>, String> {
    let mut docs = Vec::new();
    let mut article = String::new();
    let lines = text.lines().chain(std::iter::once("====="));
    for (n, line) in lines.enumerate() {
        if !line.starts_with("=====") {
            article.push_str(line);
            article.push('\n');
            continue;
        }
        if !article.trim().is_empty() {
            let doc =
                read_marked_article(&article).map_err(|e| format!("article ending line {}: {e}", n + 1))?;
            docs.push(doc);
        }
        article.clear();
    }
    Ok(docs)
}

/// One article of [`read_marked`]: strips the markup, tokenizes and tags.
fn read_marked_article(marked: &str) -> Result<Doc, String> {
    let mut plain = String::with_capacity(marked.len());
    // Byte range in `plain` and B- tag id of each name.
    let mut names: Vec<(usize, usize, usize)> = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find("{{") {
        plain.push_str(&rest[..open]);
        let inner = &rest[open + 2..];
        let close = inner
            .find("}}")
            .ok_or_else(|| format!("unclosed {{{{ at {:?}", inner.chars().take(40).collect::<String>()))?;
        let (kind, name) =
            inner[..close].split_once(':').ok_or_else(|| format!("no KIND: in {:?}", &inner[..close]))?;
        let tag = ["PER", "LOC", "ORG"]
            .iter()
            .position(|k| *k == kind)
            .ok_or_else(|| format!("unknown kind {kind:?}"))?;
        if name.is_empty() || name.contains("{{") {
            return Err(format!("bad name {:?}", &inner[..close]));
        }
        names.push((plain.len(), plain.len() + name.len(), tag * 2 + 1));
        plain.push_str(name);
        rest = &inner[close + 2..];
    }
    plain.push_str(rest);
    if plain.contains("}}") {
        return Err("stray }}".to_string());
    }
    let (tokens, sentences) = super::tokenize::tokenize(&plain);
    let mut doc = Doc::default();
    let mut previous_name = None;
    for range in sentences {
        let mut sentence =
            Sentence { words: Vec::with_capacity(range.len()), tags: Vec::with_capacity(range.len()) };
        for token in &tokens[range] {
            let name = names.iter().position(|&(start, end, _)| token.start < end && start < token.end);
            let tag = match name {
                Some(i) if previous_name == Some(i) => names[i].2 + 1,
                Some(i) => names[i].2,
                None => 0,
            };
            previous_name = name;
            sentence.words.push(plain[token.start..token.end].to_string());
            sentence.tags.push(tag);
        }
        doc.sentences.push(sentence);
    }
    Ok(doc)
}

fn is_word(w: &str) -> bool {
    !w.is_empty() && w.chars().all(char::is_alphabetic)
}

fn join_hyphens(s: Sentence) -> Sentence {
    let mut out =
        Sentence { words: Vec::with_capacity(s.words.len()), tags: Vec::with_capacity(s.tags.len()) };
    let mut i = 0;
    while i < s.words.len() {
        if i + 2 < s.words.len() && s.words[i + 1] == "-" && is_word(&s.words[i]) && is_word(&s.words[i + 2])
        {
            let mut tag = s.tags[i];
            if tag == 0 && s.tags[i + 2] != 0 {
                tag = s.tags[i + 2] - (1 - s.tags[i + 2] % 2);
            }
            out.words.push(format!("{}-{}", s.words[i], s.words[i + 2]));
            out.tags.push(tag);
            i += 3;
        } else {
            out.words.push(s.words[i].clone());
            out.tags.push(s.tags[i]);
            i += 1;
        }
    }
    out
}

/// Training settings.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// Passes over the data.
    pub epochs: usize,
    /// Features whose largest absolute averaged weight is below this are dropped.
    pub prune: f32,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Words seen fewer times get no word-identity features.
    pub min_count: usize,
    /// Whether to learn the MISC tags (which the output drops) or train them as O.
    pub misc: bool,
    /// Perceptrons trained on different shuffles and averaged into one.
    pub bags: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { epochs: 15, prune: 0.05, seed: 42, min_count: 3, misc: false, bags: 5 }
    }
}

#[derive(Clone, Default)]
struct Acc {
    w: [f32; NT],
    total: [f32; NT],
    stamp: [u32; NT],
}

fn update(acc: &mut FeatureMap<Acc>, feats: &[u32], tag: usize, delta: f32, now: u32) {
    for f in feats {
        let a = acc.entry(*f).or_default();
        a.total[tag] += (now - a.stamp[tag]) as f32 * a.w[tag];
        a.stamp[tag] = now;
        a.w[tag] += delta;
    }
}

/// The gold tags as the decoder can produce them: MISC dropped unless wanted,
/// non-candidate tokens O, and an I- tag that lost its B- turned into a B-.
fn reachable_tags(gold: &[usize], candidate: &[bool], misc: bool) -> Vec<usize> {
    let mut tags: Vec<usize> = gold.iter().map(|&t| if misc || t < 7 { t } else { 0 }).collect();
    for i in 0..tags.len() {
        if !candidate[i] {
            tags[i] = 0;
        } else if is_inside(tags[i]) && (i == 0 || tags[i - 1].div_ceil(2) != tags[i].div_ceil(2)) {
            tags[i] -= 1;
        }
    }
    tags
}

/// Words seen all-lowercase in the sentences (the "common word" vocabulary).
fn lowercase_vocab(sentences: &[&Sentence]) -> FastSet {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for s in sentences {
        for w in &s.words {
            if w.chars().any(char::is_lowercase) && !w.chars().any(char::is_uppercase) {
                *counts.entry(w.as_str()).or_default() += 1;
            }
        }
    }
    counts.into_keys().map(str::to_string).collect()
}

/// Documents are split this many ways to give the second pass first-pass tags of text
/// the first pass was not trained on, as it will be at run time.
const FOLDS: usize = 5;

/// Trains the two passes of the averaged perceptron on the documents and returns the
/// serialized model. `log` receives one progress line per epoch.
pub fn train(docs: &[Doc], settings: Settings, log: &mut dyn FnMut(&str)) -> Vec<u8> {
    let gaz = Gazetteer::load();
    let sentences: Vec<&Sentence> = docs.iter().flat_map(|d| &d.sentences).collect();
    let sentences = &sentences[..];
    let vocab = lowercase_vocab(sentences);
    let mut counts: HashMap<String, usize> = HashMap::new();
    for w in sentences.iter().flat_map(|s| &s.words) {
        *counts.entry(w.to_lowercase()).or_default() += 1;
    }
    let frequent: FastSet =
        counts.into_iter().filter(|(_, c)| *c >= settings.min_count).map(|(w, _)| w).collect();
    let words: Vec<Vec<&str>> =
        sentences.iter().map(|s| s.words.iter().map(String::as_str).collect()).collect();
    let mut data: Vec<(SentenceFeatures, Vec<usize>)> = Vec::with_capacity(sentences.len());
    let mut doc_of: Vec<usize> = Vec::with_capacity(sentences.len());
    let mut k = 0;
    for (d, doc) in docs.iter().enumerate() {
        let mut stats = DocStats::default();
        for w in &words[k..k + doc.sentences.len()] {
            stats.add_sentence(w);
        }
        for s in &doc.sentences {
            let sf = extract(&words[k], &gaz, &vocab, Some(&frequent), &stats);
            let tags = reachable_tags(&s.tags, &sf.candidate, settings.misc);
            data.push((sf, tags));
            doc_of.push(d);
            k += 1;
        }
    }
    let missed: usize = data
        .iter()
        .zip(sentences)
        .map(|((sf, _), s)| {
            s.tags.iter().zip(&sf.candidate).filter(|(t, c)| **t != 0 && **t < 7 && !**c).count()
        })
        .sum();
    log(&format!("{} sentences; {missed} gold PER/LOC/ORG tokens are not candidates", data.len()));
    let all: Vec<usize> = (0..data.len()).collect();
    log("first pass");
    let first = learn(&data, &all, settings, log);
    let mut pass1: Vec<Vec<usize>> = vec![Vec::new(); data.len()];
    for fold in 0..FOLDS {
        let rest: Vec<usize> = all.iter().copied().filter(|k| doc_of[*k] % FOLDS != fold).collect();
        let weights = learn(&data, &rest, settings, &mut |_| {});
        for k in all.iter().copied().filter(|k| doc_of[*k] % FOLDS == fold) {
            pass1[k] = viterbi(&data[k].0, &|feats, scores| add_scores(&weights, feats, scores));
        }
    }
    let mut k = 0;
    for doc in docs {
        let range = k..k + doc.sentences.len();
        let mut labels = DocLabels::default();
        for j in range.clone() {
            labels.add_sentence(&words[j], &pass1[j]);
        }
        for j in range {
            labels.add_features(&mut data[j].0, &words[j], &pass1[j]);
        }
        k += doc.sentences.len();
    }
    log("second pass");
    let second = learn(&data, &all, settings, log);
    Model { first, second, vocab }.to_bytes()
}

/// Trains `settings.bags` perceptrons, each on its own shuffle of the sentences, and
/// averages their weights: one shuffle's quirks (a swing of a point or two of F1 from any
/// small change) wash out.
fn learn(
    data: &[(SentenceFeatures, Vec<usize>)],
    subset: &[usize],
    settings: Settings,
    log: &mut dyn FnMut(&str),
) -> FeatureMap<[f32; NT]> {
    let bags = settings.bags.max(1);
    let mut sum: FeatureMap<[f32; NT]> = FeatureMap::default();
    for bag in 0..bags {
        let one = Settings { seed: settings.seed + bag as u64 * 7919, prune: 0.0, ..settings };
        for (f, w) in learn_one(data, subset, one, log) {
            let s = sum.entry(f).or_insert([0.0; NT]);
            for (a, b) in s.iter_mut().zip(w) {
                *a += b / bags as f32;
            }
        }
    }
    sum.retain(|_, w| w.iter().any(|x| x.abs() >= settings.prune));
    log(&format!("kept {} features", sum.len()));
    sum
}

/// Trains averaged perceptron weights on the sentences `subset` of `data`, dropping the
/// features whose weights all stay below the pruning threshold.
fn learn_one(
    data: &[(SentenceFeatures, Vec<usize>)],
    subset: &[usize],
    settings: Settings,
    log: &mut dyn FnMut(&str),
) -> FeatureMap<[f32; NT]> {
    let mut acc: FeatureMap<Acc> = FeatureMap::default();
    let mut order: Vec<usize> = subset.to_vec();
    let mut rng = settings.seed.max(1);
    let mut now: u32 = 1;
    for epoch in 0..settings.epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let (mut errors, mut seen) = (0usize, 0usize);
        for &k in &order {
            let (sf, gold) = &data[k];
            let pred = viterbi(sf, &|feats, scores| {
                for f in feats {
                    if let Some(a) = acc.get(f) {
                        for (s, x) in scores.iter_mut().zip(&a.w) {
                            *s += x;
                        }
                    }
                }
            });
            for i in 0..gold.len() {
                if !sf.candidate[i] {
                    continue;
                }
                seen += 1;
                let gp = if i > 0 { gold[i - 1] } else { 0 };
                let pp = if i > 0 { pred[i - 1] } else { 0 };
                if gold[i] != pred[i] {
                    errors += 1;
                    let stat = &sf.feats[sf.offsets[i]..sf.offsets[i + 1]];
                    update(&mut acc, stat, gold[i], 1.0, now);
                    update(&mut acc, stat, pred[i], -1.0, now);
                }
                if gold[i] != pred[i] || gp != pp {
                    update(&mut acc, &history(sf, i, gp), gold[i], 1.0, now);
                    update(&mut acc, &history(sf, i, pp), pred[i], -1.0, now);
                }
            }
            now += 1;
        }
        log(&format!(
            "epoch {}: {errors} errors on {seen} candidate tokens, {} features",
            epoch + 1,
            acc.len()
        ));
    }
    let mut weights = FeatureMap::default();
    for (f, a) in acc {
        let mut w = [0.0; NT];
        for (t, x) in w.iter_mut().enumerate() {
            let total = a.total[t] + (now - a.stamp[t]) as f32 * a.w[t];
            *x = total / now as f32;
        }
        if w.iter().any(|x| x.abs() >= settings.prune) {
            weights.insert(f, w);
        }
    }
    weights
}

/// Checks that `licenses` (the text of `assets/ner/LICENSES.md`) has, for each of
/// `files`, a line naming it together with its licence, so a model is never built from
/// data of unrecorded origin.
pub fn check_licenses(licenses: &str, files: &[&str]) -> Result<(), String> {
    const MARKS: [&str; 5] = ["CC BY", "CC-BY", "public domain", "licence", "license"];
    for file in files {
        let ok = licenses.lines().any(|l| l.contains(file) && MARKS.iter().any(|m| l.contains(m)));
        if !ok {
            return Err(format!("LICENSES.md has no line naming {file} with its licence"));
        }
    }
    Ok(())
}

/// Precision, recall and F1 counts of one entity kind.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counts {
    /// Predicted spans with the right bounds and kind.
    pub true_pos: usize,
    /// Predicted spans that are not gold.
    pub false_pos: usize,
    /// Gold spans that were not predicted.
    pub false_neg: usize,
}

impl Counts {
    /// Precision.
    pub fn precision(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_pos)
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_neg)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    /// Adds another evaluation's counts (to sum folds of a cross-validation).
    pub fn add(&mut self, other: Counts) {
        self.true_pos += other.true_pos;
        self.false_pos += other.false_pos;
        self.false_neg += other.false_neg;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Per-kind and overall scores of an evaluation.
#[derive(Clone, Debug)]
pub struct Scores {
    /// Person, place and organization counts, in that order.
    pub kinds: [(EntityKind, Counts); 3],
}

impl Scores {
    /// Counts over all three kinds.
    pub fn overall(&self) -> Counts {
        let mut c = Counts::default();
        for (_, k) in &self.kinds {
            c.add(*k);
        }
        c
    }
}

fn tag_kind(tag: usize) -> Option<EntityKind> {
    match tag.div_ceil(2) {
        1 => Some(EntityKind::Person),
        2 => Some(EntityKind::Place),
        3 => Some(EntityKind::Organization),
        _ => None,
    }
}

/// Rebuilds each document's text (tokens joined by spaces, sentences by newlines), runs
/// the full recognizer on it and compares exact spans and kinds with the gold tags.
pub fn evaluate(recognizer: &Recognizer, docs: &[Doc]) -> Scores {
    evaluate_with(recognizer, docs, &mut |_| {})
}

/// Like [`evaluate`], reporting each wrong or missed span to `report` ("+" for a false
/// positive, "-" for a false negative).
pub fn evaluate_with(recognizer: &Recognizer, docs: &[Doc], report: &mut dyn FnMut(&str)) -> Scores {
    let mut scores = Scores {
        kinds: [
            (EntityKind::Person, Counts::default()),
            (EntityKind::Place, Counts::default()),
            (EntityKind::Organization, Counts::default()),
        ],
    };
    for doc in docs {
        let mut text = String::new();
        let mut gold: HashSet<(usize, usize, EntityKind)> = HashSet::new();
        for s in &doc.sentences {
            let mut open: Option<(usize, usize, EntityKind)> = None;
            for (w, &t) in s.words.iter().zip(&s.tags) {
                if !text.is_empty() && !text.ends_with('\n') {
                    text.push(' ');
                }
                let start = text.len();
                text.push_str(w);
                let continues = is_inside(t) && open.is_some_and(|o| Some(o.2) == tag_kind(t));
                if continues {
                    if let Some(o) = open.as_mut() {
                        o.1 = text.len();
                    }
                } else {
                    gold.extend(open.take());
                    open = tag_kind(t).map(|k| (start, text.len(), k));
                }
            }
            gold.extend(open.take());
            text.push('\n');
        }
        let pred: HashSet<(usize, usize, EntityKind)> =
            recognizer.recognize(&text).into_iter().map(|m| (m.start, m.end, m.kind)).collect();
        for (sign, a, b) in [("+", &pred, &gold), ("-", &gold, &pred)] {
            for x in a.iter().filter(|x| !b.contains(x)) {
                let mut from = x.0.saturating_sub(30);
                while !text.is_char_boundary(from) {
                    from -= 1;
                }
                let ctx = text[from..x.0].replace('\n', " ");
                report(&format!("{sign} {:<12} {:<30} | {ctx}", x.2.as_str(), &text[x.0..x.1]));
            }
        }
        for (kind, c) in &mut scores.kinds {
            c.true_pos += pred.iter().filter(|p| p.2 == *kind && gold.contains(p)).count();
            c.false_pos += pred.iter().filter(|p| p.2 == *kind && !gold.contains(p)).count();
            c.false_neg += gold.iter().filter(|g| g.2 == *kind && !pred.contains(g)).count();
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gum(id: &str, conll: &str) -> GumDoc {
        let doc = read_conll(conll).expect("test CoNLL parses").remove(0);
        GumDoc { id: id.to_string(), genre: "news".to_string(), doc }
    }

    #[test]
    fn annotations_replace_the_tags_of_marked_documents_only() {
        let conll = "Coach\tO\nSweden\tB-ORG\nmet\tO\nDennis\tO\nHopper\tO\n.\tO\n";
        let mut docs = vec![gum("GUM_news_a", conll), gum("GUM_news_b", conll)];
        let table = "# comment\nGUM_news_a\t*\nGUM_news_a\t0\t1\t2\tLOC\tSweden\nGUM_news_a\t0\t3\t5\tPER\tDennis Hopper\n";
        assert_eq!(apply_annotations(&mut docs, table), Ok(1));
        let tag_names = |doc: &Doc| doc.sentences[0].tags.iter().map(|&t| TAGS[t]).collect::<Vec<_>>();
        assert_eq!(tag_names(&docs[0].doc), ["O", "B-LOC", "O", "B-PER", "I-PER", "O"]);
        assert_eq!(tag_names(&docs[1].doc), ["O", "B-ORG", "O", "O", "O", "O"]);
    }

    #[test]
    fn marked_news_is_tokenized_and_tagged_like_run_time_text() {
        let text = "===== 1\n{{LOC:QUITO}} ({{ORG:AP}}) -- The {{ORG:Supreme Court}} heard {{PER:Gutierrez}}'s plea.\n\
                    ===== 2\nA pro-{{LOC:Moscow}} force met {{PER:Ana}} {{PER:Ruiz}}.\n";
        let docs = read_marked(text).expect("marked news parses");
        let tagged = |doc: &Doc| {
            doc.sentences
                .iter()
                .flat_map(|s| s.words.iter().zip(&s.tags))
                .map(|(w, &t)| format!("{w}/{}", TAGS[t]))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            tagged(&docs[0]),
            [
                "QUITO/B-LOC",
                "(/O",
                "AP/B-ORG",
                ")/O",
                "-/O",
                "-/O",
                "The/O",
                "Supreme/B-ORG",
                "Court/I-ORG",
                "heard/O",
                "Gutierrez/B-PER",
                "'s/O",
                "plea/O",
                "./O"
            ]
        );
        assert_eq!(
            tagged(&docs[1]),
            ["A/O", "pro-Moscow/B-LOC", "force/O", "met/O", "Ana/B-PER", "Ruiz/B-PER", "./O"]
        );
        assert!(read_marked("{{PER:Ana").is_err());
        assert!(read_marked("{{TEAM:Ana}}").is_err());
    }

    #[test]
    fn annotations_that_do_not_match_the_tokens_are_refused() {
        let mut docs = vec![gum("GUM_news_a", "Coach\tO\nSweden\tO\n")];
        let shifted = "GUM_news_a\t*\nGUM_news_a\t0\t0\t1\tLOC\tSweden\n";
        assert!(apply_annotations(&mut docs, shifted).is_err());
        assert!(apply_annotations(&mut docs, "GUM_news_a\t0\t1\t2\tTEAM\tSweden\n").is_err());
    }
}
