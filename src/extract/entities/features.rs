//! Feature extraction for the tagger: word forms, shapes, affixes, position, neighbours and
//! gazetteer flags, hashed to `u32` so the model stays a flat table and nothing allocates
//! a feature string.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use super::gazetteer::{self, Gazetteer};

/// Words that may sit inside a name between capitalized tokens ("Bank of the West").
const CONNECTORS: &[&str] = &[
    "of", "the", "and", "&", "de", "del", "della", "da", "di", "du", "des", "la", "le", "van", "von", "der",
    "den", "bin", "al", "el", "y", "for", "on", "upon", "'s",
];

/// English prefixes that, joined by a hyphen to a name, make a modifier rather than a name
/// ("pro-Beijing", "anti-American", "non-EU", "post-Soviet"); CoNLL-2003 does not tag them.
const MODIFIER_PREFIXES: &[&str] = &[
    "pro", "anti", "non", "post", "pre", "neo", "mid", "pan", "trans", "sub", "ultra", "semi", "quasi",
    "counter", "un",
];

/// Whether `word` is a name turned modifier by a lowercase prefix ("pro-Beijing"), or by a
/// capitalized one at the start of a sentence ("Pro-Beijing"; elsewhere "Anti-Defamation
/// League" is a name).
fn is_prefixed_modifier(word: &str, sentence_start: bool) -> bool {
    word.split_once('-').is_some_and(|(prefix, rest)| {
        let lower = if sentence_start { prefix.to_ascii_lowercase() } else { prefix.to_string() };
        MODIFIER_PREFIXES.contains(&lower.as_str()) && rest.chars().next().is_some_and(char::is_uppercase)
    })
}

/// Everything the tagger needs about one sentence.
#[derive(Default)]
pub struct SentenceFeatures {
    /// Static feature hashes of all tokens, back to back.
    pub feats: Vec<u32>,
    /// `feats[offsets[i]..offsets[i + 1]]` belongs to token `i`.
    pub offsets: Vec<usize>,
    /// Whether token `i` can be part of a name; other tokens are tagged O without scoring.
    pub candidate: Vec<bool>,
    /// Hash of the lowercased form of token `i`, combined with the previous tag.
    pub lower_hash: Vec<u32>,
    /// Hash of the shape of token `i`, combined with the previous tag.
    pub shape_hash: Vec<u32>,
    /// Whether the sentence is an all-caps headline.
    pub all_caps: bool,
    /// Gazetteer flags of each token, for the cue rules.
    pub flags: Vec<u16>,
}

/// A fast non-cryptographic hasher (FxHash-like, eight bytes at a time) for the large
/// word and feature tables; the keys are not attacker-chosen in a way that matters here.
#[derive(Default)]
pub struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(c);
            self.add(u64::from_le_bytes(buf));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf) ^ (rest.len() as u64) << 59);
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
}

/// A string-keyed map with [`FastHasher`].
pub type FastMap<V> = HashMap<String, V, BuildHasherDefault<FastHasher>>;
/// A string set with [`FastHasher`].
pub type FastSet = HashSet<String, BuildHasherDefault<FastHasher>>;

/// Evidence from the whole document: which words appear capitalized inside a sentence
/// and which appear in lowercase. It tells a sentence-initial "Once" (seen as "once"
/// elsewhere) from "Noboa" (seen capitalized mid-sentence).
#[derive(Default)]
pub struct DocStats<'a> {
    cap_mid: HashSet<&'a str, BuildHasherDefault<FastHasher>>,
    lower: HashSet<&'a str, BuildHasherDefault<FastHasher>>,
    /// Hashes of the lowercased words before and after each capitalized word, over all
    /// its occurrences in the document (at most [`MAX_CONTEXTS`] of each).
    contexts: HashMap<&'a str, Vec<u32>, BuildHasherDefault<FastHasher>>,
}

/// Most document-wide context words kept per capitalized word.
const MAX_CONTEXTS: usize = 16;

fn lower_hash(template: u8, word: &str) -> u32 {
    if word.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        hash(template, &[normalize_quotes(&word.to_lowercase()).as_bytes()])
    } else {
        hash(template, &[normalize_quotes(word).as_bytes()])
    }
}

