//! Loading an instance file: TOML or JSON → [`InstanceFile`](super::dto::InstanceFile) →
//! validated [`Instance`].

use std::path::Path;

use crate::{Instance, Result};

/// Reads, parses and validates an instance file (`.toml`, or `.json`).
///
/// # Errors
/// An [`Error`](crate::Error) naming the file, and the line and column or field path of every
/// problem found.
pub fn load_instance(path: &Path) -> Result<Instance> {
    let _ = path;
    todo!("parsing and validation land with the io work")
}
