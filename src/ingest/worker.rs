//! The named ingest thread: loads files and re-resolves dates while the UI keeps drawing.
//!
//! Both channels are bounded: the UI can queue a few jobs, and the worker waits when the UI
//! has not drained its messages yet (back-pressure instead of unbounded memory).

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};

use jiff::civil::Date;

use super::{LoadOptions, LoadedDocument, Problem, collect_files, load_file, sample_documents};
use crate::extract::{self, DocumentExtraction};

/// Names one load and can stop it. Every message of a load carries its id, so the app can
/// ignore what a load it abandoned (Close all) still sends.
#[derive(Clone, Debug)]
pub struct LoadTicket {
    /// Unique per app run.
    pub id: u64,
    cancel: Arc<AtomicBool>,
}

impl LoadTicket {
    /// A ticket for a new load.
    pub fn new(id: u64) -> Self {
        Self { id, cancel: Arc::new(AtomicBool::new(false)) }
    }

    /// Asks the load to stop after the file it is reading.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// Work the UI hands to the worker.
#[derive(Debug)]
pub enum Job {
    /// Read, decode, split and extract these files and folders, except files in `skip`
    /// (already open).
    Load { ticket: LoadTicket, paths: Vec<PathBuf>, options: LoadOptions, skip: HashSet<PathBuf> },
    /// Extract the bundled sample documents.
    LoadSamples { ticket: LoadTicket },
    /// Re-resolve one document's dates against a new reference date.
    Retag {
        /// Index of the document when the job was made.
        document: usize,
        /// Its text, which also identifies it when the result comes back.
        text: Arc<str>,
        extraction: Box<DocumentExtraction>,
        given_reference: Option<Date>,
    },
}

/// What the worker reports back, in order. `load` is the id of the [`LoadTicket`].
#[derive(Debug)]
pub enum IngestMessage {
    /// A load started; `total` files will be read.
    Started { load: u64, total: usize },
    /// About to read file number `done + 1` of `total`.
    Progress { load: u64, done: usize, total: usize, current: PathBuf },
    /// One document is ready.
    Document { load: u64, document: Box<LoadedDocument> },
    /// One file could not be loaded.
    Problem { load: u64, problem: Problem },
    /// The load ended, early if the user cancelled it.
    Finished { load: u64, cancelled: bool },
    /// A [`Job::Retag`] is done.
    Retagged {
        /// Index of the document when the job was made.
        document: usize,
        /// The text the dates were resolved in; the app applies the result only to a
        /// document with this very text.
        text: Arc<str>,
        given_reference: Option<Date>,
        extraction: Box<DocumentExtraction>,
    },
}

/// Handle to the worker thread; dropping it ends the thread once its queue is empty.
pub struct IngestWorker {
    jobs: SyncSender<Job>,
    messages: Receiver<IngestMessage>,
}

const JOB_QUEUE: usize = 16;
const MESSAGE_QUEUE: usize = 256;

impl IngestWorker {
    /// Starts the thread; `wake` is called after every message (the app passes
    /// `request_repaint` so the UI drains it promptly).
    pub fn spawn(wake: impl Fn() + Send + 'static) -> std::io::Result<Self> {
        let (jobs, job_receiver) = sync_channel::<Job>(JOB_QUEUE);
        let (message_sender, messages) = sync_channel(MESSAGE_QUEUE);
        std::thread::Builder::new().name("chronoscope-ingest".to_owned()).spawn(move || {
            let send = |message: IngestMessage| {
                let delivered = message_sender.send(message).is_ok();
                wake();
                delivered
            };
            for job in job_receiver {
                if !run_job(job, &send) {
                    break;
                }
            }
        })?;
        Ok(Self { jobs, messages })
    }

    /// Queues a job; gives it back if the queue is full so the caller can retry next frame.
    pub fn submit(&self, job: Job) -> Result<(), Job> {
        self.jobs.try_send(job).map_err(|err| match err {
            TrySendError::Full(job) | TrySendError::Disconnected(job) => job,
        })
    }

    /// The next message, if any, without waiting.
    pub fn try_recv(&self) -> Option<IngestMessage> {
        self.messages.try_recv().ok()
    }
}

/// Runs one job; false when the UI has gone away.
fn run_job(job: Job, send: &impl Fn(IngestMessage) -> bool) -> bool {
    match job {
        Job::Load { ticket, paths, options, skip } => {
            let load = ticket.id;
            let (mut files, problems) = collect_files(&paths);
            files.retain(|file| !skip.contains(file));
            let total = files.len();
            if !send(IngestMessage::Started { load, total }) {
                return false;
            }
            for problem in problems {
                send(IngestMessage::Problem { load, problem });
            }
            for (done, path) in files.into_iter().enumerate() {
                if ticket.is_cancelled() {
                    return send(IngestMessage::Finished { load, cancelled: true });
                }
                send(IngestMessage::Progress { load, done, total, current: path.clone() });
                let delivered = match load_file(&path, options) {
                    Ok(documents) => documents
                        .into_iter()
                        .all(|document| send(IngestMessage::Document { load, document: Box::new(document) })),
                    Err(problem) => send(IngestMessage::Problem { load, problem }),
                };
                if !delivered {
                    return false;
                }
            }
            send(IngestMessage::Finished { load, cancelled: false })
        }
        Job::LoadSamples { ticket } => {
            let load = ticket.id;
            send(IngestMessage::Started { load, total: 1 })
                && sample_documents()
                    .into_iter()
                    .all(|document| send(IngestMessage::Document { load, document: Box::new(document) }))
                && send(IngestMessage::Finished { load, cancelled: false })
        }
        Job::Retag { document, text, mut extraction, given_reference } => {
            extract::retag_times(&text, given_reference, &mut extraction);
            send(IngestMessage::Retagged { document, text, given_reference, extraction })
        }
    }
}
