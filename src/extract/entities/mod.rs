//! Named entities: people, places and organizations, with canonical names so that
//! "Gutierrez" and "Lucio Gutierrez" count as one entity.
//!
//! Pure: no I/O (the model and gazetteers are embedded with `include_bytes!`), no egui,
//! never panics. Offsets are byte offsets on `char` boundaries.
//!
//! Pipeline: [`tokenize`] splits the text into tokens and sentences, [`features`] describes
//! each token, the averaged perceptron in [`perceptron`] tags them with BIO tags in two
//! passes (the second also sees what the first said about the same words elsewhere in the
//! document), a few cue rules fix the tags and [`aliases`] resolves short forms. The model
//! is trained by [`train`] (see `examples/train_ner.rs`).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

mod aliases;
mod features;
mod gazetteer;
mod perceptron;
mod tokenize;
pub mod train;

use gazetteer::Gazetteer;
use perceptron::Model;

/// The model trained by `examples/train_ner.rs`.
const MODEL: &[u8] = include_bytes!("../../../assets/ner/model.bin");

/// The three kinds the facets and the `extract` JSON know.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityKind {
    /// A person ("Lucio Gutierrez").
    Person,
    /// A place: country, city, region, building ("Ecuador", "Latin America").
    Place,
    /// An organization: institution, party, company ("Supreme Court", "CONAIE").
    Organization,
}

impl EntityKind {
    /// The spelling used in the `extract` JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Place => "place",
            Self::Organization => "organization",
        }
    }
}

/// One mention of an entity in a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Byte offset of the first byte of the name (after "the", titles and so on).
    pub start: usize,
    /// Byte offset one past the name (before a possessive "'s").
    pub end: usize,
    /// What the name names.
    pub kind: EntityKind,
    /// The full name this mention stands for ("Lucio Gutierrez" for "Gutierrez's").
    pub canonical: String,
}

/// A tagger with its model and gazetteers loaded; [`recognize`] uses one built from the
/// embedded model, evaluation and training build others from fresh model bytes.
pub struct Recognizer {
    model: Model,
    gaz: Gazetteer,
}

impl Recognizer {
    /// Loads a model serialized by [`train::train`]; malformed bytes give a recognizer
    /// that finds nothing.
    pub fn from_model_bytes(bytes: &[u8]) -> Self {
        Recognizer { model: Model::from_bytes(bytes), gaz: Gazetteer::load() }
    }

