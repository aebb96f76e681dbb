use super::common::{Call, EarlierInChain, Manager, insert_after, runs};
use crate::dockerfile::shell::{Joiner, ScriptKind};
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint, trivy};
use crate::{Fix, FixSafety, Severity};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "apt-get-missing-yes",
    summary: "`apt-get install` without `-y` stops at the confirmation prompt and fails the build",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[hadolint("DL3014"), trivy("DS021")],
    check,
};

const PROMPTING: &[&str] = &[
    "install",
    "upgrade",
    "dist-upgrade",
    "full-upgrade",
    "build-dep",
    "remove",
    "purge",
    "autoremove",
    "reinstall",
];

fn check(cx: &Context, sink: &mut Sink) {
    let configures = EarlierInChain::new(cx, |instruction| {
        let text = cx.slice(instruction.span);
        text.contains("Assume-Yes") || text.contains("APT_CONFIG")
    });
    for run in runs(cx) {
        // Read only for a call that would be reported: the earlier instructions are many.
        let mut configured = None;
        for call in run.calls(&[Manager::AptGet, Manager::Apt]) {
            if !PROMPTING.contains(&call.subcommand.as_str())
                || call.command.joined_by == Joiner::Pipe
                || answers_yes(&call)
            {
                continue;
            }
            let configured = *configured.get_or_insert_with(|| configures.any_before(&run));
            if configured {
                break;
            }
            let program = call.manager.name();
            let sub = call.sub_word();
            let diagnostic = sink.report(
                call.head_span(),
                format!("`{program} {}` without `-y` waits for a confirmation the build cannot give: add `-y`", call.subcommand),
            );
            let text = match run.script.kind {
                ScriptKind::Exec => ", \"-y\"",
                _ => " -y",
            };
            diagnostic.with_fix(Fix {
                title: "Add `-y`".to_string(),
                safety: FixSafety::Safe,
                edits: vec![insert_after(sub, text)],
            });
        }
    }
}

fn answers_yes(call: &Call) -> bool {
    if call.has(&['y'], &["--yes", "--assume-yes", "--force-yes"]) {
        return true;
    }
    // `-qq` (quiet level 2) implies `-y`.
    let mut quiet = 0;
    for option in call.options() {
        let value = option.value.as_str();
        if let Some(level) = value
            .strip_prefix("--quiet=")
            .or_else(|| value.strip_prefix("-q="))
        {
            quiet += level.parse::<usize>().unwrap_or(1);
        } else if value == "--quiet" {
            quiet += 1;
        } else if !value.starts_with("--") {
            for c in value.chars().skip(1) {
                if c == 'q' {
                    quiet += 1;
                } else if "octa".contains(c) {
                    break;
                }
            }
        }
    }
    if quiet >= 2 {
        return true;
    }
    // `-o APT::Get::Assume-Yes=true`
    call.command
        .words
        .iter()
        .any(|word| word.value.contains("Assume-Yes"))
}
