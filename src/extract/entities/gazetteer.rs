//! Word lists that give the tagger prior knowledge it cannot learn from a small corpus:
//! place names (GeoNames), census first names and surnames, plus small hand-written
//! lists of demonyms, organization and place head words, person titles and calendar words.

use super::features::{FastMap, FastSet};

/// A single-token place name.
pub const PLACE: u16 = 1;
/// A census first name.
pub const FIRST: u16 = 1 << 1;
/// One of the 15,000 most frequent census surnames.
pub const LAST: u16 = 1 << 2;
/// A nationality or demonym ("Ecuadorian").
pub const DEMONYM: u16 = 1 << 3;
/// A word that heads organization names ("Court", "Party").
pub const ORG_HEAD: u16 = 1 << 4;
/// A title that precedes a person's name ("President", "Mr.").
pub const TITLE: u16 = 1 << 5;
/// A month or weekday name.
pub const CALENDAR: u16 = 1 << 6;
/// A corporate suffix ("Inc.", "Ltd").
pub const ORG_SUFFIX: u16 = 1 << 7;
/// First token of a multi-word place name.
pub const PLACE_BEGIN: u16 = 1 << 8;
/// Later token of a multi-word place name.
pub const PLACE_INSIDE: u16 = 1 << 9;
/// First token of a multi-word organization name.
pub const ORG_BEGIN: u16 = 1 << 10;
/// Later token of a multi-word organization name.
pub const ORG_INSIDE: u16 = 1 << 11;
/// A single-token well-known organization or acronym ("NATO").
pub const ORG: u16 = 1 << 12;

/// A common English word (lowercase entry of the SCOWL word list) that is not also a
/// place or census name.
pub const COMMON: u16 = 1 << 13;

/// A word that heads or starts place names ("River", "Street", "Mount").
pub const PLACE_HEAD: u16 = 1 << 14;

/// Number of flag bits above that are tagger features.
pub const FLAG_BITS: u32 = 15;

/// A rarer census surname ("Noboa", "Bucaram"): too noisy for a feature, used by the
/// surname rule only.
pub const RARE_LAST: u16 = 1 << 15;

/// Surnames ranked below this are [`RARE_LAST`].
const FREQUENT_SURNAMES: usize = 15_000;

const PLACES: &str = include_str!("../../../assets/ner/places.txt");
const FIRST_NAMES: &str = include_str!("../../../assets/ner/first_names.txt");
const SURNAMES: &str = include_str!("../../../assets/ner/surnames.txt");
const COMMON_WORDS: &str = include_str!("../../../assets/ner/common_words.txt");
const COUNTRIES: &str = include_str!("../../../assets/ner/countries.txt");

/// Everyday names of countries that GeoNames lists under another name (not "Wales" or
/// "Holland": they are surnames as often).
const COUNTRY_SHORT_NAMES: &[&str] = &[
    "Britain",
    "Great Britain",
    "England",
    "Scotland",
    "Northern Ireland",
    "Korea",
    "Burma",
    "Macedonia",
    "Congo",
    "Czech Republic",
    "Palestine",
];

/// Country abbreviations: places when the tagger found them as names, but "US" is also
/// "us", so they are no cue for untagged words.
const COUNTRY_ABBREVIATIONS: &[&str] = &["U.S.", "US", "USA", "U.S.A.", "UK", "U.K."];

const REGIONS: &[&str] = &[
    "Latin America",
    "South America",
    "North America",
    "Central America",
    "Middle East",
    "Far East",
    "Western Europe",
    "Eastern Europe",
    "Southeast Asia",
    "East Asia",
    "Central Asia",
    "South Asia",
    "West Africa",
    "East Africa",
    "North Africa",
    "Sub-Saharan Africa",
    "Balkans",
    "Caribbean",
    "Andes",
    "Amazon",
    "Gaza",
    "West Bank",
    "Siberia",
    "Scandinavia",
    "Europe",
    "Asia",
    "Africa",
    "America",
    "Britain",
    "Great Britain",
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "Soviet Union",
    "Washington",
    "Hollywood",
    "Wall Street",
    "Pacific",
    "Atlantic",
    "Mediterranean",
];