    /// The recognizer of the embedded model, loaded once.
    pub fn embedded() -> &'static Recognizer {
        static EMBEDDED: OnceLock<Recognizer> = OnceLock::new();
        EMBEDDED.get_or_init(|| Recognizer::from_model_bytes(MODEL))
    }

    /// Finds the entity mentions of one document, see [`recognize`].
    pub fn recognize(&self, text: &str) -> Vec<Mention> {
        let (tokens, sentences) = tokenize::tokenize(text);
        let mut found: Vec<(usize, usize, EntityKind)> = Vec::new();
        let mut doc = features::DocStats::default();
        let mut words: Vec<&str> = Vec::new();
        for range in &sentences {
            words.clear();
            words.extend(tokens[range.clone()].iter().map(|t| &text[t.start..t.end]));
            doc.add_sentence(&words);
        }
        // First pass: each sentence on its own (sentences without a capital letter hold no
        // name and are skipped); its tags feed the document features of the second pass.
        let mut labels = features::DocLabels::default();
        let mut first: Vec<Option<(features::SentenceFeatures, Vec<usize>)>> =
            Vec::with_capacity(sentences.len());
        for range in &sentences {
            words.clear();
            words.extend(tokens[range.clone()].iter().map(|t| &text[t.start..t.end]));
            if !words.iter().any(|w| w.chars().any(char::is_uppercase)) {
                first.push(None);
                continue;
            }
            let sf = features::extract(&words, &self.gaz, &self.model.vocab, None, &doc);
            let tags = self.model.tag_first(&sf);
            labels.add_sentence(&words, &tags);
            first.push(Some((sf, tags)));
        }
        for (range, first) in sentences.into_iter().zip(first) {
            let Some((mut sf, first_tags)) = first else { continue };
            let base = range.start;
            words.clear();
            words.extend(tokens[range].iter().map(|t| &text[t.start..t.end]));
            labels.add_features(&mut sf, &words, &first_tags);
            let mut tags = self.model.tag_second(&sf);
            self.caps_place_cue(&words, sf.all_caps, &mut tags);
            acronym_cue(&words, sf.all_caps, &self.gaz, &mut tags);
            org_head_cue(&words, &sf, &mut tags);
            org_tail_cue(&words, &sf, &mut tags);
            joined_org_cue(&words, &sf, &mut tags);
            company_suffix_cue(&words, &sf, &mut tags);
            title_cue(&words, &sf, &self.model.vocab, &mut tags);
            surname_cue(&words, &sf, &mut tags);
            first_name_cue(&words, &sf, &self.gaz, &self.model.vocab, &mut tags);
            hyphenated_given_name_cue(&words, &mut tags);
            self.country_cue(&words, &mut tags);
            spans(&words, &tags, |s, e, mut kind| {
                // A name ending in a nationality or creed ("Ecuadorian", "South Korean",
                // "Roman Catholic") is an adjective or a group, not one of the three kinds,
                // unless that word is also a census name ("Hans Christian").
                let flags = self.gaz.word(&words[e - 1].to_lowercase());
                let names = gazetteer::FIRST | gazetteer::LAST;
                if flags & gazetteer::DEMONYM != 0 && (e == s + 1 || flags & names == 0) {
                    return;
                }
                // A title alone ("the President", "the Emperor") names no one by itself,
                // unless it is also a surname ("King", "Bishop").
                if e == s + 1 && flags & gazetteer::TITLE != 0 && flags & names == 0 {
                    return;
                }
                // "Drexel Burnham Lambert Inc." is a company, whatever its first words.
                if e > s + 1 && gazetteer::is_org_suffix(words[e - 1]) {
                    kind = EntityKind::Organization;
                }
                // An acronym is no person's name ("TWA said", "ABC reported").
                let acronym = e == s + 1 && !sf.all_caps && aliases::is_acronym(words[s]);
                if acronym && kind == EntityKind::Person {
                    kind = EntityKind::Organization;
                }
                // A country is never a person, whatever its neighbours suggest ("Sweden
                // beat South Korea", with player names all around); a person's surname that
                // is also a country comes back through the full name ("Michael Jordan ...
                // Jordan") when aliases are resolved.
                let lower = words[s].to_lowercase();
                if e == s + 1 && kind == EntityKind::Person && self.gaz.is_country(&lower) {
                    kind = EntityKind::Place;
                }
                // An acronym inside an ordinary sentence is an organization, not the town
                // it happens to spell ("NATO" is also Nato, Italy); countries ("USA") and
                // datelines ("QUITO, Jan 22") are left alone.
                let long_acronym = acronym && words[s].chars().filter(|c| c.is_alphabetic()).count() >= 3;
                if long_acronym && kind == EntityKind::Place && s > 0 && !self.gaz.is_country(&lower) {
                    kind = EntityKind::Organization;
                }
                // A country named alone is a place, also where it acts as a government or a
                // team ("the U.S. said", "South Korea beat Sweden"), as newswire annotation
                // has it; "Environment Canada" is a longer name and stays what it is.
                if kind == EntityKind::Organization
                    && self.gaz.is_country_name(&words[s..e].join(" ").to_lowercase())
                {
                    kind = EntityKind::Place;
                }
                if e == s + 1 {
                    let place_cue =
                        s > 0 && PLACE_PREPOSITIONS.contains(&words[s - 1].to_lowercase().as_str());
                    let no_lowercase = words[s].chars().all(|c| !c.is_lowercase());
                    if kind != EntityKind::Person && !place_cue && !no_lowercase && is_surname_only(flags) {
                        kind = EntityKind::Person;
                    }
                }
                found.push((base + s, base + e, kind));
            });
        }
        news_agency_cue(text, &tokens, &self.gaz, &mut found);
        telling_words_cue(text, &tokens, &self.gaz, &mut found);
        self.propagate(text, &tokens, &mut found);
        name_prefix_cue(text, &tokens, &mut found);
        let mut mentions: Vec<Mention> = found
            .into_iter()
            .map(|(s, e, kind)| Mention {
                start: tokens[s].start,
                end: tokens[e - 1].end,
                kind,
                canonical: String::new(),
            })
            .collect();
        aliases::resolve_document(text, &mut mentions, &self.word_facts());
        mentions
    }

    /// What the gazetteers know of a word, for alias resolution.
    fn word_facts(&self) -> aliases::WordFacts<'_> {
        aliases::WordFacts {
            flags: Box::new(|w| self.gaz.word(&w.to_lowercase())),
            is_country: Box::new(|w| self.gaz.is_country(&w.to_lowercase())),
        }
    }

    /// An all-caps word of four or more letters that the gazetteer knows as a place
    /// ("QUITO, Jan 22 --" datelines, "ECUADOR" in headlines) is a place when it stands
    /// alone at the start of a sentence or in an all-caps headline; elsewhere such a word
    /// is more often an acronym ("NATO" is also a town).
    fn caps_place_cue(&self, words: &[&str], all_caps: bool, tags: &mut [usize]) {
        for i in 0..words.len() {
            if i > 0 && !all_caps {
                break;
            }
            let w = words[i];
            let alone =
                (i == 0 || tags[i - 1] == 0) && (i + 1 == words.len() || !perceptron::is_inside(tags[i + 1]));
            if alone
                && w.chars().count() >= 4
                && w.chars().all(char::is_uppercase)
                && self.gaz.word(&w.to_lowercase()) & (gazetteer::PLACE | gazetteer::ORG) == gazetteer::PLACE
            {
                tags[i] = 3;
            }
        }
    }

    /// An untagged one-word country, US state or continent name between lowercase words
    /// ("warned that Ecuador would") is a place: the tagger hesitates where such names act
    /// as agents, but they are never anything else in news.
    fn country_cue(&self, words: &[&str], tags: &mut [usize]) {
        let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        for i in 0..words.len() {
            let alone = tags[i] == 0
                && (i == 0 || (tags[i - 1] == 0 && !capital(words[i - 1])))
                && tags.get(i + 1).is_none_or(|t| !perceptron::is_inside(*t))
                && !words.get(i + 1).is_some_and(|w| capital(w));
            if alone && capital(words[i]) && self.gaz.is_country(&words[i].to_lowercase()) {
                tags[i] = 3;
            }
        }
    }

    /// Tags the other occurrences of names found once in the document: surnames of
    /// full person names ("Later Smith said") and one-word names that are not common
    /// words. `found` holds token ranges and ends up sorted.
    fn propagate(&self, text: &str, tokens: &[tokenize::Token], found: &mut Vec<(usize, usize, EntityKind)>) {
        let word = |i: usize| &text[tokens[i].start..tokens[i].end];
        let mut names: HashMap<&str, EntityKind> = HashMap::new();
        let mut covered = vec![false; tokens.len()];
        for &(s, e, kind) in found.iter() {
            covered[s..e].iter_mut().for_each(|c| *c = true);
            let w = word(e - 1);
            // A country ending a "person" ("Environment Canada") spreads only after a first
            // name ("Michael Jordan").
            let country_surname = self.gaz.is_country(&w.to_lowercase())
                && self.gaz.word(&word(s).to_lowercase()) & gazetteer::FIRST == 0;
            if e - s >= 2 && kind == EntityKind::Person && w.chars().count() > 1 && !country_surname {
                names.insert(w, kind);
            } else if e - s == 1 && self.gaz.word(&w.to_lowercase()) & gazetteer::COMMON == 0 {
                names.entry(w).or_insert(kind);
            }
        }
        if names.is_empty() {
            return;
        }
        for i in 0..tokens.len() {
            let free = |j: usize| !covered.get(j).copied().unwrap_or(false);
            if covered[i] || (i > 0 && !free(i - 1)) || !free(i + 1) {
                continue;
            }
            if let Some(kind) = names.get(word(i)) {
                found.push((i, i + 1, *kind));
            }
        }
        found.sort_unstable_by_key(|f| f.0);
    }
}

