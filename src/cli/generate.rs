//! `heltid generate PROFILE [--seed N] [--out FILE]`: a synthetic instance from a built-in profile.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::Args;

use crate::generate::{render, Profile};

/// Arguments of `heltid generate`.
#[derive(Args, Debug)]
#[command(long_about = long_about())]
pub struct GenerateArgs {
    /// The profile to generate (see above).
    #[arg(value_parser = PossibleValuesParser::new(Profile::ALL.map(|p| p.name())).try_map(|s| s.parse::<Profile>()))]
    pub profile: Profile,
    /// Seed of the random choices; the same profile and seed give the same file, byte for byte.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Write the instance to this file (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

fn long_about() -> String {
    let mut s = String::from(
        "Generate a synthetic instance (TOML) from a built-in profile. The output is deterministic: \
         the same profile and seed give the same file on every machine, and its first line says how \
         it was made. `instances/*.toml` are these files for seed 1.\n\nProfiles:",
    );
    for p in Profile::ALL {
        s.push_str(&format!("\n  {:<20} {}", p.name(), p.about()));
    }
    s
}

/// Runs the generator.
pub fn run(args: GenerateArgs) -> anyhow::Result<u8> {
    let text = render(args.profile, args.seed)?;
    match &args.out {
        Some(path) => write_atomically(path, text.as_bytes()).with_context(|| format!("writing {}", path.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(super::exit::OK)
}

/// Writes to a temporary file next to `path`, then renames it over `path`.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "instance".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
