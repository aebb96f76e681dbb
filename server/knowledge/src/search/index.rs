//! The inverted index behind [`crate::search`]: BM25F over weighted fields, built once.

use std::collections::HashMap;

use super::{synonyms, text};
use crate::Entry;

/// Field weights: where a word appears says how much the entry is about it.
const ID: f32 = 3.0;
const QUESTION: f32 = 3.0;
const KEYWORDS: f32 = 2.5;
const APPLIES_TO: f32 = 2.0;
const SUMMARY: f32 = 2.0;
const BODY: f32 = 1.0;
const FIELDS: usize = 6;
const WEIGHTS: [f32; FIELDS] = [ID, QUESTION, KEYWORDS, APPLIES_TO, SUMMARY, BODY];
/// Length normalisation per field: full for prose, mild for short lists.
const B: [f32; FIELDS] = [0.3, 0.5, 0.3, 0.3, 0.5, 0.75];

pub struct Index {
    /// Term → position in `postings`, `idf`, `vocabulary`.
    pub terms: HashMap<String, usize>,
    pub vocabulary: Vec<String>,
    /// For each term: (entry position, saturated BM25F term frequency).
    pub postings: Vec<Vec<(usize, f32)>>,
    pub idf: Vec<f32>,
    /// Per entry: the terms of its id, to recognise a query that names the entry.
    pub ids: Vec<Vec<String>>,
    /// Per entry: the id terms without a kind prefix (`instruction-`, `flag-`, `directive-`,
    /// `rule-`):
    /// `flag-add-checksum` is about ADD and checksums.
    pub id_subjects: Vec<Vec<String>>,
    /// Per entry: its keywords and its `applies_to` subjects as term sequences.
    pub phrases: Vec<Vec<Vec<String>>>,
    /// The related-phrase groups as term sequences.
    pub related: Vec<Vec<Vec<String>>>,
    /// Terms of the synonym tables, sorted: known words that need no typo correction.
    pub synonym_terms: Vec<String>,
}

/// `dockerfile:instruction:COPY` is about COPY, `dockerfile:flag:COPY:from` about COPY and from;
/// the namespace and kind are noise.
fn construct_subject(key: &str) -> &str {
    key.splitn(3, ':').nth(2).unwrap_or(key)
}

/// The searchable text of an entry, field by field, in `WEIGHTS` order.
fn fields(entry: &Entry) -> [Vec<String>; FIELDS] {
    let joined =
        |items: &mut dyn Iterator<Item = &str>| items.flat_map(text::analyze).collect::<Vec<_>>();
    [
        text::analyze(entry.id),
        text::analyze(entry.question),
        joined(&mut entry.keywords.iter().copied()),
        joined(&mut entry.applies_to.iter().map(|key| construct_subject(key))),
        text::analyze(entry.summary),
        text::analyze(entry.body),
    ]
}

impl Index {
    pub fn build(entries: &[Entry]) -> Index {
        const K1: f32 = 1.2;
        let docs: Vec<[Vec<String>; FIELDS]> = entries.iter().map(fields).collect();
        let count = docs.len().max(1) as f32;
        let mut average = [0f32; FIELDS];
        for doc in &docs {
            for (sum, field) in average.iter_mut().zip(doc) {
                *sum += field.len() as f32 / count;
            }
        }

        let mut terms: HashMap<String, usize> = HashMap::new();
        let mut vocabulary = Vec::new();
        let mut postings: Vec<Vec<(usize, f32)>> = Vec::new();
        for (position, doc) in docs.iter().enumerate() {
            let mut frequencies: HashMap<&str, f32> = HashMap::new();
            for (field, words) in doc.iter().enumerate() {
                let norm = 1.0 - B[field] + B[field] * words.len() as f32 / average[field].max(1.0);
                for word in words {
                    *frequencies.entry(word).or_default() += WEIGHTS[field] / norm;
                }
            }
            for (word, frequency) in frequencies {
                let term = *terms.entry(word.to_owned()).or_insert_with(|| {
                    vocabulary.push(word.to_owned());
                    postings.push(Vec::new());
                    vocabulary.len() - 1
                });
                // Saturate once here so a query is a sum of precomputed numbers.
                postings[term].push((position, frequency * (K1 + 1.0) / (frequency + K1)));
            }
        }
        let idf = postings
            .iter()
            .map(|list| {
                let df = list.len() as f32;
                (1.0 + (count - df + 0.5) / (df + 0.5)).ln()
            })
            .collect();

        let ids = entries
            .iter()
            .map(|entry| text::analyze(entry.id))
            .collect();
        let id_subjects = entries
            .iter()
            .map(|entry| {
                let subject = ["instruction-", "flag-", "directive-", "rule-"]
                    .iter()
                    .find_map(|prefix| entry.id.strip_prefix(prefix))
                    .unwrap_or(entry.id);
                text::analyze(subject)
            })
            .collect();
        let phrases = entries
            .iter()
            .map(|entry| {
                let keywords = entry.keywords.iter().copied();
                let constructs = entry.applies_to.iter().map(|key| construct_subject(key));
                keywords
                    .chain(constructs)
                    .map(text::analyze)
                    .filter(|terms| !terms.is_empty())
                    .collect()
            })
            .collect();
        let related = synonyms::RELATED
            .iter()
            .map(|group| group.iter().map(|phrase| text::analyze(phrase)).collect())
            .collect();
        let mut synonym_terms: Vec<String> = synonyms::known_terms().collect();
        synonym_terms.sort();
        synonym_terms.dedup();

        Index {
            terms,
            vocabulary,
            postings,
            idf,
            ids,
            id_subjects,
            phrases,
            related,
            synonym_terms,
        }
    }
}