/// The one capitalized word in parentheses that ends a dateline ("BRUSSELS, February 10
/// (Xinhua) --", "BELFAST (AP)_") names the news agency: an organization, which the tagger,
/// seeing it next to a city, often takes for a place.
fn news_agency_cue(
    text: &str,
    tokens: &[tokenize::Token],
    gaz: &Gazetteer,
    found: &mut Vec<(usize, usize, EntityKind)>,
) {
    let word = |i: usize| tokens.get(i).map_or("", |t| &text[t.start..t.end]);
    // The line up to the "(" is a dateline: short, and opening with a city in capitals.
    let after_dateline = |open: usize| {
        let line = &text[text[..open].rfind('\n').map_or(0, |n| n + 1)..open];
        let city = line.split(|c: char| !c.is_alphabetic()).find(|w| !w.is_empty()).unwrap_or("");
        line.len() <= 60 && city.chars().count() >= 3 && city.chars().all(char::is_uppercase)
    };
    let agencies: Vec<usize> = (1..tokens.len().saturating_sub(1))
        .filter(|&i| {
            word(i - 1) == "("
                && word(i + 1) == ")"
                && word(i).starts_with(|c: char| c.is_uppercase())
                && word(i).chars().all(char::is_alphanumeric)
                && text[tokens[i + 1].end..]
                    .trim_start_matches(' ')
                    .starts_with(['-', '_', '\u{2013}', '\u{2014}'])
                && !gaz.is_country(&word(i).to_lowercase())
                && after_dateline(tokens[i - 1].start)
        })
        .collect();
    if agencies.is_empty() {
        return;
    }
    found.retain(|&(s, e, _)| {
        let first = agencies.partition_point(|&a| a < s);
        agencies.get(first).is_none_or(|&a| a >= e)
    });
    found.extend(agencies.into_iter().map(|i| (i, i + 1, EntityKind::Organization)));
    found.sort_unstable_by_key(|f| f.0);
}

/// Lowercase nouns after a name that make it a group's name ("the Sinn Fein party").
const GROUP_NOUNS: &[&str] =
    &["party", "movement", "coalition", "alliance", "faction", "militia", "guerrillas", "rebels", "band"];

/// Verbs that only a person does, after a one-word name the tagger took for a place:
/// "In Lagos, Okonkwo resigned", "By then Gutierrez had fled".
const PERSONAL_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "denied",
    "admitted",
    "insisted",
    "replied",
    "recalled",
    "explained",
    "resigned",
    "fled",
    "returned",
    "visited",
    "wrote",
    "argued",
    "testified",
    "pleaded",
];

/// Nouns of a company's stock: "Unisys shares", "Shell's shares", "shares of Siemens".
const STOCK_NOUNS: &[&str] = &["shares", "stock", "stockholders", "shareholders"];

/// Nouns that only a person has: "Slepian's wife", "Slepian's lawyer".
const PERSONAL_NOUNS: &[&str] = &[
    "wife",
    "husband",
    "widow",
    "widower",
    "son",
    "sons",
    "daughter",
    "daughters",
    "mother",
    "father",
    "brother",
    "sister",
    "parents",
    "girlfriend",
    "boyfriend",
    "fiancee",
    "fiancée",
    "lawyer",
    "lawyers",
    "killer",
    "murderer",
    "assassin",
    "funeral",
    "biographer",
    "grandson",
    "granddaughter",
    "nephew",
    "niece",
    "cousin",
    "uncle",
    "aunt",
    "bodyguard",
    "spouse",
    "autopsy",
];

