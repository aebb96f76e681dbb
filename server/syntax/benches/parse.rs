//! Parse + lowering throughput over the fixtures, reported per KiB.

use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn fixtures() -> Vec<Arc<str>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "Dockerfile"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| Arc::from(std::fs::read_to_string(path).unwrap()))
        .collect()
}

fn parse(c: &mut Criterion) {
    let files = fixtures();
    let bytes: usize = files.iter().map(|text| text.len()).sum();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("fixtures", |b| {
        b.iter(|| {
            for text in &files {
                std::hint::black_box(dockwise_syntax::Parse::new(text.clone()));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
