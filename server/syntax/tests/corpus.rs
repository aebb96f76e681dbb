//! The real-world corpus (not on every machine): every main-set Dockerfile parses without an
//! error node or syntax error; every builder fixture parses and lowers quickly without panicking.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use dockwise_syntax::Parse;

fn corpus(kind: &str) -> Option<Vec<PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus")
        .join(kind);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("note: {} is absent; skipping", dir.display());
        return None;
    };
    let mut files: Vec<_> = entries
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    Some(files)
}

fn read(path: &Path) -> Arc<str> {
    let bytes = std::fs::read(path).unwrap();
    Arc::from(String::from_utf8_lossy(&bytes).into_owned())
}

fn first_error_node(parse: &Parse) -> Option<String> {
    let mut cursor = parse.tree().walk();
    loop {
        let node = cursor.node();
        if node.is_error() || node.is_missing() {
            return Some(format!("{} at {:?}", node.kind(), node.start_position()));
        }
        if node.has_error() && cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return None;
            }
        }
    }
}

#[test]
fn main_set_has_no_syntax_errors() {
    let Some(files) = corpus("dockerfiles") else {
        return;
    };
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    for path in &files {
        let text = read(path);
        let parse = Parse::new(text.clone());
        let name = path.file_name().unwrap().to_string_lossy();
        if let Some(error) = first_error_node(&parse) {
            failures.push(format!("{name}: {error}"));
        }
        if let Some(error) = parse.dockerfile().errors.first() {
            failures.push(format!(
                "{name}: {} {} at {:?}",
                error.code, error.message, error.span
            ));
        }
        // The tree must cover the file: nothing silently dropped at the end.
        let root = parse.tree().root_node();
        if root.end_byte() < text.trim_end().len() {
            failures.push(format!(
                "{name}: tree ends at {} of {}",
                root.end_byte(),
                text.len()
            ));
        }
        if parse.dockerfile().instructions.is_empty() {
            failures.push(format!("{name}: no instruction"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn fixtures_parse_without_panic_in_time() {
    let Some(files) = corpus("fixtures/dockerfiles") else {
        return;
    };
    assert!(!files.is_empty());
    let mut instructions = 0;
    for path in &files {
        let text = read(path);
        let started = Instant::now();
        let parse = Parse::new(text);
        instructions += parse.dockerfile().instructions.len();
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{} took {:?}",
            path.display(),
            started.elapsed()
        );
    }
    assert!(
        instructions > files.len(),
        "suspiciously few instructions: {instructions}"
    );
}

/// Keystrokes at many places of every real-world file (and the builder fixtures): the
/// incrementally lowered model equals a fresh parse's.
#[test]
fn incremental_reparse_matches_fresh_parse_on_the_corpus() {
    use dockwise_syntax::{InputEdit, Point};
    let (Some(main), Some(fixtures)) = (corpus("dockerfiles"), corpus("fixtures")) else {
        return;
    };
    const KEYS: [&str; 6] = ["x", "\n", "\\", " \\\n", "#", "<<EOF\n"];
    let point = Point { row: 0, column: 0 };
    for path in main.iter().chain(&fixtures) {
        let text = read(path);
        let parse = Parse::new(text.clone());
        let len = text.len();
        for step in 0..12usize {
            let mut at = (len * step) / 12 + step;
            while at < len && !text.is_char_boundary(at) {
                at += 1;
            }
            let at = at.min(len);
            let key = KEYS[step % KEYS.len()];
            // Typing a key, then deleting the character after it when there is one.
            let delete = step % 3 == 0 && text[at..].chars().next().is_some();
            let old_end = if delete {
                at + text[at..].chars().next().map_or(0, char::len_utf8)
            } else {
                at
            };
            let new_text = format!("{}{}{}", &text[..at], key, &text[old_end..]);
            let edit = InputEdit {
                start_byte: at,
                old_end_byte: old_end,
                new_end_byte: at + key.len(),
                start_position: point,
                old_end_position: point,
                new_end_position: point,
            };
            let reparsed = parse.reparse(Arc::from(new_text.as_str()), &[edit]);
            let fresh = Parse::new(Arc::from(new_text.as_str()));
            assert!(
                reparsed.dockerfile() == fresh.dockerfile(),
                "{}: typing {key:?} at {at}",
                path.display()
            );
        }
    }
}
