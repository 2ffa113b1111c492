//! Chronoscope turns a pile of text into a timeline you can explore.
//!
//! Data flows one way: [`ingest`] reads and decodes files on a worker thread →
//! [`extract`] turns text into time expressions, entities and events (pure) → [`model`]
//! holds the corpus, filter and selection (no egui, no I/O) → [`ui`] draws it and emits
//! [`command::Command`]s, which [`app`] applies once per frame. See `ARCHITECTURE.md`.

pub mod app;
pub mod bench;
pub mod cli;
pub mod command;
pub mod extract;
pub mod ingest;
pub mod model;
pub mod persist;
pub mod ui;
