use super::common::Manager;
use super::pinning::report_unpinned;
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "gem-unpinned-package",
    summary: "`gem install <gem>` without `-v` or `gem:version` installs whatever is newest",
    severity: Severity::Info,
    enabled: true,
    fixable: false,
    equivalents: &[hadolint("DL3028")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    report_unpinned(
        cx,
        sink,
        Manager::Gem,
        &["install"],
        |call| call.has(&['v'], &["--version"]) || call.has(&['g'], &["--file"]),
        |package| package.contains(':'),
        |package| {
            format!(
                "`{package}` installs the newest release at build time: pin it (`gem install {package} -v <version>` or `{package}:<version>`)"
            )
        },
    );
}
