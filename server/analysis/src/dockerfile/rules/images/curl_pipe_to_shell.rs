use super::common::runs;
use crate::Severity;
use crate::dockerfile::shell::{Command, Joiner};
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

pub const RULE: DockerfileRule = DockerfileRule {
    name: "curl-pipe-to-shell",
    summary: "A script downloaded with curl or wget is run straight through a shell, unverified",
    severity: Severity::Info,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

const SHELLS: &[&str] = &["sh", "bash", "ash", "dash", "zsh", "ksh"];

fn downloads(command: &Command) -> bool {
    matches!(command.program(), Some("curl" | "wget"))
}

fn check(cx: &Context, sink: &mut Sink) {
    for run in runs(cx) {
        let commands = &run.script.commands;
        for (index, command) in commands.iter().enumerate() {
            let Some(program) = command.program() else {
                continue;
            };
            if !SHELLS.contains(&program) {
                continue;
            }
            // `curl ... | sh`: the pipeline this shell ends reads from a download.
            if command.joined_by == Joiner::Pipe {
                let mut start = index;
                while start > 0 && commands[start].joined_by == Joiner::Pipe {
                    start -= 1;
                }
                if let Some(download) = commands[start..index]
                    .iter()
                    .find(|earlier| downloads(earlier))
                {
                    report(sink, download.span.cover(command.span), program);
                    continue;
                }
            }
            // `sh -c "$(curl ...)"`, `bash <(curl ...)`
            let fetched = command.args().iter().any(|word| {
                let raw = word.raw.trim_start_matches('"');
                ["$(curl", "$(wget", "`curl", "`wget", "<(curl", "<(wget"]
                    .iter()
                    .any(|prefix| raw.starts_with(prefix))
            });
            if fetched {
                report(sink, command.span, program);
            }
        }
    }
}

fn report(sink: &mut Sink, span: dockwise_syntax::Span, shell: &str) {
    sink.report(
        span,
        format!("this runs a downloaded script with `{shell}` without checking it: download it to a file, verify its checksum or signature, then run it"),
    );
}
