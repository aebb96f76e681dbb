//! Reanalysis after one keystroke: incremental reparse plus every enabled rule, on a realistic
//! 120-line multi-stage Dockerfile and on a 3000-line one. Targets: under 1 ms and 10 ms.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use dockwise_analysis::{Config, Document, FileKind, InputEdit};

mod common;
use common::dockerfile;

/// Insert one character in the middle of the file, as a keystroke does.
fn keystroke(text: &str) -> (Arc<str>, InputEdit) {
    let at = text[..text.len() / 2].rfind("go build").unwrap_or(0);
    let (edit, edited) = common::type_at(text, at, 'x');
    (edited, edit)
}

fn bench(c: &mut Criterion) {
    let config = Config::default();
    for (name, stages) in [("multi-stage", 4), ("large", 100)] {
        let text = dockerfile(stages);
        let lines = text.lines().count();
        let before = Document::new(FileKind::Dockerfile, Arc::from(text.as_str()));
        let (after, edit) = keystroke(&text);
        c.bench_function(
            &format!("keystroke reanalysis/{name} ({lines} lines)"),
            |b| {
                b.iter_batched(
                    || after.clone(),
                    |after| {
                        let document = before.edited(after, &[edit]);
                        black_box(document.diagnostics(&config))
                    },
                    BatchSize::SmallInput,
                )
            },
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
