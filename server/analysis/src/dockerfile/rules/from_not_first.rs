use dockwise_syntax::InstructionKind;

use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

pub const RULE: DockerfileRule = DockerfileRule {
    name: "from-not-first",
    summary: "An instruction other than ARG before the first FROM",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    let before_from = cx
        .file
        .instructions
        .iter()
        .take_while(|instruction| instruction.kind != InstructionKind::From);
    // Unknown instructions already have their own error; do not pile a second one on them.
    let mut before_from = before_from;
    let misplaced = before_from.find(|instruction| {
        !matches!(
            instruction.kind,
            InstructionKind::Arg | InstructionKind::Unknown
        )
    });
    if let Some(instruction) = misplaced {
        let message = if cx.file.stages.is_empty() {
            format!(
                "{} comes before any FROM, and there is no FROM: every build stage starts with `FROM <image>`",
                instruction.kind.keyword()
            )
        } else {
            format!(
                "{} comes before the first FROM: only ARG may precede it",
                instruction.kind.keyword()
            )
        };
        sink.report(instruction.keyword_span, message);
    }
}
