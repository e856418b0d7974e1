//! Evaluation: the score of a roster from scratch (the oracle), incrementally (for the search),
//! and in words (for people).

mod explain;
mod full;
mod incremental;
mod score;

pub use explain::describe;
pub use full::{evaluate, for_each_term, score, Evaluation};
pub use incremental::{Change, State};
pub use score::Score;
