use dockwise_syntax::InstructionKind;

use super::common;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint};
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "copy-multiple-sources-no-slash",
    summary: "COPY or ADD with several sources needs a directory destination ending in `/`",
    severity: Severity::Error,
    enabled: true,
    fixable: true,
    equivalents: &[hadolint("DL3021")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for (_, instruction) in cx.instructions() {
        if !matches!(
            instruction.kind,
            InstructionKind::Copy | InstructionKind::Add
        ) {
            continue;
        }
        let Some(operands) = common::operands(instruction) else {
            continue;
        };
        let dest = &operands.dest;
        if operands.sources.len() < 2
            || dest.variable
            || dest.value.ends_with('/')
            || dest.value.ends_with('\\')
        {
            continue;
        }
        if dest.value == "."
            || dest.value.ends_with("/.")
            || dest.value == ".."
            || dest.value.ends_with("/..")
        {
            continue;
        }
        let diagnostic = sink.report(
            dest.span,
            format!("with {} sources the destination must be a directory written with a trailing slash: `{}/`", operands.sources.len(), dest.value),
        );
        if dest.plain {
            diagnostic.with_fix(Fix {
                title: format!("Write the destination as `{}/`", dest.value),
                safety: FixSafety::Safe,
                edits: vec![TextEdit {
                    span: dockwise_syntax::Span::new(dest.span.end, dest.span.end),
                    new_text: "/".to_string(),
                }],
            });
        }
    }
}
