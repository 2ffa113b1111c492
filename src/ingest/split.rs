//! Splitting one file into several documents: users paste many articles into one file.

use serde::{Deserialize, Serialize};

/// How a file becomes documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SplitMode {
    /// The whole file is one document.
    #[default]
    WholeFile,
    /// Each blank-line-separated paragraph is a document.
    Paragraphs,
    /// Lines made only of three or more dashes separate documents.
    DashLines,
}

impl SplitMode {
    /// Every mode, in the order the UI offers them.
    pub const ALL: [SplitMode; 3] = [Self::WholeFile, Self::Paragraphs, Self::DashLines];

    /// Label for the UI.
    pub fn label(self) -> &'static str {
        match self {
            Self::WholeFile => "One document per file",
            Self::Paragraphs => "Split at blank lines",
            Self::DashLines => "Split at --- lines",
        }
    }
}

/// The non-blank parts of `text` under `mode`, as slices of it. A whole file is kept as it
/// is, so offsets are offsets into the decoded file; split parts are trimmed.
pub fn split_documents(text: &str, mode: SplitMode) -> Vec<&str> {
    let parts: Vec<&str> = match mode {
        SplitMode::WholeFile => return vec![text],
        SplitMode::Paragraphs => split_at_lines(text, |line| line.trim().is_empty()),
        SplitMode::DashLines => split_at_lines(text, |line| {
            let line = line.trim();
            line.len() >= 3 && line.bytes().all(|b| b == b'-')
        }),
    };
    parts.into_iter().map(str::trim).filter(|part| !part.is_empty()).collect()
}

fn split_at_lines(text: &str, is_separator: impl Fn(&str) -> bool) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut part_start = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if is_separator(line) {
            parts.push(&text[part_start..line_start]);
            part_start = line_start + line.len();
        }
        line_start += line.len();
    }
    parts.push(&text[part_start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_by_each_mode() {
        let text = "First article.\nStill first.\n\nSecond article.\n---\nThird.\n";
        assert_eq!(split_documents(text, SplitMode::WholeFile), [text]);
        assert_eq!(
            split_documents(text, SplitMode::Paragraphs),
            ["First article.\nStill first.", "Second article.\n---\nThird."]
        );
        assert_eq!(
            split_documents(text, SplitMode::DashLines),
            ["First article.\nStill first.\n\nSecond article.", "Third."]
        );
    }
}
