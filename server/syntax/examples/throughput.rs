//! `cargo run --release -p dockwise-syntax --example throughput DIR`: parse + lowering µs per KiB.
use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).expect("usage: throughput DIR");
    let texts: Vec<std::sync::Arc<str>> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| std::fs::read(e.unwrap().path()).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned().into())
        .collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let rounds = 20;
    let started = Instant::now();
    for _ in 0..rounds {
        for text in &texts {
            std::hint::black_box(dockwise_syntax::Parse::new(text.clone()));
        }
    }
    let per_kib = started.elapsed().as_secs_f64() * 1e6 / rounds as f64 / (bytes as f64 / 1024.0);
    println!(
        "{} files, {} KiB: {per_kib:.1} µs/KiB",
        texts.len(),
        bytes / 1024
    );
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&dockwise_grammar::LANGUAGE.into())
        .unwrap();
    let started = Instant::now();
    for _ in 0..rounds {
        for text in &texts {
            std::hint::black_box(parser.parse(text.as_bytes(), None));
        }
    }
    let per_kib = started.elapsed().as_secs_f64() * 1e6 / rounds as f64 / (bytes as f64 / 1024.0);
    println!("tree-sitter parse alone: {per_kib:.1} µs/KiB");
}
