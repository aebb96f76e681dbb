//! Hovers, data-driven: in a fixture, a comment line of `^` marks hovers at those columns of the
//! line above. Each marker must get a hover; the first line of each is snapshotted.

mod support;

use std::path::Path;
use std::sync::Arc;

use dockwise_analysis::{Document, FileKind};

/// Byte offsets marked by `^` in comment lines (pointing at the previous line).
fn markers(text: &str) -> Vec<usize> {
    let mut offsets = Vec::new();
    let mut previous_start = 0;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('#') && line.contains('^') && !line.contains('=') {
            for (column, _) in line.match_indices('^') {
                offsets.push(previous_start + column);
            }
        } else {
            previous_start = start;
        }
        start += line.len();
    }
    offsets
}

#[test]
fn hovers_on_every_marked_construct() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hover");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        let document = Document::new(FileKind::Dockerfile, Arc::from(text.as_str()));
        let mut out = String::new();
        let mut missing = Vec::new();
        for offset in markers(&text) {
            let (line, column) = support::position(&text, offset);
            match document.hover(offset) {
                Some(hover) => {
                    let target = &text[hover.span.start..hover.span.end];
                    let first = hover
                        .markdown
                        .lines()
                        .find(|l| !l.trim().is_empty())
                        .unwrap_or("");
                    out.push_str(&format!("{line}:{column} `{target}` => {first}\n"));
                }
                None => missing.push(format!("{line}:{column}")),
            }
        }
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        assert!(missing.is_empty(), "{name}: no hover at {missing:?}\n{out}");
        insta::assert_snapshot!(name, out);
    }
}
