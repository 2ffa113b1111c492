//! Sentence boundaries: events are sentences, so this decides what the event list shows.
//!
//! A deliberately simple splitter: a sentence ends at `.`, `!` or `?` followed by
//! whitespace and an upper-case letter, digit or quote, unless the word before the period
//! is a known abbreviation ("Mr.", "Jan.", "U.S.") or a single initial; a blank line always
//! ends a sentence, and so does a line break after a line with no final punctuation
//! (headlines, datelines).

use std::ops::Range;

/// Abbreviations after which a period does not end a sentence (lower-case, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "gov", "sen", "rep",
    "pres", "st", "jr", "sr", "rev", "hon", "vs", "etc", "inc", "ltd", "co", "cos", "corp", "no", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues",
    "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "approx", "e.g", "i.e", "u.s", "u.k", "u.n", "a.m",
    "p.m", "fig", "dept", "est", "mt", "ft", "c", "ca",
];

/// The longest a sentence grows before it is cut at the next space.
const MAX_SENTENCE_BYTES: usize = 2000;

/// Splits `text` into trimmed sentence byte ranges, in order, never empty.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let boundary_end = match b {
            b'\n' if is_paragraph_break(bytes, i) || !line_continues(bytes, start, i) => Some(i),
            b'.' | b'!' | b'?' if ends_sentence(text, i) => {
                let mut end = i + 1;
                while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')' | b'.') {
                    end += 1;
                }
                Some(end)
            }
            // A run-on "sentence" (a table, a list without full stops) is cut at a space:
            // each event carries its sentence, and a megabyte per event helps no one.
            b' ' if i - start >= MAX_SENTENCE_BYTES => Some(i),
            _ => None,
        };
        if let Some(end) = boundary_end {
            push_trimmed(text, start..end, &mut sentences);
            start = end;
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start..text.len(), &mut sentences);
    sentences
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let leading = slice.len() - slice.trim_start().len();
    let trailing = slice.len() - slice.trim_end().len();
    let trimmed = range.start + leading..range.end - trailing;
    if trimmed.start < trimmed.end {
        out.push(trimmed);
    }
}

/// A newline followed (after optional spaces) by another newline.
fn is_paragraph_break(bytes: &[u8], newline: usize) -> bool {
    bytes[newline + 1..].iter().take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n')).any(|&b| b == b'\n')
}

/// Whether a single line break inside a sentence is just wrapping: the line so far ends
/// without final punctuation but looks like running prose (long, ends in a lower-case word
/// or a comma). Short unpunctuated lines are headlines or datelines and end there.
fn line_continues(bytes: &[u8], sentence_start: usize, newline: usize) -> bool {
    let line_start = bytes[sentence_start..newline]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(sentence_start, |p| sentence_start + p + 1);
    let line = &bytes[line_start..newline];
    let trimmed_len = line.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(0, |p| p + 1);
    if trimmed_len == 0 {
        return true;
    }
    let last = line[trimmed_len - 1];
    trimmed_len >= 60 && (last.is_ascii_lowercase() || matches!(last, b',' | b';' | b'-'))
}

fn ends_sentence(text: &str, dot: usize) -> bool {
    let bytes = text.as_bytes();
    let mut next = dot + 1;
    while next < bytes.len() && matches!(bytes[next], b'"' | b'\'' | b')') {
        next += 1;
    }
    if next >= bytes.len() {
        return true;
    }
    if !bytes[next].is_ascii_whitespace() {
        return false;
    }
    if bytes[dot] != b'.' {
        return true;
    }
    let after = text[next..].trim_start();
    let Some(first) = after.chars().next() else {
        return true;
    };
    if !(first.is_uppercase() || first.is_ascii_digit() || matches!(first, '"' | '\'' | '“' | '(')) {
        return false;
    }
    let word_start = text[..dot]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || *c == '(' || *c == '"')
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = &text[word_start..dot];
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    !(single_initial || ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::split_sentences;

    #[test]
    fn a_run_on_line_is_cut_into_sentences_of_bounded_length() {
        let text = "1999 - ".repeat(8000);
        let sentences = split_sentences(&text);
        assert!(sentences.len() > 20);
        assert!(sentences.iter().all(|range| range.len() <= super::MAX_SENTENCE_BYTES + 8));
    }

    #[test]
    fn wide_spaces_before_a_period_are_whole_characters() {
        let text = "Hello\u{a0}world. Next\u{3000}one. End.";
        assert_eq!(split_sentences(text).len(), 3);
    }

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_on_final_punctuation_and_keeps_abbreviations() {
        assert_eq!(
            sentences("Mr. Noboa left on Jan. 22. The U.S. Army stayed! Why? Yes."),
            ["Mr. Noboa left on Jan. 22.", "The U.S. Army stayed!", "Why?", "Yes."]
        );
    }

    #[test]
    fn headline_and_blank_lines_end_sentences() {
        assert_eq!(
            sentences("Congress removes Gutierrez\n\nQUITO -- The vote came late\non Wednesday."),
            ["Congress removes Gutierrez", "QUITO -- The vote came late", "on Wednesday."]
        );
    }

    #[test]
    fn wrapped_prose_lines_stay_one_sentence() {
        let text =
            "The protests began in the capital in early April and grew every single\nnight after that.";
        assert_eq!(sentences(text), [text]);
    }

    #[test]
    fn decimal_numbers_and_initials_do_not_split() {
        assert_eq!(
            sentences("Prices rose 3.5 percent. George W. Bush spoke."),
            ["Prices rose 3.5 percent.", "George W. Bush spoke."]
        );
    }

    #[test]
    fn a_historians_circa_does_not_split() {
        assert_eq!(
            sentences("The portrait dates from c. 1650. It was sold ca. 1700 in Paris."),
            ["The portrait dates from c. 1650.", "It was sold ca. 1700 in Paris."]
        );
    }
}
