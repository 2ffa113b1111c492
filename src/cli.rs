//! The command line: `chronoscope [FILE|DIR...]` opens the app, `chronoscope extract`
//! prints the extraction as JSON (the contract scripts rely on), `chronoscope bench`
//! prints speed figures.

use std::path::PathBuf;

use jiff::civil::Date;
use rayon::prelude::*;
use serde_json::{Value, json};

use crate::extract::char_offsets;
use crate::ingest::{self, LoadOptions, LoadedDocument, Problem, SplitMode};
use crate::model::calendar::parse_iso_date;

/// What the user asked for on the command line.
#[derive(Debug, PartialEq)]
pub enum Invocation {
    /// Open the app on these paths (none: last session or the bundled samples).
    App {
        paths: Vec<PathBuf>,
        reference: Option<Date>,
    },
    /// Print the extraction of these paths as JSON.
    Extract {
        paths: Vec<PathBuf>,
        options: LoadOptions,
    },
    /// Print frame-time and throughput figures.
    Bench,
    Help,
}

/// Usage text for `--help` and argument errors.
pub const USAGE: &str = "\
Usage:
  chronoscope [--dct YYYY-MM-DD] [FILE|DIR...]      open the app
  chronoscope extract [--dct YYYY-MM-DD] [--split paragraphs|dashes] FILE|DIR...
                                                    print extracted dates, entities and events as JSON
  chronoscope bench                                 print frame time and extraction throughput";

/// Parses arguments (without the program name). Errors are messages for the user.
pub fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Invocation, String> {
    let mut args = args.into_iter().peekable();
    let command = match args.peek().map(String::as_str) {
        Some("extract") => "extract",
        Some("bench") => "bench",
        Some("-h" | "--help" | "help") => return Ok(Invocation::Help),
        _ => "app",
    };
    if command != "app" {
        args.next();
    }
    let mut paths = Vec::new();
    let mut reference = None;
    let mut split = SplitMode::WholeFile;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--dct" => {
                let value = args.next().ok_or("--dct needs a date (YYYY-MM-DD)")?;
                reference = Some(
                    parse_iso_date(&value).ok_or_else(|| format!("--dct: not a YYYY-MM-DD date: {value}"))?,
                );
            }
            "--split" => {
                split = match args.next().as_deref() {
                    Some("paragraphs") => SplitMode::Paragraphs,
                    Some("dashes") => SplitMode::DashLines,
                    Some("none") => SplitMode::WholeFile,
                    other => {
                        return Err(format!("--split: expected paragraphs, dashes or none, got {other:?}"));
                    }
                };
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    match command {
        "extract" if paths.is_empty() => Err("extract needs at least one FILE or DIR".to_owned()),
        "extract" => {
            Ok(Invocation::Extract { paths, options: LoadOptions { split, given_reference: reference } })
        }
        "bench" => Ok(Invocation::Bench),
        _ => Ok(Invocation::App { paths, reference }),
    }
}

/// Runs `extract` and writes its JSON to `out`.
pub fn run_extract(
    paths: &[PathBuf],
    options: LoadOptions,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let (files, mut problems) = ingest::collect_files(paths);
    let mut documents = Vec::new();
    for result in ingest::load_files(&files, options) {
        match result {
            Ok(loaded) => documents.extend(loaded),
            Err(problem) => problems.push(problem),
        }
    }
    write_extraction_json(&documents, &problems, &mut std::io::BufWriter::new(out))
}