impl<'a> DocStats<'a> {
    /// Records the words of one sentence (all-caps headlines say nothing and are skipped).
    pub fn add_sentence(&mut self, words: &[&'a str]) {
        if is_all_caps(words) {
            return;
        }
        for (i, w) in words.iter().enumerate() {
            match w.chars().next() {
                Some(c) if c.is_uppercase() => {
                    let after_word = i > 0
                        && words[i - 1].chars().next_back().is_some_and(|p| p.is_alphanumeric() || p == ',');
                    if after_word {
                        self.cap_mid.insert(w);
                    }
                    let ctx = self.contexts.entry(w).or_default();
                    if ctx.len() < MAX_CONTEXTS {
                        let prev = if i > 0 { lower_hash(40, words[i - 1]) } else { hash(40, &[b"<s>"]) };
                        let next =
                            words.get(i + 1).map_or_else(|| hash(41, &[b"</s>"]), |n| lower_hash(41, n));
                        for h in [prev, next] {
                            if !ctx.contains(&h) {
                                ctx.push(h);
                            }
                        }
                    }
                }
                Some(c) if c.is_lowercase() && !w.chars().any(char::is_uppercase) => {
                    self.lower.insert(w);
                }
                _ => {}
            }
        }
    }
}

/// FNV-1a over the template id and the parts, folded to 32 bits.
pub fn hash(template: u8, parts: &[&[u8]]) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(template);
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            h = (h ^ 0x1f).wrapping_mul(0x0100_0000_01b3);
        }
        for &b in *part {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    (h ^ (h >> 32)) as u32
}

/// Combines a precomputed hash with tag ids (for the history features).
pub fn mix(base: u32, tags: u32) -> u32 {
    let h = (u64::from(base) << 32 | u64::from(tags)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> 32) as u32
}

fn shape(word: &str) -> String {
    let mut out = String::with_capacity(8);
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if s == last {
            run += 1;
        } else {
            run = 1;
            last = s;
        }
        if run <= 2 {
            out.push(s);
        }
    }
    out
}

fn normalize_quotes(word: &str) -> &str {
    match word {
        "\u{201c}" | "\u{201d}" | "``" | "''" => "\"",
        "\u{2018}" | "\u{2019}" => "'",
        "\u{2013}" | "\u{2014}" | "--" => "-",
        _ => word,
    }
}

fn title_case(lower: &str) -> String {
    let mut chars = lower.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect::<String>())
}

/// Whether a sentence is an all-caps headline: no lowercase letter and at least two words
/// of two or more capital letters.
fn is_all_caps(words: &[&str]) -> bool {
    let mut caps = 0;
    for w in words {
        if w.chars().any(char::is_lowercase) && *w != "'s" {
            return false;
        }
        if w.chars().filter(|c| c.is_uppercase()).count() >= 2 {
            caps += 1;
        }
    }
    caps >= 2
}

