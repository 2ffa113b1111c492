//! Tokenization and sentence splitting, close to the Penn Treebank style of the training
//! data ("Gutierrez's" gives "Gutierrez" + "'s", "U.S." and "Mr." stay whole), so the
//! tagger sees at run time the kind of tokens it was trained on.

use std::ops::Range;

/// A token as a byte range of the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// Abbreviations that keep their final period (lowercased, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "gov", "sen",
    "rep", "rev", "inc", "corp", "ltd", "co", "cos", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "al", "fig", "maj", "cmdr", "adm", "brig",
    "supt", "messrs", "mme", "mlle", "hon", "pres", "dept", "univ", "assn", "bros", "approx", "est", "ave",
    "blvd", "rd",
];

/// Abbreviations after which a period never ends a sentence (titles before a name).
const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "rev",
    "maj", "cmdr", "adm", "brig", "supt", "messrs", "mme", "mlle", "hon", "pres", "mt", "ft",
];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..).and_then(|s| s.chars().next())
}

/// Whether `word` (without its final period) keeps the period: known abbreviations,
/// single letters ("J.") and dotted initialisms ("U.S").
fn keeps_period(word: &str) -> bool {
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic();
    }
    if word.contains('.') {
        return word.split('.').all(|p| p.chars().count() <= 2 && !p.is_empty());
    }
    let lower = word.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Splits a document into tokens and sentences (ranges of token indexes).
pub fn tokenize(text: &str) -> (Vec<Token>, Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5 + 1);
    let mut sentences = Vec::new();
    let mut sent_start = 0;
    let mut line_has_lower = false;
    let mut pos = 0;
    // Text that is not hard-wrapped (some line longer than 200 bytes) has one paragraph,
    // heading or sentence per line: every line break ends a sentence. In hard-wrapped
    // text a line break ends one after a short line (a heading, a paragraph's end).
    let unwrapped = text.lines().any(|l| l.len() > 200);
    let mut line_start = 0;
    let close = |tokens: &Vec<Token>, sentences: &mut Vec<Range<usize>>, start: &mut usize| {
        if tokens.len() > *start {
            sentences.push(*start..tokens.len());
            *start = tokens.len();
        }
    };
    while pos < bytes.len() {
        let b = bytes[pos];
        if b.is_ascii_whitespace() {
            let mut newlines = 0;
            while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
                newlines += usize::from(bytes[pos] == b'\n');
                pos += 1;
            }
            let short_line = newlines == 1 && (unwrapped || pos_line_len(text, line_start, pos) < 40);
            if newlines >= 2
                || (newlines == 1 && (short_line || !line_has_lower) && tokens.len() > sent_start)
            {
                close(&tokens, &mut sentences, &mut sent_start);
            }
            if newlines > 0 {
                line_has_lower = false;
                line_start = pos;
            }
            continue;
        }
        let Some(c) = char_at(text, pos) else {
            pos += 1;
            continue;
        };
        if c.is_whitespace() {
            pos += c.len_utf8();
            continue;
        }
        let start = pos;
        if c.is_alphanumeric() {
            pos = scan_word(text, pos);
            if text[start..pos].chars().any(char::is_lowercase) {
                line_has_lower = true;
            }
        } else if is_apostrophe(c) && possessive_s(text, pos + c.len_utf8()) {
            pos += c.len_utf8() + 1;
            line_has_lower = true;
        } else {
            pos += c.len_utf8();
        }
        tokens.push(Token { start, end: pos });
        let tok = &text[start..pos];
        let ends = match tok {
            "." | "!" | "?" => true,
            _ => tok.len() > 1 && tok.ends_with('.') && ends_after_abbreviation(text, tok, pos),
        };
        if ends || tokens.len() - sent_start >= 200 {
            close(&tokens, &mut sentences, &mut sent_start);
        }
    }
    close(&tokens, &mut sentences, &mut sent_start);
    (tokens, sentences)
}

/// The length in bytes of the line that starts at `start`, given a position `pos` after it
/// and its line break.
fn pos_line_len(text: &str, start: usize, pos: usize) -> usize {
    text[start..pos].trim_end().len()
}

