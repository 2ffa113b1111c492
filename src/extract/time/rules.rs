//! The grammar: at a trigger token every rule tries to read a time expression forward over
//! the tokens, and the longest reading wins. Rules only say what the text means (`Spec`);
//! turning that into calendar values is `resolve`'s job.

use super::lexicon::{DayPart, Lex, Shape, Token, Unit, is_full_name};
use super::resolve::duration_value;
use super::{Modifier, floor_char_boundary};

/// How an expression should be anchored, decided from its own words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cue {
    /// Carries its own year: needs no anchor.
    Absolute,
    /// Speaks from the writer's now ("yesterday", "last week", "two years ago").
    Deictic,
    /// Speaks from the story's last date ("two years later", "the following month").
    Narrative,
    /// Compares with the period just mentioned ("a year earlier", "the year-ago quarter").
    Comparative,
    /// Underspecified but with no cue ("Friday", "21 January"): the document date in news.
    Bare,
    /// A time of day with no day ("at 10 p.m."): the day just mentioned, if any is close.
    SameDay,
    /// The year-less far end of a day range ("March 2-[5]"): counts from the start just read.
    RangeEnd,
    /// A time of day that recurs ("the gates open at 9 a.m. daily"): on no day in particular.
    Habitual,
}

/// Whether `text` holds the lowercase ASCII `needle` in any case, without allocating: it
/// runs for every weekday and clock time.
fn contains_ignoring_case(text: &str, needle: &str) -> bool {
    text.as_bytes().windows(needle.len()).any(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Whether character `c` at byte `index` of `text` ends a sentence: a semicolon, a line
/// break, or a full stop after a word of two or more letters before a capital ("p.m.
/// Friday" goes on).
fn ends_sentence(text: &str, index: usize, c: char) -> bool {
    let bytes = text.as_bytes();
    match c {
        ';' | '\n' => true,
        '.' => {
            index >= 2
                && bytes[index - 1].is_ascii_lowercase()
                && bytes[index - 2].is_ascii_lowercase()
                && text[index + 1..].trim_start().starts_with(char::is_uppercase)
        }
        _ => false,
    }
}

/// Which occurrence of a named day, month or season is meant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Relation {
    Nearest,
    Last,
    Next,
    This,
}

/// A named part of a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum YearPart {
    Quarter(u8),
    Half(u8),
    /// 0 spring, 1 summer, 2 fall, 3 winter.
    Season(u8),
}

/// Holidays with a fixed rule for their date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Holiday {
    NewYearsDay,
    NewYearsEve,
    ValentinesDay,
    Easter,
    MemorialDay,
    IndependenceDay,
    LaborDay,
    Halloween,
    ElectionDay,
    VeteransDay,
    Thanksgiving,
    ChristmasEve,
    Christmas,
}

/// Which year a part of a year belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum YearOf {
    Explicit(i32),
    /// Years after the anchor's year (0: the anchor's own year).
    Offset(i32),
    /// Relative to the anchor, with no direction given: the anchor's own year.
    Implicit,
    /// The latest occurrence that has ended by the anchor ("last summer").
    Previous,
    /// The first occurrence that starts after the anchor ("next spring").
    Following,
}

/// What an expression means, before any anchoring.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Spec {
    /// A calendar date with whatever parts the text gives.
    Calendar {
        year: Option<i32>,
        month: Option<u8>,
        day: Option<u8>,
        weekday: Option<u8>,
    },
    /// First three digits of the decade's years ("199" for the 1990s).
    Decade(i32),
    /// First two digits of the century's years ("19" for the 20th century).
    Century(i32),
    PartOfYear {
        year: YearOf,
        part: YearPart,
    },
    /// The anchor moved by `amount` units, named at the unit's granularity.
    Shift {
        unit: Unit,
        amount: i32,
    },
    Weekday {
        weekday: u8,
        relation: Relation,
    },
    /// A numeric date whose day and month could be read either way ("03/04/2019"): `month`
    /// and `day` as the separator's convention reads them, the swap kept as an alternative.
    EitherOrder {
        year: i32,
        month: u8,
        day: u8,
    },
    /// A month (and day) picked by `relation` around the anchor ("last March", "next Oct. 23").
    MonthOf {
        month: u8,
        day: Option<u8>,
        relation: Relation,
    },
    /// A month (and day) in the year `offset` years from the anchor's ("June last year").
    YearRelative {
        offset: i32,
        month: u8,
        day: Option<u8>,
    },
    /// The ISO week holding `day` of `month` (0: the month's last days), in `year` or the
    /// anchor's year.
    WeekOf {
        year: Option<i32>,
        month: u8,
        day: u8,
    },
    /// A named holiday, in `year` or the occurrence nearest the anchor.
    Holiday {
        holiday: Holiday,
        year: Option<i32>,
        relation: Relation,
    },
    /// "the 1988 quarter" / "the 1988 period": the compared period (a quarter when the
    /// anchor is one) in `year`.
    YearPeriod {
        year: i32,
        quarter: bool,
    },
    /// `PRESENT_REF`, `PAST_REF` or `FUTURE_REF`.
    Reference(&'static str),
    /// A length of time; `None` amount for "a few", "several".
    Duration {
        amount: Option<f64>,
        unit: Unit,
    },
    /// A TIMEX3 SET value, already spelled.
    Set(String),
    /// The day before the day `0` names: where a clock range that ends after midnight on
    /// that day starts ("from 11 p.m. until 1:30 a.m. on Monday" starts on Sunday).
    DayBefore(Box<Spec>),
    /// A time of day, on a day given by `day` (the anchor's day when `None`).
    Clock {
        day: Option<Box<Spec>>,
        hour: Option<u8>,
        minute: u8,
        part: Option<DayPart>,
    },
}

impl Spec {
    /// Whether resolving needs the sentence's tense (a named day or month without a year).
    pub fn depends_on_tense(&self) -> bool {
        match self {
            Self::Calendar { year: None, .. }
            | Self::Weekday { relation: Relation::Nearest, .. }
            | Self::Holiday { year: None, .. }
            | Self::PartOfYear { year: YearOf::Implicit, .. }
            | Self::Shift { unit: Unit::Weekend, .. } => true,
            Self::Clock { day: Some(day), .. } | Self::DayBefore(day) => day.depends_on_tense(),
            _ => false,
        }
    }
}

impl Grammar<'_> {
    /// `Before` or `After` when a date is the open end of a period ("before March 2005",
    /// "since 1995"); the value stays the date's own, as TIMEX3 spans exclude the preposition.
    pub fn open_ended(&self, at: usize, spec: &Spec) -> Option<Modifier> {
        if at == 0 || matches!(spec, Spec::Duration { .. } | Spec::Set(_) | Spec::Reference(_)) {
            return None;
        }
        match self.key(at - 1) {
            "before" | "until" | "till" => Some(Modifier::Before),
            "after" | "since" => Some(Modifier::After),
            "to" if at > 1 && self.is(at - 2, "prior") => Some(Modifier::Before),
            _ => None,
        }
    }
}

/// One rule's reading of the tokens `start..end`.
#[derive(Clone, Debug)]
pub(super) struct Reading {
    /// Token index one past the expression.
    pub end: usize,
    /// What it means.
    pub spec: Spec,
    /// What it should be anchored on.
    pub cue: Cue,
    /// Qualifier read with it ("early", "about").
    pub modifier: Option<Modifier>,
    /// Name of the rule, kept as provenance.
    pub rule: &'static str,
}

fn reading(end: usize, spec: Spec, cue: Cue, rule: &'static str) -> Option<Reading> {
    Some(Reading { end, spec, cue, modifier: None, rule })
}

/// A rule: reads forward from a token, or declines.
type Rule<'a> = fn(&Grammar<'a>, usize) -> Option<Reading>;

/// How many rules `Grammar::rules` lists; the last two wrap the others in modifiers.
const RULE_COUNT: usize = 31;

/// The tokens of one text plus the rules that read them.
pub(super) struct Grammar<'a> {
    text: &'a str,
    tokens: &'a [Token],
}

impl<'a> Grammar<'a> {
    /// Wraps one text and its tokens.
    pub fn new(text: &'a str, tokens: &'a [Token]) -> Self {
        Self { text, tokens }
    }

    /// Every rule, tried at each trigger token.
    fn rules() -> [Rule<'a>; RULE_COUNT] {
        [
            Self::iso_date,
            Self::numeric_date,
            Self::month_first_date,
            Self::day_first_date,
            Self::year,
            Self::decade,
            Self::century,
            Self::part_of_year,
            Self::deictic_word,
            Self::reference_phrase,
            Self::relative_unit,
            Self::relative_name,
            Self::bare_weekday,
            Self::ago,
            Self::comparative,
            Self::holiday,
            Self::year_end,
            Self::week_of_month,
            Self::unit_before_after,
            Self::day_of_month,
            Self::duration,
            Self::set,
            Self::clock,
            Self::day_with_part,
            Self::year_period,
            Self::quarter_code,
            Self::day_range_start,
            Self::day_range_end,
            Self::clock_range_start,
            Self::modified,
            Self::approximate,
        ]
    }

    /// The longest reading starting at token `at`, if any rule matches there.
    pub fn read(&self, at: usize) -> Option<Reading> {
        let found = self.longest(at, &Self::rules())?;
        (!(at..found.end).any(|inside| self.capitalized_in_title(inside))).then_some(found)
    }

    /// A season, a part of the day or a frequency word capitalized in mid-sentence and not
    /// before a year ("the Summer Institute", "Chimes at Midnight", "LA Weekly", "Saturday
    /// Morning Breakfast Cereal"), or any time word before "et al.": part of a name or a
    /// title, where English would write the time word in lower case.
    fn capitalized_in_title(&self, at: usize) -> bool {
        let Some(token) = self.token(at) else {
            return false;
        };
        // "May et al. (2004)", "Winter et al.": a surname in a citation.
        if token.capitalized && self.spelled(at + 1, "et") && self.spelled(at + 2, "al") {
            return true;
        }
        // "Morning" or "Night" only when the name goes on ("Friday Night Lights"), as
        // title-case headlines write "Early Monday Morning".
        let name_goes_on =
            self.token(at + 1).is_some_and(|next| next.shape == Shape::Word && next.capitalized);
        let common = matches!(token.lex, Lex::Season(_) | Lex::DayPart(DayPart::Noon | DayPart::Midnight))
            || matches!(token.lex, Lex::DayPart(_)) && name_goes_on
            || self.is_any(at, &["daily", "weekly", "monthly", "quarterly", "yearly", "annually"]);
        let all_caps = self.text[token.start..token.end].bytes().all(|byte| byte.is_ascii_uppercase());
        common
            && token.capitalized
            && !all_caps
            && at > 0
            && self.token(at - 1).is_some_and(|before| !matches!(before.shape, Shape::Punct(_)))
            && self.year_number(at + 1).is_none()
    }

    /// Reads the core expressions at `at`: every rule but the two modifier wrappers, which
    /// come last in `rules` and call this for what they modify.
    fn core(&self, at: usize) -> Option<Reading> {
        self.longest(at, &Self::rules()[..RULE_COUNT - 2])
    }

    /// The longest reading any of `rules` finds at `at` (the first rule wins ties).
    fn longest(&self, at: usize, rules: &[Rule<'a>]) -> Option<Reading> {
        let mut best: Option<Reading> = None;
        for rule in rules {
            if let Some(found) = rule(self, at)
                && found.end > at
                && best.as_ref().is_none_or(|best| found.end > best.end)
            {
                best = Some(found);
            }
        }
        best
    }

    fn token(&self, at: usize) -> Option<&Token> {
        self.tokens.get(at)
    }

    fn key(&self, at: usize) -> &'static str {
        self.token(at).map_or("", |token| token.key)
    }

    fn is(&self, at: usize, key: &str) -> bool {
        self.key(at) == key
    }

    fn is_any(&self, at: usize, keys: &[&str]) -> bool {
        let key = self.key(at);
        !key.is_empty() && keys.contains(&key)
    }

    /// Token `at` is the word `word` (any case), for words outside the lexicon.
    fn spelled(&self, at: usize, word: &str) -> bool {
        self.token(at)
            .and_then(|token| self.text.get(token.start..token.end))
            .is_some_and(|text| text.eq_ignore_ascii_case(word))
    }

    /// A capitalized word right after another capitalized word: part of a name or title
    /// ("USA Today", "High Noon"), not a time expression.
    fn inside_name(&self, at: usize) -> bool {
        at > 0
            && self.token(at).is_some_and(|token| token.capitalized)
            && self.token(at - 1).is_some_and(|token| token.shape == Shape::Word && token.capitalized)
    }

    fn lex(&self, at: usize) -> Lex {
        self.token(at).map_or(Lex::Other, |token| token.lex)
    }

    fn punct(&self, at: usize, mark: u8) -> bool {
        self.token(at).is_some_and(|token| token.shape == Shape::Punct(mark))
    }

    /// Token `at` follows the previous token with no space between.
    fn tight(&self, at: usize) -> bool {
        self.token(at).is_some_and(|token| !token.spaced)
    }

    fn digits(&self, at: usize) -> Option<(u32, usize)> {
        let token = self.token(at)?;
        (token.shape == Shape::Digits).then_some((token.number, token.digits()))
    }

    /// Skips token `at` when it has key `key`.
    fn skip(&self, at: usize, key: &str) -> usize {
        if self.is(at, key) { at + 1 } else { at }
    }

    fn skip_punct(&self, at: usize, mark: u8) -> usize {
        if self.punct(at, mark) { at + 1 } else { at }
    }