/// Words after a name that tell its kind for the whole document: a possessive and a noun
/// only a person has ("Slepian's wife", "Slepian's lawyer": places have presidents and
/// capitals, not widows and lawyers), "himself" or "herself", or a noun for a group ("the
/// Sinn Fein party"), or a company's stock ("Shell shares", "shares of Shell"). Every
/// mention of that name the tagger gave another kind follows.
/// Countries and states are left alone ("Virginia's sons").
fn telling_words_cue(
    text: &str,
    tokens: &[tokenize::Token],
    gaz: &Gazetteer,
    found: &mut [(usize, usize, EntityKind)],
) {
    let word = |i: usize| tokens.get(i).map_or("", |t| &text[t.start..t.end]);
    let mut told: HashMap<&str, EntityKind> = HashMap::new();
    for &(s, e, kind) in found.iter() {
        let name = word(e - 1);
        let lower = name.to_lowercase();
        if gaz.is_country(&lower) {
            continue;
        }
        let possessive = matches!(word(e), "'s" | "\u{2019}s");
        // "Annan flew to Geneva himself": after a place preposition, or on a known place,
        // "himself" belongs to someone else.
        let after_preposition = s > 0
            && PLACE_PREPOSITIONS.contains(&word(s - 1).to_lowercase().as_str())
            && !word(s - 1).eq_ignore_ascii_case("of");
        let known_place = gaz.word(&lower) & gazetteer::PLACE != 0;
        let verb = if matches!(word(e), "had" | "has") { word(e + 1) } else { word(e) };
        let acts = kind == EntityKind::Place && e == s + 1 && !known_place && PERSONAL_VERBS.contains(&verb);
        let personal = possessive && PERSONAL_NOUNS.contains(&word(e + 1).to_lowercase().as_str())
            || matches!(word(e), "himself" | "herself") && !after_preposition && !known_place
            || acts;
        // "Tokyo stocks", "London shares" are markets, not companies.
        let stock_after = !known_place && STOCK_NOUNS.contains(&word(if possessive { e + 1 } else { e }));
        let stock_before = !known_place
            && s >= 2
            && word(s - 1) == "of"
            && STOCK_NOUNS.contains(&word(s - 2).to_lowercase().as_str());
        if personal {
            told.insert(name, EntityKind::Person);
        } else if GROUP_NOUNS.contains(&word(e)) || stock_after || stock_before {
            told.insert(name, EntityKind::Organization);
        }
    }
    for (_, e, kind) in found.iter_mut() {
        if let Some(told_kind) = told.get(word(*e - 1)) {
            *kind = *told_kind;
        }
    }
}

/// An untagged capitalized word inside a sentence that the gazetteers know only as a
/// rarer census surname ("Before him Bucaram and Noboa were ...") is a person's name,
/// unless a place preposition comes before it or a capitalized word stands next to it
/// (then it is part of a longer name the tagger judged: "Nobel Prize", "Magna Carta").
fn surname_cue(words: &[&str], sf: &features::SentenceFeatures, tags: &mut [usize]) {
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    for i in 1..words.len() {
        let alone = tags[i] == 0
            && tags[i - 1] == 0
            && tags.get(i + 1).is_none_or(|t| !perceptron::is_inside(*t))
            && !capital(words[i - 1])
            && !words.get(i + 1).is_some_and(|w| capital(w));
        if alone
            && words[i].chars().next().is_some_and(char::is_uppercase)
            && words[i].chars().any(char::is_lowercase)
            && !PLACE_PREPOSITIONS.contains(&words[i - 1].to_lowercase().as_str())
            && is_surname_only(sf.flags[i])
        {
            tags[i] = 1;
        }
    }
}

/// An untagged pair of a census first name and an unknown capitalized word, with no
/// capitalized word around it ("Andreas Granqvist scored", "by Harry Kane in"), is a
/// person: the tagger hesitates on surnames it has never seen, mostly at the start of a
/// sentence. The second word must be nothing the gazetteers or the training vocabulary
/// know ("Jordan Valley", "Georgia Tech" stay with the tagger), and the first no common
/// word ("Will", "Mark") or country.
fn first_name_cue(
    words: &[&str],
    sf: &features::SentenceFeatures,
    gaz: &Gazetteer,
    vocab: &features::FastSet,
    tags: &mut [usize],
) {
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let known_elsewhere = gazetteer::PLACE
        | gazetteer::PLACE_HEAD
        | gazetteer::ORG
        | gazetteer::ORG_HEAD
        | gazetteer::TITLE
        | gazetteer::CALENDAR
        | gazetteer::COMMON
        | gazetteer::DEMONYM;
    for i in 0..words.len().saturating_sub(1) {
        let (first, last) = (words[i], words[i + 1]);
        let alone = tags[i] == 0
            && tags[i + 1] == 0
            && (i == 0 || !capital(words[i - 1]))
            && !words.get(i + 2).is_some_and(|w| capital(w));
        let first_name = capital(first)
            && sf.flags[i] & gazetteer::FIRST != 0
            && sf.flags[i] & (gazetteer::COMMON | gazetteer::TITLE | gazetteer::CALENDAR) == 0
            && !vocab.contains(&first.to_lowercase())
            && !gaz.is_country(&first.to_lowercase());
        let unknown_surname = capital(last)
            && last.chars().count() >= 2
            && last.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '\u{2019}')
            && last.chars().any(char::is_lowercase)
            && sf.flags[i + 1] & known_elsewhere == 0
            && !vocab.contains(&last.to_lowercase());
        if alone && first_name && unknown_surname {
            tags[i] = 1;
            tags[i + 1] = 2;
        }
    }
}

