//! Navigation and structure on the inputs of `reanalysis.rs` (120 and 3000 lines): definition
//! and references at a few positions, the outline and the semantic tokens, each computed from a
//! parsed document as a request does. Targets: under 1 ms and 10 ms.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use dockwise_analysis::{Document, FileKind};

mod common;
use common::dockerfile;

/// The offset of `needle` in the middle stage of the file, plus `shift`.
fn middle(text: &str, needle: &str, shift: usize) -> usize {
    let all: Vec<usize> = text.match_indices(needle).map(|(at, _)| at).collect();
    all.get(all.len() / 2).copied().expect("the needle occurs") + shift
}

fn bench(c: &mut Criterion) {
    for (name, stages) in [("multi-stage", 4), ("large", 100)] {
        let text = dockerfile(stages);
        let lines = text.lines().count();
        let document = Document::new(FileKind::Dockerfile, Arc::from(text.as_str()));
        let positions = [
            ("stage reference", middle(&text, "--from=build-", 9)),
            ("ARG in RUN", middle(&text, "${VERSION}", 3)),
            ("global ARG", middle(&text, "${GO_VERSION}", 3)),
        ];
        for (what, offset) in positions {
            assert!(!document.definition(offset).is_empty(), "{what} resolves");
            c.bench_function(&format!("definition/{name} ({lines} lines)/{what}"), |b| {
                b.iter(|| black_box(document.definition(black_box(offset))))
            });
            c.bench_function(&format!("references/{name} ({lines} lines)/{what}"), |b| {
                b.iter(|| black_box(document.references(black_box(offset), true)))
            });
        }
        c.bench_function(&format!("symbols/{name} ({lines} lines)"), |b| {
            b.iter(|| black_box(document.symbols()))
        });
        c.bench_function(&format!("tokens/{name} ({lines} lines)"), |b| {
            b.iter(|| black_box(document.tokens()))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