    /// A digit run that is not part of a larger number ("1,000", "3.5", "$1990").
    fn standalone_number(&self, at: usize) -> Option<(u32, usize)> {
        let (value, width) = self.digits(at)?;
        let before_glued = at > 0
            && self.tight(at)
            && (self.punct(at - 1, b'$')
                || ((self.punct(at - 1, b'.') || self.punct(at - 1, b','))
                    && at > 1
                    && self.digits(at - 2).is_some()
                    && self.tight(at - 1)));
        let after_glued = self.tight(at + 1)
            && ((self.punct(at + 1, b'.') || self.punct(at + 1, b','))
                && self.digits(at + 2).is_some()
                && self.tight(at + 2)
                || self.punct(at + 1, b'%'));
        (!before_glued && !after_glued).then_some((value, width))
    }

    /// A day of the month: "21", "21st", "twenty-first" is not supported; returns the end.
    fn day_number(&self, at: usize) -> Option<(u8, usize)> {
        let (value, width) = self.standalone_number(at)?;
        if width > 2 || !(1..=31).contains(&value) {
            return None;
        }
        let mut end = at + 1;
        if self.tight(end) && self.is_any(end, &["st", "nd", "rd", "th"]) {
            end += 1;
        }
        Some((value as u8, end))
    }

    /// An ordinal day ("first" .. "thirtieth") or a numeric day.
    fn day_or_ordinal(&self, at: usize) -> Option<(u8, usize)> {
        if let Lex::Ordinal(value) = self.lex(at) {
            return Some((value as u8, at + 1));
        }
        self.day_number(at)
    }

    /// A plausible four-digit year.
    fn year_number(&self, at: usize) -> Option<i32> {
        let (value, width) = self.standalone_number(at)?;
        (width == 4 && (1000..=2100).contains(&value)).then_some(value as i32)
    }

    /// An era marker at `at` ("BC", "B.C.", "BCE", "AD", "A.D.", "CE", in capitals): whether
    /// it counts years before Christ, and the token after it.
    fn era(&self, at: usize) -> Option<(bool, usize)> {
        const ERAS: [(&str, bool); 8] = [
            ("B.C.E.", true),
            ("B.C.", true),
            ("BCE", true),
            ("BC", true),
            ("A.D.", false),
            ("AD", false),
            ("C.E.", false),
            ("CE", false),
        ];
        let start = self.token(at)?.start;
        let rest = &self.text[start..];
        let (marker, before_christ) = ERAS.iter().find(|(marker, _)| {
            rest.starts_with(marker)
                && !rest[marker.len()..].chars().next().is_some_and(|next| next.is_ascii_alphanumeric())
        })?;
        let end = start + marker.len();
        let mut next = at;
        while self.token(next).is_some_and(|token| token.end <= end) {
            next += 1;
        }
        Some((*before_christ, next))
    }

    /// A year with its era: "44 BC", "AD 330", "330 AD", "300 BCE" (`in_date` when a month
    /// or day comes before it). Years before Christ are astronomical (1 BC is year 0), as the
    /// calendar counts them.
    fn era_year(&self, at: usize, in_date: bool) -> Option<(i32, usize)> {
        let number = |at: usize| {
            self.standalone_number(at)
                .filter(|(value, width)| *width <= 4 && *value >= 1)
                .map(|(value, _)| value)
        };
        if let Some((false, after)) = self.era(at)
            && let Some(value) = number(after)
        {
            return Some((value as i32, after + 1));
        }
        let value = number(at)?;
        let (before_christ, end) = self.era(at + 1)?;
        // "BC Hydro", "the 2017 BC election", "CE-marked", "5 AD licences" are no eras: the
        // marker must not start a name or a compound, the number must not follow a
        // determiner, a small number needs a date or a preposition before it, and a
        // recent-looking one needs all of that ("In 2017 BC Hydro raised rates").
        let name_goes_on =
            self.token(end).is_some_and(|token| token.shape == Shape::Word && token.capitalized)
                || self.punct(end, b'-') && self.tight(end);
        let determiner = at > 0 && DETERMINERS.iter().any(|word| self.spelled(at - 1, word));
        let placed = in_date
            || self.circa_before(at)
            || at > 0
                && self.is_any(
                    at - 1,
                    &["in", "by", "from", "until", "since", "before", "after", "during", "of", "to"],
                );
        let approximate = at > 0 && self.is_any(at - 1, &["about", "around", "circa"]);
        let rejected = determiner
            || name_goes_on && (!placed || (1800..=2100).contains(&value))
            || value < 100 && !placed && !approximate;
        if rejected {
            return None;
        }
        let year = if before_christ { 1 - value as i32 } else { value as i32 };
        Some((year, end))
    }

    /// Optional ", 2000" / " 2000" / " of 2000" / " 44 BC" after a month or day, or a
    /// three-digit year ending the clause ("30 September 420,"); returns (year, end).
    fn trailing_year(&self, at: usize) -> (Option<i32>, usize) {
        let mut next = self.skip_punct(at, b',');
        next = if self.is(next, "in") && self.year_number(next + 1).is_some() {
            next + 1
        } else {
            self.skip(next, "of")
        };
        if let Some((year, end)) = self.era_year(next, true) {
            return (Some(year), end);
        }
        // "30 September 420," and "December of 384", but not "4.1 in March, 105."
        let comma = self.punct(at, b',');
        if let Some((value, 3)) = self.standalone_number(next)
            && value >= 100
            && (!comma || self.is(next - 1, "of"))
            && self.token(next + 1).is_none_or(|token| matches!(token.shape, Shape::Punct(_)))
        {
            return (Some(value as i32), next + 1);
        }
        if let Some(year) = self.year_number(next)
            && !(self.tight(next + 1) && self.is(next + 1, "s"))
        {
            return (Some(year), next + 1);
        }
        if self.punct(next, b'\'')
            && let Some((value, 2)) = self.digits(next + 1)
        {
            return (Some(1900 + value as i32), next + 2);
        }
        if let Some((year, end)) = self.spelled_year(next) {
            return (Some(year), end);
        }
        (None, at)
    }

    /// "nineteen ninety-six", "two thousand (and) one": a year in words.
    fn spelled_year(&self, at: usize) -> Option<(i32, usize)> {
        let Lex::Number(first) = self.lex(at) else {
            return None;
        };
        let in_context = self.year_context(at) || at > 0 && self.is(at - 1, "year");
        if first == 2 && self.is(at + 1, "thousand") && in_context {
            let after_and = self.skip(at + 2, "and");
            return Some(match self.lex(after_and) {
                Lex::Number(rest @ 1..=99) => (2000 + rest as i32, after_and + 1),
                _ => (2000, at + 2),
            });
        }
        if !(11..=20).contains(&first) {
            return None;
        }
        let needs_context = !matches!(first, 19 | 20) || !matches!(self.lex(at + 1), Lex::Number(20..=90));
        let (rest, end) = match self.lex(at + 1) {
            Lex::Number(tens @ (20 | 30 | 40 | 50 | 60 | 70 | 80 | 90)) => {
                let after_hyphen = self.skip_punct(at + 2, b'-');
                match self.lex(after_hyphen) {
                    Lex::Number(unit @ 1..=9) => (tens + unit, after_hyphen + 1),
                    _ => (tens, at + 2),
                }
            }
            Lex::Number(teen @ 10..=19) => (teen, at + 2),
            _ => return None,
        };
        (!needs_context || in_context).then_some((first as i32 * 100 + rest as i32, end))
    }

    /// The year named after a month ("June last year", "March of this year", "June of that
    /// year", "October of the following year"): its offset, from the reference date for
    /// "this", "last" and "next", else from the story's last date, with the cue and end.
    fn relative_year(&self, at: usize) -> Option<(i32, Cue, usize)> {
        let after_of = self.skip(at, "of");
        let (offset, cue, year_at) = if let Some(offset) = relative_offset(self.key(after_of)) {
            (offset, Cue::Deictic, after_of + 1)
        } else if after_of > at && self.is(after_of, "that") {
            (0, Cue::Narrative, after_of + 1)
        } else if after_of > at && self.is(after_of, "the") {
            let offset = match self.key(after_of + 1) {
                "same" => 0,
                "following" | "next" => 1,
                "previous" | "preceding" => -1,
                _ => return None,
            };
            (offset, Cue::Narrative, after_of + 2)
        } else {
            return None;
        };
        (self.lex(year_at) == Lex::Unit(Unit::Year, false)).then_some((offset, cue, year_at + 1))
    }

    /// A capitalized month name, with the period of an abbreviation ("Jan.").
    fn month(&self, at: usize) -> Option<(u8, usize)> {
        let token = self.token(at)?;
        let Lex::Month(month) = token.lex else {
            return None;
        };
        let abbreviated = !is_full_name(token.key);
        if !token.capitalized && token.key != "sept" {
            return None;
        }
        let mut end = at + 1;
        if abbreviated && self.punct(end, b'.') {
            end += 1;
        }
        Some((month, end))
    }

    /// "Friday," before a date.
    fn leading_weekday(&self, at: usize) -> (Option<u8>, usize) {
        if let Lex::Weekday(day) = self.lex(at)
            && !self.key(at).ends_with('s')
        {
            let mut next = at + 1;
            next = self.skip_punct(next, b'.');
            next = self.skip_punct(next, b',');
            next = self.skip(next, "the");
            return (Some(day), next);
        }
        (None, at)
    }

    /// "2000-01-21" (optionally with a clock time), "2000/01/21", "2000/1/2", "2000.12.31"
    /// and "20000121".
    fn iso_date(&self, at: usize) -> Option<Reading> {
        let (year, width) = self.digits(at)?;
        if width == 8 {
            let (month, day) = ((year / 100) % 100, year % 100);
            let year = year / 10000;
            if (1900..=2100).contains(&year) && is_valid_date(year as i32, month, day) {
                return reading(at + 1, calendar(year as i32, month, day), Cue::Absolute, "iso_compact");
            }
            return None;
        }
        let separator = match self.token(at + 1)?.shape {
            Shape::Punct(mark @ (b'-' | b'/' | b'.')) => mark,
            _ => return None,
        };
        if width != 4 || !self.tight(at + 1) || !self.tight(at + 2) {
            return None;
        }
        // ISO dashes take two digits; slashes and dots ("2000/1/21") one or two.
        let widths = if separator == b'-' { 2..=2 } else { 1..=2 };
        let (month, _) = self.digits(at + 2).filter(|(m, w)| widths.contains(w) && (1..=12).contains(m))?;
        if !self.punct(at + 3, separator) || !self.tight(at + 3) {
            return None;
        }
        let (day, _) = self.digits(at + 4).filter(|(d, w)| widths.contains(w) && (1..=31).contains(d))?;
        // More digits or separators go on past a date ("2000-01-21-7"), but a full stop may
        // end the sentence after "2000.12.31".
        let number_goes_on = |next: usize| self.tight(next) && self.digits(next).is_some();
        let goes_on = number_goes_on(at + 5)
            || self.tight(at + 5)
                && self.punct(at + 5, separator)
                && (separator != b'.' || number_goes_on(at + 6));
        if !self.tight(at + 4) || goes_on {
            return None;
        }
        if !is_valid_date(year as i32, month, day) {
            return None;
        }
        let date = calendar(year as i32, month, day);
        if let Some(time) = self.clock_after_date(at + 5, date.clone()) {
            return Some(time);
        }
        let rule = if separator == b'-' { "iso_date" } else { "year_first_date" };
        reading(at + 5, date, Cue::Absolute, rule)
    }

    /// "T10:30" or " 10:30:00" right after an ISO date.
    fn clock_after_date(&self, at: usize, date: Spec) -> Option<Reading> {
        let mut next = at;
        if self.is(next, "t") && self.tight(next) {
            next += 1;
        }
        let (hour, _) = self.digits(next).filter(|(h, w)| *w <= 2 && *h <= 24)?;
        if !self.punct(next + 1, b':') {
            return None;
        }
        let (minute, _) = self.digits(next + 2).filter(|(m, w)| *w == 2 && *m < 60)?;
        let mut end = next + 3;
        if self.punct(end, b':') && self.digits(end + 1).is_some() {
            end += 2;
        }
        reading(
            end,
            Spec::Clock {
                day: Some(Box::new(date)),
                hour: Some(hour as u8),
                minute: minute as u8,
                part: None,
            },
            Cue::Absolute,
            "iso_datetime",
        )
    }

    /// "01/21/2000", "21/01/2000", "1/21/00", "21.01.2000": month first unless it cannot be;
    /// "21-Jan-2000", "21/Jan/00" name the month.
    fn numeric_date(&self, at: usize) -> Option<Reading> {
        let (first, first_width) = self.digits(at)?;
        if first_width > 2 || at > 0 && self.tight(at) && self.punct(at - 1, b'/') {
            return None;
        }
        let separator = match self.token(at + 1)?.shape {
            Shape::Punct(mark @ (b'/' | b'-' | b'.')) => mark,
            _ => return None,
        };
        if !self.tight(at + 1) || !self.tight(at + 2) || !self.tight(at + 3) || !self.tight(at + 4) {
            return None;
        }
        // "21-Jan-2000": a month name in the middle settles the order.
        let named_month =
            self.month(at + 2).filter(|(_, end)| *end == at + 3).map(|(month, _)| u32::from(month));
        let (second, second_width) = match named_month {
            Some(month) => (month, 2),
            None => self.digits(at + 2)?,
        };
        if second_width > 2 || !self.punct(at + 3, separator) {
            return None;
        }
        let (year, year_width) = self.digits(at + 4)?;
        let year = match year_width {
            2 => century_for_two_digits(year),
            4 if (1000..=2100).contains(&year) => year as i32,
            _ => return None,
        };
        if self.tight(at + 5) && (self.punct(at + 5, b'/') || self.digits(at + 5).is_some()) {
            return None;
        }
        // Slashes are the American month-first order; dots and dashes the European day-first.
        let day_first = named_month.is_some() || first > 12 || second <= 12 && separator != b'/';
        let (month, day) = if day_first { (second, first) } else { (first, second) };
        if !is_valid_date(year, month, day) {
            return None;
        }
        let date = if named_month.is_none() && first <= 12 && second <= 12 && first != second {
            Spec::EitherOrder { year, month: month as u8, day: day as u8 }
        } else {
            calendar(year, month, day)
        };
        if let Some(time) = self.clock_after_date(at + 5, date.clone()) {
            return Some(time);
        }
        reading(at + 5, date, Cue::Absolute, "numeric_date")
    }

