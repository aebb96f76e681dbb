use dockwise_syntax::{Arguments, Span};

use super::common::{Call, Manager, Run, runs};
use crate::dockerfile::shell::ScriptKind;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, checkov, trivy};
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "package-update-alone",
    summary: "`apt-get update` or `apk update` runs in a RUN of its own, so a later install can use a stale cached index",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[trivy("DS017"), checkov("CKV_DOCKER_5")],
    check,
};

const APT: &[Manager] = &[Manager::AptGet, Manager::Apt];
const APT_INSTALLS: &[&str] = &[
    "install",
    "upgrade",
    "dist-upgrade",
    "full-upgrade",
    "build-dep",
    "reinstall",
    "source",
];
const APK_INSTALLS: &[&str] = &["add", "upgrade", "fix"];

fn family(manager: Manager) -> (&'static [Manager], &'static [&'static str]) {
    if manager == Manager::Apk {
        (&[Manager::Apk], APK_INSTALLS)
    } else {
        (APT, APT_INSTALLS)
    }
}

/// Whether these calls (of one RUN) install with one of the managers.
fn installs(calls: &[Call], managers: &[Manager], subcommands: &[&str]) -> bool {
    calls.iter().any(|call| {
        managers.contains(&call.manager) && subcommands.contains(&call.subcommand.as_str())
    })
}

fn check(cx: &Context, sink: &mut Sink) {
    let runs: Vec<Run> = runs(cx)
        .into_iter()
        .filter(|run| run.index.is_some())
        .collect();
    // Each RUN's apt and apk calls, read once: every update is compared with the later RUNs.
    let calls: Vec<Vec<Call>> = runs
        .iter()
        .map(|run| run.calls(&[Manager::AptGet, Manager::Apt, Manager::Apk]))
        .collect();
    for (position, (run, updates)) in runs.iter().zip(&calls).enumerate() {
        let Some(update) = updates.iter().find(|call| call.subcommand == "update") else {
            continue;
        };
        let (managers, subcommands) = family(update.manager);
        if installs(updates, managers, subcommands) {
            continue;
        }
        // Only a trap when a later RUN of the same stage installs without updating itself.
        let Some((later, _)) =
            runs.iter()
                .zip(&calls)
                .skip(position + 1)
                .find(|(later, later_calls)| {
                    later.stage.map(|s| s.index) == run.stage.map(|s| s.index)
                        && installs(later_calls, managers, subcommands)
                })
        else {
            continue;
        };
        let program = update.manager.name();
        let diagnostic = sink.report(
            update.head_span(),
            format!("`{program} update` alone in a RUN is cached on its own and goes stale: run it in the same RUN as the install (`{program} update && {program} {} ...`)", subcommands[0]),
        );
        if let Some(fix) = merge_fix(cx, run, later, update.command.span) {
            diagnostic.with_fix(fix);
        }
    }
}

/// Move the update into the next RUN, when that RUN is the install and both are plain shell.
fn merge_fix(cx: &Context, run: &Run, later: &Run, update_span: Span) -> Option<Fix> {
    if later.index? != run.index? + 1
        || !run.instruction.flags.is_empty()
        || run.script.kind != ScriptKind::Shell
        || later.script.kind != ScriptKind::Shell
        || run.script.commands.len() != 1
        || run.script.has_comment
    {
        return None;
    }
    let Arguments::Shell(shell) = &later.instruction.args else {
        return None;
    };
    let update_text = cx.slice(update_span);
    if update_text.contains('\n') {
        return None;
    }
    Some(Fix {
        title: "Merge the update into the next RUN".to_string(),
        safety: FixSafety::Unsafe,
        edits: vec![
            TextEdit {
                span: Span::new(run.instruction.span.start, later.instruction.span.start),
                new_text: String::new(),
            },
            TextEdit {
                span: Span::new(shell.span.start, shell.span.start),
                new_text: format!("{update_text} && "),
            },
        ],
    })
}
