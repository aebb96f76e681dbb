//! Reanalysis of a Compose file after one keystroke: parse, schema validation and every enabled
//! rule, on a generated 40-service file. Target: under 2 ms.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use dockwise_analysis::{Config, Document, FileKind};

mod common;
use common::compose::{compose_file, keystroke};

fn bench(c: &mut Criterion) {
    let text = compose_file(40);
    let config = Config::default();
    let document = Document::new(FileKind::Compose, Arc::from(text.as_str()));
    assert!(
        document.diagnostics(&config).is_empty(),
        "the generated file should be clean"
    );
    // One keystroke, reparsed incrementally and reanalysed.
    let (edit, edited) = keystroke(&text);
    c.bench_function("compose reanalysis, 40 services", |b| {
        b.iter(|| {
            let next = document.edited(black_box(edited.clone()), &[edit]);
            black_box(next.diagnostics(&config))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
