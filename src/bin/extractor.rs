//! The extraction worker: the app's worker (src/bin/worker.rs) built with the feature
//! `extract`, so it also makes the reader's own files into articles. A module of its own, loaded
//! only when the reader adds articles (index.html, src/worker.rs): the extraction's code (most
//! of the worker's size) is never fetched for an export, an import or a backup.

#[path = "worker.rs"]
mod worker;

fn main() {
    worker::main();
}
