use super::common::Manager;
use super::pinning::report_unpinned;
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "apt-get-unpinned-package",
    summary: "`apt-get install` names a package without `=version`",
    severity: Severity::Info,
    enabled: false,
    fixable: false,
    equivalents: &[hadolint("DL3008")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for manager in [Manager::AptGet, Manager::Apt] {
        report_unpinned(
            cx,
            sink,
            manager,
            &["install"],
            |_| false,
            |package| package.contains('=') || package.contains('/'),
            |package| {
                format!(
                    "`{package}` installs whatever version the index has today: pin it as `{package}=<version>` if the build must be reproducible"
                )
            },
        );
    }
}
