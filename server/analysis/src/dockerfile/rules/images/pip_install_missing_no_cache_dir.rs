use super::common::{
    EarlierInChain, Manager, Run, in_final_chain, insert_after, runs, sets_variable,
};
use crate::dockerfile::shell::ScriptKind;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint};
use crate::{Fix, FixSafety, Severity};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "pip-install-missing-no-cache-dir",
    summary: "`pip install` in the final image without `--no-cache-dir` keeps downloaded wheels in the layer",
    severity: Severity::Info,
    enabled: true,
    fixable: true,
    equivalents: &[hadolint("DL3042")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    let configures = EarlierInChain::new(cx, |instruction| {
        let text = cx.slice(instruction.span);
        sets_variable(instruction, "PIP_NO_CACHE_DIR")
            || text.contains("no-cache-dir")
                && (text.contains("pip config") || text.contains("pip.conf"))
    });
    for run in runs(cx) {
        if !in_final_chain(cx, &run) || cache_handled(&run) {
            continue;
        }
        // Read only for a call that would be reported: the earlier instructions are many.
        let mut configured = None;
        for call in run.calls(&[Manager::Pip]) {
            if call.subcommand != "install"
                || call.has(&[], &["--no-cache-dir"])
                || call
                    .command
                    .assignments()
                    .any(|(name, _)| name == "PIP_NO_CACHE_DIR")
            {
                continue;
            }
            let configured = *configured.get_or_insert_with(|| configures.any_before(&run));
            if configured {
                break;
            }
            let text = match run.script.kind {
                ScriptKind::Exec => ", \"--no-cache-dir\"",
                _ => " --no-cache-dir",
            };
            sink.report(
                call.head_span(),
                "pip keeps its download cache in the layer: add `--no-cache-dir`",
            )
            .with_fix(Fix {
                title: "Add `--no-cache-dir`".to_string(),
                safety: FixSafety::Safe,
                edits: vec![insert_after(call.sub_word(), text)],
            });
        }
    }
}

/// A cache mount on pip's cache, or a removal of it in the same RUN.
fn cache_handled(run: &Run) -> bool {
    let mounted = run.instruction.flags.iter().any(|flag| {
        flag.name.eq_ignore_ascii_case("mount")
            && flag.value.as_ref().is_some_and(|value| {
                let value = value.value.as_str();
                (value.contains("type=cache") || value.contains("type=tmpfs"))
                    && value.split(',').any(|option| {
                        option.split_once('=').is_some_and(|(key, target)| {
                            matches!(key, "target" | "dst" | "destination")
                                && (target.trim_end_matches('/').ends_with("/.cache/pip")
                                    || target.trim_end_matches('/').ends_with("/.cache")
                                    || target.trim_end_matches('/').ends_with("/pip-cache"))
                        })
                    })
            })
    });
    mounted
        || run.script.commands.iter().any(|command| {
            command.program() == Some("rm")
                && command.args().iter().any(|word| {
                    let value = word.value.trim_end_matches(['*', '/']);
                    value.ends_with("/.cache/pip")
                        || value.ends_with("/.cache")
                        || value == "~/.cache"
                })
        })
        || run.script.commands.iter().any(|command| {
            command.program().is_some_and(|p| p.starts_with("pip"))
                && command.args().first().is_some_and(|w| w.value == "cache")
        })
}
