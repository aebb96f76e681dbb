//! `dockwise parse FILE`: the syntax tree and typed model, for whoever works on the grammar.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct ParseArgs {
    /// The Dockerfile to parse.
    pub file: PathBuf,
}

pub fn run(args: ParseArgs) -> ExitCode {
    let text = match std::fs::read(&args.file).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            eprintln!("dockwise: {}: not UTF-8 text", args.file.display());
            return ExitCode::from(2);
        }
        Err(err) => {
            eprintln!("dockwise: {}: cannot read: {err}", args.file.display());
            return ExitCode::from(2);
        }
    };
    let parse = dockwise_syntax::Parse::new(Arc::from(text));
    super::outln!("{}", dockwise_syntax::debug_dump(&parse));
    ExitCode::SUCCESS
}
