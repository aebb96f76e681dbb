use dockwise_syntax::InstructionKind;

use super::common;
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, checkov, hadolint, trivy};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "healthcheck-missing",
    summary: "The final image has no HEALTHCHECK (off by default: orchestrators often probe health themselves)",
    severity: Severity::Hint,
    enabled: false,
    fixable: false,
    equivalents: &[hadolint("DL3057"), trivy("DS026"), checkov("CKV_DOCKER_2")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    let Some(stage) = common::final_stage(cx) else {
        return;
    };
    if common::chain_instructions(cx, stage)
        .iter()
        .any(|i| i.kind == InstructionKind::Healthcheck)
    {
        return;
    }
    let Some(from) = cx.file.instructions.get(stage.from) else {
        return;
    };
    sink.report(
        from.keyword_span,
        "the final image declares no HEALTHCHECK: add one so `docker ps` and Compose can tell a hung container from a healthy one",
    );
}
