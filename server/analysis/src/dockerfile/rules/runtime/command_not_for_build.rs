use super::common;
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "command-not-for-build",
    summary: "A RUN calls an interactive or system command (editor, shutdown, starting a service last) that does nothing useful in a build",
    severity: Severity::Hint,
    enabled: true,
    fixable: false,
    equivalents: &[hadolint("DL3001")],
    check,
};

const INTERACTIVE: &[&str] = &[
    "vim", "vi", "nano", "emacs", "top", "htop", "shutdown", "reboot", "halt", "poweroff", "ssh",
];

fn check(cx: &Context, sink: &mut Sink) {
    for run in common::runs(cx) {
        let Some(script) = &run.script else { continue };
        let count = script.commands.len();
        for (index, command) in script.commands.iter().enumerate() {
            let Some(program) = command.program() else {
                continue;
            };
            let args = command.args();
            if INTERACTIVE.contains(&program) {
                // `vim --version`, `ssh -V`: harmless probes.
                if args
                    .iter()
                    .any(|w| matches!(w.value.as_str(), "--version" | "-V" | "--help" | "-h"))
                {
                    continue;
                }
                // A command given to ssh or an editor in batch mode (`vim -es`, `ssh host cmd`) may be deliberate.
                if program == "ssh"
                    || args
                        .iter()
                        .any(|w| w.value.starts_with("-e") || w.value == "-c" || w.value == "+")
                {
                    continue;
                }
                sink.report(
                    command.invocation_span(),
                    format!("`{program}` has nobody to interact with during a build and changes nothing in the image: remove it"),
                );
                continue;
            }
            // A service started as the last thing in a RUN dies with the RUN's container.
            let starts = match program {
                "service" => args
                    .get(1)
                    .is_some_and(|w| matches!(w.value.as_str(), "start" | "restart")),
                "systemctl" => args
                    .first()
                    .is_some_and(|w| matches!(w.value.as_str(), "start" | "restart")),
                _ => false,
            };
            if starts && index + 1 == count {
                sink.report(
                    command.invocation_span(),
                    "a service started in a RUN stops when the RUN ends: start it from the container's CMD or ENTRYPOINT instead",
                );
            }
        }
    }
}