const ORGS: &[&str] = &[
    "United Nations",
    "European Union",
    "NATO",
    "UN",
    "EU",
    "IMF",
    "World Bank",
    "Red Cross",
    "OPEC",
    "FBI",
    "CIA",
    "BBC",
    "CNN",
    "Reuters",
    "Associated Press",
    "Congress",
    "Senate",
    "Pentagon",
    "Kremlin",
    "White House",
    "Supreme Court",
    "National Assembly",
    "Parliament",
    "World Health Organization",
    "WHO",
    "Interpol",
    "Al Qaeda",
    "Taliban",
    "Hamas",
    "Hezbollah",
    "Microsoft",
    "Google",
    "Apple",
    "Amazon.com",
    "Facebook",
];

const DEMONYMS: &[&str] = &[
    "American",
    "Americans",
    "British",
    "English",
    "French",
    "German",
    "Germans",
    "Italian",
    "Spanish",
    "Russian",
    "Russians",
    "Chinese",
    "Japanese",
    "Indian",
    "Indians",
    "Mexican",
    "Canadian",
    "Brazilian",
    "Argentine",
    "Argentinian",
    "Ecuadorian",
    "Ecuadorians",
    "Peruvian",
    "Colombian",
    "Venezuelan",
    "Bolivian",
    "Chilean",
    "Cuban",
    "Irish",
    "Scottish",
    "Welsh",
    "Dutch",
    "Belgian",
    "Swiss",
    "Austrian",
    "Polish",
    "Czech",
    "Hungarian",
    "Greek",
    "Turkish",
    "Iranian",
    "Iraqi",
    "Israeli",
    "Israelis",
    "Palestinian",
    "Palestinians",
    "Arab",
    "Arabs",
    "Egyptian",
    "Syrian",
    "Lebanese",
    "Saudi",
    "Afghan",
    "Pakistani",
    "Korean",
    "Vietnamese",
    "Thai",
    "Indonesian",
    "Filipino",
    "Australian",
    "African",
    "European",
    "Europeans",
    "Asian",
    "Latin",
    "Swedish",
    "Norwegian",
    "Danish",
    "Finnish",
    "Portuguese",
    "Ukrainian",
    "Soviet",
    "Nigerian",
    "Kenyan",
    "Muslim",
    "Muslims",
    "Christian",
    "Christians",
    "Jewish",
    "Catholic",
    "Protestant",
    "Islamic",
    "Western",
    "Democrat",
    "Democrats",
    "Republican",
    "Republicans",
    "Aboriginal",
    "Afghans",
    "Africans",
    "Albanian",
    "Albanians",
    "Algerian",
    "Algerians",
    "Anglican",
    "Anglicans",
    "Angolan",
    "Angolans",
    "Arabic",
    "Argentines",
    "Argentinians",
    "Armenian",
    "Armenians",
    "Asians",
    "Australians",
    "Austrians",
    "Azerbaijani",
    "Azerbaijanis",
    "Aztec",
    "Aztecs",
    "Bangladeshi",
    "Bangladeshis",
    "Baptist",
    "Baptists",
    "Basque",
    "Basques",
    "Bavarian",
    "Belarusian",
    "Belarusians",
    "Belgians",
    "Bengali",
    "Bolivians",
    "Bosnian",
    "Bosnians",
    "Brazilians",
    "Brit",
    "Briton",
    "Britons",
    "Brits",
    "Buddhist",
    "Buddhists",
    "Bulgarian",
    "Bulgarians",
    "Burmese",
    "Californian",
    "Californians",
    "Cambodian",
    "Cambodians",
    "Cameroonian",
    "Cameroonians",
    "Canadians",
    "Cantonese",
    "Catalan",
    "Catalans",
    "Catholics",
    "Celt",
    "Celtic",
    "Celts",
    "Chechen",
    "Chechens",
    "Chileans",
    "Colombians",
    "Congolese",
    "Croat",
    "Croatian",
    "Croatians",
    "Croats",
    "Cubans",
    "Cypriot",
    "Cypriots",
    "Czechs",
    "Dane",
    "Danes",
    "Dominican",
    "Dominicans",
    "Dutchman",
    "Egyptians",
    "Englishman",
    "Eritrean",
    "Eritreans",
    "Estonian",
    "Estonians",
    "Ethiopian",
    "Ethiopians",
    "Filipinos",
    "Finn",
    "Finns",
    "Flemish",
    "Frenchman",
    "Georgian",
    "Georgians",
    "Ghanaian",
    "Ghanaians",
    "Goth",
    "Goths",
    "Greeks",
    "Guatemalan",
    "Guatemalans",
    "Haitian",
    "Haitians",
    "Hebrew",
    "Hindi",
    "Hindu",
    "Hindus",
    "Hispanic",
    "Hispanics",
    "Honduran",
    "Hondurans",
    "Hungarians",
    "Icelander",
    "Icelanders",
    "Icelandic",
    "Indonesians",
    "Inuit",
    "Iranians",
    "Iraqis",
    "Italians",
    "Jamaican",
    "Jamaicans",
    "Jew",
    "Jews",
    "Jordanian",
    "Jordanians",
    "Kazakh",
    "Kazakhs",
    "Kenyans",
    "Koreans",
    "Kurd",
    "Kurdish",
    "Kurds",
    "Kuwaiti",
    "Kuwaitis",
    "Lao",
    "Laotian",
    "Laotians",
    "Latina",
    "Latino",
    "Latinos",
    "Latvian",
    "Latvians",
    "Liberian",
    "Liberians",
    "Libyan",
    "Libyans",
    "Lithuanian",
    "Lithuanians",
    "Londoner",
    "Londoners",
    "Lutheran",
    "Lutherans",
    "Malaysian",
    "Malaysians",
    "Malian",
    "Malians",
    "Maltese",
    "Mandarin",
    "Maori",
    "Mayan",
    "Methodist",
    "Methodists",
    "Mexicans",
    "Mongolian",
    "Mongolians",
    "Mormon",
    "Mormons",
    "Moroccan",
    "Moroccans",
    "Mozambican",
    "Mozambicans",
    "Namibian",
    "Namibians",
    "Nepalese",
    "Nepali",
    "Nepalis",
    "Nicaraguan",
    "Nicaraguans",
    "Nigerians",
    "Norwegians",
    "Omani",
    "Omanis",
    "Orthodox",
    "Pakistanis",
    "Panamanian",
    "Panamanians",
    "Paraguayan",
    "Paraguayans",
    "Parisian",
    "Parisians",
    "Pashtun",
    "Pashtuns",
    "Persian",
    "Persians",
    "Peruvians",
    "Pole",
    "Poles",
    "Presbyterian",
    "Presbyterians",
    "Protestants",
    "Prussian",
    "Prussians",
    "Punjabi",
    "Qatari",
    "Qataris",
    "Romanian",
    "Romanians",
    "Rwandan",
    "Rwandans",
    "Salvadoran",
    "Salvadorans",
    "Sanskrit",
    "Saudis",
    "Scandinavian",
    "Scandinavians",
    "Scots",
    "Senegalese",
    "Serb",
    "Serbian",
    "Serbians",
    "Serbs",
    "Shia",
    "Shiite",
    "Shiites",
    "Sikh",
    "Sikhs",
    "Singaporean",
    "Singaporeans",
    "Slav",
    "Slavic",
    "Slavs",
    "Slovak",
    "Slovaks",
    "Slovene",
    "Slovenes",
    "Slovenian",
    "Slovenians",
    "Somali",
    "Somalis",
    "Spaniard",
    "Spaniards",
    "Sudanese",
    "Sunni",
    "Sunnis",
    "Swahili",
    "Swede",
    "Swedes",
    "Syrians",
    "Tagalog",
    "Taiwanese",
    "Tamil",
    "Tamils",
    "Tanzanian",
    "Tanzanians",
    "Tatar",
    "Tatars",
    "Texan",
    "Texans",
    "Thais",
    "Tibetan",
    "Tibetans",
    "Tunisian",
    "Tunisians",
    "Turk",
    "Turks",
    "Ugandan",
    "Ugandans",
    "Uighur",
    "Uighurs",
    "Ukrainians",
    "Urdu",
    "Uruguayan",
    "Uruguayans",
    "Uyghur",
    "Uyghurs",
    "Uzbek",
    "Uzbeks",
    "Venezuelans",
    "Yemeni",
    "Yemenis",
    "Yiddish",
    "Zambian",
    "Zambians",
    "Zimbabwean",
    "Zimbabweans",
];

