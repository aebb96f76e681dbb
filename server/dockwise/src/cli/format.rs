//! `dockwise format [--check] PATH...`: format Dockerfiles in place, or list those that would
//! change. Files the formatter cannot be sure about (syntax errors, unknown instructions) are
//! left as they are, with a note on stderr.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use dockwise_analysis::ide::FormatOptions;
use dockwise_analysis::{Document, FileKind, apply_edits};

use super::check::{collect, read_text};

#[derive(clap::Args)]
pub struct FormatArgs {
    /// Dockerfiles, or directories to search for them (honouring .gitignore).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Change nothing: list the files that would change, and exit 1 if there are any.
    #[arg(long)]
    pub check: bool,
}

pub fn run(args: FormatArgs) -> ExitCode {
    let mut problems = Vec::new();
    let mut changed = 0usize;
    for (path, kind) in collect(&args.paths, &mut problems) {
        if kind != FileKind::Dockerfile {
            // Compose files found in a directory are skipped; one named explicitly is a mistake.
            if args.paths.contains(&path) {
                problems.push(format!(
                    "{}: not a Dockerfile; dockwise formats Dockerfiles only",
                    path.display()
                ));
            }
            continue;
        }
        let text = match read_text(&path) {
            Ok(text) => text,
            Err(message) => {
                problems.push(message);
                continue;
            }
        };
        let document = Document::new(FileKind::Dockerfile, Arc::from(text.as_str()));
        let edits = match document.try_format(&FormatOptions::default()) {
            Ok(edits) => edits,
            Err(refusal) => {
                eprintln!("dockwise: {}: not formatted: {}", path.display(), refusal.0);
                continue;
            }
        };
        if edits.is_empty() {
            continue;
        }
        if !args.check {
            let formatted = apply_edits(&text, &edits);
            if let Err(err) = std::fs::write(&path, formatted) {
                problems.push(format!("{}: cannot write: {err}", path.display()));
                continue;
            }
        }
        changed += 1;
        super::outln!("{}", path.display());
    }
    for problem in &problems {
        eprintln!("dockwise: {problem}");
    }
    if !problems.is_empty() {
        ExitCode::from(2)
    } else if args.check && changed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
