//! Evaluation: the score of a roster from scratch (the oracle), incrementally (for the search),
//! and in words (for people); and the cheapest reading of a roster's passes by skill.

mod explain;
mod full;
mod incremental;
mod reading;
mod score;

pub use explain::describe;
pub use full::{evaluate, for_each_term, score, Evaluation};
pub use incremental::{Change, State};
pub(crate) use reading::best_reading;
pub use score::Score;
