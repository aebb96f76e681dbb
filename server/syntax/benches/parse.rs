//! Parse + lowering throughput (`Parse::new`), reported per byte so criterion prints KiB/s; the
//! time per KiB is 1024 / that figure. Groups:
//!
//! - `parse`: the realistic Dockerfiles of `benches/data` (multi-stage builds, long `RUN`
//!   continuations with comment lines, heredocs, exec forms, a backtick-escaped Windows file),
//!   then the edge-case fixtures of `tests/fixtures`; `tree-sitter/...` is the grammar's parse
//!   alone on the same files, for comparison;
//! - `corpus`: the real-world corpus (`../../../shared/corpus/dockerfiles`, 455 files), only
//!   when it is present;
//! - `reparse`: incremental reparse of a 3000-line Dockerfile after a one-character edit, next
//!   to a fresh parse of the same text.

use std::path::Path;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dockwise_syntax::{InputEdit, Parse, Point};

fn read_dir(dir: &Path, only_dockerfiles: bool) -> Option<Vec<Arc<str>>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .filter(|path| !only_dockerfiles || path.extension().is_some_and(|e| e == "Dockerfile"))
        .collect();
    files.sort();
    let texts = files
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(path).unwrap();
            Arc::from(String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect();
    Some(texts)
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn total_bytes(files: &[Arc<str>]) -> u64 {
    files.iter().map(|text| text.len() as u64).sum()
}

fn parse_all(files: &[Arc<str>]) {
    for text in files {
        std::hint::black_box(Parse::new(text.clone()));
    }
}

fn tree_sitter_all(parser: &mut tree_sitter::Parser, files: &[Arc<str>]) {
    for text in files {
        std::hint::black_box(parser.parse(text.as_bytes(), None));
    }
}

fn new_parser() -> tree_sitter::Parser {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&dockwise_grammar::LANGUAGE.into())
        .unwrap();
    parser
}

fn parse(c: &mut Criterion) {
    let realistic = read_dir(&manifest_dir().join("benches/data"), true).unwrap();
    let fixtures = read_dir(&manifest_dir().join("tests/fixtures"), true).unwrap();
    let mut parser = new_parser();
    let mut group = c.benchmark_group("parse");
    for (name, files) in [("realistic", &realistic), ("fixtures", &fixtures)] {
        group.throughput(Throughput::Bytes(total_bytes(files)));
        group.bench_function(name, |b| b.iter(|| parse_all(files)));
        group.bench_function(format!("tree-sitter/{name}"), |b| {
            b.iter(|| tree_sitter_all(&mut parser, files))
        });
    }
    group.finish();
}

fn corpus(c: &mut Criterion) {
    let dir = manifest_dir().join("../../../shared/corpus/dockerfiles");
    let Some(files) = read_dir(&dir, false) else {
        eprintln!(
            "note: {} is absent; skipping the corpus group",
            dir.display()
        );
        return;
    };
    let mut parser = new_parser();
    let mut group = c.benchmark_group("corpus");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(total_bytes(&files)));
    group.bench_function("dockerfiles", |b| b.iter(|| parse_all(&files)));
    group.bench_function("tree-sitter/dockerfiles", |b| {
        b.iter(|| tree_sitter_all(&mut parser, &files))
    });
    group.finish();
}

/// 3000 lines made of the realistic files (Windows one excluded: its escape directive would only
/// be a comment past the first line), repeated.
fn long_dockerfile() -> String {
    let realistic: Vec<Arc<str>> = read_dir(&manifest_dir().join("benches/data"), true).unwrap();
    let lines: Vec<&str> = realistic
        .iter()
        .filter(|text| !text.starts_with("# escape="))
        .flat_map(|text| text.lines())
        .collect();
    let mut text = String::new();
    for line in lines.iter().cycle().take(3000) {
        text.push_str(line);
        text.push('\n');
    }
    text
}

fn point_at(text: &str, byte: usize) -> Point {
    let before = &text[..byte];
    let row = before.matches('\n').count();
    let column = byte - before.rfind('\n').map_or(0, |nl| nl + 1);
    Point { row, column }
}

fn reparse(c: &mut Criterion) {
    let text = long_dockerfile();
    // One character typed into a word of a RUN line in the middle of the file.
    let line_start = text[text.len() / 2..]
        .find("\nRUN ")
        .map(|offset| text.len() / 2 + offset + 1)
        .unwrap();
    let at = line_start + "RUN ".len() + 1;
    let new_text = format!("{}x{}", &text[..at], &text[at..]);
    let edit = InputEdit {
        start_byte: at,
        old_end_byte: at,
        new_end_byte: at + 1,
        start_position: point_at(&text, at),
        old_end_position: point_at(&text, at),
        new_end_position: point_at(&new_text, at + 1),
    };
    let old = Parse::new(Arc::from(text.as_str()));
    let new_text: Arc<str> = Arc::from(new_text);
    assert_eq!(
        old.reparse(new_text.clone(), &[edit]).dockerfile(),
        Parse::new(new_text.clone()).dockerfile()
    );

    let mut group = c.benchmark_group("reparse");
    group.throughput(Throughput::Bytes(new_text.len() as u64));
    group.bench_function("3000-lines/one-char-edit", |b| {
        b.iter(|| std::hint::black_box(old.reparse(new_text.clone(), &[edit])))
    });
    group.bench_function("3000-lines/fresh-parse", |b| {
        b.iter(|| std::hint::black_box(Parse::new(new_text.clone())))
    });
    group.finish();
}

criterion_group!(benches, parse, corpus, reparse);
criterion_main!(benches);
