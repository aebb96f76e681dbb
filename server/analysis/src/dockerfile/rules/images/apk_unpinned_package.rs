use super::common::Manager;
use super::pinning::report_unpinned;
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "apk-unpinned-package",
    summary: "`apk add` names a package without a version constraint",
    severity: Severity::Info,
    enabled: false,
    fixable: false,
    equivalents: &[hadolint("DL3018")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    report_unpinned(
        cx,
        sink,
        Manager::Apk,
        &["add"],
        |_| false,
        |package| package.contains(['=', '~', '<', '>']),
        |package| {
            format!(
                "`{package}` installs whatever version the index has today: pin it as `{package}=<version>` (or `~<version>`) if the build must be reproducible"
            )
        },
    );
}
