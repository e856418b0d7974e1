//! The `heltid` command: see `heltid --help`.

fn main() -> std::process::ExitCode {
    heltid::cli::main()
}
