//! Alias resolution: surnames to full names, acronyms and short forms to the names they
//! abbreviate, within one document and across a corpus. A short form with two different
//! candidate full names is ambiguous and keeps its own text.

use std::collections::{BTreeSet, HashMap};

use super::{EntityKind, Mention, gazetteer};

/// Well-known short forms whose full name rarely appears spelled out.
const KNOWN: &[(&str, &str)] = &[
    ("U.S.", "United States"),
    ("US", "United States"),
    ("U.S.A.", "United States"),
    ("USA", "United States"),
    ("U.K.", "United Kingdom"),
    ("UK", "United Kingdom"),
    ("U.N.", "United Nations"),
    ("UN", "United Nations"),
    ("EU", "European Union"),
    ("E.U.", "European Union"),
    ("U.S.S.R.", "Soviet Union"),
    ("USSR", "Soviet Union"),
    ("UAE", "United Arab Emirates"),
];

/// The text of a mention with whitespace collapsed and a trailing possessive removed.
pub fn normalize(text: &str) -> String {
    let t = text.strip_suffix("'s").or_else(|| text.strip_suffix("\u{2019}s")).unwrap_or(text);
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Known full name of a short form, if any.
pub fn known_alias(short: &str) -> Option<&'static str> {
    KNOWN.iter().find(|(s, _)| *s == short).map(|(_, f)| *f)
}

fn initials(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let s: String = words.iter().filter_map(|w| w.chars().next().filter(|c| c.is_uppercase())).collect();
    (s.chars().count() >= 2).then_some(s)
}

/// Whether a name is written as an acronym ("NATO", "U.N.", "AT&T"): two or more
/// letters, all capitals.
pub(super) fn is_acronym(text: &str) -> bool {
    let letters: String = text.chars().filter(|c| !matches!(c, '.' | '&')).collect();
    letters.chars().count() >= 2 && letters.chars().all(|c| c.is_uppercase())
}

/// Whether `short` is an acronym of `full`: its letters are, in order, capitals of `full`,
/// starting with the first ("NATO" for "North Atlantic Treaty Organization", "KSC" for
/// "Kennedy Space Center"), so that "Northern Ireland (AP)" defines nothing.
fn abbreviates(short: &str, full: &str) -> bool {
    if !is_acronym(short) {
        return false;
    }
    let mut capitals = full.chars().filter(|c| c.is_uppercase());
    let mut letters = short.chars().filter(|c| *c != '.');
    letters.next().is_some_and(|first| capitals.next() == Some(first))
        && letters.all(|letter| capitals.any(|c| c == letter))
}

/// Candidate full names per short form, collected from multi-word mentions.
#[derive(Default)]
struct Index {
    surnames: HashMap<String, BTreeSet<String>>,
    /// Full person names by their first word ("Marie" for "Marie Curie").
    given_names: HashMap<String, BTreeSet<String>>,
    acronyms: HashMap<String, BTreeSet<(String, EntityKind)>>,
    /// Company names without their suffix ("Unisys" for "Unisys Corp.").
    companies: HashMap<String, BTreeSet<String>>,
    /// Shorter beginnings of company names ("Polly Peck" for "Polly Peck International
    /// Inc."), and their last words ("Merieux" for "Institut Merieux S.A.").
    company_parts: HashMap<String, BTreeSet<String>>,
    /// Institutions by their generic head word ("League" for "League of Nations",
    /// "Senate" for "United States Senate").
    org_heads: HashMap<String, BTreeSet<String>>,
}

impl Index {
    fn add(&mut self, m: &Mention) {
        let words: Vec<&str> = m.canonical.split_whitespace().collect();
        if words.len() < 2 {
            return;
        }
        if m.kind == EntityKind::Person {
            // An acronym ending a "person" ("Lisa Stark ABC" from a sign-off) is no surname.
            if let Some(last) = words.last().filter(|last| !is_acronym(last)) {
                self.surnames.entry((*last).to_string()).or_default().insert(m.canonical.clone());
            }
            if !words[0].contains('.') {
                self.given_names.entry(words[0].to_string()).or_default().insert(m.canonical.clone());
            }
            return;
        }
        if m.kind == EntityKind::Organization
            && let Some((suffix, name)) = words.split_last()
            && gazetteer::is_org_suffix(suffix)
        {
            let name = name.strip_suffix(&["&"]).unwrap_or(name);
            if !name.is_empty() {
                self.companies.entry(name.join(" ")).or_default().insert(m.canonical.clone());
            }
            // Beginnings of up to three words: enough for "Polly Peck" of "Polly Peck
            // International Inc.", and no quadratic pile of strings for a runaway name.
            let beginnings = (1..name.len().min(4)).map(|end| name[..end].join(" "));
            for part in beginnings.chain(name.last().filter(|_| name.len() > 1).map(|w| w.to_string())) {
                self.company_parts.entry(part).or_default().insert(m.canonical.clone());
            }
        }
        if m.kind == EntityKind::Organization {
            for head in words.iter().filter(|w| gazetteer::is_org_head(w)) {
                self.org_heads.entry(head.to_string()).or_default().insert(m.canonical.clone());
            }
        }
        if let Some(init) = initials(&m.canonical) {
            self.acronyms.entry(init).or_default().insert((m.canonical.clone(), m.kind));
        }
    }