    /// "Jan. 21, 2000", "Friday, January 21", "April 2005", "April".
    fn month_first_date(&self, at: usize) -> Option<Reading> {
        let (weekday, after_weekday) = self.leading_weekday(at);
        let (month, after_month) = self.month(after_weekday)?;
        if let Some((day, after_day)) = self.day_number(after_month)
            && !(self.punct(after_day, b':') && self.digits(after_day + 1).is_some()
                || self.is_any(after_day, &["p", "a", "pm", "am"]))
        {
            if let Some((offset, cue, end)) = self.relative_year(self.skip_punct(after_day, b',')) {
                let spec = Spec::YearRelative { offset, month, day: Some(day) };
                return reading(end, spec, cue, "month_day_relative_year");
            }
            let (year, end) = self.trailing_year(after_day);
            let year = year.or_else(|| self.range_year(after_day, month));
            let cue = if year.is_some() { Cue::Absolute } else { Cue::Bare };
            let spec = Spec::Calendar { year, month: Some(month), day: Some(day), weekday };
            return reading(end, spec, cue, "month_day");
        }
        if weekday.is_some() {
            return None;
        }
        let (year, end) = self.trailing_year(after_month);
        if let Some(year) = year {
            return reading(end, month_spec(Some(year), month), Cue::Absolute, "month_year");
        }
        if let Some(year) = self.range_year(after_month, month) {
            return reading(after_month, month_spec(Some(year), month), Cue::Absolute, "month_range");
        }
        if let Some((offset, cue, end)) = self.relative_year(after_month) {
            let spec = Spec::YearRelative { offset, month, day: None };
            return reading(end, spec, cue, "month_relative_year");
        }
        // "the January Uprising", "the October Revolution": a name, not a month.
        if at > 0
            && self.is(at - 1, "the")
            && self
                .token(after_month)
                .is_some_and(|next| next.shape == Shape::Word && next.capitalized && next.lex == Lex::Other)
        {
            return None;
        }
        if self.spelled(after_month, "delivery") {
            // "corn for December delivery": a futures contract, which falls due ahead.
            let spec = Spec::MonthOf { month, day: None, relation: Relation::Next };
            return reading(after_month, spec, Cue::Deictic, "delivery_month");
        }
        let token = self.token(at)?;
        let abbreviated = !is_full_name(token.key);
        let ambiguous = matches!(token.key, "may" | "march" | "mar" | "jan" | "jun" | "aug" | "dec");
        if abbreviated && !self.punct(at + 1, b'.') || ambiguous && !self.month_context(at) {
            return None;
        }
        reading(after_month, month_spec(None, month), Cue::Bare, "month")
    }

    /// The year a range gives its first, year-less end: "between May and June 1981",
    /// "from March 3 to April 5, 2001", "from 3 March to 5 April 2001"; "December to March
    /// 2004" starts in 2003.
    fn range_year(&self, at: usize, month: u8) -> Option<i32> {
        let far = if self.punct(at, b'-') || self.spelled(at, "and") || self.range_word(at) {
            at + 1
        } else {
            // An en or em dash, which the tokenizer reads as a space: "March 2–5, 2019".
            self.range_connector(at).filter(|far| *far == at)?
        };
        // "March 2-5, 2019": the far end is a later day of the same month.
        if let Some((_, after_day)) = self.day_number(far)
            && self.month(self.skip(after_day, "of")).is_none()
        {
            return self.trailing_year(after_day).0;
        }
        // The far end may put its day first: "from 3 March to 5 April 2001".
        let far_month = match self.day_or_ordinal(far) {
            Some((_, after_day)) if self.month(self.skip(after_day, "of")).is_some() => {
                self.skip(after_day, "of")
            }
            _ => far,
        };
        let (last_month, after_month) = self.month(far_month)?;
        let after_day = self.day_number(after_month).map_or(after_month, |(_, after_day)| after_day);
        let year = self.trailing_year(after_day).0?;
        Some(if month > last_month { year - 1 } else { year })
    }

    /// "to", "until", "till", "through" or "thru" between the ends of a range.
    fn range_word(&self, at: usize) -> bool {
        ["to", "until", "till", "through", "thru"].iter().any(|word| self.spelled(at, word))
    }

    /// The connector of a day range that ends at `at` ("2-5", "2 to 5", "2–5", "between 2
    /// and 5"): the index of the first day, if one comes right before it.
    fn range_first_day(&self, at: usize) -> Option<usize> {
        if at >= 2
            && (self.punct(at - 1, b'-') && self.tight(at - 1) && self.tight(at)
                || self.range_word(at - 1)
                || self.spelled(at - 1, "and") && at >= 3 && self.spelled(at - 3, "between"))
        {
            return Some(at - 2);
        }
        (at >= 1 && self.range_connector(at) == Some(at)).then(|| at - 1)
    }

    /// The end of a day range inside one month: "March 2-[5, 2019]", "Jan. 3 to [7]".
    fn day_range_end(&self, at: usize) -> Option<Reading> {
        let (day, after_day) = self.day_number(at)?;
        if self.month(self.skip(after_day, "of")).is_some() {
            return None;
        }
        let first = self.range_first_day(at)?;
        let (first_day, after_first) = self.day_number(first)?;
        // The first day ends right before the connector, or right before a dash's gap.
        if !(after_first + 1 == at || after_first == at) || first_day >= day {
            return None;
        }
        let month = (first.saturating_sub(2)..first)
            .find_map(|month_at| self.month(month_at).filter(|(_, end)| *end == first))
            .map(|(month, _)| month)?;
        let (year, end) = self.trailing_year(after_day);
        let cue = if year.is_some() { Cue::Absolute } else { Cue::RangeEnd };
        let spec = Spec::Calendar { year, month: Some(month), day: Some(day), weekday: None };
        reading(end, spec, cue, "day_range_end")
    }

    /// The start of a day range before one month: "[2] to 5 March 2019", "[2]-5 March",
    /// "between [2] and 5 March".
    fn day_range_start(&self, at: usize) -> Option<Reading> {
        let (day, after_day) = self.day_number(at)?;
        if self.month(self.skip(after_day, "of")).is_some() {
            return None;
        }
        let far = if self.spelled(after_day, "and") && at > 0 && self.spelled(at - 1, "between") {
            after_day + 1
        } else {
            self.range_connector(after_day)?
        };
        let (last_day, after_last) = self.day_or_ordinal(far)?;
        let (month, after_month) = self.month(self.skip(after_last, "of"))?;
        if last_day <= day {
            return None;
        }
        let year = self.trailing_year(after_month).0;
        let cue = if year.is_some() { Cue::Absolute } else { Cue::Bare };
        let spec = Spec::Calendar { year, month: Some(month), day: Some(day), weekday: None };
        reading(after_day, spec, cue, "day_range_start")
    }

    /// A preposition or cue before a month name that makes it a month and not a verb.
    fn month_context(&self, at: usize) -> bool {
        at > 0
            && self.is_any(
                at - 1,
                &[
                    "in",
                    "since",
                    "until",
                    "by",
                    "of",
                    "early",
                    "late",
                    "mid",
                    "last",
                    "next",
                    "this",
                    "that",
                    "during",
                    "from",
                    "to",
                    "before",
                    "after",
                    "and",
                    "or",
                    "through",
                    "following",
                ],
            )
    }

    /// "21 January 2000", "Friday 21st of January", "the 21st of January", and as deeds
    /// and old letters write it, "the 5th day of March, 2019".
    fn day_first_date(&self, at: usize) -> Option<Reading> {
        let (weekday, mut next) = self.leading_weekday(at);
        next = self.skip(next, "the");
        let (day, mut after_day) = self.day_or_ordinal(next)?;
        if self.is(after_day, "day") && self.is(after_day + 1, "of") {
            after_day += 1;
        }
        let after_of = self.skip(after_day, "of");
        if after_of == after_day && self.digits(next).is_none() {
            return None;
        }
        let (month, after_month) = self.month(after_of)?;
        if let Some((offset, cue, end)) = self.relative_year(self.skip_punct(after_month, b',')) {
            let spec = Spec::YearRelative { offset, month, day: Some(day) };
            return reading(end, spec, cue, "day_month_relative_year");
        }
        let (year, end) = self.trailing_year(after_month);
        let year = year.or_else(|| self.range_year(after_month, month));
        if year.is_none()
            && let Some(relation) = self.trailing_relation(after_month)
        {
            let spec = Spec::MonthOf { month, day: Some(day), relation };
            return reading(after_month + 1, spec, Cue::Bare, "day_month_relation");
        }
        let cue = if year.is_some() { Cue::Absolute } else { Cue::Bare };
        let spec = Spec::Calendar { year, month: Some(month), day: Some(day), weekday };
        reading(end, spec, cue, "day_month")
    }

    /// The old style of letters and deeds: "the 12th of October last", "the 1st day of
    /// February next" (but not "October last year", which names the year).
    fn trailing_relation(&self, at: usize) -> Option<Relation> {
        let relation = match self.key(at) {
            "last" => Relation::Last,
            "next" => Relation::Next,
            _ => return None,
        };
        // Not "3 May last night", "5 June next to the river" or "October last year".
        let goes_on = matches!(
            self.lex(at + 1),
            Lex::Unit(..) | Lex::Month(_) | Lex::Weekday(_) | Lex::Season(_) | Lex::DayPart(_)
        ) || self.spelled(at + 1, "to");
        (!goes_on).then_some(relation)
    }

    /// "1999", "fiscal 1989", "the year 2000", "1999-2000" (each year separately).
    fn year(&self, at: usize) -> Option<Reading> {
        let mut next = at;
        let mut rule = "year";
        if self.is(next, "fiscal") {
            next = self.skip(next + 1, "year");
            rule = "fiscal_year";
        } else if self.is(next, "fy") && self.year_number(next + 1).is_some() {
            // "FY2020", "FY 2020".
            next += 1;
            rule = "fiscal_year";
        } else if self.is(next, "the") && self.is(next + 1, "year") {
            next += 2;
        } else if self.is(next, "year") {
            next += 1;
        }
        if next == at
            && self.punct(at, b'\'')
            && self.year_context(at)
            && let Some((value, 2)) = self.digits(at + 1)
            && self.tight(at + 1)
            && !(self.tight(at + 2) && self.is(at + 2, "s"))
        {
            return reading(at + 2, year_spec(century_for_two_digits(value)), Cue::Absolute, "year_short");
        }
        if let Some((year, end)) = self.spelled_year(next) {
            return reading(end, year_spec(year), Cue::Absolute, "spelled_year");
        }
        if let Some((year, end)) = self.era_year(next, false) {
            return reading(end, year_spec(year), Cue::Absolute, "era_year");
        }
        if next == at
            && let Some(year) = self.range_tail_year(at)
        {
            return reading(at + 1, year_spec(year), Cue::Absolute, "year_range_end");
        }
        let year = self.year_number(next)?;
        let decade_suffix = self.tight(next + 1) && self.is(next + 1, "s");
        if decade_suffix || next == at && self.counted_noun(next + 1) && !(1900..=2030).contains(&year) {
            return None;
        }
        // Both ends of a range of years need no preposition: "the Meiji period (1868 - 1912)".
        let range_start = self.year_range(next).is_some();
        let range_end = self.range_first_year(next).is_some();
        if next == at
            && !(1900..=2050).contains(&year)
            && !self.year_context(at)
            && !range_start
            && !range_end
        {
            return None;
        }
        reading(next + 1, year_spec(year), Cue::Absolute, rule)
    }

    /// The token after a range connector at `at`: a hyphen, "to", or an en or em dash
    /// (which the tokenizer reads as a space, so it is looked for in the text).
    fn range_connector(&self, at: usize) -> Option<usize> {
        if self.punct(at, b'-') || self.spelled(at, "to") {
            return Some(at + 1);
        }
        let (before, token) = (self.token(at.checked_sub(1)?)?, self.token(at)?);
        self.text[before.end..token.start].contains(['–', '—']).then_some(at)
    }

    /// A lowercase word that a number before it would count ("1500 protesters"), unlike
    /// "she" or a temporal word.
    fn counted_noun(&self, at: usize) -> bool {
        self.token(at).is_some_and(|token| {
            token.shape == Shape::Word
                && !token.capitalized
                && token.lex == Lex::Other
                && !NOT_COUNTED.iter().any(|word| self.spelled(at, word))
        })
    }

    /// A range of years opening at token `at`: "(1868 - 1912)", "in 1795–1821", "(1892 –
    /// 96)", as its last year and that year's token. It must open after a parenthesis or a
    /// preposition and count nothing, unlike "1500-2000 protesters" or "pages 1100-1250".
    fn year_range(&self, at: usize) -> Option<(i32, usize)> {
        let first = self.year_number(at)?;
        let last_at = self.range_connector(at + 1)?;
        let last = match self.digits(last_at)? {
            (value, 2) => first - first % 100 + value as i32,
            _ => self.year_number(last_at)?,
        };
        let placed = at > 0 && self.punct(at - 1, b'(') || self.year_context(at);
        let counts = self.counted_noun(last_at + 1)
            || self.spelled(last_at + 1, "percent")
            || self.punct(last_at + 1, b'%');
        (last > first && placed && !counts).then_some((last, last_at))
    }

    /// The year ending a range of years at token `at` ("1912" in "1868 - 1912"), if any.
    fn range_first_year(&self, at: usize) -> Option<i32> {
        (at.saturating_sub(2)..at).rev().find_map(|start| {
            self.year_range(start).filter(|(_, last_at)| *last_at == at).map(|(last, _)| last)
        })
    }

    /// A two-digit year ending a range that names its century once: "96" in "1892 - 96".
    fn range_tail_year(&self, at: usize) -> Option<i32> {
        let (_, 2) = self.digits(at)? else {
            return None;
        };
        self.range_first_year(at)
    }