/// Common Chinese (Mandarin and Cantonese romanizations) and Korean family names, which
/// come before a hyphenated given name.
const EAST_ASIAN_FAMILY_NAMES: &[&str] = &[
    "Ahn", "Ang", "Bae", "Baek", "Cai", "Cao", "Chan", "Chang", "Chen", "Cheng", "Cheung", "Chiang", "Cho",
    "Choi", "Chong", "Chou", "Chow", "Chu", "Chua", "Chung", "Cui", "Deng", "Ding", "Dong", "Du", "Fan",
    "Fang", "Feng", "Fu", "Fung", "Gao", "Goh", "Guo", "Ha", "Han", "He", "Heo", "Ho", "Hong", "Hsu", "Hu",
    "Huang", "Hui", "Hwang", "Ip", "Jang", "Jeon", "Jeong", "Jiang", "Jin", "Jung", "Kang", "Kim", "Ko",
    "Koh", "Kong", "Kwak", "Kwan", "Kwok", "Kwon", "Kwong", "Lai", "Lam", "Lau", "Law", "Lee", "Leung", "Li",
    "Liang", "Liao", "Lim", "Lin", "Liu", "Lo", "Lu", "Lui", "Luo", "Ma", "Mak", "Moon", "Nam", "Ng", "Noh",
    "Oh", "Ong", "Pak", "Pan", "Park", "Peng", "Poon", "Ren", "Seo", "Shen", "Shi", "Shin", "Siu", "Son",
    "Song", "Su", "Sun", "Tam", "Tan", "Tang", "Tay", "Teo", "Tian", "Tsai", "Tsang", "Tse", "Wan", "Wang",
    "Wei", "Wen", "Wong", "Wu", "Xie", "Xu", "Yang", "Yao", "Yau", "Ye", "Yeung", "Yip", "Yoo", "Yoon", "Yu",
    "Yuan", "Yuen", "Zeng", "Zhang", "Zhao", "Zheng", "Zhou", "Zhu",
];

/// A common Chinese or Korean family name followed by a hyphenated given name ("Lee
/// Cheuk-yan", "Kim Jong-un", "Park Geun-hye") is a person, which the tagger, trained on
/// few such names, takes for a place or misses. Names the tagger gave another kind stay
/// with it ("Wal-mart", "The Co-op" are no such pair anyway).
fn hyphenated_given_name_cue(words: &[&str], tags: &mut [usize]) {
    let syllable = |s: &str| (1..=6).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase());
    let retaggable = |t: usize| matches!(t, 0..=4);
    for i in 0..words.len().saturating_sub(1) {
        let given_ok = words[i + 1].split_once('-').is_some_and(|(a, b)| {
            a.starts_with(|c: char| c.is_ascii_uppercase()) && syllable(&a[1..]) && syllable(b)
        });
        let inside_longer = words.get(i + 2).is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()));
        if given_ok
            && EAST_ASIAN_FAMILY_NAMES.contains(&words[i])
            && !inside_longer
            && retaggable(tags[i])
            && retaggable(tags[i + 1])
        {
            tags[i] = 1;
            tags[i + 1] = 2;
        }
    }
}

/// Lowercase particles that begin a surname used alone ("de Klerk", "van Gogh", "da Silva").
const SURNAME_PARTICLES: &[&str] = &[
    "de", "del", "dela", "della", "da", "dos", "das", "di", "du", "la", "le", "van", "von", "der", "den",
    "ter", "bin",
];

/// A person's name takes in the initials right before it ("Governor M. Rajeshwar Rao", "H.
/// S. Mahadevappa"), which the tagger tends to leave out after a title, and the lowercase
/// surname particles that start it ("said de Klerk", "van der Poel's"), as the name's owner
/// writes it. Runs on the final mentions, whatever step made them persons.
fn name_prefix_cue(text: &str, tokens: &[tokenize::Token], found: &mut [(usize, usize, EntityKind)]) {
    let word = |i: usize| &text[tokens[i].start..tokens[i].end];
    let is_initial = |w: &str| {
        let mut chars = w.chars();
        matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
    };
    let mut covered = vec![false; tokens.len()];
    for &(s, e, _) in found.iter() {
        covered[s..e].iter_mut().for_each(|c| *c = true);
    }
    let free = |i: usize, covered: &[bool]| i > 0 && !covered[i - 1];
    for (s, _, kind) in found.iter_mut() {
        if *kind != EntityKind::Person {
            continue;
        }
        let mut start = *s;
        while free(start, &covered) && is_initial(word(start - 1)) {
            start -= 1;
        }
        if start == *s {
            while free(start, &covered) && SURNAME_PARTICLES.contains(&word(start - 1)) {
                start -= 1;
            }
            let after_name = start > 0 && covered[start - 1];
            if after_name {
                start = *s;
            }
        }
        covered[start..*s].iter_mut().for_each(|c| *c = true);
        *s = start;
    }
}

/// Words before a place name ("in Quito", "from Coron"); a surname-only word after one is
/// left to the tagger.
const PLACE_PREPOSITIONS: &[&str] =
    &["in", "at", "from", "to", "near", "of", "into", "across", "around", "outside", "throughout", "via"];

