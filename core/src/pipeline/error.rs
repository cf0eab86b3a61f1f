use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in one article file: which file, which field, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleError {
    pub file: PathBuf,
    pub field: String,
    pub reason: String,
}

impl ArticleError {
    pub fn new(file: &Path, field: &str, reason: String) -> ArticleError {
        ArticleError {
            file: file.to_path_buf(),
            field: field.to_string(),
            reason,
        }
    }
}

impl fmt::Display for ArticleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: field `{}`: {}",
            self.file.display(),
            self.field,
            self.reason
        )
    }
}
