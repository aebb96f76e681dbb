use std::cell::OnceCell;
use std::collections::HashMap;

use dockwise_syntax::{Instruction, InstructionKind};

use super::common;
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "archive-extract-in-run",
    summary: "A local archive is COPYed and then unpacked in a RUN: `ADD` unpacks it in one step, without keeping the archive in a layer",
    severity: Severity::Hint,
    enabled: true,
    fixable: false,
    equivalents: &[hadolint("DL3010")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for stage in &cx.file.stages {
        let instructions = cx.stage_instructions(stage);
        // Per file name, the last RUN of the stage that unpacks it: read once per stage, on the
        // first archive copied (a look through the later RUNs per COPY made stages quadratic).
        let unpacked = OnceCell::new();
        for (index, instruction) in instructions.iter().enumerate() {
            if instruction.kind != InstructionKind::Copy
                || common::flag(instruction, "from").is_some()
            {
                continue;
            }
            let Some(operands) = common::operands(instruction) else {
                continue;
            };
            let [source] = operands.sources.as_slice() else {
                continue;
            };
            let name = common::basename(&source.value);
            if source.variable || common::has_glob(name) || !is_tarball(name) {
                continue;
            }
            let extracted = unpacked
                .get_or_init(|| last_unpacked(cx, instructions))
                .get(name)
                .is_some_and(|&last| last > index);
            if extracted {
                sink.report(
                    source.span,
                    format!("`{name}` is copied and then unpacked, so the archive itself stays in this layer: `ADD {} <dir>/` unpacks it directly", source.value),
                );
            }
        }
    }
}

/// Per file name, the position in `instructions` of the last RUN whose `tar` extracts it.
fn last_unpacked<'c>(cx: &'c Context, instructions: &[Instruction]) -> HashMap<&'c str, usize> {
    let mut unpacked = HashMap::new();
    for (index, run) in instructions.iter().enumerate() {
        if run.kind != InstructionKind::Run {
            continue;
        }
        let Some(script) = cx.script(run) else {
            continue;
        };
        for command in &script.commands {
            let extracts = command.program() == Some("tar")
                && command.args().iter().any(|w| {
                    w.value == "--extract"
                        || (!w.value.starts_with("--")
                            && w.value.trim_start_matches('-').contains('x')
                            && w.value.len() <= 6)
                });
            if extracts {
                for word in command.args() {
                    unpacked.insert(common::basename(&word.value), index);
                }
            }
        }
    }
    unpacked
}

fn is_tarball(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [
        ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext))
}
