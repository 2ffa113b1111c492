//! Table-driven checks of entity recognition; the cases live in `data/entity_cases.tsv`
//! (the span is looked up at its last occurrence in the text).

use chronoscope::extract::entities::{EntityKind, Mention, link_across_documents, recognize};

const CASES: &str = include_str!("data/entity_cases.tsv");

/// Checks one row; `Err` describes the failure.
fn check(text: &str, span: &str, kind: &str, canonical: &str) -> Result<(), String> {
    let mentions = recognize(text);
    let start = text.rfind(span).ok_or_else(|| format!("span {span:?} not in text"))?;
    let end = start + span.len();
    let found: Vec<String> =
        mentions.iter().map(|m| format!("{}:{}", m.kind.as_str(), &text[m.start..m.end])).collect();
    if kind == "none" {
        return match mentions.iter().find(|m| m.start < end && start < m.end) {
            Some(m) => Err(format!("{span:?} is inside mention {m:?}; found {found:?}")),
            None => Ok(()),
        };
    }
    let m = mentions
        .iter()
        .find(|m| m.start == start && m.end == end)
        .ok_or_else(|| format!("no mention exactly at {span:?}; found {found:?}"))?;
    if m.kind.as_str() != kind {
        return Err(format!("{span:?} is {:?}, want {kind}", m.kind));
    }
    if !canonical.is_empty() && m.canonical != canonical {
        return Err(format!("{span:?} canonical {:?}, want {canonical:?}", m.canonical));
    }
    Ok(())
}

#[test]
fn entity_table() {
    let mut failures = 0;
    let mut rows = 0;
    for (n, line) in CASES.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let text = cols[0].replace("\\n", "\n");
        let canonical = cols.get(3).copied().unwrap_or("");
        rows += 1;
        if let Err(e) = check(&text, cols[1], cols[2], canonical) {
            failures += 1;
            println!("row {} FAILED: {e}\n    text: {}", n + 1, cols[0]);
        }
    }
    assert_eq!(failures, 0, "{failures} of {rows} rows failed");
}

#[test]
fn offsets_are_on_char_boundaries_and_ordered() {
    let text = "Ça va? Gutiérrez’s ÉCUADOR — Zoë Müller met François Hollande in Zürich.";
    let mentions = recognize(text);
    assert!(mentions.windows(2).all(|w| w[0].start <= w[1].start));
    for m in &mentions {
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end) && m.start < m.end);
    }
}

#[test]
fn links_surnames_across_documents() {
    let texts = [
        "Lucio Gutierrez was ousted in Quito.",
        "Gutierrez fled to Brazil.",
        "John Smith and Anna Smith met.",
        "In Quito, Smith spoke to reporters.",
    ];
    let mut docs: Vec<Vec<Mention>> = texts.iter().map(|t| recognize(t)).collect();
    link_across_documents(&texts, &mut docs);
    let canon = |d: usize, span: &str| {
        docs[d].iter().find(|m| &texts[d][m.start..m.end] == span).map(|m| (m.kind, m.canonical.clone()))
    };
    assert_eq!(canon(1, "Gutierrez"), Some((EntityKind::Person, "Lucio Gutierrez".to_string())));
    assert_eq!(canon(3, "Smith").map(|c| c.1), Some("Smith".to_string()));
}

#[test]
fn odd_inputs_never_panic() {
    let pieces = [
        "",
        " ",
        "\n\n",
        "'s",
        "’",
        "U.S.",
        "Mr.",
        "É",
        "ÉCOLE",
        "日本",
        "🙂",
        "--",
        "\"",
        "(",
        ")",
        "O'",
        "A-",
        "-B",
        "1,2",
        "3.",
        ".",
        "Dr",
        "of",
        "the",
        "Gutiérrez",
        "CONAIE",
        "\r\n",
        "\t",
        "X.Y.Z",
        "’s’s",
    ];
    let mut seed: u64 = 7;
    for _ in 0..2000 {
        let mut text = String::new();
        for _ in 0..(seed % 12) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            if seed.is_multiple_of(3) {
                text.push(' ');
            }
        }
        for m in recognize(&text) {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end), "{text:?}");
            assert!(m.start < m.end && m.end <= text.len(), "{text:?}");
        }
    }
}
