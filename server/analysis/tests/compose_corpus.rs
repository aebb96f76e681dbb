//! Real Compose files: ../shared/corpus/compose must produce no error-severity diagnostic, and
//! the malformed inputs of ../shared/corpus/fixtures/compose must neither crash nor hang (nor
//! must the editing features on either).
//! Skipped (with a note) when the corpus is not present.

use std::sync::Arc;
use std::time::{Duration, Instant};

use dockwise_analysis::{Config, Document, FileKind, Severity};

mod support;
use support::corpus;

#[test]
fn real_compose_files_have_no_errors() {
    let Some(files) = corpus("compose") else {
        eprintln!("note: ../shared/corpus/compose not found; skipping");
        return;
    };
    let mut problems = Vec::new();
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let document = Document::new(FileKind::Compose, Arc::from(text.as_str()));
        for d in document.diagnostics(&Config::default()) {
            if d.severity == Severity::Error {
                let line = text[..d.span.start].matches('\n').count() + 1;
                problems.push(format!(
                    "{}:{line} [{}] {}",
                    path.display(),
                    d.code,
                    d.message
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} errors:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn malformed_compose_files_neither_crash_nor_hang() {
    let Some(files) = corpus("fixtures/compose") else {
        eprintln!("note: ../shared/corpus/fixtures/compose not found; skipping");
        return;
    };
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes).to_string();
        let start = Instant::now();
        let document = Document::new(FileKind::Compose, Arc::from(text.as_str()));
        let _ = document.diagnostics(&Config::default());
        for offset in (0..text.len()).step_by(97) {
            if text.is_char_boundary(offset) {
                let _ = document.hover(offset);
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{} took {:?}",
            path.display(),
            start.elapsed()
        );
    }
}

/// `cargo test --test compose_corpus -- --ignored --nocapture`: every diagnostic on the corpus,
/// for review by hand.
#[test]
#[ignore]
fn print_corpus_diagnostics() {
    let Some(files) = corpus("compose") else {
        return;
    };
    let mut counts = std::collections::BTreeMap::new();
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let document = Document::new(FileKind::Compose, Arc::from(text.as_str()));
        for d in document.diagnostics(&Config::default()) {
            *counts.entry(d.code).or_insert(0) += 1;
            let line = text[..d.span.start].matches('\n').count() + 1;
            let name = path.file_name().unwrap().to_string_lossy();
            println!(
                "{name}:{line} {} [{}] {}",
                d.severity.as_str(),
                d.code,
                d.message
            );
        }
    }
    println!("{counts:#?}");
}

/// Completion, navigation, rename, outline, folds, tokens and links on every corpus file, real and
/// malformed: no panic, and every span they return lies inside the text on character boundaries.
#[test]
fn editing_features_never_panic_on_the_corpus() {
    let mut files = corpus("compose").unwrap_or_default();
    files.extend(corpus("fixtures/compose").unwrap_or_default());
    if files.is_empty() {
        eprintln!("note: ../shared/corpus not found; skipping");
        return;
    }
    let surroundings = dockwise_analysis::Surroundings::default();
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes).to_string();
        let document = Document::new(FileKind::Compose, Arc::from(text.as_str()));
        let valid = |span: dockwise_analysis::Span| {
            span.start <= span.end && text.get(span.start..span.end).is_some()
        };
        let start = Instant::now();
        for offset in (0..text.len()).step_by(101) {
            if !text.is_char_boundary(offset) {
                continue;
            }
            for completion in document.completions(offset, &surroundings) {
                assert!(completion.replace.is_none_or(valid), "{}", path.display());
            }
            assert!(document.definition(offset).into_iter().all(valid));
            assert!(document.references(offset, true).into_iter().all(valid));
            if document.prepare_rename(offset).is_ok() {
                let _ = document.rename(offset, "renamed");
            }
        }
        for symbol in document.symbols() {
            assert!(valid(symbol.span) && valid(symbol.selection));
        }
        assert!(document.folds().into_iter().all(|f| valid(f.span)));
        assert!(document.tokens().into_iter().all(|t| valid(t.span)));
        assert!(document.links().into_iter().all(|l| valid(l.span)));
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{} took {:?}",
            path.display(),
            start.elapsed()
        );
    }
}
