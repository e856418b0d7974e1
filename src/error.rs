//! The library's one error type: where (the file) and what ([`ErrorKind`]).

use std::fmt;
use std::path::{Path, PathBuf};

/// An error with the file it concerns.
#[derive(Debug, thiserror::Error)]
pub struct Error {
    /// The file (or other source) the error concerns; may be empty.
    pub file: PathBuf,
    /// What went wrong.
    pub kind: ErrorKind,
}

/// One problem found in an input, with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Field path in the document ("staff[3].sites[1]"), or a CSV column name; may be empty.
    pub path: String,
    /// 1-based line and column, when known.
    pub position: Option<(usize, usize)>,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.position, self.path.is_empty()) {
            (Some((l, c)), true) => write!(f, "line {l}, column {c}: {}", self.message),
            (Some((l, c)), false) => write!(f, "line {l}, column {c} ({}): {}", self.path, self.message),
            (None, false) => write!(f, "{}: {}", self.path, self.message),
            (None, true) => write!(f, "{}", self.message),
        }
    }
}

/// What went wrong.
#[derive(Debug, thiserror::Error)]
pub enum ErrorKind {
    /// The file could not be read or written.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The file is not well-formed (syntax, types, unknown fields).
    #[error("{0}")]
    Syntax(Problem),
    /// The file is well-formed but its content is invalid; every problem found is listed.
    #[error("{} problem{} found:\n{}", .0.len(), if .0.len() == 1 { "" } else { "s" },
        .0.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Problem>),
}

impl Error {
    /// An error about `file`.
    pub fn new(file: impl AsRef<Path>, kind: ErrorKind) -> Self {
        Error { file: file.as_ref().to_path_buf(), kind }
    }

    /// A syntax error at a place.
    pub fn syntax(
        file: impl AsRef<Path>,
        path: impl Into<String>,
        position: Option<(usize, usize)>,
        message: impl Into<String>,
    ) -> Self {
        Error::new(file, ErrorKind::Syntax(Problem { path: path.into(), position, message: message.into() }))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.file.as_os_str().is_empty() {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "{}: {}", self.file.display(), self.kind)
        }
    }
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
