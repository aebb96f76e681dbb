//! Runs the compose bench's keystroke N times (`compose_profile N`), for callgrind: deterministic
//! instruction counts. `compose_profile 1 check` also checks the reanalysis equals a fresh parse.
//! `compose_profile N - FILE` makes lspbench's keystroke (an `x` typed at the end of the middle
//! line) in FILE instead of the generated 40 services.
use std::sync::Arc;

use dockwise_analysis::{Config, Document, FileKind};

#[path = "../benches/common/compose.rs"]
mod compose_input;
use compose_input::{compose_file, keystroke, line_end_keystroke};

fn main() {
    let iterations: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    let (text, (edit, edited)) = match std::env::args().nth(3) {
        Some(path) => {
            let text = std::fs::read_to_string(path).expect("a readable file");
            let lines = text.lines().count();
            let row = std::env::var("ROW")
                .ok()
                .and_then(|r| r.parse().ok())
                .unwrap_or(lines / 2);
            let keystroke = line_end_keystroke(&text, row);
            (text, keystroke)
        }
        None => {
            let text = compose_file(40);
            let keystroke = keystroke(&text);
            (text, keystroke)
        }
    };
    let config = Config::default();
    let document = Document::new(FileKind::Compose, Arc::from(text.as_str()));
    if std::env::args().nth(2).as_deref() == Some("check") {
        let next = document.edited(edited.clone(), &[edit]);
        let fresh = Document::new(FileKind::Compose, edited.clone());
        assert_eq!(
            format!("{:?}", next.compose().unwrap().yaml()),
            format!("{:?}", fresh.compose().unwrap().yaml())
        );
        assert_eq!(next.diagnostics(&config), fresh.diagnostics(&config));
        println!("identical");
    }
    let mut total = 0;
    for _ in 0..iterations {
        let next = document.edited(edited.clone(), &[edit]);
        total += std::hint::black_box(next.diagnostics(&config)).len();
    }
    println!("{total}");
}