const ORG_HEADS: &[&str] = &[
    "Court",
    "Party",
    "Ministry",
    "Army",
    "Navy",
    "Congress",
    "University",
    "College",
    "Institute",
    "Bank",
    "Council",
    "Union",
    "Assembly",
    "Parliament",
    "Senate",
    "Committee",
    "Commission",
    "Association",
    "Federation",
    "Confederation",
    "Organization",
    "Organisation",
    "Agency",
    "Department",
    "Office",
    "Corporation",
    "Company",
    "Group",
    "Foundation",
    "Society",
    "League",
    "Club",
    "Church",
    "Front",
    "Movement",
    "Alliance",
    "Board",
    "Bureau",
    "Authority",
    "Police",
    "Guard",
    "Forces",
    "Force",
    "School",
    "Academy",
    "Museum",
    "Hospital",
    "Times",
    "Post",
    "Journal",
    "News",
    "Press",
    "Television",
    "Radio",
    "Airlines",
    "Airways",
    "Motors",
    "Industries",
    "Holdings",
    "Partners",
    "Fund",
    "Trust",
    "Coalition",
    "Government",
    "Cabinet",
    "Tribunal",
    "Service",
    "Directorate",
    "Secretariat",
    "Network",
    "Team",
    "United",
    "FC",
];

