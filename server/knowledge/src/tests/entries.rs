//! The library on the real, embedded entries.

use std::fs;
use std::path::{Path, PathBuf};

use crate::entry::escape_markdown;
use crate::{Expectation, entries, for_construct, for_rule, get, validate};

fn root() -> PathBuf {
    PathBuf::from(env!("DOCKWISE_KNOWLEDGE_ROOT"))
}

fn file_of(path: &str) -> PathBuf {
    root().join(
        path.strip_prefix("knowledge/")
            .expect("paths start with knowledge/"),
    )
}

fn count_entry_files(dir: &Path, top: bool) -> usize {
    let mut count = 0;
    for item in fs::read_dir(dir).unwrap().flatten() {
        let path = item.path();
        let name = item.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            count += count_entry_files(&path, false);
        } else if name.ends_with(".md") && !top {
            count += 1;
        }
    }
    count
}

#[test]
fn every_file_is_embedded_once_in_path_order() {
    assert_eq!(entries().len(), count_entry_files(&root(), true));
    assert!(entries().windows(2).all(|w| w[0].path < w[1].path));
}

#[test]
fn embedded_data_is_what_the_validator_reads_from_disk() {
    for entry in entries() {
        let text = fs::read_to_string(file_of(entry.path)).unwrap();
        let parsed = validate::parse(entry.id, &text).unwrap();
        assert_eq!(parsed.front.question.trim(), entry.question);
        assert_eq!(parsed.front.summary.trim(), entry.summary);
        assert_eq!(parsed.front.applies_to, entry.applies_to);
        assert_eq!(parsed.front.references.len(), entry.references.len());
        assert_eq!(parsed.body, entry.body);
        assert_eq!(parsed.body_line, entry.body_line);
    }
}

#[test]
fn hover_markdown_stops_at_the_break_and_links_references() {
    for entry in entries() {
        let short = entry.short_markdown();
        let full = entry.full_markdown();
        let head = format!(
            "### {}\n\n{}\n\n",
            escape_markdown(entry.question),
            escape_markdown(entry.summary)
        );
        assert!(short.starts_with(&head), "{}", entry.id);
        assert!(full.starts_with(&head), "{}", entry.id);
        for markdown in [&short, &full] {
            assert!(!markdown.contains(crate::fence::MORE), "{}", entry.id);
            for reference in entry.references {
                assert!(
                    markdown.contains(&format!("]({})", reference.url)),
                    "{}",
                    entry.id
                );
            }
        }
        if let Some((before, after)) = entry.body.split_once(crate::fence::MORE) {
            let last_line = after.trim_end().lines().last().unwrap_or("").trim();
            assert!(short.contains(before.trim()), "{}", entry.id);
            assert!(full.contains(after.trim()), "{}", entry.id);
            if !last_line.is_empty() && !before.contains(last_line) {
                assert!(!short.contains(last_line), "{}", entry.id);
            }
        } else {
            assert_eq!(short, full, "{}", entry.id);
        }
    }
}

#[test]
fn examples_point_at_their_fences() {
    for entry in entries() {
        let text = fs::read_to_string(file_of(entry.path)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for example in entry.examples() {
            let fence = lines[example.line - 1].trim_start();
            assert!(
                fence.starts_with("```") || fence.starts_with("~~~"),
                "{}:{}: `{fence}`",
                entry.path,
                example.line
            );
            assert!(
                fence.contains(example.language),
                "{}:{}",
                entry.path,
                example.line
            );
            if let Some(first_code_line) = example.code.lines().next() {
                assert_eq!(lines[example.line], first_code_line, "{}", entry.path);
            }
        }
    }
}

#[test]
fn own_entries_read_as_written() {
    let entry = get("dockerignore").expect("knowledge/build/dockerignore.md");
    assert_eq!(entry.path, "knowledge/build/dockerignore.md");
    assert!(entry.see_also.contains(&"build-context"));
    let examples = entry.examples();
    assert_eq!(examples.len(), 3);
    assert_eq!(examples[0].language, "text");
    assert_eq!(examples[0].expectation, Expectation::Illustration);
    assert!(examples[0].code.starts_with(".git\n"));
    assert_eq!(examples[1].expectation, Expectation::Bad);
    assert_eq!(examples[2].expectation, Expectation::Good);
    assert!(entry.short_markdown().contains("last matching line wins"));
    assert!(!entry.short_markdown().contains("allow-list"));
    assert!(entry.full_markdown().contains("allow-list"));

    let caching = get("layer-caching").expect("knowledge/build/layer-caching.md");
    let examples = caching.examples();
    assert_eq!(examples.len(), 2);
    assert_eq!(examples[0].language, "dockerfile");
    assert_eq!(examples[0].expectation, Expectation::Good);
    assert!(examples[0].code.contains("RUN npm ci\n"));
    assert!(get("build-context").is_some());
    assert!(get("no-such-entry").is_none());
}

#[test]
fn every_id_and_see_also_resolves() {
    for entry in entries() {
        assert!(std::ptr::eq(get(entry.id).unwrap(), entry));
        for id in entry.see_also {
            assert!(get(id).is_some(), "{}: see_also {id}", entry.id);
        }
    }
}

#[test]
fn constructs_find_their_entries() {
    for entry in entries() {
        for key in entry.applies_to {
            let found = |key: &str| for_construct(key).iter().any(|e| e.id == entry.id);
            assert!(found(key), "{key}");
            if key.starts_with("compose:") && key.contains('*') {
                assert!(
                    found(&key.replace('*', "web")),
                    "{key} with a concrete name"
                );
            }
            if let Some(keyword) = key.strip_prefix("dockerfile:instruction:") {
                let lower = format!("dockerfile:instruction:{}", keyword.to_lowercase());
                assert!(found(&lower), "{lower}");
            }
        }
    }
    let found = for_construct("topic:dockerignore");
    assert_eq!(found.first().map(|e| e.id), Some("dockerignore"));
    assert!(for_construct("dockerfile:instruction:NOPE").is_empty());
    assert!(for_construct("").is_empty());
}

#[test]
fn rules_lead_to_the_entry_that_lists_them() {
    for entry in entries() {
        for rule in entry.rules {
            assert_eq!(for_rule(rule).map(|e| e.id), Some(entry.id), "{rule}");
        }
    }
    assert!(for_rule("no-such-rule").is_none());
}

#[test]
fn plain_text_is_escaped_for_markdown() {
    assert_eq!(
        escape_markdown("--exclude=<pattern> keeps NODE_ENV, *.md and _x_"),
        "--exclude=\\<pattern\\> keeps NODE_ENV, \\*.md and \\_x\\_"
    );
    assert_eq!(escape_markdown("# syntax= line"), "\\# syntax= line");
}
