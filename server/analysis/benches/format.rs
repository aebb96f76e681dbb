//! Formatting the whole 3000-line Dockerfile of the reanalysis bench (100 stages), as
//! `textDocument/formatting` and `dockwise format` do: plan, then reparse and compare the result
//! (the safety net). Once on a file that needs formatting, once on one that is already formatted.

use std::hint::black_box;
use std::sync::Arc;

use common::dockerfile;
use criterion::{Criterion, criterion_group, criterion_main};
use dockwise_analysis::{Document, FileKind, apply_edits};

mod common;

fn bench(c: &mut Criterion) {
    let formatted = dockerfile(100);
    // The same file as people write it before formatting: lower-case keywords, ragged
    // continuations, trailing spaces.
    let messy = formatted
        .replace("FROM ", "from ")
        .replace("COPY ", "copy ")
        .replace("\n    GOOS", "\n  GOOS")
        .replace("-mod=readonly\n", "-mod=readonly   \n");
    let lines = messy.lines().count();
    for (name, text) in [("messy", &messy), ("formatted", &formatted)] {
        let document = Document::new(FileKind::Dockerfile, Arc::from(text.as_str()));
        let edits = document.format();
        assert_eq!(
            edits.is_empty(),
            name == "formatted",
            "{name}: {} edits",
            edits.len()
        );
        let result = apply_edits(text, &edits);
        let again = Document::new(FileKind::Dockerfile, Arc::from(result.as_str()));
        assert!(again.format().is_empty(), "{name}: not idempotent");
        c.bench_function(&format!("format/{name} ({lines} lines)"), |b| {
            b.iter(|| black_box(document.format()))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