/// Generic words of place names: a name around one is more likely a place than a person
/// ("Hancock Brook", "Port Hutt", "Davis Gym").
const PLACE_HEADS: &[&str] = &[
    "Street",
    "St.",
    "Avenue",
    "Ave.",
    "Road",
    "Rd.",
    "Boulevard",
    "Blvd.",
    "Lane",
    "Highway",
    "Route",
    "Square",
    "Plaza",
    "Bridge",
    "Tunnel",
    "River",
    "Creek",
    "Brook",
    "Lake",
    "Reservoir",
    "Pond",
    "Bay",
    "Gulf",
    "Sea",
    "Ocean",
    "Strait",
    "Channel",
    "Harbor",
    "Harbour",
    "Port",
    "Island",
    "Islands",
    "Isle",
    "Peninsula",
    "Cape",
    "Coast",
    "Beach",
    "Mountain",
    "Mountains",
    "Mount",
    "Mt.",
    "Hill",
    "Hills",
    "Valley",
    "Canyon",
    "Desert",
    "Forest",
    "Park",
    "Garden",
    "Gardens",
    "Falls",
    "Glacier",
    "Volcano",
    "County",
    "Province",
    "District",
    "Region",
    "Territory",
    "Village",
    "Township",
    "Parish",
    "Airport",
    "Station",
    "Stadium",
    "Arena",
    "Palace",
    "Castle",
    "Cathedral",
    "Temple",
    "Mosque",
    "Tower",
    "Building",
    "Plains",
    "Basin",
    "Delta",
    "Marsh",
    "Swamp",
    "Springs",
    "Heights",
    "Playfield",
    "Gym",
    "Reserve",
];

