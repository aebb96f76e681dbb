//! The floor: parsing a file once from scratch with tree-sitter, which no analysis of that file
//! can beat, next to dockwise's whole work for one keystroke in it (reparse, model, every rule).
//! Inputs: lspbench's sample files when ../shared is beside the repository (the files of the
//! LSP benchmark), otherwise the generated inputs of the other benches. The keystroke is
//! lspbench's: an `x` typed at the end of the middle line.

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use dockwise_analysis::{Config, Document, FileKind};

mod common;

fn inputs() -> Vec<(String, FileKind, String)> {
    let samples =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/tools/lspbench/samples");
    let named = [
        ("Dockerfile.small", FileKind::Dockerfile),
        ("Dockerfile.multistage", FileKind::Dockerfile),
        ("Dockerfile.huge", FileKind::Dockerfile),
        ("docker-compose.small.yml", FileKind::Compose),
        ("docker-compose.huge.yml", FileKind::Compose),
    ];
    let found: Vec<_> = named
        .iter()
        .filter_map(|(name, kind)| {
            let text = std::fs::read_to_string(samples.join(name)).ok()?;
            Some((name.to_string(), *kind, text))
        })
        .collect();
    if found.len() == named.len() {
        return found;
    }
    vec![
        (
            "generated multi-stage Dockerfile".into(),
            FileKind::Dockerfile,
            common::dockerfile(4),
        ),
        (
            "generated large Dockerfile".into(),
            FileKind::Dockerfile,
            common::dockerfile(100),
        ),
        (
            "generated 40-service compose".into(),
            FileKind::Compose,
            common::compose::compose_file(40),
        ),
    ]
}

fn tree_sitter_parse(kind: FileKind, text: &str) -> Option<tree_sitter::Tree> {
    let mut parser = tree_sitter::Parser::new();
    let language: tree_sitter::Language = match kind {
        FileKind::Dockerfile => dockwise_grammar::LANGUAGE.into(),
        FileKind::Compose => tree_sitter_yaml::LANGUAGE.into(),
    };
    parser.set_language(&language).ok()?;
    parser.parse(text, None)
}

fn bench(c: &mut Criterion) {
    let config = Config::default();
    for (name, kind, text) in inputs() {
        let lines = text.lines().count();
        c.bench_function(&format!("floor/{name} ({lines} lines): parse once"), |b| {
            b.iter(|| black_box(tree_sitter_parse(kind, &text)))
        });
        let before = Document::new(kind, Arc::from(text.as_str()));
        let (edit, after) = common::line_end_keystroke(&text, lines / 2);
        c.bench_function(&format!("floor/{name} ({lines} lines): keystroke"), |b| {
            b.iter_batched(
                || after.clone(),
                |after| {
                    let document = before.edited(after, &[edit]);
                    black_box(document.diagnostics(&config))
                },
                BatchSize::SmallInput,
            )
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
