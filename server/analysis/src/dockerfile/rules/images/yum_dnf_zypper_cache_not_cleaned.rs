use dockwise_syntax::Span;

use super::common::{Manager, Run, in_final_chain, runs};
use super::rpm_common::{MANAGERS, installs};
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint, trivy};
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "yum-dnf-zypper-cache-not-cleaned",
    summary: "A RUN of the final image installs with yum, dnf, microdnf or zypper without cleaning its cache",
    severity: Severity::Info,
    enabled: true,
    fixable: true,
    equivalents: &[
        hadolint("DL3032"),
        hadolint("DL3040"),
        hadolint("DL3036"),
        trivy("DS015"),
        trivy("DS019"),
        trivy("DS020"),
        trivy("DS027"),
    ],
    check,
};

const RPM_CACHES: &[&str] = &["/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"];
const ZYPP_CACHES: &[&str] = &["/var/cache/zypp"];

fn check(cx: &Context, sink: &mut Sink) {
    for run in runs(cx) {
        if !in_final_chain(cx, &run) {
            continue;
        }
        let calls = run.calls(MANAGERS);
        let mut reported = Vec::new();
        for call in calls.iter().filter(|call| installs(call)) {
            let zypper = call.manager == Manager::Zypper;
            if reported.contains(&zypper) || cleaned(&run, zypper) {
                continue;
            }
            reported.push(zypper);
            let program = call.manager.name();
            let cleanup = if zypper {
                "zypper clean --all".to_string()
            } else {
                format!("{program} clean all")
            };
            let diagnostic = sink.report(
                call.head_span(),
                format!("the package cache of `{program} {}` stays in the image layer: end this RUN with `{cleanup}`", call.subcommand),
            );
            if let Some(end) = run.append_point() {
                diagnostic.with_fix(Fix {
                    title: format!("Add `{cleanup}`"),
                    safety: FixSafety::Safe,
                    edits: vec![TextEdit {
                        span: Span::new(end, end),
                        new_text: format!(" && {cleanup}"),
                    }],
                });
            }
        }
    }
}

fn cleaned(run: &Run, zypper: bool) -> bool {
    let (caches, managers): (&[&str], &[Manager]) = if zypper {
        (ZYPP_CACHES, &[Manager::Zypper])
    } else {
        (RPM_CACHES, &[Manager::Yum, Manager::Dnf, Manager::Microdnf])
    };
    run.mounts_cache(caches)
        || run.removes(caches)
        || run
            .calls(managers)
            .iter()
            .any(|call| matches!(call.subcommand.as_str(), "clean" | "cc"))
}
