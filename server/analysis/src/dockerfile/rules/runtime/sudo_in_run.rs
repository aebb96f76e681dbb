use super::common;
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "sudo-in-run",
    summary: "`sudo` in a RUN: switch with USER instead; sudo adds a setuid binary and TTY/PAM surprises",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[hadolint("DL3004")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for run in common::runs(cx) {
        let Some(script) = &run.script else { continue };
        for command in &script.commands {
            let sudo = command.words[..command.name_index.min(command.words.len())]
                .iter()
                .chain(command.name_word())
                .find(|word| {
                    word.literal()
                        .is_some_and(|value| value == "sudo" || value.ends_with("/sudo"))
                });
            if let Some(word) = sudo {
                sink.report(
                    word.span,
                    "avoid sudo in a build: run this part as root (`USER root` before, `USER <app>` after) instead",
                );
            }
        }
    }
}
