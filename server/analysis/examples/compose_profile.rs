//! Runs the compose bench's keystroke N times (`compose_profile N`), for callgrind: deterministic
//! instruction counts. `compose_profile 1 check` also checks the reanalysis equals a fresh parse.
//! (For a keystroke in a file of your own, see `examples/keystroke.rs`.)
use std::sync::Arc;

use dockwise_analysis::{Config, Document, FileKind};

#[path = "../benches/common/mod.rs"]
mod common;
use common::compose::{compose_file, keystroke};

fn main() {
    let iterations: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    let text = compose_file(40);
    let config = Config::default();
    let document = Document::new(FileKind::Compose, Arc::from(text.as_str()));
    let (edit, edited) = keystroke(&text);
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