    /// A preposition or cue before token `at` that makes a number there a year ("in 1492").
    fn year_context(&self, at: usize) -> bool {
        self.circa_before(at)
            || at > 0
                && self.is_any(
                    at - 1,
                    &[
                        "in", "since", "until", "by", "of", "from", "to", "before", "after", "during",
                        "early", "late", "mid", "and", "year",
                    ],
                )
    }

    /// A historian's "circa", "ca." or "c." right before `at` ("built c. 1850").
    fn circa_before(&self, at: usize) -> bool {
        at > 0 && self.spelled(at - 1, "circa")
            || at > 1 && self.punct(at - 1, b'.') && self.is_any(at - 2, &["c", "ca"])
    }

    /// "the 1990s", "1990s", "the '90s", "the nineties", "the mid-1990s"; not an age
    /// ("in her 80s", "his early twenties").
    fn decade(&self, at: usize) -> Option<Reading> {
        let next = self.skip(at, "the");
        // "her 1980s albums" is a decade; "her 80s" an age.
        let age = (at.saturating_sub(2)..at)
            .any(|before| AGE_OWNERS.iter().any(|owner| self.spelled(before, owner)));
        if age && self.digits(next).is_none_or(|(_, width)| width != 4) {
            return None;
        }
        if let Some((value, width)) = self.digits(next)
            && self.tight(next + 1)
            && self.is(next + 1, "s")
        {
            let decade = match width {
                4 if value % 10 == 0 && (1000..=2090).contains(&value) => value as i32 / 10,
                2 if value % 10 == 0 => century_for_two_digits(value) / 10,
                _ => return None,
            };
            return reading(next + 2, Spec::Decade(decade), Cue::Absolute, "decade");
        }
        if self.punct(next, b'\'')
            && let Some((value, 2)) = self.digits(next + 1)
            && value % 10 == 0
            && self.is(next + 2, "s")
        {
            let decade = century_for_two_digits(value) / 10;
            return reading(next + 3, Spec::Decade(decade), Cue::Absolute, "decade");
        }
        let decade = match self.key(next) {
            "twenties" => 192,
            "thirties" => 193,
            "forties" => 194,
            "fifties" => 195,
            "sixties" => 196,
            "seventies" => 197,
            "eighties" => 198,
            "nineties" => 199,
            _ => return None,
        };
        if next == at {
            return None;
        }
        reading(next + 1, Spec::Decade(decade), Cue::Absolute, "decade_word")
    }

    /// "the 20th century", "the nineteenth century".
    fn century(&self, at: usize) -> Option<Reading> {
        let next = self.skip(at, "the");
        let (ordinal, after) = match self.lex(next) {
            Lex::Ordinal(value) => (value, next + 1),
            _ => {
                let (value, end) = self.day_number(next)?;
                if end == next + 1 {
                    return None;
                }
                (u32::from(value), end)
            }
        };
        let after = self.skip_punct(after, b'-');
        if self.lex(after) != Lex::Unit(Unit::Century, false) || ordinal == 0 {
            return None;
        }
        match self.era(after + 1) {
            // The fifth century BC is years 500 to 401 BC, centuries -5 counted like years.
            Some((true, end)) => reading(end, Spec::Century(-(ordinal as i32)), Cue::Absolute, "century"),
            Some((false, end)) => reading(end, Spec::Century(ordinal as i32 - 1), Cue::Absolute, "century"),
            None => reading(after + 1, Spec::Century(ordinal as i32 - 1), Cue::Absolute, "century"),
        }
    }

    /// "the third quarter (of 1989)", "third-quarter", "the 1989 third quarter", "the first
    /// half", "spring 2005", "the summer of 1999", "this year's third quarter".
    fn part_of_year(&self, at: usize) -> Option<Reading> {
        let mut next = self.skip(at, "the");
        let mut year = YearOf::Implicit;
        let mut cue = Cue::Bare;
        if let Some(explicit) = self.year_number(next)
            && (next > at || self.is(next + 1, "fiscal") || matches!(self.lex(next + 1), Lex::Ordinal(_)))
        {
            year = YearOf::Explicit(explicit);
            cue = Cue::Absolute;
            next += 1;
            if self.punct(next, b'\'') && self.is(next + 1, "s") {
                next += 2;
            }
        } else if let Some(offset) = relative_offset(self.key(next))
            && self.lex(next + 1) == Lex::Unit(Unit::Year, false)
            && self.punct(next + 2, b'\'')
            && self.is(next + 3, "s")
        {
            year = YearOf::Offset(offset);
            cue = Cue::Deictic;
            next += 4;
        }
        let next_fiscal = self.skip(next, "fiscal");
        let fiscal = next_fiscal > next;
        next = self.skip_punct(next_fiscal, b'-');
        // "third quarter", "3rd quarter", "second-half".
        let (ordinal, after_ordinal) = match self.lex(next) {
            Lex::Ordinal(n) => (Some(n), next + 1),
            _ => match self.day_number(next) {
                Some((n, end)) if end == next + 2 => (Some(u32::from(n)), end),
                _ => (None, next + 1),
            },
        };
        let unit_at = self.skip_punct(after_ordinal, b'-');
        let (part, mut end) = match (ordinal, self.lex(unit_at), self.lex(next)) {
            (Some(n @ 1..=4), Lex::Unit(Unit::Quarter, false), _) => {
                (YearPart::Quarter(n as u8), unit_at + 1)
            }
            (Some(n @ 1..=2), _, _) if self.is(unit_at, "half") => (YearPart::Half(n as u8), unit_at + 1),
            (_, _, Lex::Cue) if self.is(next, "last") && self.is(next + 1, "half") && next > at => {
                (YearPart::Half(2), next + 2)
            }
            (_, _, Lex::Season(season)) if !fiscal => (YearPart::Season(season), next + 1),
            _ => return None,
        };
        if let YearPart::Season(season) = part
            && year == YearOf::Implicit
        {
            let (trailing, after) = self.trailing_year(end);
            if let Some(explicit) = trailing {
                return reading(
                    after,
                    Spec::PartOfYear { year: YearOf::Explicit(explicit), part },
                    Cue::Absolute,
                    "season_year",
                );
            }
            let after_preposition = at > 0
                && self.is_any(
                    at - 1,
                    &["in", "during", "by", "until", "since", "through", "over", "this", "that"],
                );
            let standalone = !matches!(season, 0 | 2) || after_preposition;
            // "the fall of communism", "the Arab spring of protest": an event, not a season.
            let event_noun = self.is(end, "of") && !self.is_any(end + 1, &["this", "that", "last", "next"]);
            if !standalone || event_noun {
                return None;
            }
            return reading(end, Spec::PartOfYear { year, part }, cue, "season");
        }
        if year == YearOf::Implicit {
            let (trailing, after) = self.trailing_year(end);
            if let Some(explicit) = trailing {
                year = YearOf::Explicit(explicit);
                cue = Cue::Absolute;
                end = after;
            } else if self.is(end, "of")
                && self.is_any(end + 1, &["this", "last", "next"])
                && self.lex(end + 2) == Lex::Unit(Unit::Year, false)
            {
                year = YearOf::Offset(relative_offset(self.key(end + 1)).unwrap_or(0));
                cue = Cue::Deictic;
                end += 3;
            } else if self.is(end, "of")
                && let Some(found) = self.the_year(end + 1)
            {
                end = found.end;
            }
        }
        if next == at && self.tight(at) && at > 0 && self.punct(at - 1, b'-') {
            return None;
        }
        if year == YearOf::Implicit && self.is(at, "the") && self.punct(end - 2, b'-') {
            return None;
        }
        reading(end, Spec::PartOfYear { year, part }, cue, "part_of_year")
    }

    /// "yesterday", "today", "tomorrow", "tonight", "now", "currently", "recently".
    fn deictic_word(&self, at: usize) -> Option<Reading> {
        let shift = |amount| Spec::Shift { unit: Unit::Day, amount };
        let night = |amount| Spec::Clock {
            day: Some(Box::new(shift(amount))),
            hour: None,
            minute: 0,
            part: Some(DayPart::Night),
        };
        let (spec, rule) = match self.key(at) {
            "yesterday" => (shift(-1), "yesterday"),
            "today" => (shift(0), "today"),
            "tomorrow" => (shift(1), "tomorrow"),
            "overnight" if self.adverbial_end(at + 1) => (night(-1), "overnight"),
            "tonight" => (night(0), "tonight"),
            "now" | "currently" | "nowadays" => (Spec::Reference("PRESENT_REF"), "present"),
            "recently" | "lately" => (Spec::Reference("PAST_REF"), "past"),
            "current" if !self.is(at + 1, "s") => (Spec::Reference("PRESENT_REF"), "present"),

            _ => return None,
        };
        let discourse = self.is(at, "now")
            && self.token(at).is_some_and(|token| token.capitalized)
            && self.punct(at + 1, b',');
        if discourse {
            // "Now, he says ...": a discourse marker opening the sentence, not a time.
            return None;
        }
        if self.is_any(at, &["yesterday", "today", "tonight", "tomorrow"]) && self.inside_name(at) {
            // "USA Today", "From Yesterday": a name or a title, not a day.
            return None;
        }
        if self.tight(at + 1) && self.punct(at + 1, b'\'') && !self.is(at + 2, "s") {
            return None;
        }
        reading(at + 1, spec, Cue::Deictic, rule)
    }

    /// Whether the word before token `at` ends as an adverb: nothing, punctuation or a
    /// function word follows ("prices fell overnight, ...", "eased overnight in Tokyo"), not
    /// a noun it would modify ("overnight rates").
    fn adverbial_end(&self, at: usize) -> bool {
        self.token(at).is_none_or(|token| matches!(token.shape, Shape::Punct(_)))
            || [
                "in", "on", "at", "to", "and", "as", "after", "before", "from", "near", "but", "when",
                "while",
            ]
            .iter()
            .any(|word| self.spelled(at, word))
    }

    /// "the past", "the future", "right now", "these days", "recent years", "the near term".
    fn reference_phrase(&self, at: usize) -> Option<Reading> {
        let present = Spec::Reference("PRESENT_REF");
        let past = Spec::Reference("PAST_REF");
        let future = Spec::Reference("FUTURE_REF");
        let (spec, end) = match (self.key(at), self.key(at + 1), self.key(at + 2)) {
            ("right", "now", _) => (present, at + 2),
            ("these", "days", _) => (present, at + 2),
            ("the", "present", _) if at > 0 && self.is_any(at - 1, &["at", "until"]) => (present, at + 2),
            ("the", "past", _)
                if !self.is_any(at + 2, &["few", "several", "couple", "many", "fiscal"])
                    && !matches!(self.lex(at + 2), Lex::Unit(..) | Lex::Number(_))
                    && self.digits(at + 2).is_none()
                    && !matches!(self.lex(at + 2), Lex::Season(_) | Lex::Weekday(_) | Lex::Month(_)) =>
            {
                (past, at + 2)
            }
            ("the", "future", _) => (future, at + 2),
            ("the", "foreseeable", "future") => (future, at + 3),
            ("the", "near", "future") => (future, at + 3),
            ("the", "near" | "short" | "long", "term") => (future, at + 3),
            _ => return None,
        };
        reading(end, spec, Cue::Deictic, "reference_phrase")
    }

    /// "last week", "this year", "the following month", "the next day", "that year".
    fn relative_unit(&self, at: usize) -> Option<Reading> {
        let the = self.skip(at, "the");
        let word = self.key(the);
        if the > at && !self.is(at + 2, "of") {
            match self.lex(the) {
                Lex::Unit(Unit::Weekend, false) => {
                    return reading(
                        the + 1,
                        Spec::Shift { unit: Unit::Weekend, amount: 0 },
                        Cue::Deictic,
                        "the_weekend",
                    );
                }
                Lex::Unit(Unit::Quarter, false) => {
                    let year_back = self.is(the + 1, "a")
                        && self.lex(the + 2) == Lex::Unit(Unit::Year, false)
                        && self.is_any(the + 3, &["ago", "earlier"]);
                    if year_back {
                        let spec = Spec::Shift { unit: Unit::Year, amount: -1 };
                        return reading(the + 4, spec, Cue::Comparative, "the_quarter");
                    }
                    return reading(
                        the + 1,
                        Spec::Shift { unit: Unit::Quarter, amount: 0 },
                        Cue::Comparative,
                        "the_quarter",
                    );
                }
                _ => {}
            }
        }
        if let Some(found) = self.the_year(at) {
            return Some(found);
        }
        if the > at && word == "latest" && self.is(the + 1, "period") {
            let spec = Spec::Shift { unit: Unit::Quarter, amount: 0 };
            return reading(the + 2, spec, Cue::Comparative, "the_quarter");
        }
        let (amount, cue) = match word {
            "last" | "past" | "previous" | "prior" => (-1, Cue::Deictic),
            "this" | "current" => (0, Cue::Deictic),
            "next" | "coming" => (1, Cue::Deictic),
            "following" => (1, Cue::Narrative),
            "that" | "same" if the > at || word == "that" => (0, Cue::Narrative),
            "latest" if the > at => (-1, Cue::Deictic),
            _ => return None,
        };
        let cue = match (word, the > at) {
            ("previous" | "prior" | "next", true) => Cue::Narrative,
            ("previous" | "prior", false) => Cue::Narrative,
            _ => cue,
        };
        let mut next = the + 1;
        if self.is(next, "fiscal") || word == "that" && self.is(next, "same") {
            next += 1;
        }
        let Lex::Unit(unit, false) = self.lex(next) else {
            return None;
        };
        if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
            return None;
        }
        let quoted_title =
            at > 0 && self.punct(at - 1, b'"') && self.token(next).is_some_and(|token| token.capitalized);
        if quoted_title {
            // ABC's "This Week": the name of a program, not a week.
            return None;
        }
        if word == "latest" && unit != Unit::Quarter {
            return None;
        }
        if word == "past" && matches!(unit, Unit::Decade | Unit::Century) {
            let spec = Spec::Duration { amount: Some(1.0), unit };
            return reading(next + 1, spec, Cue::Absolute, "past_period");
        }

