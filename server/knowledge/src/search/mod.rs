//! Ranked retrieval for `dockwise explain`: BM25F over the entries' fields, with typo
//! correction against the vocabulary, synonym expansion and boosts for exact ids and keywords.

mod index;
mod synonyms;
mod text;

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use index::Index;

use crate::{Entry, entries};

/// An entry found by [`search`], with its relevance (higher is better, not normalised).
#[derive(Clone, Copy, Debug)]
pub struct SearchHit {
    pub entry: &'static Entry,
    pub score: f32,
}

/// Weight of a query term found through a related phrase rather than typed.
const RELATED: f32 = 0.5;
/// Weights of a term corrected at edit distance 1 and 2.
const CORRECTED: [f32; 2] = [0.8, 0.6];
/// The query is the entry's id, in words or with hyphens: the user named the entry.
const ID_BOOST: f32 = 100.0;
/// The query mentions every subject of the id (`add` and `checksum` for `flag-add-checksum`);
/// scaled by the share of the query those words make up.
const ID_SUBJECT_BOOST: f32 = 8.0;
/// The query is exactly one of the entry's keywords or constructs.
const PHRASE_EXACT_BOOST: f32 = 8.0;
/// Per term of a multi-word keyword or construct whose terms all occur in the query.
const PHRASE_TERM_BOOST: f32 = 1.5;
/// Compose entries answer Compose questions: when the query says nothing of Compose, the general
/// entry on the same subject (`resource-limits` rather than `compose-deploy-resources`) comes
/// first.
const COMPOSE_UNASKED_FACTOR: f32 = 0.7;
/// Query terms (after canonical spelling) that make a question a Compose question.
const COMPOSE_TERMS: &[&str] = &[
    "compose",
    "service",
    "services",
    "yaml",
    "yml",
    "depends_on",
];

static INDEX: LazyLock<Index> = LazyLock::new(|| Index::build(entries()));

/// The entries that best answer `query`, best first, at most `limit`.
pub fn search(query: &str, limit: usize) -> Vec<SearchHit> {
    rank(&INDEX, entries(), query)
        .into_iter()
        .take(limit)
        .map(|(position, score)| SearchHit {
            entry: &entries()[position],
            score,
        })
        .collect()
}

/// (entry position, score) for every entry that matches, best first.
fn rank(index: &Index, entries: &[Entry], query: &str) -> Vec<(usize, f32)> {
    let mut scores = vec![0f32; entries.len()];
    let query = Query::new(index, query);
    for (term, weight) in &query.weights {
        if let Some(&t) = index.terms.get(term.as_str()) {
            for &(doc, frequency) in &index.postings[t] {
                scores[doc] += weight * index.idf[t] * frequency;
            }
        }
    }
    if !query.sequence.is_empty() {
        for (position, score) in scores.iter_mut().enumerate() {
            *score += boost(index, position, &query);
        }
    }

    if !COMPOSE_TERMS.iter().any(|term| query.typed.contains(*term)) {
        for (score, entry) in scores.iter_mut().zip(entries) {
            if entry.path.starts_with("knowledge/compose/") {
                *score *= COMPOSE_UNASKED_FACTOR;
            }
        }
    }
    let mut ranked: Vec<(usize, f32)> = scores
        .into_iter()
        .enumerate()
        .filter(|(_, score)| *score > 0.0)
        .collect();
    // Stable: equal scores keep the entries' path order.
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    ranked
}

/// Exact matches that BM25 underrates: the query names the entry, its subject or a keyword.
fn boost(index: &Index, position: usize, query: &Query) -> f32 {
    let mut boost = 0.0;
    if index.ids[position] == query.sequence {
        boost += ID_BOOST;
    }
    let subject = &index.id_subjects[position];
    if !subject.is_empty() && subject.iter().all(|term| query.typed.contains(term)) {
        boost += ID_SUBJECT_BOOST * subject.len() as f32 / query.typed.len() as f32;
    }
    for phrase in &index.phrases[position] {
        if *phrase == query.sequence {
            boost += PHRASE_EXACT_BOOST;
        } else if phrase.len() > 1 && phrase.iter().all(|term| query.typed.contains(term)) {
            boost += PHRASE_TERM_BOOST * phrase.len() as f32;
        }
    }
    boost
}

struct Query {
    /// The typed terms after typo correction and canonical spelling, in order.
    sequence: Vec<String>,
    /// The same terms as a set.
    typed: HashSet<String>,
    /// Every term to look up, with its weight: typed, corrected or related.
    weights: HashMap<String, f32>,
}

impl Query {
    fn new(index: &Index, text: &str) -> Query {
        let mut corrected: HashMap<String, f32> = HashMap::new();
        let terms = text::terms(text)
            .into_iter()
            .map(|term| {
                let known = index.terms.contains_key(&term)
                    || index.synonym_terms.binary_search(&term).is_ok();
                match (!known).then(|| correct(index, &term)).flatten() {
                    Some((fixed, distance)) => {
                        corrected.insert(fixed.clone(), CORRECTED[distance - 1]);
                        fixed
                    }
                    None => term,
                }
            })
            .collect();
        let sequence = synonyms::canonical(terms);

        let mut weights: HashMap<String, f32> = HashMap::new();
        let mut add = |term: &str, weight: f32| {
            let slot = weights.entry(term.to_owned()).or_default();
            *slot = slot.max(weight);
        };
        for term in &sequence {
            add(term, corrected.get(term).copied().unwrap_or(1.0));
        }
        for group in &index.related {
            if group.iter().any(|phrase| contains(&sequence, phrase)) {
                for term in group.iter().flatten() {
                    add(term, RELATED);
                }
            }
        }
        let typed = sequence.iter().cloned().collect();
        Query {
            sequence,
            typed,
            weights,
        }
    }
}

/// The known term closest to an unknown one: edit distance 1 for short words, 2 for long ones;
/// among equally close terms the most common wins.
fn correct(index: &Index, term: &str) -> Option<(String, usize)> {
    let length = term.chars().count();
    let allowed = match length {
        0..=3 => return None,
        4..=6 => 1,
        _ => 2,
    };
    let candidates = index
        .vocabulary
        .iter()
        .zip(&index.postings)
        .map(|(word, list)| (word, list.len()))
        .chain(index.synonym_terms.iter().map(|word| (word, 0)));
    let mut best: Option<(&String, usize, usize)> = None;
    for (word, frequency) in candidates {
        if word.len().abs_diff(term.len()) > allowed {
            continue;
        }
        let distance = strsim::osa_distance(term, word);
        if distance == 0 || distance > allowed {
            continue;
        }
        let better = best.is_none_or(|(_, d, f)| distance < d || (distance == d && frequency > f));
        if better {
            best = Some((word, distance, frequency));
        }
    }
    best.map(|(word, distance, _)| (word.clone(), distance))
}

/// Whether `needle` occurs as a contiguous run of `haystack`.
fn contains(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty()
        && haystack.len() >= needle.len()
        && haystack
            .windows(needle.len())
            .any(|window| window == needle)
}

#[cfg(test)]
mod tests;
