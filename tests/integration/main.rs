//! heltid's integration tests: one binary, one module per area.

mod bench;
mod check;
mod curtois_qu;
mod instances;
mod malformed;
mod mip;
mod report;
mod scenario;
mod solve;