/// Whether the gazetteer flags of a word mark it as a rarer census surname and nothing
/// else (not a place, organization, demonym, first name or common word): such a word
/// names a person when it stands alone ("Bucaram", "Noboa").
fn is_surname_only(flags: u16) -> bool {
    let other = gazetteer::PLACE
        | gazetteer::PLACE_BEGIN
        | gazetteer::ORG
        | gazetteer::ORG_HEAD
        | gazetteer::DEMONYM
        | gazetteer::COMMON
        | gazetteer::FIRST;
    flags & gazetteer::RARE_LAST != 0 && flags & other == 0
}

/// A capitalized run after a person title ("President Lucio Gutierrez", "president Jamil
/// Mahuad", "Mr. Noboa") is a person, whatever the tagger said, unless it holds an
/// organization head word ("General Motors").
fn title_cue(words: &[&str], sf: &features::SentenceFeatures, vocab: &features::FastSet, tags: &mut [usize]) {
    let flag = |i: usize, f: u16| sf.flags[i] & f != 0;
    let mut i = 0;
    while i + 1 < words.len() {
        if !flag(i, gazetteer::TITLE) || tags[i].div_ceil(2) == 3 {
            i += 1;
            continue;
        }
        let capital = |k: usize| is_capitalized_name_word(words, sf, k) && !flag(k, gazetteer::TITLE);
        // The title may go on in common words before the name ("Chief [Executive] Carrie
        // Lam", "Chief [Financial Officer] Ruth Porat"); census names ("Bush") are the name.
        let names = gazetteer::FIRST | gazetteer::LAST | gazetteer::RARE_LAST;
        let title_word = |k: usize| {
            is_capitalized_name_word(words, sf, k)
                && (flag(k, gazetteer::TITLE)
                    || (flag(k, gazetteer::COMMON) || vocab.contains(&words[k].to_lowercase()))
                        && !flag(k, names))
        };
        let mut name = i + 1;
        while name + 1 < words.len() && title_word(name) && (title_word(name + 1) || capital(name + 1)) {
            name += 1;
        }
        let mut j = name;
        while j < words.len() && j - name < 3 && capital(j) {
            j += 1;
        }
        let continues = j < words.len() && perceptron::is_inside(tags[j]);
        let org = (i + 1..j).any(|k| flag(k, gazetteer::ORG_HEAD));
        if j > name && !continues && !org {
            let mut k = j;
            while k > 0 && matches!(tags[k - 1], 1 | 2) {
                tags[k - 1] = 0;
                k -= 1;
            }
            mark(tags, name..j, 1);
            employer_before_title(words, sf, vocab, i, tags);
        }
        i = j.max(i + 1);
    }
}

/// The capitalized words right before a person's title name the organization the person
/// works for ("ECB President Christine Lagarde", "White House Press Secretary"), once the
/// generic words around it are left out ("Dutch Finance Minister", "Former"): an acronym,
/// a listed organization or words no list knows. A place ("France's") is left alone.
fn employer_before_title(
    words: &[&str],
    sf: &features::SentenceFeatures,
    vocab: &features::FastSet,
    title: usize,
    tags: &mut [usize],
) {
    let flag = |k: usize, f: u16| sf.flags[k] & f != 0;
    let known_org = gazetteer::ORG | gazetteer::ORG_BEGIN | gazetteer::ORG_INSIDE;
    let common = |k: usize| flag(k, gazetteer::COMMON) || vocab.contains(&words[k].to_lowercase());
    let generic = |k: usize| (common(k) || flag(k, gazetteer::DEMONYM)) && !flag(k, gazetteer::ORG);
    // "NATO Secretary General Jens Stoltenberg": the title may be several words.
    let mut title = title;
    while title > 0 && tags[title - 1] == 0 && flag(title - 1, gazetteer::TITLE) {
        title -= 1;
    }
    let mut start = title;
    while start > 0
        && tags[start - 1] == 0
        && sf.candidate[start - 1]
        && words[start - 1].chars().next().is_some_and(char::is_uppercase)
        && !flag(start - 1, gazetteer::TITLE | gazetteer::CALENDAR)
    {
        start -= 1;
    }
    let mut end = title;
    while end > start && generic(end - 1) {
        end -= 1;
    }
    while start < end && (generic(start) || words[start].eq_ignore_ascii_case("the")) {
        start += 1;
    }
    let employer = start < end
        && (start..end).all(|k| !flag(k, gazetteer::PLACE | gazetteer::PLACE_BEGIN) || flag(k, known_org))
        && (start..end).all(|k| aliases::is_acronym(words[k]) || flag(k, known_org) || !common(k));
    if employer {
        mark(tags, start..end, 5);
    }
}

