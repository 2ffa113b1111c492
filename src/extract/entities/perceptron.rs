//! The averaged-perceptron sequence tagger: Viterbi decoding over BIO tags with
//! first-order tag-history features, and its compact binary model format.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::features::{FastHasher, FastSet, SentenceFeatures, hash, mix};

/// Tag names, in model order: O, then B/I pairs for PER, LOC, ORG and MISC.
pub const TAGS: [&str; 9] = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"];
/// Number of tags.
pub const NT: usize = TAGS.len();

const MAGIC: &[u8] = b"CNER2\n";

/// A map keyed by feature hashes.
pub type FeatureMap<V> = HashMap<u32, V, BuildHasherDefault<FastHasher>>;

/// Whether `tag` may follow `prev` (I-X only after B-X or I-X).
pub fn allowed(prev: usize, tag: usize) -> bool {
    tag == 0 || tag % 2 == 1 || (prev != 0 && prev.div_ceil(2) == tag.div_ceil(2))
}

/// Whether `tag` is an I- tag (continues a name).
pub fn is_inside(tag: usize) -> bool {
    tag != 0 && tag.is_multiple_of(2)
}

/// The history features of token `i` given the previous tag.
pub fn history(sf: &SentenceFeatures, i: usize, prev: usize) -> [u32; 3] {
    let p = prev as u32;
    [mix(hash(62, &[]), p), mix(sf.lower_hash[i], p), mix(sf.shape_hash[i], p)]
}

/// The best tag sequence of a sentence (Viterbi over first-order tag history), with
/// non-candidate tokens fixed to O. `add` adds the weights of some features to scores.
pub fn viterbi(sf: &SentenceFeatures, add: &dyn Fn(&[u32], &mut [f32; NT])) -> Vec<usize> {
    let n = sf.candidate.len();
    let mut back = vec![[0u8; NT]; n];
    let mut prev = [f32::NEG_INFINITY; NT];
    prev[0] = 0.0;
    for (i, bk) in back.iter_mut().enumerate() {
        let mut cur = [f32::NEG_INFINITY; NT];
        if sf.candidate[i] {
            let mut stat = [0.0; NT];
            add(&sf.feats[sf.offsets[i]..sf.offsets[i + 1]], &mut stat);
            for (p, &ps) in prev.iter().enumerate() {
                if ps == f32::NEG_INFINITY {
                    continue;
                }
                let mut h = stat;
                add(&history(sf, i, p), &mut h);
                for t in 0..NT {
                    let score = ps + h[t];
                    if allowed(p, t) && score > cur[t] {
                        cur[t] = score;
                        bk[t] = p as u8;
                    }
                }
            }
        } else {
            let best = argmax(&prev);
            cur[0] = prev[best];
            bk[0] = best as u8;
        }
        prev = cur;
    }
    let mut tags = vec![0; n];
    let mut t = argmax(&prev);
    for (tag, bk) in tags.iter_mut().zip(&back).rev() {
        *tag = t;
        t = usize::from(bk[t]);
    }
    tags
}

fn argmax(scores: &[f32; NT]) -> usize {
    let mut best = 0;
    for t in 1..NT {
        if scores[t] > scores[best] {
            best = t;
        }
    }
    best
}

/// A trained model: the feature weights of the two passes plus the lowercase vocabulary
/// of the training data. The first pass tags each sentence on its own; the second sees,
/// through document features, what the first said about the same words elsewhere.
#[derive(Default)]
pub struct Model {
    /// Weights per feature hash of the first pass.
    pub first: FeatureMap<[f32; NT]>,
    /// Weights per feature hash of the second pass.
    pub second: FeatureMap<[f32; NT]>,
    /// Words seen in lowercase in the training data.
    pub vocab: FastSet,
}

/// Adds the weights of `feats` in `weights` to `scores`.
pub fn add_scores(weights: &FeatureMap<[f32; NT]>, feats: &[u32], scores: &mut [f32; NT]) {
    for f in feats {
        if let Some(w) = weights.get(f) {
            for (s, x) in scores.iter_mut().zip(w) {
                *s += x;
            }
        }
    }
}

