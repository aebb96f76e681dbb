use dockwise_syntax::InstructionKind;

use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

pub const RULE: DockerfileRule = DockerfileRule {
    name: "invalid-onbuild",
    summary: "ONBUILD with ONBUILD, FROM or MAINTAINER as its trigger",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for trigger in cx
        .file
        .instructions
        .iter()
        .filter_map(|instruction| instruction.trigger.as_deref())
    {
        if matches!(
            trigger.kind,
            InstructionKind::Onbuild | InstructionKind::From | InstructionKind::Maintainer
        ) {
            sink.report(
                trigger.keyword_span,
                format!(
                    "{} is not allowed as an ONBUILD trigger",
                    trigger.kind.keyword()
                ),
            );
        }
    }
}