/// Computes the features of one sentence. `words` are the token texts and `vocab` the
/// words seen in lowercase in the training data (to tell "The" from "Gutierrez" and to
/// recase headlines). In training, `frequent` limits word-identity features to frequent
/// words so the model learns from shape, context and gazetteers what it must use on
/// unseen names.
pub fn extract(
    words: &[&str],
    gaz: &Gazetteer,
    vocab: &FastSet,
    frequent: Option<&FastSet>,
    doc: &DocStats,
) -> SentenceFeatures {
    let n = words.len();
    let all_caps = is_all_caps(words);
    let mut cased: Vec<Cow<str>> = Vec::with_capacity(n);
    let mut lower: Vec<Cow<str>> = Vec::with_capacity(n);
    let mut flags: Vec<u16> = Vec::with_capacity(n);
    for w in words {
        let w = normalize_quotes(w);
        let l: Cow<str> = if !w.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
            Cow::Borrowed(w)
        } else if w.is_ascii() {
            Cow::Owned(w.to_ascii_lowercase())
        } else {
            Cow::Owned(w.to_lowercase().replace('\u{2019}', "'"))
        };
        let mut f = gaz.word(&l);
        if l.contains('-') {
            for part in l.split('-') {
                f |= gaz.word(part) & (gazetteer::FIRST | gazetteer::LAST);
            }
        }
        flags.push(f);
        let c: Cow<str> = if all_caps && w.chars().any(char::is_uppercase) {
            let known = vocab.contains(l.as_ref()) || f & gazetteer::COMMON != 0;
            let name_like = gazetteer::PLACE | gazetteer::DEMONYM | gazetteer::ORG | gazetteer::FIRST;
            if known && f & name_like == 0 {
                l.clone()
            } else if w.chars().count() > 3 {
                Cow::Owned(title_case(&l))
            } else {
                Cow::Borrowed(w)
            }
        } else {
            Cow::Borrowed(w)
        };
        cased.push(c);
        lower.push(l);
    }
    let shapes: Vec<String> = cased.iter().map(|c| shape(c)).collect();
    let lower_refs: Vec<&str> = lower.iter().map(AsRef::as_ref).collect();
    gaz.mark_phrases(&lower_refs, &mut flags);
    let has_upper: Vec<bool> = cased.iter().map(|c| c.chars().any(char::is_uppercase)).collect();
    let mut candidate = vec![false; n];
    let inside_known_name = |i: usize| flags[i] & (gazetteer::PLACE_INSIDE | gazetteer::ORG_INSIDE) != 0;
    for i in 0..n {
        candidate[i] = (has_upper[i] && !is_prefixed_modifier(words[i], i == 0))
            || (i > 0 && candidate[i - 1] && {
                let next_upper = (i + 1..(i + 3).min(n)).any(|j| has_upper[j]);
                let digit = lower[i].bytes().all(|b| b.is_ascii_digit());
                ((CONNECTORS.contains(&lower_refs[i]) || inside_known_name(i)) && next_upper) || digit
            });
    }
    let mut out = SentenceFeatures {
        feats: Vec::with_capacity(n * 48),
        offsets: Vec::with_capacity(n + 1),
        candidate,
        lower_hash: lower.iter().map(|l| hash(60, &[l.as_bytes()])).collect(),
        shape_hash: shapes.iter().map(|s| hash(61, &[s.as_bytes()])).collect(),
        all_caps,
        flags: Vec::new(),
    };
    let lw = |j: isize| -> &[u8] {
        if j < 0 {
            b"<s>"
        } else if j as usize >= n {
            b"</s>"
        } else {
            lower[j as usize].as_bytes()
        }
    };
    let sh = |j: isize| -> &[u8] {
        if j < 0 {
            b"<s>"
        } else if j as usize >= n {
            b"</s>"
        } else {
            shapes[j as usize].as_bytes()
        }
    };
    let fl = |j: isize| -> u16 { if j < 0 || j as usize >= n { 0 } else { flags[j as usize] } };
    for i in 0..n {
        out.offsets.push(out.feats.len());
        if !out.candidate[i] {
            continue;
        }
        let f = &mut out.feats;
        let ii = i as isize;
        let l0: &str = &lower[i];
        let first: &[u8] = if i == 0 { b"1" } else { b"0" };
        f.push(hash(0, &[]));
        let lexical = frequent.is_none_or(|set| set.contains(l0));
        if lexical {
            f.push(hash(1, &[l0.as_bytes()]));
            f.push(hash(16, &[lw(ii - 1), l0.as_bytes()]));
            f.push(hash(17, &[l0.as_bytes(), lw(ii + 1)]));
            f.push(hash(19, &[first, l0.as_bytes()]));
        }
        f.push(hash(2, &[sh(ii)]));
        let chars: Vec<(usize, char)> = l0.char_indices().collect();
        let m = chars.len();
        for (t, k) in [(3u8, 2usize), (4, 3)] {
            if m > k {
                f.push(hash(t, &[&l0.as_bytes()[..chars[k].0]]));
            }
        }
        for (t, k) in [(5u8, 2usize), (6, 3), (7, 4)] {
            if m > k {
                f.push(hash(t, &[&l0.as_bytes()[chars[m - k].0..]]));
            }
        }
        f.push(hash(8, &[lw(ii - 1)]));
        f.push(hash(9, &[lw(ii + 1)]));
        f.push(hash(10, &[lw(ii - 2)]));
        f.push(hash(11, &[lw(ii + 2)]));
        f.push(hash(12, &[sh(ii - 1)]));
        f.push(hash(13, &[sh(ii + 1)]));
        f.push(hash(14, &[sh(ii - 1), sh(ii)]));
        f.push(hash(15, &[sh(ii), sh(ii + 1)]));
        f.push(hash(18, &[first, sh(ii)]));
        let known: &[u8] = if has_upper[i] && (vocab.contains(l0) || flags[i] & gazetteer::COMMON != 0) {
            b"k"
        } else {
            b"u"
        };
        f.push(hash(20, &[known, first, sh(ii)]));
        let len_bucket: &[u8] = match m {
            0..=1 => b"1",
            2 => b"2",
            3 => b"3",
            4 => b"4",
            5..=7 => b"5",
            _ => b"8",
        };
        f.push(hash(21, &[len_bucket, sh(ii)]));
        if all_caps {
            f.push(hash(22, &[sh(ii), known]));
        } else if has_upper[i] {
            let seen_lower: &[u8] = if doc.lower.contains(l0) { b"l" } else { b"-" };
            let seen_cap: &[u8] = if doc.cap_mid.contains(words[i]) { b"c" } else { b"-" };
            f.push(hash(23, &[first, seen_lower, seen_cap]));
            f.push(hash(24, &[seen_lower, sh(ii)]));
        }
        if let Some(ctx) = doc.contexts.get(words[i]) {
            f.extend_from_slice(ctx);
        }
        for (t, j) in [(30u8, ii), (31, ii - 1), (32, ii + 1), (33, ii + 2)] {
            let bits = fl(j);
            for b in 0..gazetteer::FLAG_BITS {
                if bits & (1 << b) != 0 {
                    f.push(hash(t, &[&[b as u8]]));
                    if t == 30 {
                        f.push(hash(34, &[&[b as u8], sh(ii)]));
                    }
                }
            }
        }
    }
    out.offsets.push(out.feats.len());
    out.flags = flags;
    out
}

