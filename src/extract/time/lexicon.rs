//! One pass over the text: splits it into tokens and looks every word up in the closed
//! vocabulary of temporal English, so the rules only ever run where something temporal is.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// Calendar and clock units that durations, shifts and sets count in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Weekend,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// Named parts of a day ("morning", "noon"), which make an expression a TIME.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DayPart {
    Morning,
    Afternoon,
    Evening,
    Night,
    Noon,
    Midnight,
}

/// What a word means to the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Lex {
    /// January = 1.
    Month(u8),
    /// Monday = 1.
    Weekday(u8),
    /// 0 spring, 1 summer, 2 fall, 3 winter.
    Season(u8),
    DayPart(DayPart),
    /// A unit name; `true` when plural.
    Unit(Unit, bool),
    /// A cardinal number word ("twenty").
    Number(u32),
    /// An ordinal number word ("third").
    Ordinal(u32),
    /// A word the rules test by its spelling (`key`).
    Cue,
    /// Not temporal.
    Other,
}

/// How much a token says about time: decides where the rules are tried at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Strength {
    /// Never begins an expression ("of", "and", most words).
    Weak,
    /// Begins an expression only with a strong token right after ("the", "last", "about").
    Starter,
    /// Temporal on its own: numbers, month and unit names, "yesterday", "now".
    Strong,
}

/// The shape of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    Word,
    Digits,
    Punct(u8),
}

/// One token with its byte span and lexicon entry.
#[derive(Clone, Copy, Debug)]
pub(super) struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Word, digits or punctuation.
    pub shape: Shape,
    /// Meaning of a lexicon word, `Other` for anything else.
    pub lex: Lex,
    /// Lower-case spelling for lexicon words, empty otherwise.
    pub key: &'static str,
    /// Value of a digit run (saturating), used for years, days and amounts.
    pub number: u32,
    /// Starts with a capital letter (month and weekday names must).
    pub capitalized: bool,
    /// Whether the rules should start here.
    pub strength: Strength,
    /// Whitespace (or a non-ASCII character) precedes the token.
    pub spaced: bool,
}

impl Token {
    /// Number of digits of a digit run, 0 for other tokens.
    pub fn digits(&self) -> usize {
        if self.shape == Shape::Digits { self.end - self.start } else { 0 }
    }
}

