//! `cargo run --release -p dockwise-analysis --example keystroke FILE [ROUNDS [ROW]]`: one
//! keystroke in FILE (an `x` at the end of the middle line, or of line ROW, counted from 0, as
//! lspbench types), reparsed and reanalysed ROUNDS times (default 1). A driver for
//! `valgrind --tool=callgrind`, whose instruction counts stay steady on a busy machine.
use std::sync::Arc;

use dockwise_analysis::{Config, Document, FileKind};

#[path = "../benches/common/mod.rs"]
mod common;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: keystroke FILE [ROUNDS [ROW]]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1);
    let row: Option<usize> = args.next().and_then(|r| r.parse().ok());
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("keystroke: {path}: {err}");
            std::process::exit(2);
        }
    };
    let kind = if path.contains("compose") {
        FileKind::Compose
    } else {
        FileKind::Dockerfile
    };
    let (edit, after) = match row {
        Some(row) => common::line_end_keystroke(&text, row),
        None => {
            // Insert at the end of the line holding the middle byte.
            let middle = text.len() / 2;
            let at = text[middle..].find('\n').map_or(text.len(), |n| middle + n);
            common::type_at(&text, at, 'x')
        }
    };
    let config = Config::default();
    let before = Document::new(kind, Arc::from(text.as_str()));
    let mut count = 0;
    for _ in 0..rounds {
        let document = before.edited(after.clone(), &[edit]);
        count += document.diagnostics(&config).len();
    }
    println!("{rounds} keystrokes, {count} diagnostics");
}
