use super::common::{Manager, runs};
use crate::dockerfile::shell::ScriptKind;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, checkov, hadolint};
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "apt-instead-of-apt-get",
    summary: "`apt` is the interactive front end; scripts should use `apt-get`, whose interface is stable",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[hadolint("DL3027"), checkov("CKV_DOCKER_9")],
    check,
};

/// Subcommands `apt-get` has with the same meaning.
const SAME_MEANING: &[&str] = &[
    "update",
    "install",
    "remove",
    "purge",
    "autoremove",
    "clean",
    "autoclean",
    "build-dep",
    "source",
    "download",
    "dist-upgrade",
    "full-upgrade",
];

fn check(cx: &Context, sink: &mut Sink) {
    for run in runs(cx) {
        for call in run.calls(&[Manager::Apt]) {
            let Some(name) = call.command.name_word() else {
                continue;
            };
            let diagnostic = sink.report(
                name.span,
                "`apt` is meant for people at a terminal and warns that its interface may change: use `apt-get` in a Dockerfile",
            );
            let safety = if SAME_MEANING.contains(&call.subcommand.as_str()) {
                FixSafety::Safe
            } else if call.subcommand == "upgrade" {
                // `apt upgrade` may install new dependencies, `apt-get upgrade` does not.
                FixSafety::Unsafe
            } else {
                continue;
            };
            let new_text = match run.script.kind {
                ScriptKind::Exec => "\"apt-get\"".to_string(),
                _ if name.raw.ends_with("apt") => format!("{}-get", name.raw),
                _ => continue,
            };
            diagnostic.with_fix(Fix {
                title: "Use `apt-get`".to_string(),
                safety,
                edits: vec![TextEdit {
                    span: name.span,
                    new_text,
                }],
            });
        }
    }
}
