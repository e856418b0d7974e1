//! heltid builds and checks staff rosters for Swedish municipal care.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod bench;
mod error;
pub mod eval;
pub mod generate;
pub mod io;
pub mod mip;
pub mod model;
pub mod report;
pub mod rng;
pub mod rules;
pub mod scenario;
pub mod solver;

pub use error::{Error, ErrorKind, Problem, Result};
pub use eval::{evaluate, Evaluation, Score};
pub use model::{Instance, Roster};
pub use solver::{solve, Progress, Solution, SolveOptions, Termination};
pub mod cli;
