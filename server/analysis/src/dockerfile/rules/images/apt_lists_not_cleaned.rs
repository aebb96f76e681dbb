use dockwise_syntax::Span;

use super::common::{Manager, Run, final_chain, in_final_chain, runs};
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint};
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "apt-lists-not-cleaned",
    summary: "A RUN of the final image runs `apt-get update` without removing /var/lib/apt/lists, which stay in the layer",
    severity: Severity::Info,
    enabled: true,
    fixable: true,
    equivalents: &[hadolint("DL3009")],
    check,
};

const APT: &[Manager] = &[Manager::AptGet, Manager::Apt];
const CLEANUP: &str = " && rm -rf /var/lib/apt/lists/*";

fn check(cx: &Context, sink: &mut Sink) {
    let all = runs(cx);
    let chain = final_chain(cx);
    for (position, run) in all.iter().enumerate() {
        if !in_final_chain(cx, run) {
            continue;
        }
        let calls = run.calls(APT);
        let Some(update) = calls.iter().find(|call| call.subcommand == "update") else {
            continue;
        };
        // An update alone is `package-update-alone`'s business.
        if !calls.iter().any(|call| {
            !matches!(
                call.subcommand.as_str(),
                "update" | "clean" | "autoclean" | "dist-clean"
            )
        }) {
            continue;
        }
        if run.removes(&["/var/lib/apt/lists"])
            || calls.iter().any(|call| call.subcommand == "dist-clean")
            || run.mounts_cache(&["/var/lib/apt/lists", "/var/lib/apt"])
        {
            continue;
        }
        let diagnostic = sink.report(
            update.head_span(),
            "the package lists fetched here stay in the image layer: end this RUN with `rm -rf /var/lib/apt/lists/*`",
        );
        let Some(end) = run.append_point() else {
            continue;
        };
        // Later RUNs that install without their own update would lose their index.
        let later_needs_lists = all[position + 1..].iter().any(|later| {
            later
                .stage
                .is_some_and(|stage| chain.contains(&stage.index))
                && needs_lists(later)
        });
        diagnostic.with_fix(Fix {
            title: "Remove the apt lists at the end of this RUN".to_string(),
            safety: if later_needs_lists {
                FixSafety::Unsafe
            } else {
                FixSafety::Safe
            },
            edits: vec![TextEdit {
                span: Span::new(end, end),
                new_text: CLEANUP.to_string(),
            }],
        });
    }
}

fn needs_lists(run: &Run) -> bool {
    let calls = run.calls(APT);
    calls.iter().any(|call| call.subcommand == "install")
        && !calls.iter().any(|call| call.subcommand == "update")
}
