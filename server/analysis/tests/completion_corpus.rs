//! Completion and signature help over real Dockerfiles (../shared/corpus/dockerfiles and the
//! malformed ones of ../shared/corpus/fixtures/dockerfiles): at every position where a client
//! asks (line starts and ends, after a space, `-`, `=`, `$`, `{`, `:`, `,`, `/`, `#`; a sample of
//! about 60 per file), no crash,
//! and every replaced range holds the cursor, stays on its line and on character boundaries.
//! Skipped (with a note) when the corpus is not present.

use std::sync::Arc;

use dockwise_analysis::{Document, FileKind, Surroundings};

mod support;
use support::corpus;

#[test]
fn completion_holds_on_real_dockerfiles() {
    let mut files = Vec::new();
    for dir in ["dockerfiles", "fixtures/dockerfiles"] {
        match corpus(dir) {
            Some(found) => files.extend(found),
            None => eprintln!("note: ../shared/corpus/{dir} not found; skipping it"),
        }
    }
    let surroundings = Surroundings::default();
    let mut problems = Vec::new();
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let document = Document::new(FileKind::Dockerfile, Arc::from(text.as_str()));
        let asked = text.char_indices().filter_map(|(at, ch)| {
            let next = at + ch.len_utf8();
            match ch {
                '\n' => Some(at),
                ' ' | '-' | '=' | '$' | '{' | ':' | ',' | '/' | '#' => Some(next),
                _ => None,
            }
        });
        let offsets: Vec<usize> = std::iter::once(0)
            .chain(asked)
            .chain([text.len()])
            .collect();
        // At most about 60 positions per file, spread over it, to keep the suite fast.
        let stride = offsets.len().div_ceil(60).max(1);
        for offset in offsets.into_iter().step_by(stride) {
            let _ = document.signature_help(offset);
            for item in document.completions(offset, &surroundings) {
                let Some(span) = item.replace else { continue };
                let replaced = text.get(span.range());
                if !(span.start <= offset && offset <= span.end)
                    || replaced.is_none_or(|replaced| replaced.contains('\n'))
                {
                    problems.push(format!(
                        "{}: at {offset}, `{}` replaces {span:?}",
                        path.display(),
                        item.label
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
