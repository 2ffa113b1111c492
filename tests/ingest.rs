//! Ingest tests: real files on disk, the worker thread, and the `extract` command contract.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chronoscope::ingest::{
    IngestMessage, IngestWorker, Job, LoadOptions, LoadTicket, SplitMode, collect_files, load_files,
};

/// A fresh folder under the system temp dir, removed when dropped.
struct TempFolder(PathBuf);

impl TempFolder {
    fn new(name: &str) -> Self {
        let path = std::env::temp_dir().join(format!("chronoscope-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create temp folder");
        Self(path)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(&path, bytes).expect("write file");
        path
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn file_names(paths: &[PathBuf], root: &Path) -> Vec<String> {
    paths.iter().map(|p| p.strip_prefix(root).expect("under root").display().to_string()).collect()
}

#[test]
fn folders_are_walked_recursively_for_text_files_only() {
    let folder = TempFolder::new("walk");
    folder.write("b.txt", b"B");
    folder.write("a.md", b"A");
    folder.write("nested/c.txt", b"C");
    folder.write("image.png", b"\x89PNG");
    folder.write(".hidden/d.txt", b"D");
    let (files, problems) = collect_files(std::slice::from_ref(&folder.0));
    assert_eq!(file_names(&files, &folder.0), ["a.md", "b.txt", "nested/c.txt"]);
    assert!(problems.is_empty());
}

#[test]
fn bad_files_become_problems_and_the_rest_still_loads() {
    let folder = TempFolder::new("bad");
    let good = folder.write("good.txt", b"Quito fell on 21 January 2000.");
    let latin1 = folder.write("latin1.txt", b"Guti\xE9rrez fled to Bras\xEDlia in April 2005.");
    let empty = folder.write("empty.txt", b"");
    let binary = folder.write("binary.txt", b"\x00\x01\x02\x03ELF\x00\x00");
    let missing = folder.0.join("missing.txt");
    let results = load_files(&[good, latin1, empty, binary, missing], LoadOptions::default());
    let summary: Vec<String> = results
        .iter()
        .map(|r| match r {
            Ok(docs) => format!("ok: {}", docs[0].text),
            Err(problem) => {
                format!("{}: {}", problem.path.file_name().unwrap().to_string_lossy(), problem.message)
            }
        })
        .collect();
    assert_eq!(summary[0], "ok: Quito fell on 21 January 2000.");
    assert_eq!(summary[1], "ok: Gutiérrez fled to Brasília in April 2005.");
    assert_eq!(summary[2], "empty.txt: the file is empty");
    assert_eq!(summary[3], "binary.txt: the file looks binary (it contains NUL bytes), not text");
    assert!(summary[4].starts_with("missing.txt: cannot read file:"), "{}", summary[4]);
}

#[test]
fn split_files_become_numbered_documents() {
    let folder = TempFolder::new("split");
    let pasted = folder.write("pasted.txt", b"First article, 2000.\n---\nSecond article, 2005.\n");
    let options = LoadOptions { split: SplitMode::DashLines, given_reference: None };
    let docs = load_files(&[pasted], options).pop().expect("one file").expect("loads");
    let names: Vec<(&str, &str)> = docs.iter().map(|d| (d.name.as_str(), &*d.text)).collect();
    assert_eq!(
        names,
        [("pasted.txt #1", "First article, 2000."), ("pasted.txt #2", "Second article, 2005.")]
    );
}

/// Runs one load on a fresh worker and describes every message it sends, in order.
fn run_load(paths: Vec<PathBuf>, skip: HashSet<PathBuf>, ticket: LoadTicket) -> Vec<String> {
    let worker = IngestWorker::spawn(|| {}).expect("spawn worker");
    let options = LoadOptions::default();
    worker.submit(Job::Load { ticket, paths, options, skip }).expect("queued");
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        match worker.try_recv() {
            Some(IngestMessage::Started { load, total }) => seen.push(format!("{load}: started {total}")),
            Some(IngestMessage::Progress { done, total, .. }) => {
                seen.push(format!("progress {done}/{total}"))
            }
            Some(IngestMessage::Document { document, .. }) => {
                seen.push(format!("document {}", document.name))
            }
            Some(IngestMessage::Problem { problem, .. }) => seen.push(format!("problem {}", problem.message)),
            Some(IngestMessage::Finished { cancelled, .. }) => {
                seen.push(format!("finished cancelled={cancelled}"));
                break;
            }
            Some(IngestMessage::Retagged { .. }) => seen.push("retagged".to_owned()),
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    }
    seen
}

#[test]
fn worker_reports_progress_documents_problems_and_the_end() {
    let folder = TempFolder::new("worker");
    folder.write("one.txt", b"Congress met on 22 January 2000.");
    folder.write("two.txt", b"");
    let seen = run_load(vec![folder.0.clone()], HashSet::new(), LoadTicket::new(7));
    assert_eq!(
        seen,
        [
            "7: started 2",
            "progress 0/2",
            "document one.txt",
            "progress 1/2",
            "problem the file is empty",
            "finished cancelled=false"
        ]
    );
}

#[test]
fn worker_skips_files_already_open_and_stops_a_cancelled_load() {
    let folder = TempFolder::new("worker-skip");
    let open = folder.write("open.txt", b"Congress met on 22 January 2000.");
    folder.write("new.txt", b"Noboa took office on 22 January 2000.");
    let seen = run_load(vec![folder.0.clone()], HashSet::from([open]), LoadTicket::new(1));
    assert_eq!(seen, ["1: started 1", "progress 0/1", "document new.txt", "finished cancelled=false"]);

    let cancelled = LoadTicket::new(2);
    cancelled.cancel();
    let seen = run_load(vec![folder.0.clone()], HashSet::new(), cancelled);
    assert_eq!(seen, ["2: started 2", "finished cancelled=true"]);
}

#[cfg(unix)]
#[test]
fn a_symlink_back_up_the_tree_is_not_followed() {
    let folder = TempFolder::new("symlink-loop");
    folder.write("a.txt", b"A");
    std::os::unix::fs::symlink(&folder.0, folder.0.join("loop")).expect("symlink");
    let (files, _) = collect_files(std::slice::from_ref(&folder.0));
    assert_eq!(file_names(&files, &folder.0), ["a.txt"]);
}

#[test]
fn extract_command_prints_the_json_contract_with_code_point_offsets() {
    let folder = TempFolder::new("extract");
    let file = folder.write("quito.txt", "Gutiérrez fled on 20 April 2005.".as_bytes());
    let empty = folder.write("empty.txt", b"");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .args(["extract", "--dct", "2005-04-21"])
        .arg(&file)
        .arg(&empty)
        .output()
        .expect("run chronoscope");
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let document = &json["documents"][0];
    assert_eq!(document["name"], "quito.txt");
    assert_eq!(document["reference_date"]["value"], "2005-04-21");
    assert_eq!(document["reference_date"]["source"], "cli");
    let timex = &document["timexes"][0];
    assert_eq!(
        (timex["start"].as_u64(), timex["end"].as_u64()),
        (Some(18), Some(31)),
        "code points, not bytes"
    );
    assert_eq!(timex["text"], "20 April 2005");
    assert_eq!(timex["type"], "DATE");
    assert_eq!(timex["value"], "2005-04-20");
    let event = &document["events"][0];
    assert_eq!(event["earliest"], "2005-04-20");
    assert_eq!(event["timex"], 0);
    assert_eq!(json["problems"][0]["message"], "the file is empty");
}

#[test]
fn extract_command_exits_2_on_bad_arguments() {
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .args(["extract", "--dct", "yesterday", "x.txt"])
        .output()
        .expect("run chronoscope")
        .status;
    assert_eq!(status.code(), Some(2));
}