        let end = if self.is(next + 1, "or") && self.is(next + 2, "so") { next + 3 } else { next + 1 };
        reading(end, Spec::Shift { unit, amount }, cue, "relative_unit")
    }

    /// "the year", "the full year", "the fiscal year": in news, the year being reported on,
    /// i.e. the reference date's year (not "the year ended ...", "the year before").
    fn the_year(&self, at: usize) -> Option<Reading> {
        if !self.is(at, "the") {
            return None;
        }
        let next = if self.is_any(at + 1, &["full", "fiscal", "whole", "entire", "calendar"]) {
            at + 2
        } else {
            at + 1
        };
        let title = self.token(next).is_some_and(|token| token.capitalized)
            && !self.token(at).is_some_and(|token| token.capitalized);
        if self.lex(next) != Lex::Unit(Unit::Year, false) || title {
            return None;
        }
        let follows = |keys: &[&str]| self.is_any(next + 1, keys);
        let clause = self.spelled(next + 1, "when") || self.spelled(next + 1, "which");
        if follows(&[
            "ended",
            "ending",
            "earlier",
            "ago",
            "before",
            "after",
            "later",
            "end",
            "to",
            "since",
            "following",
            "that",
            "in",
        ]) || clause
            || self.punct(next + 1, b'-')
            || self.punct(next + 1, b'\'')
            || self.digits(next + 1).is_some()
            || matches!(self.lex(next + 1), Lex::Number(_))
        {
            return None;
        }
        reading(next + 1, Spec::Shift { unit: Unit::Year, amount: 0 }, Cue::Bare, "the_year")
    }

    /// "the 1988 quarter", "the 1989 period": the quarter (or period) compared with, in the
    /// year named, as in quarterly results ("up from $4 million in the 1988 quarter").
    fn year_period(&self, at: usize) -> Option<Reading> {
        if !self.is(at, "the") {
            return None;
        }
        let year = self.year_number(at + 1)?;
        let quarter = match self.key(at + 2) {
            "quarter" => true,
            "period" => false,
            _ => return None,
        };
        reading(at + 3, Spec::YearPeriod { year, quarter }, Cue::Comparative, "year_period")
    }

    /// "last Friday", "next March", "this spring", "the following March", "that Friday".
    fn relative_name(&self, at: usize) -> Option<Reading> {
        let mut the = self.skip(at, "the");
        if self.is(the, "this") && self.is_any(the + 1, &["coming", "past"]) {
            the += 1;
        }
        let (relation, cue) = match self.key(the) {
            "last" | "past" => (Relation::Last, Cue::Deictic),
            "previous" | "prior" => (Relation::Last, Cue::Narrative),
            "next" | "coming" => (Relation::Next, Cue::Deictic),
            "following" => (Relation::Next, Cue::Narrative),
            "this" => (Relation::This, Cue::Deictic),
            "that" => (Relation::Nearest, Cue::Narrative),
            _ => return None,
        };
        let name = the + 1;
        let token = self.token(name)?;
        let full_name = is_full_name(token.key);
        let spec = match token.lex {
            Lex::Weekday(weekday) if !token.key.ends_with('s') && full_name => {
                Spec::Weekday { weekday, relation }
            }
            Lex::Month(month) if token.capitalized => {
                let day = self.month(name).and_then(|(_, after)| self.day_number(after)).map(|(day, _)| day);
                Spec::MonthOf { month, day, relation }
            }
            Lex::Season(season) => {
                let year = match relation {
                    Relation::Last => YearOf::Previous,
                    Relation::Next => YearOf::Following,
                    _ => YearOf::Offset(0),
                };
                Spec::PartOfYear { year, part: YearPart::Season(season) }
            }
            _ => return None,
        };
        let end = match spec {
            Spec::MonthOf { day: Some(_), .. } => self.day_number(self.month(name)?.1)?.1,
            Spec::MonthOf { day: None, .. } => self.month(name)?.1,
            _ => name + 1,
        };
        let reading_here = reading(end, spec.clone(), cue, "relative_name");
        if let Lex::DayPart(part) = self.lex(end)
            && !matches!(part, DayPart::Noon | DayPart::Midnight)
            && matches!(spec, Spec::Weekday { .. })
        {
            return reading(
                end + 1,
                Spec::Clock { day: Some(Box::new(spec)), hour: None, minute: 0, part: Some(part) },
                cue,
                "relative_weekday_part",
            );
        }
        reading_here
    }

    /// "Friday", "Friday's", "Mondays" (a set), "Tuesday nights" (a set).
    fn bare_weekday(&self, at: usize) -> Option<Reading> {
        let token = self.token(at)?;
        let Lex::Weekday(weekday) = token.lex else {
            return None;
        };
        if !token.capitalized {
            return None;
        }
        let abbreviated = !is_full_name(token.key);
        // "Sat." but not "the SAT." (a test) or "SUN." (a newspaper).
        let all_caps = self.text[token.start..token.end].bytes().all(|byte| byte.is_ascii_uppercase());
        if abbreviated && (!self.punct(at + 1, b'.') || all_caps) {
            return None;
        }
        let end = if abbreviated { at + 2 } else { at + 1 };
        if token.key.ends_with('s') {
            let mut value = format!("XXXX-WXX-{weekday}");
            let mut finish = end;
            if let Lex::DayPart(part) = self.lex(end) {
                value.push_str(part_code(part));
                finish += 1;
            }
            return reading(finish, Spec::Set(value), Cue::Absolute, "weekday_plural");
        }
        // "three home games this week, starting Friday": the Friday of this week.
        let relation = if self.sentence_says_this_week(at) { Relation::This } else { Relation::Nearest };
        let spec = Spec::Weekday { weekday, relation };
        if let Lex::DayPart(part) = self.lex(end)
            && !matches!(part, DayPart::Noon | DayPart::Midnight)
        {
            if self.key(end).ends_with('s') {
                let value = format!("XXXX-WXX-{weekday}{}", part_code(part));
                return reading(end + 1, Spec::Set(value), Cue::Absolute, "weekday_part_plural");
            }
            let clock = Spec::Clock { day: Some(Box::new(spec)), hour: None, minute: 0, part: Some(part) };
            return reading(end + 1, clock, Cue::Bare, "weekday_part");
        }
        reading(end, spec, Cue::Bare, "weekday")
    }

    /// Whether the sentence around token `at` names the current week ("this week").
    fn sentence_says_this_week(&self, at: usize) -> bool {
        const REACH: usize = 160;
        let Some(token) = self.token(at) else { return false };
        [self.sentence_before(token.start, REACH), self.sentence_after(token.end, REACH)]
            .iter()
            .any(|part| contains_ignoring_case(part, "this week"))
    }

    /// A count: "10", "1.5", "two", "twenty-four", "a", "a few" (`None`), "several".
    fn amount(&self, at: usize) -> Option<(Option<f64>, usize)> {
        let (amount, end) = self.whole_amount(at)?;
        match amount {
            Some(amount) if self.and_a_half(end) && matches!(self.lex(end + 3), Lex::Unit(..)) => {
                Some((Some(amount + 0.5), end + 3))
            }
            _ => Some((amount, end)),
        }
    }

    /// "and a half" at `at` ("two and a half years", "an hour and a half").
    fn and_a_half(&self, at: usize) -> bool {
        self.is(at, "and") && self.is_any(at + 1, &["a", "an"]) && self.is(at + 2, "half")
    }

    /// A count without a trailing "and a half".
    fn whole_amount(&self, at: usize) -> Option<(Option<f64>, usize)> {
        let glued_before = at > 0
            && self.tight(at)
            && (self.punct(at - 1, b'$') || self.punct(at - 1, b'.') || self.punct(at - 1, b','));
        if let Some((value, width)) = self.digits(at)
            && width < 4
            && !glued_before
            && !(self.punct(at + 1, b',') && self.tight(at + 1) && self.digits(at + 2).is_some())
        {
            let mut amount = f64::from(value);
            let mut end = at + 1;
            if self.punct(end, b'.') && self.tight(end) && self.tight(end + 1) {
                if let Some((fraction, width)) = self.digits(end + 1) {
                    amount += f64::from(fraction) / 10f64.powi(width as i32);
                    end += 2;
                }
            } else if let Some((numerator, 1)) = self.digits(end)
                && self.punct(end + 1, b'/')
                && let Some((denominator, 1)) = self.digits(end + 2)
                && denominator > numerator
            {
                amount += f64::from(numerator) / f64::from(denominator);
                end += 3;
            }
            return Some((Some(amount), end));
        }
        match self.key(at) {
            "half" if self.is_any(at + 1, &["a", "an"]) => return Some((Some(0.5), at + 2)),
            "a" | "an" => {
                if self.is(at + 1, "few") {
                    return Some((None, at + 2));
                }
                if self.is(at + 1, "couple") {
                    return Some((Some(2.0), self.skip(at + 2, "of")));
                }
                if let Lex::Number(value @ (100 | 1000 | 12)) = self.lex(at + 1) {
                    return Some((Some(f64::from(value)), at + 2));
                }
                return Some((Some(1.0), at + 1));
            }
            "few" | "several" | "many" => return Some((None, at + 1)),
            "couple" => return Some((Some(2.0), self.skip(at + 1, "of"))),
            _ => {}
        }
        let Lex::Number(first) = self.lex(at) else {
            return None;
        };
        let mut value = first;
        let mut end = at + 1;
        if (20..=90).contains(&first) {
            let after_hyphen = self.skip_punct(end, b'-');
            if let Lex::Number(unit @ 1..=9) = self.lex(after_hyphen) {
                value += unit;
                end = after_hyphen + 1;
            }
        }
        if let Lex::Number(multiplier @ (100 | 1000)) = self.lex(end)
            && value < 100
        {
            value *= multiplier;
            end += 1;
        }
        Some((Some(f64::from(value)), end))
    }

    /// "two years ago", "three days later", "a year earlier", "a few years ago".
    fn ago(&self, at: usize) -> Option<Reading> {
        if let Lex::Unit(_, true) = self.lex(at)
            && self.is(at + 1, "ago")
        {
            return reading(at + 2, Spec::Reference("PAST_REF"), Cue::Deictic, "vague_ago");
        }
        let (amount, after_amount) = self.amount(at)?;
        let (unit, mut after_unit) = match self.lex(after_amount) {
            Lex::Unit(unit, _) => (unit, after_amount + 1),
            _ => return None,
        };
        if self.is(after_unit, "or") && self.is(after_unit + 1, "so") {
            after_unit += 2;
        }
        let (sign, cue, end) = match (self.key(after_unit), self.key(after_unit + 1)) {
            ("ago", _) => (-1, Cue::Deictic, after_unit + 1),
            ("from", "now") | ("hence", _) => {
                (1, Cue::Deictic, after_unit + 1 + usize::from(self.is(after_unit, "from")))
            }
            ("earlier" | "before", _) => (-1, Cue::Narrative, after_unit + 1),
            ("later" | "after", _) => (1, Cue::Narrative, after_unit + 1),
            _ => return None,
        };
        if self.is_any(after_unit, &["before", "after"])
            && !self.token(end).is_none_or(|t| matches!(t.shape, Shape::Punct(b'.' | b',' | b';')))
        {
            return None;
        }
        if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
            return None;
        }
        let Some(amount) = amount.filter(|a| a.fract() == 0.0 && *a < 10000.0) else {
            let spec = Spec::Reference(if sign < 0 { "PAST_REF" } else { "FUTURE_REF" });
            return reading(end, spec, Cue::Deictic, "vague_ago");
        };
        let cue = if amount == 1.0 && unit == Unit::Year && at > 0 && !self.is(at, "one") {
            Cue::Comparative
        } else {
            cue
        };
        let amount = sign * amount as i32;
        reading(end, Spec::Shift { unit, amount }, cue, "ago")
    }

    /// "Thanksgiving", "Christmas Day", "last Easter", "New Year's Eve", "Election Day 1998".
    fn holiday(&self, at: usize) -> Option<Reading> {
        let (relation, cue, start) = match self.key(at) {
            "last" => (Relation::Last, Cue::Deictic, at + 1),
            "next" => (Relation::Next, Cue::Deictic, at + 1),
            "this" => (Relation::This, Cue::Deictic, at + 1),
            _ => (Relation::Nearest, Cue::Bare, at),
        };
        if !self.token(start)?.capitalized {
            return None;
        }
        let day = |at: usize| self.is(at, "day") && self.token(at).is_some_and(|token| token.capitalized);
        let (holiday, mut end) = match self.key(start) {
            "christmas" if self.is(start + 1, "eve") => (Holiday::ChristmasEve, start + 2),
            "christmas" => (Holiday::Christmas, start + 1 + usize::from(day(start + 1))),
            "thanksgiving" => (Holiday::Thanksgiving, start + 1 + usize::from(day(start + 1))),
            "easter" => (Holiday::Easter, start + 1 + usize::from(self.is(start + 1, "sunday"))),
            "halloween" => (Holiday::Halloween, start + 1),
            "new"
                if self.is(start + 1, "year") && self.punct(start + 2, b'\'') && self.is(start + 3, "s") =>
            {
                match self.key(start + 4) {
                    "eve" => (Holiday::NewYearsEve, start + 5),
                    _ if day(start + 4) => (Holiday::NewYearsDay, start + 5),
                    _ => return None,
                }
            }
            "valentine" if self.punct(start + 1, b'\'') && self.is(start + 2, "s") && day(start + 3) => {
                (Holiday::ValentinesDay, start + 4)
            }
            "memorial" if day(start + 1) => (Holiday::MemorialDay, start + 2),
            "independence" if day(start + 1) => (Holiday::IndependenceDay, start + 2),
            "labor" | "labour" if day(start + 1) => (Holiday::LaborDay, start + 2),
            "election" if day(start + 1) => (Holiday::ElectionDay, start + 2),
            "veterans" if day(start + 1) => (Holiday::VeteransDay, start + 2),
            _ => return None,
        };
        let (year, after_year) = self.trailing_year(end);
        let cue = if year.is_some() {
            end = after_year;
            Cue::Absolute
        } else {
            cue
        };
        reading(end, Spec::Holiday { holiday, year, relation }, cue, "holiday")
    }

    /// "the first week of March", "the last week of May 2000", "the week of March 6".
    fn week_of_month(&self, at: usize) -> Option<Reading> {
        if !self.is(at, "the") {
            return None;
        }
        let (nth, week) = match self.lex(at + 1) {
            Lex::Ordinal(nth @ 1..=4) => (Some(nth as u8), at + 2),
            Lex::Cue if self.is(at + 1, "last") => (Some(0), at + 2),
            _ => (None, at + 1),
        };
        if self.lex(week) != Lex::Unit(Unit::Week, false) || !self.is(week + 1, "of") {
            return None;
        }
        let (month, after_month) = self.month(week + 2)?;
        let (day, after_day) = match (nth, self.day_number(after_month)) {
            (None, Some((day, end))) => (day, end),
            (Some(0), _) => (0, after_month),
            (Some(nth), _) => (nth * 7 - 3, after_month),
            (None, None) => return None,
        };
        let (year, end) = self.trailing_year(after_day);
        let cue = if year.is_some() { Cue::Absolute } else { Cue::Bare };
        reading(end, Spec::WeekOf { year, month, day }, cue, "week_of_month")
    }

    /// "on the 18th", "by the 5th": a day of the month after a preposition, written as an
    /// ordinal and followed by nothing that makes it something else ("the 18th century",
    /// "the 18th hole"); "the 18th of March" is left to the dates with a month.
    fn day_of_month(&self, at: usize) -> Option<Reading> {
        const PREPOSITIONS: [&str; 9] =
            ["on", "by", "until", "till", "since", "before", "after", "from", "through"];
        const FOLLOWERS: [&str; 9] = ["at", "and", "or", "to", "until", "when", "but", "so", "because"];
        let spelled_any = |at: usize, words: &[&str]| words.iter().any(|word| self.spelled(at, word));
        if !self.is(at, "the") || at == 0 || !spelled_any(at - 1, &PREPOSITIONS) {
            return None;
        }
        let (day, end) = self.day_number(at + 1)?;
        let ends_clause = match self.token(end) {
            None => true,
            Some(next) => match next.shape {
                Shape::Punct(b'-') => next.spaced,
                Shape::Punct(_) => true,
                _ => spelled_any(end, &FOLLOWERS),
            },
        };
        let spec = Spec::Calendar { year: None, month: None, day: Some(day), weekday: None };
        if end == at + 3 && ends_clause { reading(end, spec, Cue::Bare, "day_of_month") } else { None }
    }

    /// "the day before yesterday", "the day after tomorrow", and narrative "the day before",
    /// "the week after", "the year before".
    fn unit_before_after(&self, at: usize) -> Option<Reading> {
        let unit = match self.lex(at + 1) {
            Lex::Unit(unit @ (Unit::Day | Unit::Week | Unit::Month | Unit::Year), false) => unit,
            _ => return None,
        };
        if !self.is(at, "the") {
            return None;
        }
        let step = match self.key(at + 2) {
            "before" => -1,
            "after" => 1,
            _ => return None,
        };
        let (amount, cue, end) = match self.key(at + 3) {
            "yesterday" if step < 0 && unit == Unit::Day => (-2, Cue::Deictic, at + 4),
            "tomorrow" if step > 0 && unit == Unit::Day => (2, Cue::Deictic, at + 4),
            _ if self
                .token(at + 3)
                .is_none_or(|token| matches!(token.shape, Shape::Punct(b'.' | b',' | b';'))) =>
            {
                (step, Cue::Narrative, at + 3)
            }
            _ => return None,
        };
        reading(end, Spec::Shift { unit, amount }, cue, "unit_before_after")
    }

    /// "year-end", "year end", "year's end": the end of the current year.
    fn year_end(&self, at: usize) -> Option<Reading> {
        if self.lex(at) != Lex::Unit(Unit::Year, false) {
            return None;
        }
        let end = match (self.token(at + 1)?.shape, self.key(at + 2)) {
            (Shape::Punct(b'-'), "end") => at + 3,
            (Shape::Punct(b'\''), "s") if self.is(at + 3, "end") => at + 4,
            (Shape::Word, _) if self.is(at + 1, "end") => at + 2,
            _ => return None,
        };
        let spec = Spec::Shift { unit: Unit::Year, amount: 0 };
        Some(Reading { end, spec, cue: Cue::Deictic, modifier: Some(Modifier::End), rule: "year_end" })
    }

    /// "year-earlier", "the year-ago quarter", "the year-earlier period".
    fn comparative(&self, at: usize) -> Option<Reading> {
        let mut next = self.skip(at, "the");
        next = if self.is_any(next, &["comparable", "corresponding"]) { next + 1 } else { next };
        if self.lex(next) != Lex::Unit(Unit::Year, false)
            || !self.punct(next + 1, b'-')
            || !self.is_any(next + 2, &["ago", "earlier"])
        {
            return None;
        }
        let mut end = next + 3;
        if matches!(self.lex(end), Lex::Ordinal(1..=4))
            && self.lex(end + 1) == Lex::Unit(Unit::Quarter, false)
        {
            end += 2;
        } else if self.is_any(end, &["quarter", "period"]) {
            end += 1;
        } else if next > at {
            // "the year-ago results": the article belongs to the noun, not to the timex.
            return None;
        }
        reading(end, Spec::Shift { unit: Unit::Year, amount: -1 }, Cue::Comparative, "comparative")
    }

    /// "10 days", "a week", "three decades", "the past two years", "two-year", "a few hours".
    fn duration(&self, at: usize) -> Option<Reading> {
        if let Some(found) = self.unit_long(at) {
            return Some(found);
        }
        let mut next = self.skip(at, "the");
        let lead = self.is_any(
            next,
            &[
                "past",
                "last",
                "next",
                "coming",
                "first",
                "previous",
                "following",
                "latest",
                "final",
                "another",
                "additional",
            ],
        );
        if lead {
            next += 1;
        }
        if let Lex::Unit(unit, true) = self.lex(next)
            && (lead && next > at || self.is_any(at, &["past", "coming", "recent"]))
            && !matches!(unit, Unit::Weekend)
        {
            return reading(next + 1, Spec::Duration { amount: None, unit }, Cue::Absolute, "vague_duration");
        }
        // "for years", "spent months stranded", "could take years", "after weeks of talks".
        let lasting = at > 0
            && (self.is_any(at - 1, &["for", "within", "after"])
                || ["spent", "spend", "spends", "waited", "wait", "take", "takes", "took", "lasted", "last"]
                    .iter()
                    .any(|word| self.spelled(at - 1, word)));
        if let Lex::Unit(unit, true) = self.lex(at)
            && lasting
            && !matches!(unit, Unit::Weekend | Unit::Quarter)
        {
            return reading(at + 1, Spec::Duration { amount: None, unit }, Cue::Absolute, "vague_duration");
        }
        let after_fiscal = self.skip(next, "fiscal");
        if next > at
            && !lead
            && self.lex(after_fiscal) == Lex::Unit(Unit::Year, false)
            && self.is_any(after_fiscal + 1, &["ended", "ending"])
        {
            let spec = Spec::Duration { amount: Some(1.0), unit: Unit::Year };
            return reading(after_fiscal + 1, spec, Cue::Absolute, "year_ended");
        }
        if self.is_any(at, &["recent", "past"]) && matches!(self.lex(at + 1), Lex::Unit(_, true)) {
            let mut end = at + 2;
            if self.is(end, "and") && matches!(self.lex(end + 1), Lex::Unit(_, true)) {
                end += 2;
            }
            return reading(end, Spec::Reference("PAST_REF"), Cue::Deictic, "recent_units");
        }
        let (amount, after_amount) = self.amount(next)?;
        let single = self.is_any(next, &["a", "an"]) && after_amount == next + 1;
        if single && (next > at) && !lead {
            return None;
        }
        let after_hyphen = self.skip_punct(after_amount, b'-');
        let mut end = after_hyphen;
        while self.is_any(
            end,
            &["more", "additional", "full", "whole", "long", "trading", "business", "calendar", "straight"],
        ) {
            end += 1;
        }
        let (unit, plural) = match self.lex(end) {
            Lex::Unit(unit, plural) => (unit, plural),
            Lex::Ordinal(2) if self.key(end) == "second" && amount != Some(1.0) => (Unit::Second, false),
            _ => return None,
        };
        if self.digits(next).is_some() && self.token(end).is_some_and(|token| token.capitalized) {
            // "60 Minutes": a capitalized unit after digits is a title.
            return None;
        }
        if single && self.unit_long(end).is_some() {
            return None;
        }
        if single && plural || amount == Some(1.0) && plural && !self.punct(after_amount, b'-') {
            return None;
        }
        let hyphenated = after_hyphen > after_amount;
        if hyphenated && plural {
            return None;
        }
        let adjectival = hyphenated || !plural && amount.is_some_and(|amount| amount > 1.0);
        if next > at && !lead && adjectival {
            return None;
        }
        let rate = single
            && next == at
            && at > 0
            && (self.digits(at - 1).is_some()
                || self.punct(at - 1, b'%')
                || self.is_any(
                    at - 1,
                    &["percent", "cents", "dollars", "million", "billion", "thousand", "times"],
                ));
        if rate {
            // "$5 million a year", "20% a year": a frequency, not a length of time.
            return reading(end + 1, Spec::Set(period_value(1, unit)), Cue::Absolute, "rate");
        }
        if unit == Unit::Quarter && amount == Some(1.0) {
            if self.lex(end + 1) == Lex::Unit(Unit::Century, false) {
                // "a quarter century".
                return reading(
                    end + 2,
                    Spec::Duration { amount: Some(25.0), unit: Unit::Year },
                    Cue::Absolute,
                    "duration",
                );
            }
            if self.is(end + 1, "of") || self.punct(end + 1, b'-') {
                // "a quarter of the vote", "a quarter-mile": a fraction, not three months.
                return None;
            }
        }
        end += 1;
        if self.punct(end, b'-') && self.is_any(end + 1, &["old", "earlier", "ago"]) || self.is(end, "old") {
            return None;
        }
        if self.is(end, "or") && self.is(end + 1, "so") {
            end += 2;
        }
        if unit == Unit::Weekend {
            return None;
        }
        let amount = match amount {
            Some(whole) if whole.fract() == 0.0 && !plural && self.and_a_half(end) => {
                end += 3;
                Some(whole + 0.5)
            }
            _ => amount,
        };
        reading(end, Spec::Duration { amount, unit }, Cue::Absolute, "duration")
    }

    /// "day-long", "year-long", "decades-long": an adjective naming a length of time.
    fn unit_long(&self, at: usize) -> Option<Reading> {
        let Lex::Unit(unit, plural) = self.lex(at) else {
            return None;
        };
        if unit == Unit::Weekend
            || !(self.punct(at + 1, b'-')
                && self.tight(at + 1)
                && self.tight(at + 2)
                && self.is(at + 2, "long"))
        {
            return None;
        }
        let amount = if plural { None } else { Some(1.0) };
        reading(at + 3, Spec::Duration { amount, unit }, Cue::Absolute, "unit_long")
    }

    /// "every Monday", "each year", "annually", "twice a week", "three times a year".
    fn set(&self, at: usize) -> Option<Reading> {
        let simple =
            |value: &str, end| reading(end, Spec::Set(value.to_string()), Cue::Absolute, "frequency_word");
        match self.key(at) {
            "daily" | "nightly" => return simple("P1D", at + 1),
            "weekly" => return simple("P1W", at + 1),
            "monthly" => return simple("P1M", at + 1),
            "yearly" | "annually" => return simple("P1Y", at + 1),
            "hourly" => return simple("PT1H", at + 1),
            "every" | "each" => {}
            "twice" | "once" => {
                if !self.is_any(at + 1, &["a", "per", "every", "each"]) {
                    return None;
                }
                let Lex::Unit(unit, false) = self.lex(at + 2) else {
                    return None;
                };
                return reading(at + 3, Spec::Set(period_value(1, unit)), Cue::Absolute, "times_per");
            }
            _ => {
                // "three times a week", and "six days a week" / "two nights a month", whose
                // count of days also says how often.
                let (_, after) = self.amount(at)?;
                let counted = self.is(after, "times")
                    || matches!(self.lex(after), Lex::Unit(Unit::Day | Unit::Hour, _))
                    || matches!(self.lex(after), Lex::DayPart(DayPart::Night));
                if !counted || !self.is_any(after + 1, &["a", "per", "every", "each"]) {
                    return None;
                }
                let Lex::Unit(unit, false) = self.lex(after + 2) else {
                    return None;
                };
                return reading(after + 3, Spec::Set(period_value(1, unit)), Cue::Absolute, "times_per");
            }
        }
        let mut next = at + 1;
        if self.is(next, "other") {
            next += 1;
        }
        let token = self.token(next)?;
        let (value, end) = match token.lex {
            Lex::Unit(unit, false) => (period_value(if next > at + 1 { 2 } else { 1 }, unit), next + 1),
            Lex::Weekday(day) => {
                let mut value = format!("XXXX-WXX-{day}");
                let mut end = next + 1;
                if let Lex::DayPart(part) = self.lex(end) {
                    value.push_str(part_code(part));
                    end += 1;
                }
                (value, end)
            }
            Lex::Month(month) if token.capitalized => (format!("XXXX-{month:02}"), next + 1),
            Lex::Season(season) => (format!("XXXX-{}", season_code(season)), next + 1),
            Lex::DayPart(part) => (format!("XXXX-XX-XX{}", part_code(part)), next + 1),
            _ => {
                let (amount, after) = self.amount(next)?;
                let Lex::Unit(unit, true) = self.lex(after) else {
                    return None;
                };
                match amount {
                    // "every few weeks".
                    None => (duration_value(None, unit), after + 1),
                    Some(amount) if amount.fract() == 0.0 && amount < 1000.0 => {
                        (period_value(amount as u32, unit), after + 1)
                    }
                    Some(_) => return None,
                }
            }
        };
        reading(end, Spec::Set(value), Cue::Absolute, "every")
    }

    /// "3 p.m.", "10:30 a.m. EST", "noon", "3 p.m. Friday", "4 in the morning".
    fn clock(&self, at: usize) -> Option<Reading> {
        let (hour, minute, part, mut end) =
            if let Lex::DayPart(part @ (DayPart::Noon | DayPart::Midnight)) = self.lex(at) {
                if self.inside_name(at) {
                    return None;
                }
                (None, 0, Some(part), at + 1)
            } else {
                let (hour, width) = self.standalone_number(at).or_else(|| self.digits(at))?;
                if width > 2 || hour > 24 {
                    return None;
                }
                let mut end = at + 1;
                let mut minute = 0;
                let mut has_minutes = false;
                if self.punct(end, b':')
                    && self.tight(end)
                    && self.tight(end + 1)
                    && let Some((value, 2)) = self.digits(end + 1)
                    && value < 60
                {
                    minute = value as u8;
                    end += 2;
                    has_minutes = true;
                }
                let (meridiem, after) = self.meridiem(end);
                let mut hour = hour as u8;
                match meridiem {
                    Some(true) if hour < 12 => hour += 12,
                    Some(false) if hour == 12 => hour = 0,
                    None if !has_minutes => {
                        if self.is(end, "o") && self.punct(end + 1, b'\'') && self.is(end + 2, "clock") {
                            end += 3;
                        } else if self.is(end, "in")
                            && self.is(end + 1, "the")
                            && matches!(self.lex(end + 2), Lex::DayPart(_))
                        {
                            if let Lex::DayPart(DayPart::Afternoon | DayPart::Evening | DayPart::Night) =
                                self.lex(end + 2)
                                && hour < 12
                            {
                                hour += 12;
                            }
                            end += 3;
                        } else {
                            return None;
                        }
                    }
                    _ => {}
                }
                if meridiem.is_some() {
                    end = after;
                }
                (Some(hour), minute, None, end)
            };
        if self.is_any(end, &["est", "edt", "gmt", "utc", "pst", "pdt", "cst", "cdt"]) {
            end += 1;
        }
        let mut hour = hour;
        let day = if let Some(found) = self.day_after_clock(end) {
            end = found.end;
            Some((Box::new(found.spec), found.cue))
        } else if let Some(found) = self.day_with_part(end).filter(|found| found.modifier.is_none())
            && let Spec::Clock { day: Some(day), part: Some(part), .. } = found.spec
        {
            // "8:30 this morning", "11:40 last night": the part of the day names the day and
            // the half of it.
            let afternoon = match part {
                DayPart::Afternoon | DayPart::Evening => 0,
                DayPart::Night => 6,
                _ => 12,
            };
            hour = hour.map(|hour| if (afternoon..12).contains(&hour) { hour + 12 } else { hour });
            end = found.end;
            Some((day, found.cue))
        } else if let Some(found) = self.day_after_parenthesis(end) {
            // "10:35 a.m. (0735 GMT) Friday": the day is Friday, the span stays the clock.
            Some((Box::new(found.spec), found.cue))
        } else if let Some(far) =
            self.range_connector(end).or_else(|| self.is_any(end, &["until", "till"]).then_some(end + 1))
            && let Some(far_end) = self.clock(far)
            && let Spec::Clock { day: Some(day), hour: Some(far_hour), .. } = far_end.spec
            && let Some(hour) = hour
        {
            // "from 9 a.m. to 5 p.m. Friday": the start is on the far end's day, or on the day
            // before when the range runs past midnight ("from 11 p.m. until 1:30 a.m. Monday").
            Some((if hour <= far_hour { day } else { Box::new(Spec::DayBefore(day)) }, far_end.cue))
        } else {
            None
        };
        let cue = match &day {
            Some((_, cue)) => *cue,
            None if self.recurs_after(end) => Cue::Habitual,
            None => Cue::SameDay,
        };
        reading(end, Spec::Clock { day: day.map(|(spec, _)| spec), hour, minute, part }, cue, "clock")
    }

    /// Whether the rest of the sentence after token `at` makes a time of day recur: "from
    /// 10 a.m. to 5 p.m. daily", "at 8 a.m. each day".
    fn recurs_after(&self, at: usize) -> bool {
        const REACH: usize = 40;
        let from = self.token(at.saturating_sub(1)).map_or(self.text.len(), |token| token.end);
        let rest = self.sentence_after(from, REACH);
        [" daily", " nightly", " each day", " every day", " weekdays", " each morning", " every morning"]
            .iter()
            .any(|phrase| contains_ignoring_case(rest, phrase))
    }

    /// The text from byte `from` to the end of its sentence, at most `reach` bytes.
    fn sentence_after(&self, from: usize, reach: usize) -> &str {
        let rest = &self.text[from..];
        let rest = &rest[..floor_char_boundary(rest, reach)];
        let end = rest
            .char_indices()
            .find(|&(index, c)| ends_sentence(rest, index, c))
            .map_or(rest.len(), |(index, _)| index);
        &rest[..end]
    }

    /// The text from the start of the sentence holding byte `to` up to it, at most `reach`
    /// bytes.
    fn sentence_before(&self, to: usize, reach: usize) -> &str {
        let before = &self.text[floor_char_boundary(self.text, to.saturating_sub(reach))..to];
        let start = before
            .char_indices()
            .rev()
            .find(|&(index, c)| ends_sentence(before, index, c))
            .map_or(0, |(index, c)| index + c.len_utf8());
        &before[start..]
    }

    /// The bare first hour of a clock range, which takes the far end's day and half of the
    /// day: "between [9] and 11 a.m.", "from [2] to 4 p.m.", "[2]-4 p.m.".
    fn clock_range_start(&self, at: usize) -> Option<Reading> {
        let (hour, width) = self.standalone_number(at)?;
        if width > 2 || !(1..=12).contains(&hour) {
            return None;
        }
        let far = if self.spelled(at + 1, "and") && at > 0 && self.spelled(at - 1, "between") {
            at + 2
        } else {
            self.range_connector(at + 1)?
        };
        let end = self.clock(far)?;
        let Spec::Clock { day, hour: Some(last_hour), .. } = end.spec else {
            return None;
        };
        // The latest reading of the hour that comes before the far end ("11 to 1 p.m." starts
        // at 11 a.m.).
        let hour = hour as u8 % 12;
        let start = [hour + 12, hour].into_iter().find(|start| *start < last_hour)?;
        reading(
            at + 1,
            Spec::Clock { day, hour: Some(start), minute: 0, part: None },
            end.cue,
            "clock_range_start",
        )
    }

    /// The day a clock time is on, right after it: ", Nov. 6", "on Friday", "yesterday".
    fn day_after_clock(&self, at: usize) -> Option<Reading> {
        let after_comma = self.skip_punct(at, b',');
        let after_on = self.skip(after_comma, "on");
        self.month_first_date(after_on)
            .or_else(|| self.day_first_date(after_on))
            .or_else(|| self.deictic_word(after_on).filter(|r| matches!(r.spec, Spec::Shift { .. })))
            .or_else(|| self.bare_weekday(after_on).filter(|r| matches!(r.spec, Spec::Weekday { .. })))
    }

    /// The day after a short parenthesis that follows a clock time ("(0735 GMT) Friday").
    fn day_after_parenthesis(&self, at: usize) -> Option<Reading> {
        const PARENTHESIS_TOKENS: usize = 8;
        if !self.punct(at, b'(') {
            return None;
        }
        let close = (at + 1..at + 1 + PARENTHESIS_TOKENS).find(|&index| self.punct(index, b')'))?;
        self.day_after_clock(close + 1)
    }

    /// "p.m.", "a.m.", "pm", "am": `Some(true)` for afternoon; returns the end.
    fn meridiem(&self, at: usize) -> (Option<bool>, usize) {
        match self.key(at) {
            "pm" => (Some(true), at + 1),
            // "10am", "10:42 AM", but not "I am".
            "am" if self.tight(at)
                || self.token(at).and_then(|t| self.text.get(t.start..t.end)) == Some("AM") =>
            {
                (Some(false), at + 1)
            }
            "p" | "a" if self.punct(at + 1, b'.') && self.is(at + 2, "m") => {
                let end = if self.punct(at + 3, b'.') { at + 4 } else { at + 3 };
                (Some(self.is(at, "p")), end)
            }
            _ => (None, at),
        }
    }

    /// "this morning", "yesterday afternoon", "last night", "tonight", "the morning".
    fn day_with_part(&self, at: usize) -> Option<Reading> {
        if self.is_any(at, &["early", "late", "mid"])
            && let Lex::DayPart(part @ (DayPart::Morning | DayPart::Afternoon | DayPart::Evening)) =
                self.lex(self.skip_punct(at + 1, b'-'))
        {
            let after_part = self.skip_punct(at + 1, b'-') + 1;
            let (day, cue, end) = match self.deictic_word(after_part) {
                Some(found @ Reading { spec: Spec::Shift { .. }, .. }) => (found.spec, found.cue, found.end),
                _ => (Spec::Shift { unit: Unit::Day, amount: 0 }, Cue::Bare, after_part),
            };
            let modifier = match self.key(at) {
                "early" => Modifier::Start,
                "late" => Modifier::End,
                _ => Modifier::Mid,
            };
            let clock = Spec::Clock { day: Some(Box::new(day)), hour: None, minute: 0, part: Some(part) };
            return Some(Reading { end, spec: clock, cue, modifier: Some(modifier), rule: "day_part" });
        }
        if self.is(at, "the")
            && matches!(self.lex(at + 1), Lex::DayPart(_))
            && self.is(at + 2, "of")
            && self.core(at + 3).is_some()
        {
            // "the morning of 5 June 2017": the date that follows is the expression, as
            // TimeML marks it; "the morning" alone would be some other day.
            return None;
        }
        let (day, cue, next) = match self.key(at) {
            "this" => (Spec::Shift { unit: Unit::Day, amount: 0 }, Cue::Deictic, at + 1),
            "yesterday" => (Spec::Shift { unit: Unit::Day, amount: -1 }, Cue::Deictic, at + 1),
            "tomorrow" => (Spec::Shift { unit: Unit::Day, amount: 1 }, Cue::Deictic, at + 1),
            "last" if self.is(at + 1, "night") => {
                (Spec::Shift { unit: Unit::Day, amount: -1 }, Cue::Deictic, at + 1)
            }
            "the" if self.is_any(at + 1, &["next", "following"]) => {
                (Spec::Shift { unit: Unit::Day, amount: 1 }, Cue::Narrative, at + 2)
            }
            "that" | "the" => (Spec::Shift { unit: Unit::Day, amount: 0 }, Cue::Narrative, at + 1),
            _ => return None,
        };
        let Lex::DayPart(part) = self.lex(next) else {
            return None;
        };
        let narrative_night = self.is(at, "the") && next == at + 1 && part == DayPart::Night;
        if matches!(part, DayPart::Noon | DayPart::Midnight)
            || self.key(next).ends_with('s')
            || narrative_night
        {
            return None;
        }
        reading(
            next + 1,
            Spec::Clock { day: Some(Box::new(day)), hour: None, minute: 0, part: Some(part) },
            cue,
            "day_part",
        )
    }

    /// "Q3 2019", "2019 Q3", "H1 2021", "Q4 FY2020", "Q2": quarters and halves as business
    /// writes them.
    fn quarter_code(&self, at: usize) -> Option<Reading> {
        let code = |at: usize| {
            let token = self.token(at)?;
            let (value, 1) = self.digits(at + 1)? else {
                return None;
            };
            // "Q2." and "Q3-2019", but not "Q1-style" or "H2O".
            let glued = self.tight(at + 2)
                && (!matches!(self.token(at + 2)?.shape, Shape::Punct(_))
                    || self.punct(at + 2, b'-') && self.tight(at + 3) && self.year_number(at + 3).is_none());
            if !self.tight(at + 1) || glued {
                return None;
            }
            match (&self.text[token.start..token.end], value) {
                ("Q", 1..=4) => Some(YearPart::Quarter(value as u8)),
                ("H", 1..=2) => Some(YearPart::Half(value as u8)),
                _ => None,
            }
        };
        let year = |at: usize| {
            let at = if self.spelled(at, "fy") && self.tight(at + 1) { at + 1 } else { self.skip(at, "fy") };
            Some((self.year_number(at)?, at + 1))
        };
        if let Some(part) = code(at) {
            let next = self.skip_punct(at + 2, b'-');
            return match year(next) {
                Some((year, end)) => reading(
                    end,
                    Spec::PartOfYear { year: YearOf::Explicit(year), part },
                    Cue::Absolute,
                    "quarter_code",
                ),
                // Without a year, only a quarter after a preposition: "sales rose in Q2", not
                // "the H1 tag".
                None if matches!(part, YearPart::Quarter(_))
                    && at > 0
                    && self.is_any(at - 1, &["in", "for", "during", "by", "until", "since", "of", "to"]) =>
                {
                    reading(
                        at + 2,
                        Spec::PartOfYear { year: YearOf::Implicit, part },
                        Cue::Bare,
                        "quarter_code",
                    )
                }
                None => None,
            };
        }
        let (year, next) = year(at)?;
        let next = self.skip_punct(next, b'-');
        let part = code(next)?;
        reading(
            next + 2,
            Spec::PartOfYear { year: YearOf::Explicit(year), part },
            Cue::Absolute,
            "quarter_code",
        )
    }

    /// "early 2005", "mid-April", "late November", "the end of the year", "earlier this month".
    fn modified(&self, at: usize) -> Option<Reading> {
        let mut next = self.skip(at, "the");
        let modifier = match self.key(next) {
            "early" | "beginning" | "start" => Modifier::Start,
            "mid" | "middle" => Modifier::Mid,
            "late" | "end" => Modifier::End,
            "earlier" | "later" if next == at => Modifier::Approx,
            _ => return None,
        };
        let needs_of = matches!(self.key(next), "beginning" | "start" | "middle" | "end");
        if needs_of && next == at {
            return None;
        }
        next += 1;
        if needs_of {
            if !self.is(next, "of") {
                return None;
            }
            next += 1;
        } else {
            next = self.skip_punct(next, b'-');
            next = self.skip(next, "in");
        }
        let inner = match self.core(next) {
            Some(inner) => inner,
            None => {
                let Lex::Unit(
                    unit @ (Unit::Week
                    | Unit::Month
                    | Unit::Year
                    | Unit::Decade
                    | Unit::Century
                    | Unit::Quarter),
                    false,
                ) = self.lex(next + 1)
                else {
                    return None;
                };
                if !needs_of || !self.is(next, "the") {
                    return None;
                }
                let spec = Spec::Shift { unit, amount: 0 };
                let cue = if unit == Unit::Quarter { Cue::Comparative } else { Cue::Deictic };
                return Some(Reading {
                    end: next + 2,
                    spec,
                    cue,
                    modifier: Some(modifier),
                    rule: "modified",
                });
            }
        };
        if modifier == Modifier::Approx {
            let relative =
                matches!(inner.rule, "relative_unit" | "the_year" | "today" | "yesterday" | "tomorrow")
                    && matches!(inner.spec, Spec::Shift { .. });
            return relative.then_some(Reading { rule: "earlier_later", ..inner });
        }
        if matches!(inner.spec, Spec::Duration { .. } | Spec::Set(_) | Spec::Reference(_)) {
            return None;
        }
        Some(Reading { modifier: Some(modifier), rule: "modified", ..inner })
    }

    /// "about two years", "nearly four years ago", "more than four hours", "at least 10 days".
    fn approximate(&self, at: usize) -> Option<Reading> {
        let (modifier, next) = match (self.key(at), self.key(at + 1)) {
            ("about" | "around" | "nearly" | "almost" | "approximately" | "roughly" | "some", _) => {
                (Modifier::Approx, at + 1)
            }
            ("circa", _) => (Modifier::Approx, at + 1),
            ("c" | "ca", _) if self.punct(at + 1, b'.') && self.tight(at + 1) => (Modifier::Approx, at + 2),
            ("more" | "over", "than") => (Modifier::MoreThan, at + 2),
            ("over", next) if next != "the" => (Modifier::MoreThan, at + 1),
            ("at", "least") => (Modifier::MoreThan, at + 2),
            ("less", "than") | ("no", "more") => {
                (Modifier::LessThan, at + 2 + usize::from(self.is(at, "no")))
            }
            ("up", "to") | ("under", _) => (Modifier::LessThan, at + 1 + usize::from(self.is(at, "up"))),
            _ => return None,
        };
        let inner = self.core(next)?;
        let fits = match inner.spec {
            Spec::Duration { .. } => true,
            Spec::Shift { amount, .. } => amount != 0 && matches!(inner.rule, "ago"),
            Spec::Clock { hour: Some(_), .. } => modifier == Modifier::Approx,
            Spec::Calendar { .. } | Spec::Decade(_) => {
                modifier == Modifier::Approx
                    && matches!(self.key(at), "around" | "about" | "circa" | "c" | "ca")
            }
            _ => false,
        };
        if !fits {
            return None;
        }
        Some(Reading { modifier: Some(modifier), ..inner })
    }
}