const TITLES: &[&str] = &[
    "President",
    "Vice-President",
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Dr",
    "Dr.",
    "Prof.",
    "Professor",
    "General",
    "Gen.",
    "Minister",
    "Senator",
    "Sen.",
    "Governor",
    "Gov.",
    "Judge",
    "Justice",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Sir",
    "Lord",
    "Lady",
    "Colonel",
    "Col.",
    "Captain",
    "Capt.",
    "Lieutenant",
    "Sergeant",
    "Admiral",
    "Commander",
    "Chairman",
    "Chancellor",
    "Premier",
    "Secretary",
    "Ambassador",
    "Bishop",
    "Archbishop",
    "Cardinal",
    "Rev.",
    "Reverend",
    "Father",
    "Sister",
    "Saint",
    "Mayor",
    "Representative",
    "Rep.",
    "Speaker",
    "Sheikh",
    "Ayatollah",
    "Emperor",
    "Chief",
    "Director",
    "Coach",
    "Detective",
    "Officer",
    "Inspector",
    "Mme",
    "Mme.",
    "Superintendent",
    "Constable",
    "Commissioner",
    "Sheriff",
    "Marshal",
    "Congressman",
    "Congresswoman",
    "Councilman",
    "Councillor",
    "Rabbi",
    "Imam",
    "Pastor",
    "Deacon",
    "Duke",
    "Archduke",
    "Archduchess",
    "Marquis",
    "Viscount",
    "Countess",
    "Empress",
    "Tsar",
    "Czar",
    "Duchess",
    "Baron",
    "Baroness",
    "Dame",
    "Doctor",
    "Msgr.",
    "Lt.",
    "Sgt.",
    "Cpl.",
    "Corporal",
    "Maj.",
    "Brig.",
    "Prosecutor",
    "Magistrate",
    "Chairwoman",
    "Secretary-General",
];

const CALENDAR_WORDS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Jan",
    "Feb",
    "Aug",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Christmas",
    "Easter",
];

const ORG_SUFFIXES: &[&str] = &[
    "Inc", "Inc.", "Corp", "Corp.", "Ltd", "Ltd.", "Co.", "Cos.", "LLC", "plc", "PLC", "GmbH", "AG", "SA",
    "NV", "SpA", "LP",
];

