use super::common::{Manager, in_final_chain, insert_after, runs};
use crate::dockerfile::shell::ScriptKind;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint, trivy};
use crate::{Fix, FixSafety, Severity};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "apk-add-missing-no-cache",
    summary: "`apk add` without `--no-cache` leaves the package index in the final image",
    severity: Severity::Info,
    enabled: true,
    fixable: true,
    equivalents: &[hadolint("DL3019"), trivy("DS025")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for run in runs(cx) {
        if !in_final_chain(cx, &run)
            || run.mounts_cache(&["/var/cache/apk", "/etc/apk/cache"])
            || run.removes(&["/var/cache/apk"])
        {
            continue;
        }
        for call in run.calls(&[Manager::Apk]) {
            if call.subcommand != "add" || call.has(&[], &["--no-cache", "--no-network"]) {
                continue;
            }
            let text = match run.script.kind {
                ScriptKind::Exec => ", \"--no-cache\"",
                _ => " --no-cache",
            };
            sink.report(
                call.head_span(),
                "`apk add` keeps the package index in the layer: add `--no-cache`",
            )
            .with_fix(Fix {
                title: "Add `--no-cache`".to_string(),
                safety: FixSafety::Safe,
                edits: vec![insert_after(call.sub_word(), text)],
            });
        }
    }
}
