use dockwise_syntax::InstructionKind;

use super::common;
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

pub const RULE: DockerfileRule = DockerfileRule {
    name: "dockerignore-missing",
    summary: "The whole build context is copied but there is no `.dockerignore` beside the Dockerfile",
    severity: Severity::Info,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    // The caller looked and found none (an unsaved buffer or a test says nothing).
    if !cx.surroundings.known || cx.surroundings.dockerignore.is_some() {
        return;
    }
    for (_, instruction) in cx.instructions() {
        if !matches!(
            instruction.kind,
            InstructionKind::Copy | InstructionKind::Add
        ) || common::flag(instruction, "from").is_some()
        {
            continue;
        }
        let Some(operands) = common::operands(instruction) else {
            continue;
        };
        if let Some(source) = operands
            .sources
            .iter()
            .find(|s| matches!(s.value.as_str(), "." | "./"))
        {
            sink.report(
                source.span,
                "this copies the whole build context and no `.dockerignore` keeps `.git`, secrets and build output out: add one beside the Dockerfile",
            );
            return;
        }
    }
}
