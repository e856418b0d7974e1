//! Reading and writing files: instance files (TOML/JSON), staff CSV, rosters, benchmark formats.

pub mod dto;
mod load;
mod locate;
pub mod validate;

pub use load::{load_instance, load_instance_with_warnings, parse_instance_file, parse_instance_str, Format};