impl Model {
    /// Tags one sentence with the first-pass weights; non-candidate tokens get O.
    pub fn tag_first(&self, sf: &SentenceFeatures) -> Vec<usize> {
        viterbi(sf, &|feats, scores| add_scores(&self.first, feats, scores))
    }

    /// Tags one sentence (with its document features) with the second-pass weights.
    pub fn tag_second(&self, sf: &SentenceFeatures) -> Vec<usize> {
        viterbi(sf, &|feats, scores| add_scores(&self.second, feats, scores))
    }

    /// Serializes the model: weights quantized to `i16`, zero weights skipped.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        let mut vocab: Vec<&str> = self.vocab.iter().map(String::as_str).collect();
        vocab.sort_unstable();
        let vocab = vocab.join("\n");
        out.extend((vocab.len() as u32).to_le_bytes());
        out.extend(vocab.as_bytes());
        write_weights(&self.first, &mut out);
        write_weights(&self.second, &mut out);
        out
    }

    /// Reads a model written by [`Model::to_bytes`]; an empty or malformed input gives an
    /// empty model (everything tagged O) rather than a panic.
    pub fn from_bytes(bytes: &[u8]) -> Self {
        Self::parse(bytes).unwrap_or_default()
    }

    fn parse(bytes: &[u8]) -> Option<Self> {
        let mut r = Reader { bytes: bytes.strip_prefix(MAGIC)? };
        let vocab_len = r.u32()? as usize;
        let vocab = std::str::from_utf8(r.take(vocab_len)?).ok()?;
        let vocab = vocab.split('\n').map(str::to_string).collect();
        let first = read_weights(&mut r)?;
        let second = read_weights(&mut r)?;
        Some(Model { first, second, vocab })
    }
}

fn write_weights(weights: &FeatureMap<[f32; NT]>, out: &mut Vec<u8>) {
    let max = weights.values().flatten().fold(0.0f32, |m, w| m.max(w.abs()));
    let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
    out.extend(scale.to_le_bytes());
    let mut keys: Vec<u32> = weights.keys().copied().collect();
    keys.sort_unstable();
    out.extend((keys.len() as u32).to_le_bytes());
    for k in keys {
        let q: Vec<i16> = weights[&k].iter().map(|x| (x / scale).round() as i16).collect();
        let mask = q.iter().enumerate().filter(|(_, x)| **x != 0).fold(0u16, |m, (t, _)| m | 1 << t);
        out.extend(k.to_le_bytes());
        out.extend(mask.to_le_bytes());
        for x in q.iter().filter(|x| **x != 0) {
            out.extend(x.to_le_bytes());
        }
    }
}

fn read_weights(r: &mut Reader) -> Option<FeatureMap<[f32; NT]>> {
    let scale = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
    let n = r.u32()? as usize;
    let mut weights = FeatureMap::with_capacity_and_hasher(n, BuildHasherDefault::default());
    for _ in 0..n {
        let k = r.u32()?;
        let mask = u16::from_le_bytes(r.take(2)?.try_into().ok()?);
        let mut w = [0.0; NT];
        for (t, x) in w.iter_mut().enumerate() {
            if mask & (1 << t) != 0 {
                *x = f32::from(i16::from_le_bytes(r.take(2)?.try_into().ok()?)) * scale;
            }
        }
        weights.insert(k, w);
    }
    Some(weights)
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.bytes.len() < n {
            return None;
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Some(head)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_passes_survive_serialization() {
        let mut model = Model::default();
        model.first.insert(7, [1.0, -0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.25]);
        model.second.insert(9, [0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
        model.vocab.insert("the".to_string());
        let back = Model::from_bytes(&model.to_bytes());
        let near = |w: Option<&[f32; NT]>, t: usize, x: f32| w.is_some_and(|w| (w[t] - x).abs() < 1e-3);
        assert!(near(back.first.get(&7), 1, -0.5) && near(back.first.get(&7), 8, 0.25));
        assert!(near(back.second.get(&9), 2, 2.0));
        assert!(!back.first.contains_key(&9) && back.vocab.contains("the"));
        assert!(Model::from_bytes(&model.to_bytes()[..20]).first.is_empty());
    }
}
