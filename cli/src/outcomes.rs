//! `licensekit outcomes`: prints the outcome table (the single source of truth).

use clap::Args as ClapArgs;

/// Arguments of `licensekit outcomes`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Print the table as JSON (what the bindings' tests compare against).
    #[arg(long, conflicts_with = "markdown")]
    json: bool,
    /// Print the Markdown page committed at docs/outcomes.md.
    #[arg(long)]
    markdown: bool,
}

/// Prints the table in the chosen form; exit status 0.
pub fn run(args: Args) -> i32 {
    use licensekit_core::outcome::{TABLE, table_json, table_markdown};
    if args.json {
        println!("{}", table_json());
    } else if args.markdown {
        print!("{}", table_markdown());
    } else {
        for row in TABLE {
            println!(
                "{:>3}  {:<22} {:<8} {:<9} {}",
                row.number,
                row.name,
                row.category.name(),
                if row.retryable { "retryable" } else { "" },
                row.description
            );
        }
    }
    0
}
