use dockwise_syntax::InstructionKind;

use super::common;
use crate::dockerfile::shell::{Joiner, ScriptKind};
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint, trivy};
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "cd-instead-of-workdir",
    summary: "A RUN that starts with `cd /dir`: the directory change ends with the RUN; WORKDIR sets it for what follows",
    severity: Severity::Info,
    enabled: true,
    fixable: true,
    equivalents: &[hadolint("DL3003"), trivy("DS013")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for run in common::runs(cx) {
        let Some(script) = &run.script else { continue };
        if script.kind != ScriptKind::Shell || script.incomplete {
            continue;
        }
        let Some(first) = script.commands.first() else {
            continue;
        };
        if first.program() != Some("cd") || first.name_index != 0 {
            continue;
        }
        let [target] = first.args() else { continue };
        let Some(path) = target.literal() else {
            continue;
        };
        let alone = script.commands.len() == 1;
        if !alone
            && (!common::is_absolute(path)
                || script
                    .commands
                    .get(1)
                    .is_none_or(|next| next.joined_by != Joiner::And))
        {
            continue;
        }
        if alone {
            let diagnostic = sink.report(
                first.span,
                "this `cd` has no effect: each RUN starts in the WORKDIR again; use `WORKDIR` to change directory for the following instructions",
            );
            if run.instruction.trigger.is_none()
                && run.instruction.kind == InstructionKind::Run
                && run.instruction.flags.is_empty()
            {
                diagnostic.with_fix(Fix {
                    title: format!("Replace with WORKDIR {path}"),
                    safety: FixSafety::Unsafe,
                    edits: vec![TextEdit {
                        span: run.instruction.span,
                        new_text: format!("WORKDIR {}", target.raw),
                    }],
                });
            }
        } else {
            sink.report(
                first.span,
                format!("the `cd {path}` only lasts for this RUN: set `WORKDIR {path}` before it so later instructions agree on the directory"),
            );
        }
    }
}
