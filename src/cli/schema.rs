//! `heltid schema`: the JSON Schema of the instance file, generated from the input types.

use std::io::Write;

use clap::Args;

use crate::io::dto::InstanceFile;

/// Arguments of `heltid schema`.
#[derive(Args, Debug)]
pub struct SchemaArgs {}

/// Prints the schema.
pub fn run(_args: SchemaArgs) -> anyhow::Result<u8> {
    let schema = schemars::schema_for!(InstanceFile);
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &schema)?;
    writeln!(out)?;
    Ok(super::exit::OK)
}