/// Writes the `extract` JSON contract (code-point offsets, TIMEX3 types and values) one
/// document at a time, so a large corpus never exists twice in memory as JSON values.
pub fn write_extraction_json(
    documents: &[LoadedDocument],
    problems: &[Problem],
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let texts: Vec<&str> = documents.iter().map(|doc| &*doc.text).collect();
    let mut linked: Vec<Vec<_>> = documents.iter().map(|doc| doc.extraction.mentions.clone()).collect();
    crate::extract::entities::link_across_documents(&texts, &mut linked);
    out.write_all(b"{\"documents\":[")?;
    // Documents are serialized on every core, a few at a time, and written in order.
    let pairs: Vec<(&LoadedDocument, &Vec<_>)> = documents.iter().zip(&linked).collect();
    let chunk = rayon::current_num_threads() * 2;
    for (chunk_index, batch) in pairs.chunks(chunk).enumerate() {
        let serialized: Vec<Vec<u8>> = batch
            .par_iter()
            .map(|(doc, mentions)| serde_json::to_vec(&document_json(doc, mentions)))
            .collect::<Result<_, _>>()?;
        for (index, bytes) in serialized.iter().enumerate() {
            if chunk_index + index > 0 {
                out.write_all(b",")?;
            }
            out.write_all(bytes)?;
        }
    }
    let problems: Vec<Value> = problems
        .iter()
        .map(|p| json!({"path": p.path.display().to_string(), "message": p.message}))
        .collect();
    out.write_all(b"],\"problems\":")?;
    serde_json::to_writer(&mut *out, &problems)?;
    out.write_all(b"}\n")?;
    out.flush()
}

fn document_json(doc: &LoadedDocument, mentions: &[crate::extract::entities::Mention]) -> Value {
    let text = &*doc.text;
    let extraction = &doc.extraction;
    let mut offsets = char_offsets(text);
    let mut span = |start: usize, end: usize| (offsets.at(start), offsets.at(end));
    let timexes: Vec<Value> = extraction
        .timexes
        .iter()
        .map(|t| {
            let (start, end) = span(t.start, t.end);
            let mut value = json!({
                "start": start, "end": end, "text": &text[t.start..t.end],
                "type": t.kind.as_str(), "value": t.value, "rule": t.rule,
            });
            if let Some(interval) = t.interval {
                value["earliest"] = json!(interval.earliest.to_string());
                value["latest"] = json!(interval.latest.to_string());
            }
            if let Some(modifier) = t.modifier {
                value["mod"] = json!(modifier.timeml());
            }
            if !t.alternatives.is_empty() {
                value["alternatives"] =
                    json!(t.alternatives.iter().map(|i| i.earliest.to_string()).collect::<Vec<_>>());
            }
            value
        })
        .collect();
    let mut offsets = char_offsets(text);
    let entities: Vec<Value> = mentions
        .iter()
        .map(|m| {
            json!({"start": offsets.at(m.start), "end": offsets.at(m.end), "text": &text[m.start..m.end],
                   "kind": m.kind.as_str(), "canonical": m.canonical})
        })
        .collect();
    let mut offsets = char_offsets(text);
    let events: Vec<Value> = extraction
        .events
        .iter()
        .map(|e| {
            let sentence = &extraction.sentences[e.sentence];
            let interval = e.interval(&extraction.timexes);
            let mut names: Vec<&str> = e.mentions.iter().map(|&m| mentions[m].canonical.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            json!({
                "start": offsets.at(sentence.start), "end": offsets.at(sentence.end),
                "text": &text[sentence.clone()], "timex": e.timex,
                "earliest": interval.map(|i| i.earliest.to_string()),
                "latest": interval.map(|i| i.latest.to_string()),
                "entities": names,
            })
        })
        .collect();
    let reference = extraction.reference.unwrap_or(crate::extract::time::ReferenceDate {
        date: None,
        source: crate::extract::time::ReferenceSource::None,
    });
    json!({
        "path": doc.path.display().to_string(),
        "name": doc.name,
        "reference_date": {"value": reference.date.map(|d| d.to_string()), "source": reference.source.as_str()},
        "timexes": timexes,
        "entities": entities,
        "events": events,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_invocation() {
        let args = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(parse_args(args("")), Ok(Invocation::App { paths: vec![], reference: None }));
        assert_eq!(
            parse_args(args("extract --dct 2000-01-22 a.txt")),
            Ok(Invocation::Extract {
                paths: vec![PathBuf::from("a.txt")],
                options: LoadOptions {
                    split: SplitMode::WholeFile,
                    given_reference: Some(Date::constant(2000, 1, 22))
                },
            })
        );
        assert!(parse_args(args("extract")).is_err());
        assert!(parse_args(args("extract --dct 22/01/2000 a.txt")).is_err());
        assert!(parse_args(args("--frobnicate")).is_err());
    }
}
