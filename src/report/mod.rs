//! Reports on a roster for people: totals per employee and per municipality, OB, cover gaps,
//! and the full rule check.

mod brief_text;
pub mod check;
mod check_text;
pub mod html;
pub mod ics;
pub mod ob;
pub mod summary;
pub mod table;
pub mod xlsx;

pub use check::CheckReport;
pub use summary::Summary;
