//! `heltid generate PROFILE [--seed N] [--out FILE]`: a synthetic instance from a built-in profile.

use std::io::Write;
use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::Args;

use crate::generate::{render, Profile};

/// Arguments of `heltid generate`.
#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// The profile to generate: tiny, mellerud-bengtsfors or dalsland (--help describes them).
    #[arg(long_help = profile_help(), value_parser = PossibleValuesParser::new(Profile::ALL.map(|p| p.name())).try_map(|s| s.parse::<Profile>()))]
    pub profile: Profile,
    /// Seed of the random choices; the same profile and seed give the same file, byte for byte.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Write the instance to this file (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

fn profile_help() -> String {
    let mut s = String::from(
        "Generate a synthetic instance (TOML) from a built-in profile. The output is deterministic: \
         the same profile and seed give the same file on every machine, and its first line says how \
         it was made. instances/*.toml are these files for seed 1.",
    );
    for p in Profile::ALL {
        s.push_str(&format!("\n\n{}: {}", p.name(), p.about()));
    }
    s
}

/// Runs the generator.
pub fn run(args: GenerateArgs) -> anyhow::Result<u8> {
    let text = render(args.profile, args.seed)?;
    match &args.out {
        Some(path) => crate::io::write_atomic(path, text.as_bytes())?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(super::exit::OK)
}