/// The TIMEX3 period for "every unit" or "every n units".
fn period_value(count: u32, unit: Unit) -> String {
    match unit {
        Unit::Second => format!("PT{count}S"),
        Unit::Minute => format!("PT{count}M"),
        Unit::Hour => format!("PT{count}H"),
        Unit::Day => format!("P{count}D"),
        Unit::Weekend => "XXXX-WXX-WE".to_string(),
        Unit::Week => format!("P{count}W"),
        Unit::Month => format!("P{count}M"),
        Unit::Quarter => format!("P{count}Q"),
        Unit::Year => format!("P{count}Y"),
        Unit::Decade => format!("P{}Y", count * 10),
        Unit::Century => format!("P{}Y", count * 100),
    }
}

/// TIMEX3 suffix for a part of the day.
pub(super) fn part_code(part: DayPart) -> &'static str {
    match part {
        DayPart::Morning => "TMO",
        DayPart::Afternoon => "TAF",
        DayPart::Evening => "TEV",
        DayPart::Night => "TNI",
        DayPart::Noon => "T12:00",
        DayPart::Midnight => "T24:00",
    }
}

/// TIMEX3 code for a season.
pub(super) fn season_code(season: u8) -> &'static str {
    match season {
        0 => "SP",
        1 => "SU",
        2 => "FA",
        _ => "WI",
    }
}

