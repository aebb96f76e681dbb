use dockwise_syntax::InstructionKind;

use super::common;
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

pub const RULE: DockerfileRule = DockerfileRule {
    name: "add-url-without-checksum",
    summary: "ADD of an HTTP URL without `--checksum`: the download is not verified",
    severity: Severity::Info,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for (_, instruction) in cx.instructions() {
        if instruction.kind != InstructionKind::Add
            || common::flag(instruction, "checksum").is_some()
        {
            continue;
        }
        let Some(operands) = common::operands(instruction) else {
            continue;
        };
        for source in &operands.sources {
            let lower = source.value.to_ascii_lowercase();
            let http = lower.starts_with("http://") || lower.starts_with("https://");
            if http && !lower.ends_with(".git") && !lower.contains(".git#") {
                sink.report(
                    source.span,
                    "this download is not verified: add `--checksum=sha256:<digest>` (Dockerfile syntax 1.6+) or download and check it in a RUN",
                );
            }
        }
    }
}
