//! `licensekit check` (being built).

use clap::Args as ClapArgs;

/// Arguments of `licensekit check`.
#[derive(Debug, ClapArgs)]
pub struct Args {}

/// Runs the subcommand; returns the exit status.
pub fn run(_args: Args) -> i32 {
    eprintln!("licensekit check: not built yet");
    2
}
