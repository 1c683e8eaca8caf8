//! `licensekit hwid` (being built).

use clap::Args as ClapArgs;

/// Arguments of `licensekit hwid`.
#[derive(Debug, ClapArgs)]
pub struct Args {}

/// Runs the subcommand; returns the exit status.
pub fn run(_args: Args) -> i32 {
    eprintln!("licensekit hwid: not built yet");
    2
}
