//! Errors of the library. The binary wraps them in `anyhow` for reporting.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("input not found: {0}")]
    InputNotFound(PathBuf),
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("config {path}: {message}")]
    Config { path: PathBuf, message: String },
    #[error("output directory {0} exists and does not look like newsgraph output (no manifest.json); refusing to replace it")]
    ForeignOutputDir(PathBuf),
    #[error("invalid date {0:?}: expected YYYY-MM-DD[THH:MM[:SS]]")]
    BadDate(String),
    #[error("partial results, line {line}: {message}")]
    Partial { line: usize, message: String },
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
