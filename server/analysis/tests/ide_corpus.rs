//! Editing features over real Dockerfiles (../shared/corpus/dockerfiles) and malformed ones
//! (../shared/corpus/fixtures/dockerfiles): nothing panics, tokens are ordered and single-line,
//! selection ranges nest, and every rename the server offers keeps the file meaning the same
//! (as many occurrences afterwards, no new undefined variable or stage reference).
//! Skipped (with a note) when the corpus is not present.

use std::sync::Arc;

use dockwise_analysis::{Config, Document, FileKind, Span, apply_edits};

mod support;
use support::corpus;

const NEW_NAME: &str = "zz_renamed_1";

/// Rules whose findings a correct rename never changes.
const MEANING: &[&str] = &[
    "undefined-variable",
    "undefined-arg-in-from",
    "invalid-stage-reference",
];

/// Offsets worth trying: names after `$`, `AS `, `--from=`, `from=`, `ARG `, `ENV `, `<<`.
fn interesting_offsets(text: &str) -> Vec<usize> {
    let mut offsets = Vec::new();
    for (needle, shift) in [
        ("$", 1),
        ("${", 2),
        (" AS ", 4),
        (" as ", 4),
        ("--from=", 7),
        ("from=", 5),
        ("ARG ", 4),
        ("ENV ", 4),
        ("<<", 2),
        ("FROM ", 5),
    ] {
        offsets.extend(text.match_indices(needle).map(|(at, _)| at + shift));
    }
    offsets.sort_unstable();
    offsets.dedup();
    // Spread over the file; debug builds make every request slow.
    let step = offsets.len().div_ceil(16).max(1);
    offsets.into_iter().step_by(step).collect()
}

fn meaning(document: &Document) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = document
        .diagnostics(&Config::default())
        .iter()
        .filter_map(|d| MEANING.iter().find(|code| **code == d.code).copied())
        .collect();
    codes.sort_unstable();
    codes
}

fn check_file(name: &str, text: &str, problems: &mut Vec<String>) {
    let document = Document::new(FileKind::Dockerfile, Arc::from(text));
    let tokens = document.tokens();
    for pair in tokens.windows(2) {
        if pair[0].span.end > pair[1].span.start {
            problems.push(format!("{name}: overlapping tokens {pair:?}"));
        }
    }
    for token in &tokens {
        match text.get(token.span.range()) {
            Some(slice) if !slice.is_empty() && !slice.contains(['\n', '\r']) => {}
            _ => problems.push(format!("{name}: bad token {token:?}")),
        }
    }
    let _ = (document.symbols(), document.folds(), document.links());
    let _ = document.inlay_hints(Span::new(0, text.len()));
    let before = meaning(&document);
    let mut renamed_names = std::collections::HashSet::new();
    for offset in interesting_offsets(text) {
        let ranges = document.selection_ranges(offset);
        if ranges
            .windows(2)
            .any(|pair| pair[1].start > pair[0].start || pair[0].end > pair[1].end)
        {
            problems.push(format!("{name}: selection ranges do not nest at {offset}"));
        }
        let _ = (document.definition(offset), document.highlights(offset));
        let references = document.references(offset, true);
        let Ok(target) = document.prepare_rename(offset) else {
            continue;
        };
        // The cursor may be on the `$` or `{` of a reference, before the name.
        if !(target.span.start <= offset + 2 && offset <= target.span.end) {
            problems.push(format!("{name}: rename target {target:?} not at {offset}"));
        }
        // Each name once, and a few per file: a rename re-runs every rule.
        if renamed_names.len() >= 4 || !renamed_names.insert(target.name.clone()) {
            continue;
        }
        let edits = match document.rename(offset, NEW_NAME) {
            Ok(edits) => edits,
            // A clash or a name Docker rejects: refused with a reason, which is fine.
            Err(_) => continue,
        };
        let renamed_text = apply_edits(text, &edits);
        let renamed = Document::new(FileKind::Dockerfile, Arc::from(renamed_text.as_str()));
        let Some(at) = renamed_text.find(NEW_NAME) else {
            problems.push(format!("{name}: rename at {offset} wrote nothing"));
            continue;
        };
        let after = renamed.references(at, true).len();
        if after != references.len() || after != edits.len() && references.len() < edits.len() {
            problems.push(format!(
                "{name}: `{}` at {offset}: {} occurrences before, {after} after the rename",
                target.name,
                references.len()
            ));
        }
        if meaning(&renamed) != before {
            problems.push(format!(
                "{name}: renaming `{}` at {offset} changed {:?} into {:?}",
                target.name,
                before,
                meaning(&renamed)
            ));
        }
    }
}

#[test]
fn editing_features_on_real_and_broken_dockerfiles() {
    let (Some(real), Some(broken)) = (corpus("dockerfiles"), corpus("fixtures/dockerfiles")) else {
        eprintln!("note: ../shared/corpus not found; skipping");
        return;
    };
    let mut problems = Vec::new();
    for path in real.iter().chain(&broken) {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        check_file(&name, &text, &mut problems);
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
