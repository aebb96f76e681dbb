//! `cargo run --release -p dockwise-analysis --example keystroke FILE [ROUNDS]`: one keystroke
//! in the middle of FILE, reparsed and reanalysed ROUNDS times (default 1). A driver for
//! `valgrind --tool=callgrind`, whose instruction counts stay steady on a busy machine.
use std::sync::Arc;

use dockwise_analysis::{Config, Document, FileKind, InputEdit, Point};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: keystroke FILE [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1);
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
    // Insert at the end of the middle line.
    let middle = text.len() / 2;
    let at = text[middle..].find('\n').map_or(text.len(), |n| middle + n);
    let row = text[..at].matches('\n').count();
    let column = at - text[..at].rfind('\n').map_or(0, |n| n + 1);
    let mut edited = text.clone();
    edited.insert(at, 'x');
    let edit = InputEdit {
        start_byte: at,
        old_end_byte: at,
        new_end_byte: at + 1,
        start_position: Point { row, column },
        old_end_position: Point { row, column },
        new_end_position: Point {
            row,
            column: column + 1,
        },
    };
    let config = Config::default();
    let before = Document::new(kind, Arc::from(text.as_str()));
    let after: Arc<str> = Arc::from(edited.as_str());
    let mut count = 0;
    for _ in 0..rounds {
        let document = before.edited(after.clone(), &[edit]);
        count += document.diagnostics(&config).len();
    }
    println!("{rounds} keystrokes, {count} diagnostics");
}