/// A capitalized run that ends in an organization head word ("General Motors", "Workers'
/// Party"), optionally followed by "of" and more capitalized words ("Ministry of
/// Finance", "Bank of England"), is an organization when the tagger left its words
/// untagged or took the place in it for the whole.
fn org_head_cue(words: &[&str], sf: &features::SentenceFeatures, tags: &mut [usize]) {
    let capital = |i: usize| is_capitalized_name_word(words, sf, i);
    for h in 0..words.len() {
        if sf.flags[h] & gazetteer::ORG_HEAD == 0 || !capital(h) {
            continue;
        }
        if tags[h] == 5 {
            // The tagger found the name from its head word on ("General [Motors]"):
            // untagged capitalized words right before the head belong to it.
            let mut s = h;
            while s > 0 && tags[s - 1] == 0 && capital(s - 1) && !words[s - 1].eq_ignore_ascii_case("the") {
                s -= 1;
            }
            if s < h {
                mark(tags, s..h + 1, 5);
            }
            continue;
        }
        if tags[h] != 0 {
            continue;
        }
        let mut s = h;
        while s > 0 && tags[s - 1] == 0 && capital(s - 1) && !words[s - 1].eq_ignore_ascii_case("the") {
            s -= 1;
        }
        // What follows "of" may be a place the tagger found inside the name ("Bank of
        // [England]").
        let free = |t: usize| matches!(t, 0 | 3 | 4);
        let mut e = h + 1;
        while e + 1 < words.len() && words[e] == "of" && free(tags[e + 1]) && capital(e + 1) {
            e += 2;
            while e < words.len() && free(tags[e]) && capital(e) {
                e += 1;
            }
        }
        if e - s >= 2 {
            mark(tags, s..e, 5);
        }
    }
}

/// Tags `range` as one name: `b_tag` (the kind's B- tag id) on its first token, the
/// matching I- tag on the rest.
fn mark(tags: &mut [usize], range: std::ops::Range<usize>, b_tag: usize) {
    for (k, tag) in tags[range].iter_mut().enumerate() {
        *tag = if k == 0 { b_tag } else { b_tag + 1 };
    }
}

/// One past the last token of the name that starts at `start` (its I- tags).
fn span_end(tags: &[usize], start: usize) -> usize {
    let inside = tags[start] + 1;
    start + 1 + tags[start + 1..].iter().take_while(|&&tag| tag == inside).count()
}

/// Whether token `i` can be part of a name's capitalized run: a capitalized candidate
/// that is no month or weekday.
fn is_capitalized_name_word(words: &[&str], sf: &features::SentenceFeatures, i: usize) -> bool {
    sf.candidate[i]
        && words[i].chars().next().is_some_and(char::is_uppercase)
        && sf.flags[i] & gazetteer::CALENDAR == 0
}

/// An organization ending in a head word runs on through "of", "for" or "on" and the
/// capitalized words after them ("Andy Warhol Foundation for the Visual Arts", "University
/// of North Carolina", "Council on American-Islamic Relations", "Joint Council for the
/// Welfare of Immigrants"), whatever the tagger made of those words: the tagger often
/// stops at the connector or tags the place inside as a place.
fn org_tail_cue(words: &[&str], sf: &features::SentenceFeatures, tags: &mut [usize]) {
    let mut i = 0;
    while i < words.len() {
        if tags[i] != 5 {
            i += 1;
            continue;
        }
        let mut end = span_end(tags, i);
        let mut runs_on = sf.flags[end - 1] & gazetteer::ORG_HEAD != 0;
        while runs_on && end < words.len() && matches!(words[end], "of" | "for" | "on") {
            let mut start = end + 1;
            if words.get(start) == Some(&"the") {
                start += 1;
            }
            let mut run_end = start;
            while run_end < words.len() && is_capitalized_name_word(words, sf, run_end) {
                run_end += 1;
            }
            runs_on = run_end > start;
            if runs_on {
                tags[end..run_end].iter_mut().for_each(|t| *t = 6);
                end = run_end;
            }
        }
        i = end;
    }
}

/// Capitalized words joined by "and" or "&" to an organization ending in a head word
/// ("National Air and Space Museum", "Trade and Industry Ministry") belong to it, when the
/// tagger left them untagged or made an organization of them without a head word of its
/// own ("[National Air] and [Space Museum]"). A complete name before the "and" ("Bank of
/// England and Treasury", "Britain and Bank ...") is left alone.
fn joined_org_cue(words: &[&str], sf: &features::SentenceFeatures, tags: &mut [usize]) {
    for and in 1..words.len().saturating_sub(1) {
        if !matches!(words[and], "and" | "&") || tags[and] != 0 || tags[and + 1] != 5 {
            continue;
        }
        let end = span_end(tags, and + 1);
        if sf.flags[end - 1] & gazetteer::ORG_HEAD == 0 {
            continue;
        }
        let mut start = and;
        while start > 0
            && is_capitalized_name_word(words, sf, start - 1)
            && !words[start - 1].eq_ignore_ascii_case("the")
        {
            start -= 1;
        }
        let before = &tags[start..and];
        let untagged = before.iter().all(|t| *t == 0);
        let headless_org = before.first() == Some(&5)
            && before[1..].iter().all(|t| *t == 6)
            && sf.flags[and - 1] & (gazetteer::ORG_HEAD | gazetteer::PLACE) == 0;
        let whole_run = start == 0 || !perceptron::is_inside(tags[start]);
        if start < and && whole_run && (untagged || headless_org) {
            mark(tags, start..end, 5);
        }
    }
}

