use dockwise_syntax::InstructionKind;

use super::common;
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "copy-relative-destination",
    summary: "COPY or ADD to a relative destination with no WORKDIR set: it lands wherever the base image's WORKDIR is",
    severity: Severity::Info,
    enabled: true,
    fixable: false,
    equivalents: &[hadolint("DL3045")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    let workdirs = common::occurrences(cx, |i| i.kind == InstructionKind::Workdir);
    for stage in &cx.file.stages {
        if common::is_windows(cx, stage) {
            continue;
        }
        let mut workdir = workdirs.inherited(stage.index);
        for instruction in cx.stage_instructions(stage) {
            match instruction.kind {
                InstructionKind::Workdir => workdir = true,
                InstructionKind::Copy | InstructionKind::Add if !workdir => {
                    let Some(operands) = common::operands(instruction) else {
                        continue;
                    };
                    let dest = &operands.dest;
                    if dest.variable || common::is_absolute(&dest.value) {
                        continue;
                    }
                    sink.report(
                        dest.span,
                        format!("`{}` is relative and this stage sets no WORKDIR, so it depends on the base image: set `WORKDIR` first or use an absolute path", dest.value),
                    );
                }
                _ => {}
            }
        }
    }
}
