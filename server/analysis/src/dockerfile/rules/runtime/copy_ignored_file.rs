use dockwise_syntax::InstructionKind;

use super::common;
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::dockerignore::DockerIgnore;
use crate::rule::{Sink, buildkit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "copy-ignored-file",
    summary: "COPY or ADD of a path that `.dockerignore` excludes: it is not in the build context",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[buildkit("CopyIgnoredFile")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    if !cx.surroundings.known {
        return;
    }
    let Some(text) = &cx.surroundings.dockerignore else {
        return;
    };
    let ignore = DockerIgnore::parse(text);
    if ignore.is_empty() {
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
        for source in &operands.sources {
            if source.variable || common::is_url(&source.value) || common::has_glob(&source.value) {
                continue;
            }
            if let Some(pattern) = ignore.excluded_by(&source.value) {
                sink.report(
                    source.span,
                    format!("`{}` is excluded from the build context by the `.dockerignore` pattern `{pattern}`: the build will not find it", source.value),
                );
            }
        }
    }
}
