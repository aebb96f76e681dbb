use dockwise_syntax::{Arguments, InstructionKind};

use super::common::{EarlierInChain, Manager, insert_after, runs};
use crate::dockerfile::shell::ScriptKind;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint, trivy};
use crate::{Fix, FixSafety, Severity};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "apt-get-missing-no-install-recommends",
    summary: "`apt-get install` without `--no-install-recommends` also installs every recommended package",
    severity: Severity::Info,
    enabled: true,
    fixable: true,
    equivalents: &[hadolint("DL3015"), trivy("DS029")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    let configures = EarlierInChain::new(cx, |instruction| {
        let text = cx.slice(instruction.span);
        text.contains("Install-Recommends")
            || text.contains("APT_CONFIG")
            || writes_apt_config(instruction)
    });
    for run in runs(cx) {
        // Read only for a call that would be reported: the earlier instructions are many.
        let mut configured = None;
        for call in run.calls(&[Manager::AptGet, Manager::Apt]) {
            if call.subcommand != "install" {
                continue;
            }
            let explicit = call.has(&[], &["--no-install-recommends", "--install-recommends"])
                || call
                    .command
                    .words
                    .iter()
                    .any(|word| word.value.contains("Install-Recommends"))
                || call
                    .command
                    .assignments()
                    .any(|(name, _)| name == "APT_CONFIG");
            if explicit {
                continue;
            }
            let configured = *configured.get_or_insert_with(|| configures.any_before(&run));
            if configured {
                break;
            }
            let program = call.manager.name();
            let text = match run.script.kind {
                ScriptKind::Exec => ", \"--no-install-recommends\"",
                _ => " --no-install-recommends",
            };
            sink.report(
                call.head_span(),
                format!("`{program} install` also pulls in recommended packages: add `--no-install-recommends` and list what you need"),
            )
            .with_fix(Fix {
                title: "Add `--no-install-recommends`".to_string(),
                // Recommended packages the software needed (ca-certificates for curl) go away.
                safety: FixSafety::Unsafe,
                edits: vec![insert_after(call.sub_word(), text)],
            });
        }
    }
}

/// COPY or ADD into /etc/apt: an APT configuration we cannot read.
fn writes_apt_config(instruction: &dockwise_syntax::Instruction) -> bool {
    if !matches!(
        instruction.kind,
        InstructionKind::Copy | InstructionKind::Add
    ) {
        return false;
    }
    match &instruction.args {
        Arguments::Words(words) => words
            .last()
            .is_some_and(|word| word.value.starts_with("/etc/apt")),
        Arguments::Exec(exec) => exec
            .elements
            .last()
            .is_some_and(|element| element.value.starts_with("/etc/apt")),
        _ => false,
    }
}
