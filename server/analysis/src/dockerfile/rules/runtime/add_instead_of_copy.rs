use dockwise_syntax::InstructionKind;

use super::common;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, checkov, hadolint, trivy};
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "add-instead-of-copy",
    summary: "ADD of local files or folders: COPY does the same without ADD's URL and auto-extract surprises",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[hadolint("DL3020"), trivy("DS005"), checkov("CKV_DOCKER_4")],
    check,
};

/// Flags COPY also accepts.
const COPY_FLAGS: &[&str] = &["chown", "chmod", "link", "exclude"];

fn check(cx: &Context, sink: &mut Sink) {
    for (_, instruction) in cx.instructions() {
        if instruction.kind != InstructionKind::Add {
            continue;
        }
        let Some(operands) = common::operands(instruction) else {
            continue;
        };
        let local_plain = operands.sources.iter().all(|source| {
            !source.variable
                && !common::is_url(&source.value)
                && !common::is_archive_name(&source.value)
                && !source.value.to_ascii_lowercase().ends_with(".git")
                && (!common::has_glob(&source.value) || has_plain_extension(&source.value))
        });
        if !local_plain {
            continue;
        }
        let diagnostic = sink.report(
            instruction.keyword_span,
            "ADD copies these local files just like COPY would: use COPY, and keep ADD for URLs and archives to unpack",
        );
        if instruction.flags.iter().all(|flag| {
            COPY_FLAGS
                .iter()
                .any(|name| flag.name.eq_ignore_ascii_case(name))
        }) {
            let copy = if instruction.keyword.chars().all(|c| c.is_ascii_lowercase()) {
                "copy"
            } else {
                "COPY"
            };
            diagnostic.with_fix(Fix {
                title: "Replace ADD with COPY".to_string(),
                safety: FixSafety::Safe,
                edits: vec![TextEdit {
                    span: instruction.keyword_span,
                    new_text: copy.to_string(),
                }],
            });
        }
    }
}

/// A glob that can only match non-archives (`*.jar`, `*.js`).
fn has_plain_extension(pattern: &str) -> bool {
    let name = common::basename(pattern);
    match name.rsplit_once('.') {
        Some((_, ext)) => {
            !ext.contains(['*', '?', '['])
                && !common::is_archive_name(&format!("x.{ext}"))
                && ext != "tgz"
        }
        None => false,
    }
}
