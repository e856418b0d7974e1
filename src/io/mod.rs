//! Reading and writing files: instance files (TOML/JSON), staff CSV, rosters, benchmark formats.

pub mod atomic;
pub mod dto;
mod load;
pub mod roster;

pub use load::load_instance;
