//! Formatter snapshots: each `fixtures/format/<name>.Dockerfile` formats to
//! `<name>.formatted.Dockerfile` (byte for byte: CRLF and tabs matter), and the formatted file
//! is left as it is. `DOCKWISE_UPDATE_FIXTURES=1` rewrites the expected files; review the diff.

use std::path::Path;
use std::sync::Arc;

use dockwise_analysis::{Document, FileKind, apply_edits};

fn format(text: &str) -> String {
    let document = Document::new(FileKind::Dockerfile, Arc::from(text));
    apply_edits(text, &document.format())
}

#[test]
fn fixtures_format_to_their_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures directory")
        .map(|entry| entry.expect("dir entry").path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            name.ends_with(".Dockerfile") && !name.ends_with(".formatted.Dockerfile")
        })
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 5, "fixtures found: {inputs:?}");
    let update = std::env::var_os("DOCKWISE_UPDATE_FIXTURES").is_some();
    let mut failures = Vec::new();
    for input in inputs {
        let text = std::fs::read_to_string(&input).expect("fixture is UTF-8");
        let formatted = format(&text);
        let expected_path = input.with_extension("formatted.Dockerfile");
        if update {
            std::fs::write(&expected_path, &formatted).expect("write snapshot");
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        let name = input.file_name().unwrap().to_string_lossy().to_string();
        if formatted != expected {
            failures.push(format!(
                "{name}: formatted\n{formatted:?}\nexpected\n{expected:?}"
            ));
        }
        if format(&formatted) != formatted {
            failures.push(format!("{name}: formatting the result changes it again"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
