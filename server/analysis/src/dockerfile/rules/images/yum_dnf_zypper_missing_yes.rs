use dockwise_syntax::Span;

use super::common::{EarlierInChain, Manager, insert_after, runs};
use super::rpm_common::{MANAGERS, prompts};
use crate::dockerfile::shell::{Joiner, ScriptKind};
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint};
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "yum-dnf-zypper-missing-yes",
    summary: "yum, dnf or zypper installs without `-y` / `--non-interactive` and stops at the prompt",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[hadolint("DL3030"), hadolint("DL3038"), hadolint("DL3034")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    let configures = EarlierInChain::new(cx, |instruction| {
        cx.slice(instruction.span)
            .to_ascii_lowercase()
            .contains("assumeyes")
    });
    for run in runs(cx) {
        // Read only for a call that would be reported: the earlier instructions are many.
        let mut configured = None;
        // microdnf does not prompt.
        for call in run
            .calls(MANAGERS)
            .into_iter()
            .filter(|call| call.manager != Manager::Microdnf)
        {
            if !prompts(&call) || call.command.joined_by == Joiner::Pipe {
                continue;
            }
            let zypper = call.manager == Manager::Zypper;
            let answered = if zypper {
                call.has(&['n', 'y'], &["--non-interactive", "--no-confirm"])
            } else {
                call.has(&['y'], &["--assumeyes"])
                    || call
                        .command
                        .words
                        .iter()
                        .any(|word| word.value.contains("assumeyes=1"))
            };
            if answered {
                continue;
            }
            let configured = *configured.get_or_insert_with(|| configures.any_before(&run));
            if configured {
                break;
            }
            let program = call.manager.name();
            let flag = if zypper { "--non-interactive" } else { "-y" };
            let sub = call.sub_word();
            let edit = match (run.script.kind, zypper) {
                (ScriptKind::Exec, false) => insert_after(sub, ", \"-y\""),
                (ScriptKind::Exec, true) => TextEdit {
                    span: Span::new(sub.span.start, sub.span.start),
                    new_text: "\"--non-interactive\", ".to_string(),
                },
                (_, false) => insert_after(sub, " -y"),
                (_, true) => TextEdit {
                    span: Span::new(sub.span.start, sub.span.start),
                    new_text: "--non-interactive ".to_string(),
                },
            };
            sink.report(
                call.head_span(),
                format!(
                    "`{program} {}` waits for a confirmation the build cannot give: add `{flag}`",
                    call.subcommand
                ),
            )
            .with_fix(Fix {
                title: format!("Add `{flag}`"),
                safety: FixSafety::Safe,
                edits: vec![edit],
            });
        }
    }
}
