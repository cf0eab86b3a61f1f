//! W3C Web Annotation JSON (<https://www.w3.org/TR/annotation-model/>): the export
//! ([`export`]), the import ([`import`]) and the vocabulary they share ([`vocab`]).

pub mod export;
pub mod import;
pub mod vocab;

pub use export::to_web_annotations;
pub use import::{ImportError, ImportReport, Skip, Skipped, IMPORT_MAX_BYTES};
