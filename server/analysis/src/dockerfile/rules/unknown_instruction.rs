use dockwise_syntax::InstructionKind;

use super::{did_you_mean, suggestion_suffix};
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "unknown-instruction",
    summary: "A word at the start of a line that is not a Dockerfile instruction",
    severity: Severity::Error,
    enabled: true,
    fixable: true,
    equivalents: &[],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for (_, instruction) in cx.instructions() {
        if instruction.kind != InstructionKind::Unknown {
            continue;
        }
        let suggestion = did_you_mean(
            &instruction.keyword,
            InstructionKind::ALL.iter().map(|kind| kind.keyword()),
        );
        let diagnostic = sink.report(
            instruction.keyword_span,
            format!(
                "unknown instruction `{}`{}",
                instruction.keyword,
                suggestion_suffix(suggestion)
            ),
        );
        if let Some(keyword) = suggestion {
            diagnostic.with_fix(Fix {
                title: format!("Change to `{keyword}`"),
                safety: FixSafety::Unsafe,
                edits: vec![TextEdit {
                    span: instruction.keyword_span,
                    new_text: keyword.to_string(),
                }],
            });
        }
    }
}
