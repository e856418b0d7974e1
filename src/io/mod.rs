//! Reading and writing files: instance files (TOML/JSON), staff CSV, rosters, benchmark formats.

pub mod atomic;
pub mod curtois_qu;
pub mod dto;
mod load;
mod locate;
pub mod roster;
pub mod staff_csv;
pub mod validate;

pub use atomic::write_atomic;
pub(crate) use load::read_text;
pub use load::{load_instance, load_instance_with_warnings, parse_instance_file, parse_instance_str, Format};