    /// The unique full name (and kind) that `m` abbreviates: a company without its suffix
    /// or a part of it ("Unisys" for "Unisys Corp.", "Polly Peck" for "Polly Peck
    /// International Inc."), a surname or an acronym.
    fn resolve(&self, m: &Mention, facts: &WordFacts) -> Option<(String, EntityKind)> {
        // A company's name or a part of it ("Bethlehem" of "Bethlehem Steel Corp.", "Merieux"
        // of "Institut Merieux S.A.") stands for it, but a place the tagger found stays a
        // place unless it is one word no list knows ("Los Angeles" is not "Los Angeles Times
        // Co."), and a part must not mean something else on its own ("Steel", "Roy").
        let flags = (facts.flags)(&m.canonical);
        let place =
            m.kind == EntityKind::Place && (m.canonical.contains(' ') || flags & gazetteer::PLACE != 0);
        let generic = gazetteer::COMMON | gazetteer::ORG_HEAD | gazetteer::FIRST | gazetteer::TITLE;
        let part = self.company_parts.get(&m.canonical).filter(|_| flags & generic == 0);
        let company = self.companies.get(&m.canonical).or(part).filter(|_| !place);
        let surname = self.surnames.get(&m.canonical).filter(|_| !m.canonical.contains(' '));
        if let Some(full) = company {
            let unique = full.len() == 1 && surname.is_none();
            return unique.then(|| full.first().map(|f| (f.clone(), EntityKind::Organization))).flatten();
        }
        if m.canonical.contains(' ') {
            return None;
        }
        if let Some(full) = surname {
            let only = full.first().filter(|_| full.len() == 1)?;
            // The "person" is a company without its suffix ("Merieux" of "Institut Merieux",
            // which is "Institut Merieux S.A."): the company it is.
            return match self.companies.get(only) {
                Some(company) if company.len() == 1 => {
                    company.first().map(|c| (c.clone(), EntityKind::Organization))
                }
                _ => Some((only.clone(), EntityKind::Person)),
            };
        }
        // "Marie" after "Marie Curie", when no other full name starts with it: stories
        // call people by their first names too.
        if m.kind == EntityKind::Person
            && let Some(full) = self.given_names.get(&m.canonical).filter(|full| full.len() == 1)
        {
            return full.first().map(|f| (f.clone(), EntityKind::Person));
        }
        if is_acronym(&m.canonical) {
            let key: String = m.canonical.chars().filter(|c| *c != '.').collect();
            if let Some(full) = self.acronyms.get(&key) {
                return (full.len() == 1).then(|| full.first().cloned()).flatten();
            }
        }
        // "the League" after "the League of Nations", "the Senate" after "the United States
        // Senate": the one institution of the document with that head word.
        let heads = self.org_heads.get(&m.canonical).filter(|_| m.kind == EntityKind::Organization)?;
        (heads.len() == 1)
            .then(|| heads.first().map(|full| (full.clone(), EntityKind::Organization)))
            .flatten()
    }
}

/// What the gazetteers know of a word: its flags, and whether it is a country name.
pub struct WordFacts<'a> {
    /// The gazetteer flags of a word.
    pub flags: Box<dyn Fn(&str) -> u16 + 'a>,
    /// Whether a word is a one-word country, US state or continent name.
    pub is_country: Box<dyn Fn(&str) -> bool + 'a>,
}

impl WordFacts<'_> {
    /// Whether a full name starts with a known first name ("Michael Jordan", "Manuel
    /// Belgrano"), which makes its last word a surname even when it is also a place.
    fn starts_with_first_name(&self, name: &str) -> bool {
        name.split_whitespace().next().is_some_and(|w| (self.flags)(w) & gazetteer::FIRST != 0)
    }
}