/// Whether the rules are worth trying at `tokens[at]`: a strong token, or a starter with a
/// strong token among the next few.
pub(super) fn is_trigger(tokens: &[Token], at: usize) -> bool {
    const LOOKAHEAD: usize = 4;
    match tokens[at].strength {
        Strength::Strong => true,
        Strength::Weak => false,
        Strength::Starter => {
            tokens[at + 1..].iter().take(LOOKAHEAD).any(|token| token.strength == Strength::Strong)
        }
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

const NUMBERS: [(&str, u32); 31] = [
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("thousand", 1000),
    ("dozen", 12),
    ("zero", 0),
];

const ORDINALS: [(&str, u32); 21] = [
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
];

const UNITS: [(&str, Unit); 11] = [
    ("minute", Unit::Minute),
    ("hour", Unit::Hour),
    ("day", Unit::Day),
    ("weekend", Unit::Weekend),
    ("week", Unit::Week),
    ("month", Unit::Month),
    ("quarter", Unit::Quarter),
    ("year", Unit::Year),
    ("decade", Unit::Decade),
    ("century", Unit::Century),
    ("fortnight", Unit::Week),
];

/// Cue words that can begin an expression when a strong token follows.
const STARTERS: &[&str] = &[
    "circa",
    "ca",
    "c",
    "ad",
    "q",
    "h",
    "fy",
    "the",
    "a",
    "an",
    "last",
    "next",
    "this",
    "that",
    "past",
    "coming",
    "following",
    "previous",
    "prior",
    "same",
    "early",
    "late",
    "mid",
    "middle",
    "beginning",
    "end",
    "start",
    "about",
    "around",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "some",
    "over",
    "more",
    "less",
    "at",
    "up",
    "under",
    "no",
    "every",
    "each",
    "twice",
    "once",
    "fiscal",
    "half",
    "few",
    "several",
    "couple",
    "many",
    "right",
    "these",
    "comparable",
    "corresponding",
    "current",
    "new",
    "valentine",
    "memorial",
    "independence",
    "labor",
    "labour",
    "election",
    "veterans",
    "earlier",
    "later",
];

/// Cue words that are time expressions, or their heads, on their own.
const STRONG_CUES: &[&str] = &[
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "overnight",
    "now",
    "currently",
    "current",
    "recently",
    "lately",
    "recent",
    "future",
    "nowadays",
    "daily",
    "weekly",
    "monthly",
    "yearly",
    "annually",
    "hourly",
    "nightly",
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
    "past",
    "present",
    "latest",
    "term",
    "christmas",
    "thanksgiving",
    "easter",
    "halloween",
];

/// Words the rules test by spelling; anything else not listed above is `Other`.
const CUES: &[&str] = &[
    "circa",
    "ca",
    "c",
    "ad",
    "q",
    "h",
    "fy",
    "a",
    "an",
    "the",
    "ago",
    "later",
    "earlier",
    "before",
    "after",
    "last",
    "next",
    "this",
    "that",
    "past",
    "coming",
    "following",
    "previous",
    "prior",
    "same",
    "early",
    "late",
    "mid",
    "middle",
    "beginning",
    "end",
    "start",
    "about",
    "around",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "some",
    "over",
    "more",
    "less",
    "than",
    "at",
    "least",
    "up",
    "to",
    "within",
    "few",
    "several",
    "couple",
    "of",
    "or",
    "so",
    "every",
    "each",
    "per",
    "times",
    "twice",
    "once",
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "overnight",
    "now",
    "currently",
    "current",
    "recently",
    "recent",
    "future",
    "soon",
    "formerly",
    "previously",
    "daily",
    "weekly",
    "monthly",
    "yearly",
    "annually",
    "quarterly",
    "hourly",
    "nightly",
    "fiscal",
    "half",
    "and",
    "in",
    "ahead",
    "another",
    "additional",
    "present",
    "its",
    "their",
    "his",
    "her",
    "ended",
    "latest",
    "nowadays",
    "these",
    "lately",
    "right",
    "hence",
    "from",
    "p",
    "m",
    "est",
    "edt",
    "gmt",
    "utc",
    "pst",
    "pdt",
    "cst",
    "cdt",
    "clock",
    "on",
    "since",
    "for",
    "by",
    "until",
    "during",
    "will",
    "would",
    "ll",
    "shall",
    "long",
    "term",
    "near",
    "short",
    "period",
    "no",
    "under",
    "just",
    "full",
    "whole",
    "entire",
    "final",
    "trading",
    "business",
    "calendar",
    "ending",
    "comparable",
    "corresponding",
    "then",
    "many",
    "overnight",
    "st",
    "nd",
    "rd",
    "th",
    "s",
    "old",
    "till",
    "is",
    "are",
    "percent",
    "cents",
    "dollars",
    "million",
    "billion",
    "be",
    "been",
    "being",
    "christmas",
    "thanksgiving",
    "easter",
    "halloween",
    "new",
    "valentine",
    "memorial",
    "independence",
    "labor",
    "labour",
    "election",
    "veterans",
    "eve",
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
    "o",
    "am",
    "pm",
    "weekend",
    "during",
    "through",
    "other",
];

/// FNV-1a: the lexicon's keys are short words, where SipHash's setup cost dominates.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
        Self(OFFSET_BASIS)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        const PRIME: u64 = 0x0000_0100_0000_01b3;
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(PRIME);
        }
    }
}

/// Word to meaning, for every word the rules know.
type Lexicon = HashMap<&'static str, (Lex, Strength), BuildHasherDefault<Fnv>>;

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    build_lexicon()
        .into_iter()
        .map(|(word, lex)| {
            let strength = if STRONG_CUES.contains(&word) || lex != Lex::Cue {
                Strength::Strong
            } else if STARTERS.contains(&word) {
                Strength::Starter
            } else {
                Strength::Weak
            };
            (word, (lex, strength))
        })
        .collect()
});

