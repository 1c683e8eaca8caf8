//! `licensekit`: the command line over licensekit-core.
//!
//! Exit status: 0 granted, 1 refused, 3 could not ask (request/client outcomes), 2 usage error.

mod check;
mod hwid;
mod outcomes;

use clap::{Parser, Subcommand};

/// licensekit: check software licenses against FaxStore, LicenseSpring and frameCAD servers.
#[derive(Debug, Parser)]
#[command(name = "licensekit", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check, activate or deactivate a license against a server.
    Check(check::Args),
    /// Print this machine's hardware ID (and, with --explain, its components).
    Hwid(hwid::Args),
    /// Print the outcome table (every outcome with its number, category and description).
    Outcomes(outcomes::Args),
}

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Hwid(args) => hwid::run(args),
        Command::Outcomes(args) => outcomes::run(args),
    };
    std::process::exit(code);
}