/// Sets the canonical names of one document's mentions.
pub fn resolve_document(text: &str, mentions: &mut [Mention], facts: &WordFacts) {
    let mut index = Index::default();
    for m in mentions.iter_mut() {
        m.canonical = normalize(&text[m.start..m.end]);
    }
    recase_caps(mentions, facts);
    vote_kinds(mentions);
    for m in mentions.iter() {
        index.add(m);
    }
    drop_place_like_surnames(mentions, &mut index, facts);
    let longer = longer_forms(&index);
    for m in mentions.iter_mut() {
        if let Some(full) = longer.get(&m.canonical) {
            m.canonical = full.clone();
        }
    }
    for names in index.surnames.values_mut() {
        *names = names.iter().map(|name| longer.get(name).unwrap_or(name).clone()).collect();
    }
    for k in 1..mentions.len() {
        let between = &text[mentions[k - 1].end..mentions[k].start];
        if between.trim() == "(" && abbreviates(&mentions[k].canonical, &mentions[k - 1].canonical) {
            let full = mentions[k - 1].canonical.clone();
            let key: String = mentions[k].canonical.chars().filter(|c| *c != '.').collect();
            index.acronyms.entry(key).or_default().insert((full, mentions[k - 1].kind));
        }
    }
    for m in mentions.iter_mut() {
        if let Some((full, kind)) = index.resolve(m, facts) {
            m.canonical = full;
            m.kind = kind;
        } else if let Some(full) = known_alias(&m.canonical) {
            m.canonical = full.to_string();
        }
    }
}

/// Person names that are a shorter form of exactly one longer name in the document, with
/// the same first and last word and the rest of its words in order ("Joshua Norton" for
/// "Joshua Abraham Norton", "John Kennedy" for "John F. Kennedy"), mapped to that name: one
/// person, so the bare surname is not ambiguous between them.
fn longer_forms(index: &Index) -> HashMap<String, String> {
    let words = |name: &str| name.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    let shorter_form = |short: &[String], long: &[String]| {
        let mut rest = long[1..long.len() - 1].iter();
        short.len() < long.len()
            && short.first() == long.first()
            && short.last() == long.last()
            && short[1..short.len() - 1].iter().all(|word| rest.any(|other| other == word))
    };
    let mut longer = HashMap::new();
    for names in index.surnames.values() {
        let split: Vec<(&String, Vec<String>)> = names.iter().map(|name| (name, words(name))).collect();
        for (name, short) in &split {
            let mut candidates = split.iter().filter(|(_, long)| shorter_form(short, long));
            if let (Some((long, _)), None) = (candidates.next(), candidates.next()) {
                longer.insert((*name).clone(), (*long).clone());
            }
        }
    }
    longer
}

/// Forgets the surname links of known place names that the document mostly tags as
/// something other than a person when they stand alone, and of country names, unless a
/// full name starts with a known first name: one "Old Athens" taken for a person must not
/// turn fifteen "Athens" places into people, nor "Environment Canada" taken for a person
/// every "Canada"; but "Manuel Belgrano" makes the "Belgrano"s people and "Michael Jordan"
/// the "Jordan"s.
fn drop_place_like_surnames(mentions: &[Mention], index: &mut Index, facts: &WordFacts) {
    let mut person: HashMap<&str, isize> = HashMap::new();
    for m in mentions {
        let words: Vec<&str> = m.canonical.split_whitespace().collect();
        match (words.len(), m.kind) {
            (1, EntityKind::Person) => *person.entry(words[0]).or_default() += 1,
            (1, _) => *person.entry(words[0]).or_default() -= 1,
            (_, EntityKind::Person) => {
                if let Some(last) = words.last() {
                    *person.entry(last).or_default() += 1;
                }
            }
            _ => {}
        }
    }
    index.surnames.retain(|s, full| {
        !(facts.is_country)(s)
            && ((facts.flags)(s) & gazetteer::PLACE == 0 || person.get(s.as_str()).is_none_or(|v| *v > 0))
            || full.iter().any(|f| facts.starts_with_first_name(f))
    });
}