fn relative_offset(word: &str) -> Option<i32> {
    match word {
        "last" => Some(-1),
        "this" => Some(0),
        "next" => Some(1),
        _ => None,
    }
}

/// Two-digit years: 00-29 are 2000s, the rest 1900s.
fn century_for_two_digits(value: u32) -> i32 {
    if value < 30 { 2000 + value as i32 } else { 1900 + value as i32 }
}

fn is_valid_date(year: i32, month: u32, day: u32) -> bool {
    let (Ok(year), Ok(month), Ok(day)) = (i16::try_from(year), i8::try_from(month), i8::try_from(day)) else {
        return false;
    };
    jiff::civil::Date::new(year, month, day).is_ok()
}

fn calendar(year: i32, month: u32, day: u32) -> Spec {
    Spec::Calendar { year: Some(year), month: Some(month as u8), day: Some(day as u8), weekday: None }
}

fn month_spec(year: Option<i32>, month: u8) -> Spec {
    Spec::Calendar { year, month: Some(month), day: None, weekday: None }
}

/// Words that cannot be what a number counts, so "in 1891 she" is a year, unlike "1891
/// people".
const NOT_COUNTED: [&str; 16] = [
    "he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "there", "when", "while",
    "as", "but",
];

/// Words before a number that make it a count or a label, not a year ("the 2017 BC
/// election").
const DETERMINERS: [&str; 9] = ["the", "a", "an", "its", "this", "their", "his", "her", "our"];

