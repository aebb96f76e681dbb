//! The `dockwise` command: `lsp` (the language server over stdio), `check`, `format`, `explain`,
//! `rules`, `parse`.

mod cli;
mod lsp;
mod project;

use dockwise::text;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "dockwise",
    version,
    about = "Dockerfiles and Compose files that explain themselves",
    after_help = "Exit codes of `check`: 0 no errors, 1 errors found, 2 usage or input problems."
)]
struct Cli {
    /// Run the language server over stdio (what editors pass; same as `dockwise lsp`).
    #[arg(long)]
    stdio: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the language server over stdio.
    Lsp {
        /// Accepted for editors that add it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Check Dockerfiles and Compose files, as in the editor, for terminals and CI.
    Check(cli::check::CheckArgs),
    /// Format Dockerfiles in place; with --check, list those that would change (exit 1).
    Format(cli::format::FormatArgs),
    /// Search the knowledge base: `dockwise explain "why exec form"`.
    Explain(cli::explain::ExplainArgs),
    /// List every rule with its severity, fix, knowledge entry and equivalents in other tools.
    Rules(cli::rules::RulesArgs),
    /// Print the syntax tree and typed model of a Dockerfile (for grammar work).
    Parse(cli::parse::ParseArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Lsp { .. }) => lsp::run(),
        Some(Command::Check(args)) => cli::check::run(args),
        Some(Command::Format(args)) => cli::format::run(args),
        Some(Command::Explain(args)) => cli::explain::run(args),
        Some(Command::Rules(args)) => cli::rules::run(args),
        Some(Command::Parse(args)) => cli::parse::run(args),
        None if cli.stdio => lsp::run(),
        None => {
            eprintln!("dockwise: no command given; try `dockwise --help`");
            ExitCode::from(2)
        }
    }
}
