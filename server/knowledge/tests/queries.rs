//! Retrieval quality on natural questions (`queries.toml`): the share of queries whose expected
//! entry ranks first must stay above a threshold, so tuning the search cannot silently regress.
//! Run with `--nocapture` to see the misses.

use serde::Deserialize;

/// Minimum share of queries answered by the right entry first.
const TOP1_THRESHOLD: f64 = 0.90;
/// Minimum share with the right entry among the first three.
const TOP3_THRESHOLD: f64 = 0.95;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Queries {
    query: Vec<Query>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Query {
    text: String,
    expect: String,
}

fn queries() -> Vec<Query> {
    let text = include_str!("queries.toml");
    toml::from_str::<Queries>(text).expect("queries.toml").query
}

#[test]
fn expected_entries_exist() {
    let missing: Vec<String> = queries()
        .into_iter()
        .filter(|q| dockwise_knowledge::get(&q.expect).is_none())
        .map(|q| q.expect)
        .collect();
    assert!(
        missing.is_empty(),
        "queries.toml expects unknown entries: {missing:?}"
    );
}

#[test]
fn natural_queries_find_their_entry() {
    let queries = queries();
    let (mut top1, mut top3) = (0, 0);
    for query in &queries {
        let hits = dockwise_knowledge::search(&query.text, 3);
        let rank = hits.iter().position(|hit| hit.entry.id == query.expect);
        match rank {
            Some(0) => top1 += 1,
            _ => {
                let found: Vec<String> = hits
                    .iter()
                    .map(|hit| format!("{} ({:.1})", hit.entry.id, hit.score))
                    .collect();
                println!(
                    "miss: {:?} expected {} got {found:?}",
                    query.text, query.expect
                );
            }
        }
        if rank.is_some() {
            top3 += 1;
        }
    }
    let share = |n: usize| n as f64 / queries.len() as f64;
    println!(
        "{} queries: first {top1} ({:.0}%), top 3 {top3} ({:.0}%)",
        queries.len(),
        100.0 * share(top1),
        100.0 * share(top3)
    );
    assert!(
        share(top1) >= TOP1_THRESHOLD,
        "top-1 share {:.2} < {TOP1_THRESHOLD}",
        share(top1)
    );
    assert!(
        share(top3) >= TOP3_THRESHOLD,
        "top-3 share {:.2} < {TOP3_THRESHOLD}",
        share(top3)
    );
}
