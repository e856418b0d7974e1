//! Reports on a roster for people: totals per employee and per municipality, OB, cover gaps,
//! and the full rule check.

pub mod check;
mod check_text;
pub mod ob;
pub mod summary;
pub mod table;

pub use check::CheckReport;
pub use summary::Summary;
