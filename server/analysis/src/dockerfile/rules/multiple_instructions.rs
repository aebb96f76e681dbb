use dockwise_syntax::InstructionKind;

use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, buildkit, hadolint};
use crate::{Severity, Tag};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "multiple-instructions",
    summary: "More than one CMD, ENTRYPOINT or HEALTHCHECK in a stage: only the last one counts",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[
        buildkit("MultipleInstructionsDisallowed"),
        hadolint("DL4003"),
        hadolint("DL4004"),
    ],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for stage in &cx.file.stages {
        let instructions = cx.stage_instructions(stage);
        for kind in [
            InstructionKind::Cmd,
            InstructionKind::Entrypoint,
            InstructionKind::Healthcheck,
        ] {
            let of_kind: Vec<_> = instructions
                .iter()
                .filter(|instruction| instruction.kind == kind)
                .collect();
            if let Some((_, overridden)) = of_kind.split_last() {
                for instruction in overridden {
                    sink.report(
                        instruction.keyword_span,
                        format!("this {} is overridden by a later one in the same stage and has no effect", kind.keyword()),
                    )
                    .with_tag(Tag::Unnecessary);
                }
            }
        }
    }
}
