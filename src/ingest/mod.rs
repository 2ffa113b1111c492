//! Getting text in: walking paths, decoding bytes, splitting files into documents, and the
//! worker thread that does all of it (plus extraction) off the UI thread.
//!
//! Per-file failures are values ([`Problem`]), never panics or early returns: one bad file
//! is reported and every other file still loads.

mod decode;
mod split;
mod worker;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::extract::{self, DocumentExtraction};

pub use self::decode::{DecodeError, decode_text};
pub use self::split::{SplitMode, split_documents};
pub use self::worker::{IngestMessage, IngestWorker, Job, LoadTicket};

/// A file (or part of one) that could not be loaded, and why, in words for the user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub path: PathBuf,
    pub message: String,
}

/// One document ready for the model: decoded text plus its extraction.
#[derive(Clone, Debug)]
pub struct LoadedDocument {
    pub path: PathBuf,
    /// File name, with "#2" etc. appended when the file was split.
    pub name: String,
    pub text: Arc<str>,
    /// The reference date the user gave, kept so re-extraction can reuse it.
    pub given_reference: Option<Date>,
    pub extraction: DocumentExtraction,
}

/// Options that apply to every file of one load.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadOptions {
    pub split: SplitMode,
    pub given_reference: Option<Date>,
}

/// File extensions taken when walking a folder; files named explicitly are always tried.
const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "rst", "org", "log"];

/// Expands folders recursively (skipping hidden entries and non-text extensions) and keeps
/// files as given. Unreadable folders become problems.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk_folder(path, &mut files, &mut problems);
        } else {
            files.push(path.clone());
        }
    }
    (files, problems)
}

fn walk_folder(folder: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(err) => {
            problems
                .push(Problem { path: folder.to_path_buf(), message: format!("cannot read folder: {err}") });
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            !path.file_name().and_then(|name| name.to_str()).is_some_and(|name| name.starts_with('.'))
        })
        .collect();
    children.sort();
    for child in children {
        // Symlinked folders are not followed: a link back up the tree would loop.
        let is_real_folder = std::fs::symlink_metadata(&child).is_ok_and(|m| m.is_dir());
        if is_real_folder {
            walk_folder(&child, files, problems);
        } else if has_text_extension(&child) {
            files.push(child);
        }
    }
}

fn has_text_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| TEXT_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// Reads, decodes, splits and extracts one file. Pure apart from reading the file.
pub fn load_file(path: &Path, options: LoadOptions) -> Result<Vec<LoadedDocument>, Problem> {
    let problem = |message: String| Problem { path: path.to_path_buf(), message };
    let bytes = std::fs::read(path).map_err(|err| problem(format!("cannot read file: {err}")))?;
    let text = decode_text(&bytes).map_err(|err| problem(err.to_string()))?;
    Ok(documents_from_text(path, &text, options))
}

/// Splits and extracts text that is already decoded (a file's, or a bundled sample's).
pub fn documents_from_text(path: &Path, text: &str, options: LoadOptions) -> Vec<LoadedDocument> {
    let file_name =
        path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let parts = split_documents(text, options.split);
    let numbered = parts.len() > 1;
    parts
        .into_iter()
        .enumerate()
        .map(|(index, part)| LoadedDocument {
            path: path.to_path_buf(),
            name: if numbered { format!("{file_name} #{}", index + 1) } else { file_name.clone() },
            extraction: extract::extract_document(part, options.given_reference),
            text: Arc::from(part),
            given_reference: options.given_reference,
        })
        .collect()
}

/// The sample corpus bundled in the binary, shown when the app starts with nothing to open.
pub const SAMPLES: &[(&str, &str)] = &[
    ("ecuador-2000.txt", include_str!("../../assets/samples/ecuador-2000.txt")),
    ("ecuador-2005.txt", include_str!("../../assets/samples/ecuador-2005.txt")),
    ("ecuador-background.txt", include_str!("../../assets/samples/ecuador-background.txt")),
];

/// Extracts the bundled samples (synchronously: they are small).
pub fn sample_documents() -> Vec<LoadedDocument> {
    SAMPLES
        .iter()
        .flat_map(|(name, text)| {
            documents_from_text(&Path::new("samples").join(name), text, LoadOptions::default())
        })
        .collect()
}

/// Loads many files on every core (rayon over files), in the order given. Used by the
/// `extract` command; the UI worker loads file by file to report progress and cancel.
pub fn load_files(files: &[PathBuf], options: LoadOptions) -> Vec<Result<Vec<LoadedDocument>, Problem>> {
    files.par_iter().map(|path| load_file(path, options)).collect()
}