/// Slots of [`DocLabels`] counts: O, then four positions (single, first, middle, last) of
/// each of the four name types.
const LABEL_SLOTS: usize = 17;

/// What the first pass said about each capitalized word of a document, over all its
/// occurrences: the second pass reads it so that "Belgrano" tagged a person in "Manuel
/// Belgrano" informs the lone "Belgrano" three sentences later (non-local features after
/// Ratinov and Roth 2009).
#[derive(Default)]
pub struct DocLabels<'a> {
    counts: HashMap<&'a str, [u16; LABEL_SLOTS], BuildHasherDefault<FastHasher>>,
}

/// The [`DocLabels`] slot of token `i` given a sentence's tags.
fn label_slot(tags: &[usize], i: usize) -> usize {
    let t = tags[i];
    if t == 0 {
        return 0;
    }
    let begin = t % 2 == 1;
    let continues = tags.get(i + 1).is_some_and(|n| *n != 0 && n % 2 == 0 && n.div_ceil(2) == t.div_ceil(2));
    let pos = match (begin, continues) {
        (true, false) => 0,
        (true, true) => 1,
        (false, true) => 2,
        (false, false) => 3,
    };
    1 + (t.div_ceil(2) - 1) * 4 + pos
}

impl<'a> DocLabels<'a> {
    /// Records the first-pass tags of one sentence.
    pub fn add_sentence(&mut self, words: &[&'a str], tags: &[usize]) {
        for (i, w) in words.iter().enumerate() {
            if w.chars().any(char::is_uppercase) {
                let slot = label_slot(tags, i).min(LABEL_SLOTS - 1);
                let c = &mut self.counts.entry(w).or_insert([0; LABEL_SLOTS])[slot];
                *c = c.saturating_add(1);
            }
        }
    }

    /// Appends to each token's features what the first pass said about the other
    /// occurrences of the same word: the majority type, each type seen and each type with
    /// its position in the name. `tags` are the sentence's own first-pass tags.
    pub fn add_features(&self, sf: &mut SentenceFeatures, words: &[&str], tags: &[usize]) {
        let mut feats = Vec::with_capacity(sf.feats.len() + 4 * words.len());
        let mut offsets = Vec::with_capacity(sf.offsets.len());
        for (i, w) in words.iter().enumerate() {
            offsets.push(feats.len());
            feats.extend_from_slice(&sf.feats[sf.offsets[i]..sf.offsets[i + 1]]);
            if !sf.candidate[i] {
                continue;
            }
            let Some(counts) = self.counts.get(w) else { continue };
            let mut c = *counts;
            let own = label_slot(tags, i).min(LABEL_SLOTS - 1);
            c[own] = c[own].saturating_sub(1);
            let mut types = [c[0], 0, 0, 0, 0];
            for (slot, n) in c.iter().enumerate().skip(1) {
                types[1 + (slot - 1) / 4] += n;
                if *n > 0 {
                    feats.push(hash(71, &[&[slot as u8]]));
                }
            }
            let total: u16 = types.iter().sum();
            if total == 0 {
                continue;
            }
            let best = (0..types.len()).max_by_key(|t| (types[*t], usize::MAX - t)).unwrap_or(0);
            let unanimous: &[u8] = if types[best] == total { b"u" } else { b"m" };
            feats.push(hash(70, &[&[best as u8], unanimous]));
            for (t, n) in types.iter().enumerate().skip(1) {
                if *n > 0 {
                    feats.push(hash(72, &[&[t as u8]]));
                }
            }
        }
        offsets.push(feats.len());
        sf.feats = feats;
        sf.offsets = offsets;
    }
}
