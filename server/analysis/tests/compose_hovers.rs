//! Compose hovers, data-driven: in a fixture under fixtures/compose-hover, a comment line with
//! `^` marks hovers at those columns of the line above. Each marker must get a hover; the first
//! line of each is snapshotted.

mod support;

use std::path::Path;
use std::sync::Arc;

use dockwise_analysis::{Document, FileKind};

fn markers(text: &str) -> Vec<usize> {
    let mut offsets = Vec::new();
    let mut previous_start = 0;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') && trimmed[1..].trim().starts_with('^') {
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
fn compose_hovers_on_every_marked_construct() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compose-hover");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        let document = Document::new(FileKind::Compose, Arc::from(text.as_str()));
        let mut out = String::new();
        let mut missing = Vec::new();
        for offset in markers(&text) {
            let (line, column) = support::position(&text, offset);
            match document.hover(offset) {
                Some(hover) => {
                    let target = &text[hover.span.start..hover.span.end];
                    let mut lines = hover.markdown.lines().filter(|l| !l.trim().is_empty());
                    let first = lines.next().unwrap_or("");
                    let second = lines.next().unwrap_or("");
                    out.push_str(&format!(
                        "{line}:{column} `{target}` => {first}\n    {second}\n"
                    ));
                }
                None => missing.push(format!("{line}:{column}")),
            }
        }
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        assert!(missing.is_empty(), "{name}: no hover at {missing:?}\n{out}");
        insta::assert_snapshot!(format!("compose_hover__{name}"), out);
    }
}