/// A capitalized run ending in a company suffix ("Octel Communications Corp.", "Dow Jones &
/// Co.", "Institut Merieux S.A.") is one organization's name, whatever the tagger made of
/// its words: the suffix settles it.
fn company_suffix_cue(words: &[&str], sf: &features::SentenceFeatures, tags: &mut [usize]) {
    let capital = |i: usize| {
        sf.candidate[i]
            && words[i].chars().next().is_some_and(char::is_uppercase)
            && !words[i].eq_ignore_ascii_case("the")
    };
    for h in 1..words.len() {
        if !gazetteer::is_org_suffix(words[h]) {
            continue;
        }
        let mut s = h;
        while s > 0 && (capital(s - 1) || (words[s - 1] == "&" && s >= 2 && capital(s - 2))) {
            s -= 1;
        }
        if s == h {
            continue;
        }
        mark(tags, s..h + 1, 5);
        if let Some(next) = tags.get_mut(h + 1).filter(|t| perceptron::is_inside(**t)) {
            *next = 0;
        }
    }
}

/// An unknown all-caps word of four to eight letters ("CONAIE") in an ordinary sentence
/// that the tagger left untagged (or took for a one-word MISC name) is taken for an
/// organization's acronym; one of three letters only where a name defines it in
/// parentheses ("Kennedy Space Center (KSC)"), as others are mostly terms and units ("DNA",
/// "VIP", "USD"). The alias rules give a defined acronym the kind of its full name.
fn acronym_cue(words: &[&str], all_caps: bool, gaz: &Gazetteer, tags: &mut [usize]) {
    if all_caps {
        return;
    }
    for i in 0..words.len() {
        let w = words[i];
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let alone = matches!(tags[i], 0 | 7) && tags.get(i + 1).is_none_or(|t| !perceptron::is_inside(*t));
        if alone
            && ((4..=8).contains(&letters) || (letters == 3 && i > 0 && words[i - 1] == "("))
            && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
            && gaz.word(&w.to_lowercase()) & (gazetteer::COMMON | gazetteer::PLACE) == 0
            && !w.chars().all(|c| "IVXLCDM".contains(c))
        {
            tags[i] = 5;
        }
    }
}

/// Turns BIO tags into token spans of the three output kinds, trimming leading "the" and
/// titles, trailing possessives and punctuation, and dropping calendar words.
fn spans(words: &[&str], tags: &[usize], mut emit: impl FnMut(usize, usize, EntityKind)) {
    let kind_of = |t: usize| match t.div_ceil(2) {
        1 => Some(EntityKind::Person),
        2 => Some(EntityKind::Place),
        3 => Some(EntityKind::Organization),
        _ => None,
    };
    let mut i = 0;
    while i < tags.len() {
        if tags[i] == 0 {
            i += 1;
            continue;
        }
        let group = tags[i].div_ceil(2);
        let mut e = i + 1;
        while e < tags.len() && perceptron::is_inside(tags[e]) && tags[e].div_ceil(2) == group {
            e += 1;
        }
        let Some(kind) = kind_of(tags[i]) else {
            i = e;
            continue;
        };
        let mut s = i;
        while s < e
            && (words[s].eq_ignore_ascii_case("the")
                || (kind == EntityKind::Person && e - s > 1 && gazetteer::is_title(words[s]))
                || (e - s > 1 && is_compound_modifier(words[s])))
        {
            s += 1;
        }
        // "Secretary of State Madeleine Albright": the office after "Secretary of" is no
        // part of the name.
        if kind == EntityKind::Person
            && e - s >= 3
            && s >= 2
            && words[s - 1] == "of"
            && gazetteer::is_title(words[s - 2])
        {
            s += 1;
        }
        let mut end = e;
        while end > s && is_trailing_junk(words[end - 1]) {
            end -= 1;
        }
        let single = end == s + 1;
        if end > s && !(single && (gazetteer::is_calendar(words[s]) || words[s].chars().count() < 2)) {
            emit(s, end, kind);
        }
        i = e;
    }
}

/// A modifier compound ("IRA-allied", "Paris-based", "Soviet-era") before a name is not
/// part of it: "the IRA-allied Sinn Fein party" names Sinn Fein.
fn is_compound_modifier(word: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "allied",
        "backed",
        "based",
        "led",
        "owned",
        "funded",
        "born",
        "run",
        "controlled",
        "dominated",
        "supported",
        "style",
        "era",
        "inspired",
        "related",
        "linked",
        "affiliated",
    ];
    word.rsplit_once('-').is_some_and(|(head, suffix)| !head.is_empty() && SUFFIXES.contains(&suffix))
}

/// Possessives and punctuation that never end a name ("Inc." and "U.S." keep their period).
fn is_trailing_junk(word: &str) -> bool {
    matches!(word, "'s" | "'S" | "\u{2019}s" | "\u{2019}S" | "'" | "\u{2019}")
        || !word.chars().last().is_some_and(|c| c.is_alphanumeric() || c == '.')
}

/// Finds the entity mentions of one document, in text order, with aliases resolved within
/// the document.
pub fn recognize(text: &str) -> Vec<Mention> {
    Recognizer::embedded().recognize(text)
}

/// Resolves aliases across documents: a surname or short form whose only candidate full
/// name in the corpus is unambiguous is mapped to it. `docs` holds each document's mentions
/// as returned by [`recognize`]; `texts` the matching texts.
pub fn link_across_documents(texts: &[&str], docs: &mut [Vec<Mention>]) {
    aliases::resolve_corpus(texts, docs, &Recognizer::embedded().word_facts());
}
