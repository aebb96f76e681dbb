//! Completion, signature help and hover at typical positions of the 120-line multi-stage
//! Dockerfile and of the 3000-line one that `reanalysis` uses, and completion and hover in the
//! generated Compose files of 40 and 500 services. Targets: under 1 ms and 10 ms per request.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use dockwise_analysis::{Document, FileKind, Surroundings};

mod common;
use common::compose::compose_file;
use common::dockerfile;

/// Cursor positions in the last stage (the worst case: everything before is in scope), each
/// just after `marker`'s last occurrence, moved by `shift` bytes.
const POSITIONS: &[(&str, &str, isize)] = &[
    ("stage after --from=", "COPY --from=", 0),
    ("variable after ${", "GOARCH=${", 0),
    ("mount key after a comma", "--mount=type=cache,", 0),
    ("keyword at line start", "\nUSER", -2),
    ("image after FROM", "\nFROM ", 0),
];

/// Hover positions in the last stage: on the first byte of `marker`'s last occurrence, moved by
/// `shift` bytes.
const DOCKERFILE_HOVERS: &[(&str, &str, isize)] = &[
    ("instruction keyword", "\nHEALTHCHECK", 1),
    ("variable reference", "${TARGETARCH}", 3),
    ("base image", "FROM alpine:3.20", 6),
    ("flag", "--mount=type=cache", 3),
];

/// Completion positions in the last service: a line `insert`ed after `marker`'s last
/// occurrence, the cursor at its end.
const COMPOSE_COMPLETIONS: &[(&str, &str, &str)] = &[
    ("service key", "      retries: 5\n", "    "),
    ("value of a key", "      retries: 5\n", "    restart: "),
    (
        "service name in depends_on",
        "        condition: service_healthy\n",
        "      ",
    ),
];

/// Hover positions in the last service, as for [`DOCKERFILE_HOVERS`].
const COMPOSE_HOVERS: &[(&str, &str, isize)] = &[
    ("service key", "    depends_on:", 6),
    ("nested key", "        condition:", 10),
    ("top-level key", "\nvolumes:", 2),
];

fn hovers(
    c: &mut Criterion,
    name: &str,
    document: &Document,
    text: &str,
    positions: &[(&str, &str, isize)],
) {
    let surroundings = Surroundings::default();
    for (context, marker, shift) in positions {
        let at = text.rfind(marker).expect("marker");
        let offset = at.saturating_add_signed(*shift);
        assert!(
            document.hover_with(offset, &surroundings).is_some(),
            "{name}, {context}: something to show"
        );
        c.bench_function(&format!("hover/{name}/{context}"), |b| {
            b.iter(|| black_box(document.hover_with(black_box(offset), &surroundings)))
        });
    }
}

fn bench(c: &mut Criterion) {
    let surroundings = Surroundings::default();
    for (name, stages) in [("multi-stage", 4), ("large", 100)] {
        let text = dockerfile(stages);
        let lines = text.lines().count();
        let document = Document::new(FileKind::Dockerfile, Arc::from(text.as_str()));
        for (context, marker, shift) in POSITIONS {
            let at = text.rfind(marker).expect("marker") + marker.len();
            let offset = at.saturating_add_signed(*shift);
            assert!(
                !document.completions(offset, &surroundings).is_empty(),
                "{context}: something to complete"
            );
            c.bench_function(
                &format!("completion/{name} ({lines} lines)/{context}"),
                |b| b.iter(|| black_box(document.completions(black_box(offset), &surroundings))),
            );
        }
        let offset = text.rfind("COPY --from=").expect("COPY") + "COPY --from=build".len();
        c.bench_function(&format!("signature help/{name} ({lines} lines)"), |b| {
            b.iter(|| black_box(document.signature_help(black_box(offset))))
        });
        let name = format!("{name} ({lines} lines)");
        hovers(c, &name, &document, &text, DOCKERFILE_HOVERS);
    }
    for services in [40, 500] {
        let text = compose_file(services);
        let name = format!("compose, {services} services");
        for (context, marker, insert) in COMPOSE_COMPLETIONS {
            let at = text.rfind(marker).expect("marker") + marker.len();
            let edited = format!("{}{insert}\n{}", &text[..at], &text[at..]);
            let document = Document::new(FileKind::Compose, Arc::from(edited.as_str()));
            let offset = at + insert.len();
            assert!(
                !document.completions(offset, &surroundings).is_empty(),
                "{name}, {context}: something to complete"
            );
            c.bench_function(&format!("completion/{name}/{context}"), |b| {
                b.iter(|| black_box(document.completions(black_box(offset), &surroundings)))
            });
        }
        let document = Document::new(FileKind::Compose, Arc::from(text.as_str()));
        hovers(c, &name, &document, &text, COMPOSE_HOVERS);
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