/// After "Inc." or "U.S." a sentence ends when a capitalized common sentence opener follows
/// or the paragraph ends; title abbreviations never end one.
fn ends_after_abbreviation(text: &str, tok: &str, end: usize) -> bool {
    let word = tok.trim_end_matches('.').to_ascii_lowercase();
    if TITLE_ABBREVIATIONS.contains(&word.as_str()) || word.chars().count() == 1 {
        return false;
    }
    let rest = text[end..].trim_start();
    if rest.is_empty() {
        return true;
    }
    let next: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    matches!(
        next.as_str(),
        "The" | "A" | "An" | "It" | "He" | "She" | "They" | "We" | "In" | "But" | "This" | "I"
    )
}

fn possessive_s(text: &str, pos: usize) -> bool {
    matches!(char_at(text, pos), Some('s' | 'S'))
        && !char_at(text, pos + 1).is_some_and(char::is_alphanumeric)
}

/// Scans a word from `pos`: letters and digits, with inner hyphens, inner apostrophes
/// ("O'Brien", but not a possessive "'s"), number separators and abbreviation periods.
fn scan_word(text: &str, mut pos: usize) -> usize {
    let start = pos;
    loop {
        while let Some(c) = char_at(text, pos) {
            if c.is_alphanumeric() {
                pos += c.len_utf8();
            } else {
                break;
            }
        }
        let Some(c) = char_at(text, pos) else {
            return pos;
        };
        let next = char_at(text, pos + c.len_utf8());
        let next_alnum = next.is_some_and(char::is_alphanumeric);
        match c {
            '-' | '&' if next_alnum => pos += 1,
            ',' if next.is_some_and(|n| n.is_ascii_digit())
                && text[start..pos].bytes().all(|b| b.is_ascii_digit() || b == b',') =>
            {
                pos += 1;
            }
            '.' if next_alnum => {
                let prev_digit = text[..pos].ends_with(|p: char| p.is_ascii_digit());
                let seg_len = text[start..pos].rsplit('.').next().map_or(0, |s| s.chars().count());
                if (prev_digit && next.is_some_and(|n| n.is_ascii_digit())) || seg_len <= 2 {
                    pos += 1;
                } else {
                    return pos;
                }
            }
            '.' => {
                if keeps_period(&text[start..pos]) {
                    return pos + 1;
                }
                return pos;
            }
            c if is_apostrophe(c) && next_alnum && !possessive_s(text, pos + c.len_utf8()) => {
                pos += c.len_utf8();
            }
            _ => return pos,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).0.iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn splits_possessives_and_keeps_abbreviations() {
        assert_eq!(
            words("Mr. Gutierrez's U.S. visit, Jean-Pierre O'Brien."),
            vec!["Mr.", "Gutierrez", "'s", "U.S.", "visit", ",", "Jean-Pierre", "O'Brien", "."]
        );
        assert_eq!(words("It cost 1,200.50 dollars"), vec!["It", "cost", "1,200.50", "dollars"]);
        assert_eq!(words("Gutiérrez’s"), vec!["Gutiérrez", "’s"]);
    }

    #[test]
    fn line_breaks_end_headings_but_not_wrapped_lines() {
        let long = "x ".repeat(110);
        let text = format!(
            "Old Athens\nThe first settlements were built {long}.\nModern Games\nAthens hosted them."
        );
        assert_eq!(tokenize(&text).1.len(), 4);
        let wrapped = "The talks in the capital were led by the former vice-president\nAlfredo Palacio and his ministers.";
        assert_eq!(tokenize(wrapped).1.len(), 1);
        let heading = "Ecuador protests\nThe army withdrew its support on Wednesday.";
        assert_eq!(tokenize(heading).1.len(), 2);
    }

    #[test]
    fn splits_sentences() {
        let text = "He left. She came.\n\nNEW HEADLINE\nThe end";
        let (_, sents) = tokenize(text);
        assert_eq!(sents.len(), 4);
    }
}
