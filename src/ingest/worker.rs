//! The named ingest thread: loads files and re-resolves dates while the UI keeps drawing.
//!
//! Both channels are bounded: the UI can queue a few jobs, and the worker waits when the UI
//! has not drained its messages yet (back-pressure instead of unbounded memory).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};

use jiff::civil::Date;

use super::{LoadOptions, LoadedDocument, Problem, collect_files, load_file, sample_documents};
use crate::extract::{self, DocumentExtraction};

/// Work the UI hands to the worker.
#[derive(Debug)]
pub enum Job {
    /// Read, decode, split and extract these files and folders.
    Load { paths: Vec<PathBuf>, options: LoadOptions },
    /// Extract the bundled sample documents.
    LoadSamples,
    /// Re-resolve one document's dates against a new reference date.
    Retag {
        document: usize,
        text: Arc<str>,
        extraction: Box<DocumentExtraction>,
        given_reference: Option<Date>,
    },
}

/// What the worker reports back, in order.
#[derive(Debug)]
pub enum IngestMessage {
    /// A load started; `total` files will be read.
    Started {
        total: usize,
    },
    /// About to read file number `done + 1` of `total`.
    Progress {
        done: usize,
        total: usize,
        current: PathBuf,
    },
    Document(Box<LoadedDocument>),
    Problem(Problem),
    /// The load ended, early if the user cancelled it.
    Finished {
        cancelled: bool,
    },
    /// A [`Job::Retag`] is done.
    Retagged {
        document: usize,
        given_reference: Option<Date>,
        extraction: Box<DocumentExtraction>,
    },
}

/// Handle to the worker thread; dropping it ends the thread once its queue is empty.
pub struct IngestWorker {
    jobs: SyncSender<Job>,
    messages: Receiver<IngestMessage>,
    cancel: Arc<AtomicBool>,
}

const JOB_QUEUE: usize = 16;
const MESSAGE_QUEUE: usize = 256;

impl IngestWorker {
    /// Starts the thread; `wake` is called after every message (the app passes
    /// `request_repaint` so the UI drains it promptly).
    pub fn spawn(wake: impl Fn() + Send + 'static) -> std::io::Result<Self> {
        let (jobs, job_receiver) = sync_channel::<Job>(JOB_QUEUE);
        let (message_sender, messages) = sync_channel(MESSAGE_QUEUE);
        let cancel = Arc::new(AtomicBool::new(false));
        let worker_cancel = Arc::clone(&cancel);
        std::thread::Builder::new().name("chronoscope-ingest".to_owned()).spawn(move || {
            let send = |message: IngestMessage| {
                let delivered = message_sender.send(message).is_ok();
                wake();
                delivered
            };
            for job in job_receiver {
                if !run_job(job, &worker_cancel, &send) {
                    break;
                }
            }
        })?;
        Ok(Self { jobs, messages, cancel })
    }

    /// Queues a job; gives it back if the queue is full so the caller can retry next frame.
    pub fn submit(&self, job: Job) -> Result<(), Job> {
        if matches!(job, Job::Load { .. } | Job::LoadSamples) {
            self.cancel.store(false, Ordering::Relaxed);
        }
        self.jobs.try_send(job).map_err(|err| match err {
            TrySendError::Full(job) | TrySendError::Disconnected(job) => job,
        })
    }

    /// Asks the running load to stop after the current file.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The next message, if any, without waiting.
    pub fn try_recv(&self) -> Option<IngestMessage> {
        self.messages.try_recv().ok()
    }
}

/// Runs one job; false when the UI has gone away.
fn run_job(job: Job, cancel: &AtomicBool, send: &impl Fn(IngestMessage) -> bool) -> bool {
    match job {
        Job::Load { paths, options } => {
            let (files, problems) = collect_files(&paths);
            if !send(IngestMessage::Started { total: files.len() }) {
                return false;
            }
            for problem in problems {
                send(IngestMessage::Problem(problem));
            }
            let total = files.len();
            for (done, path) in files.into_iter().enumerate() {
                if cancel.load(Ordering::Relaxed) {
                    return send(IngestMessage::Finished { cancelled: true });
                }
                send(IngestMessage::Progress { done, total, current: path.clone() });
                let delivered = match load_file(&path, options) {
                    Ok(documents) => documents
                        .into_iter()
                        .all(|document| send(IngestMessage::Document(Box::new(document)))),
                    Err(problem) => send(IngestMessage::Problem(problem)),
                };
                if !delivered {
                    return false;
                }
            }
            send(IngestMessage::Finished { cancelled: false })
        }
        Job::LoadSamples => {
            send(IngestMessage::Started { total: 1 })
                && sample_documents()
                    .into_iter()
                    .all(|document| send(IngestMessage::Document(Box::new(document))))
                && send(IngestMessage::Finished { cancelled: false })
        }
        Job::Retag { document, text, mut extraction, given_reference } => {
            extract::retag_times(&text, given_reference, &mut extraction);
            send(IngestMessage::Retagged { document, given_reference, extraction })
        }
    }
}
