use dockwise_syntax::InstructionKind;

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
            let extracted = instructions[index + 1..]
                .iter()
                .filter(|i| i.kind == InstructionKind::Run)
                .any(|run| {
                    let Some(script) = cx.script(run) else {
                        return false;
                    };
                    script.commands.iter().any(|command| {
                        command.program() == Some("tar")
                            && command.args().iter().any(|w| {
                                w.value == "--extract"
                                    || (!w.value.starts_with("--")
                                        && w.value.trim_start_matches('-').contains('x')
                                        && w.value.len() <= 6)
                            })
                            && command
                                .args()
                                .iter()
                                .any(|w| common::basename(&w.value) == name)
                    })
                });
            if extracted {
                sink.report(
                    source.span,
                    format!("`{name}` is copied and then unpacked, so the archive itself stays in this layer: `ADD {} <dir>/` unpacks it directly", source.value),
                );
            }
        }
    }
}

fn is_tarball(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [
        ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext))
}
