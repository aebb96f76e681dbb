use dockwise_syntax::{Arguments, InstructionKind};

use super::common;
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, buildkit, hadolint};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "workdir-relative-path",
    summary: "A relative WORKDIR before any absolute one: it resolves against the base image's directory",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[buildkit("WorkdirRelativePath"), hadolint("DL3000")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    let absolute_workdirs = common::occurrences(cx, |i| {
        i.kind == InstructionKind::Workdir && workdir(i).is_some_and(common::is_absolute)
    });
    for stage in &cx.file.stages {
        let mut absolute = absolute_workdirs.inherited(stage.index);
        for instruction in cx.stage_instructions(stage) {
            if instruction.kind != InstructionKind::Workdir {
                continue;
            }
            let Some(path) = workdir(instruction) else {
                continue;
            };
            if common::is_absolute(path) {
                absolute = true;
            } else if !absolute {
                let Arguments::Words(words) = &instruction.args else {
                    continue;
                };
                sink.report(
                    words[0].span,
                    format!("`{path}` is relative to whatever WORKDIR the base image sets: use an absolute path such as `/{}`", path.trim_start_matches("./")),
                );
            }
        }
    }
}

fn workdir(instruction: &dockwise_syntax::Instruction) -> Option<&str> {
    match &instruction.args {
        Arguments::Words(words) if words.len() == 1 => Some(words[0].value.as_str()),
        _ => None,
    }
}