/// Gives an all-caps mention ("QUITO", "LUCIO GUTIERREZ") the spelling of a mixed-case
/// mention of the same name in the document, so both count as one entity; without one, a
/// one-word place the lists know ("BRUSSELS, Oct 4 (Reuters) -") is spelled as a name,
/// so it meets the "Brussels" of other documents.
fn recase_caps(mentions: &mut [Mention], facts: &WordFacts) {
    let is_caps = |t: &str| !t.chars().any(char::is_lowercase);
    let spellings: HashMap<String, String> = mentions
        .iter()
        .filter(|m| !is_caps(&m.canonical))
        .map(|m| (m.canonical.to_lowercase(), m.canonical.clone()))
        .collect();
    for m in mentions.iter_mut().filter(|m| is_caps(&m.canonical)) {
        let lower = m.canonical.to_lowercase();
        if let Some(s) = spellings.get(&lower) {
            m.canonical = s.clone();
        } else if m.kind == EntityKind::Place
            && lower.chars().count() >= 4
            && lower.chars().all(char::is_alphabetic)
            && (facts.flags)(&lower) & (gazetteer::PLACE | gazetteer::ORG) == gazetteer::PLACE
        {
            let mut letters = lower.chars();
            m.canonical = letters.next().into_iter().flat_map(char::to_uppercase).chain(letters).collect();
        }
    }
}

/// Gives all mentions with the same text the kind most of them have (the first seen on a
/// tie), so one sentence's context fixes another's ("president Noboa" and "Noboa").
fn vote_kinds(mentions: &mut [Mention]) {
    let mut votes: HashMap<&str, [usize; 3]> = HashMap::new();
    let slot = |k: EntityKind| match k {
        EntityKind::Person => 0,
        EntityKind::Place => 1,
        EntityKind::Organization => 2,
    };
    for m in mentions.iter() {
        votes.entry(m.canonical.as_str()).or_default()[slot(m.kind)] += 1;
    }
    let winners: HashMap<String, EntityKind> = votes
        .into_iter()
        .filter(|(_, v)| v.iter().filter(|c| **c > 0).count() > 1)
        .map(|(t, v)| {
            let best = (0..3).max_by_key(|k| (v[*k], 3 - k)).unwrap_or(0);
            let kind = [EntityKind::Person, EntityKind::Place, EntityKind::Organization][best];
            (t.to_string(), kind)
        })
        .collect();
    for m in mentions.iter_mut() {
        if let Some(k) = winners.get(&m.canonical) {
            m.kind = *k;
        }
    }
}