/// The loaded lists: flags per lowercased single token, and multi-word names by their
/// lowercased first token.
pub struct Gazetteer {
    words: FastMap<u16>,
    phrases: FastMap<Vec<(Vec<String>, u16)>>,
    countries: FastSet,
    country_names: FastSet,
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Gazetteer {
    /// Builds the lists from the embedded files and constants.
    pub fn load() -> Self {
        let mut g = Gazetteer {
            words: FastMap::with_capacity_and_hasher(180_000, Default::default()),
            phrases: FastMap::default(),
            countries: lines(COUNTRIES)
                .chain(COUNTRY_SHORT_NAMES.iter().copied())
                .filter(|c| !c.contains(' '))
                .map(str::to_lowercase)
                .collect(),
            country_names: lines(COUNTRIES)
                .chain(COUNTRY_SHORT_NAMES.iter().chain(COUNTRY_ABBREVIATIONS).copied())
                .map(str::to_lowercase)
                .collect(),
        };
        for name in lines(PLACES).chain(REGIONS.iter().copied()) {
            g.add(name, PLACE, PLACE_BEGIN);
        }
        for name in ORGS {
            g.add(name, ORG, ORG_BEGIN);
        }
        for name in lines(FIRST_NAMES) {
            g.add_word(name, FIRST);
        }
        for (rank, name) in lines(SURNAMES).enumerate() {
            g.add_word(name, if rank < FREQUENT_SURNAMES { LAST } else { RARE_LAST });
        }
        let names = PLACE | FIRST | LAST;
        for word in lines(COMMON_WORDS) {
            let flags = g.words.entry(word.to_string()).or_default();
            if *flags & names == 0 {
                *flags |= COMMON;
            }
        }
        for (list, flag) in [
            (DEMONYMS, DEMONYM),
            (ORG_HEADS, ORG_HEAD),
            (TITLES, TITLE),
            (CALENDAR_WORDS, CALENDAR),
            (ORG_SUFFIXES, ORG_SUFFIX),
            (PLACE_HEADS, PLACE_HEAD),
        ] {
            for name in list {
                g.add_word(name, flag);
            }
        }
        g
    }

    fn add_word(&mut self, word: &str, flag: u16) {
        *self.words.entry(word.to_lowercase()).or_default() |= flag;
    }

    fn add(&mut self, name: &str, single: u16, begin: u16) {
        let parts: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
        match parts.len() {
            0 => {}
            1 => self.add_word(name, single),
            _ => {
                let first = parts[0].clone();
                self.phrases.entry(first).or_default().push((parts, begin));
            }
        }
    }

    /// Whether a lowercased token is a one-word country, US state or continent name.
    pub fn is_country(&self, lower: &str) -> bool {
        self.countries.contains(lower)
    }

    /// Whether lowercased words joined by single spaces ("south korea", "u.s.") name a
    /// country, US state or continent, however many words it takes.
    pub fn is_country_name(&self, lower: &str) -> bool {
        self.country_names.contains(lower)
    }

    /// Flags of one lowercased token.
    pub fn word(&self, lower: &str) -> u16 {
        self.words.get(lower).copied().unwrap_or(0)
    }

    /// Adds the multi-word match flags to `flags` for a sentence given its lowercased
    /// tokens; the longest name starting at a token wins.
    pub fn mark_phrases(&self, lower: &[&str], flags: &mut [u16]) {
        let mut i = 0;
        while i < lower.len() {
            let mut best: Option<(usize, u16)> = None;
            if let Some(cands) = self.phrases.get(lower[i]) {
                for (parts, f) in cands {
                    let n = parts.len();
                    if i + n <= lower.len()
                        && best.is_none_or(|(bn, _)| n > bn)
                        && parts.iter().zip(&lower[i..]).all(|(a, b)| a == b)
                    {
                        best = Some((n, *f));
                    }
                }
            }
            match best {
                Some((n, f)) => {
                    let (begin, inside) = if f & PLACE_BEGIN != 0 {
                        (PLACE_BEGIN, PLACE_INSIDE)
                    } else {
                        (ORG_BEGIN, ORG_INSIDE)
                    };
                    flags[i] |= begin;
                    for fl in &mut flags[i + 1..i + n] {
                        *fl |= inside;
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
    }
}

/// Whether `word` is a person title in any case ("President", "president", "Mr.",
/// "Vice-Chairman"), for the title cue rule.
pub fn is_title(word: &str) -> bool {
    TITLES.iter().any(|t| t.eq_ignore_ascii_case(word))
        || word
            .split_once('-')
            .is_some_and(|(vice, title)| vice.eq_ignore_ascii_case("vice") && is_title(title))
}

/// Whether `word` is a company suffix ("Inc.", "Ltd", "GmbH", "S.A."; exact case but for
/// periods), which ends only an organization's name.
pub fn is_org_suffix(word: &str) -> bool {
    ORG_SUFFIXES.contains(&word)
        || word.contains('.') && ORG_SUFFIXES.contains(&word.replace('.', "").as_str())
}

/// Whether `word` is a generic head of institution names ("Court", "League", "Senate";
/// exact case), which alone can stand for the one such institution a text named.
pub fn is_org_head(word: &str) -> bool {
    ORG_HEADS.contains(&word)
}

/// Whether the set of calendar words holds `word` (exact case).
pub fn is_calendar(word: &str) -> bool {
    CALENDAR_WORDS.contains(&word)
}
