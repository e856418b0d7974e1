//! Reading and writing files: instance files (TOML/JSON), staff CSV, rosters, benchmark formats.

pub mod curtois_qu;
pub mod dto;
mod load;

pub use load::load_instance;