/// Maps still-unresolved one-word mentions (those whose canonical name is their own text)
/// to the unique full name found anywhere in the corpus. A place or country name is not
/// taken for the surname of a "person" that does not start with a first name: "Canada" in
/// one document is not "Environment Canada", mistagged a person in another.
pub fn resolve_corpus(texts: &[&str], docs: &mut [Vec<Mention>], facts: &WordFacts) {
    let mut index = Index::default();
    for m in docs.iter().flatten() {
        index.add(m);
    }
    for (text, doc) in texts.iter().zip(docs.iter_mut()) {
        for m in doc.iter_mut() {
            let own = text.get(m.start..m.end).map(normalize);
            if own.as_deref() != Some(m.canonical.as_str()) || m.canonical.contains(' ') {
                continue;
            }
            if let Some((full, kind)) = index.resolve(m, facts) {
                let place_word = m.kind != EntityKind::Person
                    && ((facts.is_country)(&m.canonical)
                        || (facts.flags)(&m.canonical) & gazetteer::PLACE != 0);
                if kind == EntityKind::Person && place_word && !facts.starts_with_first_name(&full) {
                    continue;
                }
                m.canonical = full;
                m.kind = kind;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Mentions of the words of `text` listed in `spans` (word ranges with kinds).
    fn mentions(text: &str, spans: &[(&str, EntityKind)]) -> Vec<Mention> {
        let mut from = 0;
        spans
            .iter()
            .map(|(name, kind)| {
                let start = from + text[from..].find(name).unwrap_or(0);
                from = start + name.len();
                Mention { start, end: from, kind: *kind, canonical: String::new() }
            })
            .collect()
    }

    fn facts() -> WordFacts<'static> {
        WordFacts { flags: Box::new(flags), is_country: Box::new(|word| word == "Canada") }
    }

    fn flags(word: &str) -> u16 {
        match word {
            "Athens" | "Belgrano" | "Bethlehem" => gazetteer::PLACE,
            "Manuel" => gazetteer::FIRST,
            _ => 0,
        }
    }

    #[test]
    fn one_odd_full_name_does_not_turn_places_into_people() {
        use EntityKind::{Person, Place};
        let text = "Old Athens. Athens grew. Athens fell.";
        let mut ms = mentions(text, &[("Old Athens", Person), ("Athens", Place), ("Athens", Place)]);
        resolve_document(text, &mut ms, &facts());
        assert_eq!(ms[1].kind, Place);
        assert_eq!(ms[2].canonical, "Athens");
        let text = "Manuel Belgrano came. Belgrano won. Belgrano left.";
        let mut ms = mentions(text, &[("Manuel Belgrano", Person), ("Belgrano", Place), ("Belgrano", Place)]);
        resolve_document(text, &mut ms, &facts());
        assert_eq!((ms[1].kind, ms[2].canonical.as_str()), (Person, "Manuel Belgrano"));
        // A country is no surname, even with more "person" votes than place ones.
        let text = "Environment Canada said. Environment Canada agreed. Canada signed.";
        let spans = [("Environment Canada", Person), ("Environment Canada", Person), ("Canada", Place)];
        let mut ms = mentions(text, &spans);
        resolve_document(text, &mut ms, &facts());
        assert_eq!((ms[2].kind, ms[2].canonical.as_str()), (Place, "Canada"));
    }

    #[test]
    fn only_matching_capitals_define_an_acronym() {
        assert!(abbreviates("NATO", "North Atlantic Treaty Organization"));
        assert!(abbreviates("KSC", "Kennedy Space Center"));
        assert!(abbreviates("U.N.", "United Nations"));
        assert!(abbreviates("OPEC", "Organization of the Petroleum Exporting Countries"));
        assert!(!abbreviates("AP", "Northern Ireland"));
        assert!(!abbreviates("NATO", "Nato"));
        assert!(!abbreviates("Paris", "Port Authority"));
    }

    #[test]
    fn a_company_is_named_without_its_suffix_unless_a_place_is_meant() {
        use EntityKind::{Organization, Person, Place};
        let resolved = |text: &str, spans: &[(&str, EntityKind)]| {
            let mut ms = mentions(text, spans);
            resolve_document(text, &mut ms, &facts());
            ms.into_iter().map(|m| (m.canonical, m.kind)).collect::<Vec<_>>()
        };
        let full = || ("Bethlehem Steel Corp.".to_string(), Organization);
        let text = "Bethlehem Steel Corp. grew. Bethlehem Steel hired. Bethlehem said.";
        let spans =
            [("Bethlehem Steel Corp.", Organization), ("Bethlehem Steel", Person), ("Bethlehem", Person)];
        assert_eq!(resolved(text, &spans), [full(), full(), full()]);
        let text = "Bethlehem Steel Corp. grew. It hired in Bethlehem.";
        let spans = [("Bethlehem Steel Corp.", Organization), ("Bethlehem", Place)];
        assert_eq!(resolved(text, &spans), [full(), ("Bethlehem".to_string(), Place)]);
        // A word no list knows as a place is the company, whatever the tagger said.
        let text = "Cineplex Odeon Corp. grew. Cineplex said.";
        let spans = [("Cineplex Odeon Corp.", Organization), ("Cineplex", Place)];
        let company = ("Cineplex Odeon Corp.".to_string(), Organization);
        assert_eq!(resolved(text, &spans), [company.clone(), company]);
    }

    #[test]
    fn a_shorter_full_name_is_the_same_person_and_the_surname_follows() {
        use EntityKind::Person;
        let text = "Joshua Abraham Norton arrived. Joshua Norton stayed. Norton ruled.";
        let mut ms = mentions(
            text,
            &[("Joshua Abraham Norton", Person), ("Joshua Norton", Person), ("Norton", Person)],
        );
        resolve_document(text, &mut ms, &facts());
        let canonical: Vec<&str> = ms.iter().map(|m| m.canonical.as_str()).collect();
        assert_eq!(canonical, ["Joshua Abraham Norton"; 3]);

        // Two different middle names: two people, and the surname stays ambiguous.
        let text = "John Adam Smith came. John Bob Smith left. John Smith spoke. Smith won.";
        let spans = [
            ("John Adam Smith", Person),
            ("John Bob Smith", Person),
            ("John Smith", Person),
            ("Smith", Person),
        ];
        let mut ms = mentions(text, &spans);
        resolve_document(text, &mut ms, &facts());
        let canonical: Vec<&str> = ms.iter().map(|m| m.canonical.as_str()).collect();
        assert_eq!(canonical, ["John Adam Smith", "John Bob Smith", "John Smith", "Smith"]);
    }
}
