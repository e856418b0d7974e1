//! The problem and its solutions as validated, index-based data.

pub mod calendar;
pub mod ids;
pub mod instance;
pub mod roster;
pub mod rule_params;

pub use calendar::{Day, Horizon, Minute};
pub use ids::*;
pub use instance::*;
pub use roster::{Cell, Roster};
pub use rule_params::*;
