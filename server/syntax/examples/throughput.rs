//! `cargo run --release -p dockwise-syntax --example throughput DIR [ROUNDS]`: parse + lowering
//! µs per KiB, then tree-sitter's parse alone. With ROUNDS = 1 it doubles as a callgrind driver.
//! On Linux the CPU time of the thread is shown too: on a busy machine it is steadier than the
//! wall-clock time (10 ms resolution, so use enough rounds).
use std::time::Instant;

/// CPU time (user + system) of this thread in seconds, from `/proc/thread-self/stat`.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn report(label: &str, started: (Instant, Option<f64>), rounds: u32, bytes: usize) {
    let kib = f64::from(rounds) * bytes as f64 / 1024.0;
    let wall = started.0.elapsed().as_secs_f64() * 1e6 / kib;
    match (started.1, cpu_seconds()) {
        (Some(before), Some(after)) => println!(
            "{label}: {wall:.1} µs/KiB (CPU time: {:.1} µs/KiB)",
            (after - before) * 1e6 / kib
        ),
        _ => println!("{label}: {wall:.1} µs/KiB"),
    }
}
fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: throughput DIR [ROUNDS]");
    let rounds: u32 = std::env::args()
        .nth(2)
        .map_or(20, |n| n.parse().expect("ROUNDS is a number"));
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let texts: Vec<std::sync::Arc<str>> = paths
        .iter()
        .filter_map(|path| std::fs::read(path).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned().into())
        .collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let started = (Instant::now(), cpu_seconds());
    for _ in 0..rounds {
        for text in &texts {
            std::hint::black_box(dockwise_syntax::Parse::new(text.clone()));
        }
    }
    report(
        &format!("{} files, {} KiB, Parse::new", texts.len(), bytes / 1024),
        started,
        rounds,
        bytes,
    );
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&dockwise_grammar::LANGUAGE.into())
        .unwrap();
    let started = (Instant::now(), cpu_seconds());
    for _ in 0..rounds {
        for text in &texts {
            std::hint::black_box(parser.parse(text.as_bytes(), None));
        }
    }
    report("tree-sitter parse alone", started, rounds, bytes);
}