fn build_lexicon() -> HashMap<&'static str, Lex> {
    let mut map: HashMap<&'static str, Lex> = HashMap::new();
    for word in CUES {
        map.insert(word, Lex::Cue);
    }
    for (index, month) in MONTHS.iter().enumerate() {
        let number = index as u8 + 1;
        map.insert(month, Lex::Month(number));
        map.insert(&month[..3], Lex::Month(number));
    }
    map.insert("sept", Lex::Month(9));
    for (index, day) in WEEKDAYS.iter().enumerate() {
        let number = index as u8 + 1;
        map.insert(day, Lex::Weekday(number));
        map.insert(&day[..3], Lex::Weekday(number));
    }
    for (index, plural) in
        ["mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays"]
            .iter()
            .enumerate()
    {
        map.insert(plural, Lex::Weekday(index as u8 + 1));
    }
    for (abbreviation, number) in [("tues", 2), ("thur", 4), ("thurs", 4)] {
        map.insert(abbreviation, Lex::Weekday(number));
    }
    for (word, season) in [("spring", 0), ("summer", 1), ("fall", 2), ("autumn", 2), ("winter", 3)] {
        map.insert(word, Lex::Season(season));
    }
    for (word, part) in [
        ("morning", DayPart::Morning),
        ("mornings", DayPart::Morning),
        ("afternoon", DayPart::Afternoon),
        ("afternoons", DayPart::Afternoon),
        ("evening", DayPart::Evening),
        ("evenings", DayPart::Evening),
        ("night", DayPart::Night),
        ("nights", DayPart::Night),
        ("noon", DayPart::Noon),
        ("midday", DayPart::Noon),
        ("midnight", DayPart::Midnight),
    ] {
        map.insert(word, Lex::DayPart(part));
    }
    for (word, number) in NUMBERS {
        map.insert(word, Lex::Number(number));
    }
    for (word, number) in ORDINALS {
        map.insert(word, Lex::Ordinal(number));
    }
    for (word, unit) in UNITS {
        map.insert(word, Lex::Unit(unit, false));
    }
    for (word, unit) in [
        ("seconds", Unit::Second),
        ("minutes", Unit::Minute),
        ("mins", Unit::Minute),
        ("hours", Unit::Hour),
        ("hrs", Unit::Hour),
        ("days", Unit::Day),
        ("weekends", Unit::Weekend),
        ("weeks", Unit::Week),
        ("months", Unit::Month),
        ("quarters", Unit::Quarter),
        ("years", Unit::Year),
        ("yrs", Unit::Year),
        ("decades", Unit::Decade),
        ("centuries", Unit::Century),
        ("fortnights", Unit::Week),
    ] {
        map.insert(word, Lex::Unit(unit, true));
    }
    map
}

/// Whether a month or weekday key is a full name ("july", "may") and not a clipped
/// abbreviation ("jul", "wed") that needs its period to count.
pub(super) fn is_full_name(key: &str) -> bool {
    MONTHS.contains(&key) || WEEKDAYS.contains(&key) || key.ends_with("days")
}

/// Splits `text` into tokens: ASCII letter runs, digit runs and single ASCII punctuation
/// marks. Non-ASCII characters act as spaces, so every token boundary is a char boundary.
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut position = 0;
    let mut spaced = true;
    while position < bytes.len() {
        let byte = bytes[position];
        let start = position;
        if byte.is_ascii_alphabetic() {
            while position < bytes.len() && bytes[position].is_ascii_alphabetic() {
                position += 1;
            }
            tokens.push(word_token(text, start, position, spaced));
        } else if byte.is_ascii_digit() {
            let mut number: u32 = 0;
            while position < bytes.len() && bytes[position].is_ascii_digit() {
                number = number.saturating_mul(10).saturating_add(u32::from(bytes[position] - b'0'));
                position += 1;
            }
            tokens.push(Token {
                start,
                end: position,
                shape: Shape::Digits,
                lex: Lex::Other,
                key: "",
                number,
                capitalized: false,
                strength: Strength::Strong,
                spaced,
            });
        } else if byte.is_ascii_punctuation() {
            position += 1;
            tokens.push(Token {
                start,
                end: position,
                shape: Shape::Punct(byte),
                lex: Lex::Other,
                key: "",
                number: 0,
                capitalized: false,
                strength: if byte == b'\'' { Strength::Starter } else { Strength::Weak },
                spaced,
            });
        } else {
            position += 1;
            spaced = true;
            continue;
        }
        spaced = false;
    }
    tokens
}

fn word_token(text: &str, start: usize, end: usize, spaced: bool) -> Token {
    let word = &text[start..end];
    let mut buffer = [0u8; 16];
    let (lex, key, strength) = if word.len() <= buffer.len() {
        let lower = &mut buffer[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        let lower = std::str::from_utf8(lower).unwrap_or("");
        match LEXICON.get_key_value(lower) {
            Some((key, (lex, strength))) => (*lex, *key, *strength),
            None => (Lex::Other, "", Strength::Weak),
        }
    } else {
        (Lex::Other, "", Strength::Weak)
    };
    let capitalized = word.as_bytes()[0].is_ascii_uppercase();
    Token { start, end, shape: Shape::Word, lex, key, number: 0, capitalized, strength, spaced }
}