/// Possessives that make "80s" or "twenties" an age, not a decade.
const AGE_OWNERS: [&str; 8] = ["her", "his", "their", "my", "your", "our", "its", "one's"];

fn year_spec(year: i32) -> Spec {
    Spec::Calendar { year: Some(year), month: None, day: None, weekday: None }
}

/// What time the sentence around an expression speaks of, as far as its verbs tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Future,
    Unknown,
}

/// Words that put a sentence in the future ("will meet Tuesday", "payable Dec. 15").
const FUTURE_WORDS: &[&str] = &[
    "will", "ll", "shall", "would", "could", "might", "should", "must", "can", "cannot", "expects",
    "upcoming", "next", "tomorrow", "going", "payable",
];

/// Present-tense verbs of a timetable, which in news speak of what is coming ("the series
/// opens Sunday", "the fair runs through Sunday"). Only their third-person forms: "open",
/// "close" or "end" are as often nouns ("at the close of business Friday").
const SCHEDULED_WORDS: &[&str] = &[
    "opens", "begins", "starts", "closes", "ends", "runs", "meets", "plays", "resumes", "returns", "travels",
    "hosts", "faces", "visits", "arrives", "leaves", "expires", "reopens", "convenes",
];

/// Words that put a sentence in the future only before "to" ("plans to vote in May"; "the
/// plan" is a noun that says nothing).
const INTENT_WORDS: &[&str] = &["plans", "plan", "planning", "intends", "aims"];

/// Participles that speak of the future only after a present "is" ("is scheduled for May"),
/// not in "had been scheduled".
const PLANNED_WORDS: &[&str] = &["expected", "scheduled", "planned", "due", "slated", "set"];

/// Participles of moving a date ("postponed to", "pushed back to").
const RESCHEDULED_WORDS: &[&str] = &[
    "postponed",
    "delayed",
    "moved",
    "pushed",
    "rescheduled",
    "deferred",
    "adjourned",
    "extended",
    "back",
    "off",
];

/// Irregular past forms common in news ("said", "met", "rose").
const PAST_WORDS: &[&str] = &[
    "was", "were", "had", "did", "said", "came", "went", "began", "took", "made", "gave", "got", "left",
    "met", "told", "sold", "bought", "held", "rose", "fell", "paid", "won", "lost", "saw", "became", "ago",
    "last", "spoke", "wrote", "ran", "struck", "since", "found", "led", "brought", "thought", "knew", "grew",
    "drew", "fought", "sent", "spent", "built", "kept",
];

/// Words ending in "ed" that are not past forms: nouns, and adjectives ("an unspecified
/// date") that are never finite verbs.
const NOT_PAST: &[&str] = &[
    "need",
    "speed",
    "indeed",
    "hundred",
    "proceed",
    "exceed",
    "succeed",
    "feed",
    "seed",
    "breed",
    "united",
    "red",
    "bed",
    "shed",
    "creed",
    "greed",
    "weed",
    "deed",
    "unspecified",
    "undisclosed",
    "unidentified",
    "unnamed",
    "unexpected",
    "unexplained",
    "unconfirmed",
    "unsolved",
    "unprecedented",
    "unlimited",
    "unrelated",
    "unsecured",
    "unchanged",
    "unscheduled",
];

impl Grammar<'_> {
    /// The tense of the clause around tokens `start..end`: the nearest telling word wins.
    pub fn tense(&self, start: usize, end: usize) -> Tense {
        const BEHIND: usize = 12;
        const AHEAD: usize = 5;
        if start >= 1 && (self.is(start - 1, "by") || self.spelled(start - 1, "effective")) {
            // A deadline ("by August", "effective Feb. 1") lies ahead, unless the clause is in
            // the past perfect ("had filed reports by Wednesday").
            let window = start.saturating_sub(BEHIND)..(end + AHEAD).min(self.tokens.len());
            let perfect = window.into_iter().any(|at| self.spelled(at, "had"));
            return if perfect { Tense::Past } else { Tense::Future };
        }
        // A date something is moved to lies ahead, even in a past-tense clause ("the hearing
        // was postponed to Dec. 3", "the summit was moved to December").
        let spelled_any = |at: usize, words: &[&str]| words.iter().any(|word| self.spelled(at, word));
        let moved_to = start >= 2
            && spelled_any(start - 1, &["to", "until", "till"])
            && (2..=3).any(|back| start >= back && spelled_any(start - back, RESCHEDULED_WORDS));
        if moved_to {
            return Tense::Future;
        }
        if start >= 3
            && self.spelled(start - 1, "as")
            && self.is_any(start - 2, &["soon", "early"])
            && self.spelled(start - 3, "as")
        {
            return Tense::Future;
        }
        let boundary = |at: usize| {
            self.token(at)
                .is_some_and(|token| matches!(token.shape, Shape::Punct(b'.' | b'!' | b'?' | b';' | b'"')))
        };
        let (mut behind_open, mut ahead_open) = (true, true);
        for distance in 1..=BEHIND {
            if behind_open && distance <= start {
                let at = start - distance;
                if boundary(at) {
                    behind_open = false;
                } else if let Some(tense) = self.word_tense(at) {
                    return tense;
                } else if self.scheduled(at, distance) {
                    return Tense::Future;
                }
            }
            let at = end + distance - 1;
            if ahead_open && distance <= AHEAD {
                if at >= self.tokens.len() || boundary(at) {
                    ahead_open = false;
                } else if let Some(tense) = self.word_tense(at) {
                    return tense;
                }
            }
        }
        Tense::Unknown
    }

    /// Whether the word `distance` tokens before a date puts it on a timetable: a present
    /// verb of one ("opens Sunday", "runs through Sunday"), or "is"/"are" right before it
    /// ("the game is Saturday").
    fn scheduled(&self, at: usize, distance: usize) -> bool {
        SCHEDULED_WORDS.iter().any(|word| self.spelled(at, word))
            || distance == 1 && self.is_any(at, &["is", "are"])
    }

    /// "was"/"were" before "planning" or "preparing": a plan made in the past for a time
    /// that may still be ahead, so the auxiliary says nothing by itself.
    fn future_in_past(&self, at: usize) -> bool {
        (self.spelled(at, "was") || self.spelled(at, "were"))
            && (self.spelled(at + 1, "planning") || self.spelled(at + 1, "preparing"))
    }

    /// The tense a single word signals, if any ("will", "said", "announced").
    fn word_tense(&self, at: usize) -> Option<Tense> {
        let token = self.token(at)?;
        if token.shape != Shape::Word {
            return None;
        }
        let word = self.text.get(token.start..token.end)?;
        let is_in = |list: &[&str]| list.iter().any(|entry| entry.eq_ignore_ascii_case(word));
        let after_auxiliary = at > 0 && self.is_any(at - 1, &["be", "been", "being", "to"]);
        let after_present = at > 0 && self.is_any(at - 1, &["is", "are", "am"]);
        let present_to = at > 1 && self.is(at - 1, "to") && self.is_any(at - 2, &["is", "are"]);
        let intent = is_in(INTENT_WORDS) && self.spelled(at + 1, "to");
        if is_in(FUTURE_WORDS) || intent || after_present && is_in(PLANNED_WORDS) || present_to {
            Some(Tense::Future)
        } else if after_auxiliary || is_in(PLANNED_WORDS) || self.future_in_past(at) {
            None
        } else if is_in(PAST_WORDS)
            || word.len() > 4
                && word.as_bytes()[word.len() - 2..].eq_ignore_ascii_case(b"ed")
                && !is_in(NOT_PAST)
        {
            Some(Tense::Past)
        } else {
            None
        }
    }
}
