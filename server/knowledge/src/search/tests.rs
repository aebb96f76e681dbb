//! Ranking on a fixed, synthetic set of entries, so these tests do not move with knowledge/.

use super::index::Index;
use super::{rank, text};
use crate::{Entry, Reference};

const REFERENCE: &[Reference] = &[Reference {
    title: "docs",
    url: "https://docs.docker.com/",
}];

const fn entry(
    id: &'static str,
    question: &'static str,
    summary: &'static str,
    keywords: &'static [&'static str],
    body: &'static str,
) -> Entry {
    Entry {
        id,
        question,
        summary,
        applies_to: &[],
        rules: &[],
        keywords,
        see_also: &[],
        references: REFERENCE,
        body,
        path: "",
        body_line: 1,
    }
}

static ENTRIES: &[Entry] = &[
    entry(
        "instruction-env",
        "What does ENV set, and how long does it last?",
        "ENV sets an environment variable for the rest of the build and for containers.",
        &["environment variable"],
        "Values persist in the image. Use ARG for values needed only while building.",
    ),
    entry(
        "exit-code-137",
        "Why did my container exit with code 137?",
        "The kernel killed the process, usually because it went over its memory limit.",
        &["oom killer", "sigkill"],
        "Exit code 137 is 128 plus 9: the process received SIGKILL. Raise the limit.",
    ),
    entry(
        "pid1-and-signals",
        "Why does my container ignore docker stop?",
        "The main process runs as PID 1, which gets no default signal handlers.",
        &["init", "tini"],
        "Use exec form so the application is PID 1 itself, or run an init such as tini.",
    ),
    entry(
        "layer-caching",
        "How does the build cache decide to reuse a layer?",
        "A step is reused only if it and every step before it are unchanged.",
        &["build cache", "cache invalidation"],
        "Copy dependency manifests before the source so edits do not reinstall packages.",
    ),
    entry(
        "dockerignore",
        "What does .dockerignore do?",
        "It leaves files out of the build context.",
        &[".dockerignore", "node_modules"],
        "Ignore .git and node_modules. Patterns starting with ! re-include files.",
    ),
    entry(
        "compose-depends-on",
        "How do I make a service wait for another in Compose?",
        "depends_on orders startup; condition service_healthy waits for a healthcheck.",
        &["depends_on", "startup order"],
        "Without a condition, Compose only waits for the dependency's container to start.",
    ),
    entry(
        "multi-stage-builds",
        "How do multi-stage builds work?",
        "Several FROM stages in one Dockerfile; the final image keeps only the last stage.",
        &["builder stage"],
        "Compile in a stage with the toolchain and COPY --from it the artifact alone.",
    ),
];

fn top(query: &str) -> Option<&'static str> {
    let index = Index::build(ENTRIES);
    rank(&index, ENTRIES, query)
        .first()
        .map(|&(position, _)| ENTRIES[position].id)
}

#[track_caller]
fn assert_top(query: &str, id: &str) {
    assert_eq!(top(query), Some(id), "query `{query}`");
}

#[test]
fn plain_questions() {
    assert_top("how do I set an environment variable", "instruction-env");
    assert_top("container killed with exit code 137", "exit-code-137");
    assert_top("why is my build cache not reused", "layer-caching");
    assert_top("docker stop takes 10 seconds", "pid1-and-signals");
}

#[test]
fn endings_are_folded() {
    assert_top("caching layers", "layer-caching");
    assert_top("ignoring files", "dockerignore");
}

#[test]
fn synonyms_expand_the_query() {
    // None of these words is in the target entry.
    assert_top("env var", "instruction-env");
    assert_top("oom", "exit-code-137");
    assert_top("zombie processes", "pid1-and-signals");
    assert_top("startup order between containers", "compose-depends-on");
    assert_top("make my image smaller", "multi-stage-builds");
}

#[test]
fn typos_are_corrected() {
    assert_top("dockerignroe", "dockerignore");
    assert_top("enviroment variabel", "instruction-env");
    assert_top("invalidaton of the cahce", "layer-caching");
    assert_top("multi stgae build", "multi-stage-builds");
}

#[test]
fn exact_ids_and_keywords_win() {
    assert_top("layer-caching", "layer-caching");
    assert_top("pid1 and signals", "pid1-and-signals");
    // "init" also occurs elsewhere, but it is exactly a keyword of this entry.
    assert_top("init", "pid1-and-signals");
    let index = Index::build(ENTRIES);
    let ranked = rank(&index, ENTRIES, "node_modules");
    assert_eq!(ENTRIES[ranked[0].0].id, "dockerignore");
}

#[test]
fn nothing_to_find() {
    let index = Index::build(ENTRIES);
    assert!(rank(&index, ENTRIES, "").is_empty());
    assert!(rank(&index, ENTRIES, "how do I do it?").is_empty());
    assert!(rank(&index, ENTRIES, "xylophone quantum").is_empty());
}

#[test]
fn scores_are_sorted_and_positive() {
    let index = Index::build(ENTRIES);
    let ranked = rank(&index, ENTRIES, "container build cache signal");
    assert!(ranked.len() > 1);
    assert!(ranked.windows(2).all(|w| w[0].1 >= w[1].1));
    assert!(ranked.iter().all(|&(_, score)| score > 0.0));
}

#[test]
fn synonym_phrases_survive_the_tokenizer() {
    let index = Index::build(ENTRIES);
    for (group, phrases) in super::synonyms::RELATED.iter().zip(&index.related) {
        assert!(
            phrases.iter().all(|p| !p.is_empty()),
            "a phrase of {group:?} is only stop words"
        );
    }
    for (variant, canonical) in super::synonyms::EQUIVALENTS {
        assert!(!text::terms(variant).is_empty(), "{variant}");
        // A canonical form must not be rewritten again, or entries and queries could diverge.
        assert_eq!(
            text::analyze(canonical),
            text::terms(canonical),
            "{canonical}"
        );
    }
    assert_eq!(text::analyze("out of memory"), ["oom"]);
    assert_eq!(
        text::analyze("Multistage env vars"),
        ["multi", "stag", "environment", "variabl"]
    );
}

#[test]
fn public_search_respects_the_limit() {
    let hits = crate::search("docker build", 2);
    assert!(hits.len() <= 2);
    assert!(crate::search("dockerignore", 0).is_empty());
    let hits = crate::search("dockerignore", 3);
    assert_eq!(hits.first().map(|h| h.entry.id), Some("dockerignore"));
}
