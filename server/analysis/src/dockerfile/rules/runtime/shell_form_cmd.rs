use dockwise_syntax::{Arguments, InstructionKind};

use super::common;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, buildkit, hadolint};
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "shell-form-cmd",
    summary: "CMD or ENTRYPOINT in shell form: the app runs under `/bin/sh -c`, not as PID 1, and misses SIGTERM",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[buildkit("JSONArgsRecommended"), hadolint("DL3025")],
    check,
};

/// Characters that need a shell: a command containing none of them splits on spaces alone.
const SHELL_SYNTAX: &[char] = &[
    '$', '&', '|', ';', '>', '<', '*', '?', '[', ']', '{', '}', '(', ')', '"', '\'', '`', '~',
    '\\', '#', '=', '\n', '\t',
];

fn check(cx: &Context, sink: &mut Sink) {
    let shells = common::occurrences(cx, |i| i.kind == InstructionKind::Shell);
    for stage in &cx.file.stages {
        // Windows images run CMD through cmd.exe and have no signal story to fix.
        if stage.image.as_ref().is_some_and(|image| {
            let raw = image.raw.to_ascii_lowercase();
            raw.contains("windows") || raw.contains("nanoserver") || raw.contains("servercore")
        }) {
            continue;
        }
        let mut shell_set = shells.inherited(stage.index);
        for instruction in cx.stage_instructions(stage) {
            if instruction.kind == InstructionKind::Shell {
                shell_set = true;
            }
            if shell_set
                || !matches!(
                    instruction.kind,
                    InstructionKind::Cmd | InstructionKind::Entrypoint
                )
            {
                continue;
            }
            let Arguments::Shell(shell) = &instruction.args else {
                continue;
            };
            if shell.malformed_exec || !instruction.heredocs.is_empty() {
                continue;
            }
            let keyword = instruction.kind.keyword();
            let diagnostic = sink.report(
                shell.span,
                format!("{keyword} in shell form runs under `/bin/sh -c`, so the program is not PID 1 and does not get SIGTERM: use the exec form `{keyword} [\"program\", \"arg\"]`"),
            );
            if shell.pieces.len() == 1 && !shell.text.contains(SHELL_SYNTAX) {
                let mut words: Vec<&str> = shell.text.split_whitespace().collect();
                if words.first() == Some(&"exec") && words.len() > 1 {
                    words.remove(0);
                }
                let json: Vec<String> = words
                    .iter()
                    .map(|word| serde_json::to_string(word).unwrap_or_default())
                    .collect();
                diagnostic.with_fix(Fix {
                    title: format!("Convert to exec form: [{}]", json.join(", ")),
                    safety: FixSafety::Unsafe,
                    edits: vec![TextEdit {
                        span: shell.span,
                        new_text: format!("[{}]", json.join(", ")),
                    }],
                });
            }
        }
    }
}
