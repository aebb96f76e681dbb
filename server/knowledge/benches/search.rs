//! `dockwise explain` latency: one ranked search over the whole knowledge base (target < 1 ms).

use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    dockwise_knowledge::search("warm up the index", 1);
    c.bench_function("search/natural question", |b| {
        b.iter(|| {
            dockwise_knowledge::search(
                std::hint::black_box("why is my container killed with 137"),
                10,
            )
        })
    });
    c.bench_function("search/typo", |b| {
        b.iter(|| dockwise_knowledge::search(std::hint::black_box("helthcheck intervall"), 10))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
