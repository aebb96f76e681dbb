use super::common;
use crate::dockerfile::shell::ScriptKind;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint};
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "useradd-without-no-log-init",
    summary: "`useradd` with a large UID and no `--no-log-init`: lastlog/faillog grow to gigabytes in the layer",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[hadolint("DL3046")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for run in common::runs(cx) {
        let Some(script) = &run.script else { continue };
        for command in &script.commands {
            if command.program() != Some("useradd") {
                continue;
            }
            let args = command.args();
            if args.iter().any(|w| {
                w.value == "-l"
                    || w.value == "--no-log-init"
                    || (w.value.starts_with('-')
                        && !w.value.starts_with("--")
                        && w.value.contains('l'))
            }) {
                continue;
            }
            let uid = args.iter().enumerate().find_map(|(index, word)| {
                let value = word.value.as_str();
                if value == "-u" || value == "--uid" {
                    args.get(index + 1)
                        .and_then(|w| w.literal())
                        .map(str::to_string)
                } else {
                    value
                        .strip_prefix("--uid=")
                        .or_else(|| value.strip_prefix("-u").filter(|rest| !rest.is_empty()))
                        .map(str::to_string)
                }
            });
            let Some(uid) = uid.and_then(|uid| uid.parse::<u64>().ok()) else {
                continue;
            };
            if uid <= 99_999 {
                continue;
            }
            let Some(name) = command.name_word() else {
                continue;
            };
            let diagnostic = sink.report(
                command.invocation_span(),
                format!("UID {uid} makes useradd write sparse lastlog/faillog entries that the layer stores in full: add `--no-log-init`"),
            );
            if script.kind == ScriptKind::Shell {
                diagnostic.with_fix(Fix {
                    title: "Add --no-log-init".to_string(),
                    safety: FixSafety::Safe,
                    edits: vec![TextEdit {
                        span: dockwise_syntax::Span::new(name.span.end, name.span.end),
                        new_text: " --no-log-init".to_string(),
                    }],
                });
            }
        }
    }
}
