//! The chronology as CSV and JSON: what users take away into their reports.
//!
//! Pure: builds strings; the app writes them where the user chose.

use serde::Serialize;

use super::{Corpus, EventId};

/// One exported row. Field order is the CSV column order.
#[derive(Debug, Serialize)]
pub struct ExportedEvent<'a> {
    /// TIMEX3 value as found ("2005-04", "XXXX-01-21").
    pub value: &'a str,
    /// Resolved interval, ISO dates; empty for undated events.
    pub earliest: String,
    pub latest: String,
    /// "certain", "uncertain" (other readings exist, or the text says "about"/"c."),
    /// "corrected" (set by the user) or "undated".
    pub certainty: &'static str,
    /// The words of the text that give the date.
    pub date_text: &'a str,
    pub document: &'a str,
    pub sentence: &'a str,
    /// Canonical entity names, "; "-separated.
    pub entities: String,
}

/// Rows for the given events, in the given order.
pub fn exported_events<'a>(corpus: &'a Corpus, events: &[EventId]) -> Vec<ExportedEvent<'a>> {
    events
        .iter()
        .map(|&id| {
            let event = corpus.event(id);
            let document = corpus.document(event.document);
            let timex = corpus.timex(id);
            let span = event.span;
            ExportedEvent {
                value: &timex.value,
                earliest: span.map(|s| export_date(s.interval.earliest)).unwrap_or_default(),
                latest: span.map(|s| export_date(s.interval.latest)).unwrap_or_default(),
                certainty: match span {
                    None => "undated",
                    Some(s) if s.corrected => "corrected",
                    Some(s) if s.uncertain => "uncertain",
                    Some(_) => "certain",
                },
                // A period's text runs to its last date: "1996 and 2006".
                date_text: &document.text[timex.start
                    ..event.until.map_or(timex.end, |until| document.extraction.timexes[until].end)],
                document: &document.name,
                sentence: corpus.sentence(id),
                entities: event
                    .entities
                    .iter()
                    .map(|&e| corpus.entity(e).key.name.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            }
        })
        .collect()
}

/// A day as `YYYY-MM-DD`, and a day before Christ as TIMEX3 writes it ("BC0044-03-15"):
/// ISO's "-000043-03-15" would be a formula to a spreadsheet, and a puzzle to a reader.
fn export_date(date: jiff::civil::Date) -> String {
    if date.year() > 0 {
        date.to_string()
    } else {
        format!("BC{:04}-{:02}-{:02}", 1 - i32::from(date.year()), date.month(), date.day())
    }
}

/// RFC 4180 CSV with a header row, starting with a UTF-8 byte order mark so that Excel
/// shows accented names right ("Gutiérrez", not "GutiÃ©rrez").
pub fn events_to_csv(corpus: &Corpus, events: &[EventId]) -> String {
    let mut csv =
        String::from("\u{feff}value,earliest,latest,certainty,date_text,document,sentence,entities\r\n");
    for row in exported_events(corpus, events) {
        let fields = [
            row.value,
            &row.earliest,
            &row.latest,
            row.certainty,
            row.date_text,
            row.document,
            row.sentence,
            &row.entities,
        ];
        let quoted: Vec<String> = fields.iter().map(|field| csv_field(field)).collect();
        csv.push_str(&quoted.join(","));
        csv.push_str("\r\n");
    }
    csv
}

/// A JSON array of events, pretty-printed.
pub fn events_to_json(corpus: &Corpus, events: &[EventId]) -> String {
    serde_json::to_string_pretty(&exported_events(corpus, events)).unwrap_or_else(|_| "[]".to_owned())
}

/// Quotes a field when needed, and defuses a text that a spreadsheet would run as a formula
/// (a sentence starting with "=", "+", "-" or "@") by starting it with an apostrophe.
fn csv_field(field: &str) -> String {
    let field = if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}")
    } else {
        field.to_owned()
    };
    if field.contains([',', '"', '\n', '\r']) { format!("\"{}\"", field.replace('"', "\"\"")) } else { field }
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("Quito"), "Quito");
        assert_eq!(csv_field("Quito, Ecuador"), "\"Quito, Ecuador\"");
        assert_eq!(csv_field("the \"forajidos\""), "\"the \"\"forajidos\"\"\"");
    }

    #[test]
    fn days_before_christ_export_as_timex_values() {
        assert_eq!(super::export_date(jiff::civil::date(-43, 3, 15)), "BC0044-03-15");
        assert_eq!(super::export_date(jiff::civil::date(420, 9, 30)), "0420-09-30");
    }

    #[test]
    fn csv_fields_that_look_like_formulas_are_defused() {
        assert_eq!(csv_field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
        assert_eq!(csv_field("+1 vote"), "'+1 vote");
        assert_eq!(csv_field("@Quito"), "'@Quito");
        assert_eq!(csv_field("2000-01-21"), "2000-01-21");
    }
}
