use dockwise_syntax::{Arguments, InstructionKind};

use super::common;
use crate::Severity;
use crate::dockerfile::shell::Joiner;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "missing-pipefail",
    summary: "A RUN pipeline without `pipefail` succeeds when an earlier command of the pipe fails",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[hadolint("DL4006")],
    check,
};

/// Producers whose failure pipefail would not catch usefully (`yes` even dies of SIGPIPE).
const HARMLESS_PRODUCERS: &[&str] = &["echo", "printf", "yes", "true", "}"];
/// Consumers that are another rule's business (`curl ... | sh`).
const SHELLS: &[&str] = &["sh", "bash", "ash", "dash", "zsh", "ksh"];

fn check(cx: &Context, sink: &mut Sink) {
    let shells = common::occurrences(cx, |instruction| {
        instruction.kind == InstructionKind::Shell && matches!(instruction.args, Arguments::Exec(_))
    });
    for run in common::runs(cx) {
        let Some(script) = &run.script else { continue };
        // The SHELL in force for this RUN: the last one before it in its stage, else in the
        // stages it builds on.
        let shell: Option<Vec<String>> = run
            .stage
            .and_then(|stage| {
                shells
                    .last_in(stage.index, run.index)
                    .or_else(|| shells.inherited_nearest(stage.index))
            })
            .and_then(|at| match &cx.file.instructions.get(at)?.args {
                Arguments::Exec(exec) => {
                    Some(exec.elements.iter().map(|e| e.value.clone()).collect())
                }
                _ => None,
            });
        if let Some(shell) = &shell {
            let program = shell
                .first()
                .map(|p| common::basename(p).to_ascii_lowercase())
                .unwrap_or_default();
            let program = program.trim_end_matches(".exe");
            if !SHELLS.contains(&program) || shell.iter().any(|arg| arg.contains("pipefail")) {
                continue;
            }
        }
        let sets_pipefail = script.commands.iter().any(|command| {
            command.program() == Some("set")
                && command.args().iter().any(|w| w.value.contains("pipefail"))
        });
        // `case x in a|b)`: the reader sees pipes in case patterns; stay silent.
        let has_case = script
            .commands
            .iter()
            .any(|command| command.words.iter().any(|w| !w.quoted && w.value == "case"));
        if sets_pipefail || has_case {
            continue;
        }
        let commands = &script.commands;
        let mut index = 0;
        while index < commands.len() {
            // One pipeline: commands joined by pipes.
            let start = index;
            while index + 1 < commands.len()
                && commands[index].pipes_out
                && commands[index + 1].joined_by == Joiner::Pipe
            {
                index += 1;
            }
            let pipeline = &commands[start..=index];
            index += 1;
            if pipeline.len() < 2 {
                continue;
            }
            let last = &pipeline[pipeline.len() - 1];
            if last.program().is_some_and(|p| SHELLS.contains(&p)) {
                continue;
            }
            let producers = &pipeline[..pipeline.len() - 1];
            if producers
                .iter()
                .all(|c| c.program().is_some_and(|p| HARMLESS_PRODUCERS.contains(&p)))
            {
                continue;
            }
            sink.report(
                pipeline[0].span,
                "this command pipes into another, and only the last command of a pipeline decides whether the RUN fails: add `set -o pipefail &&` before it, or `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` above",
            );
            break;
        }
    }
}
