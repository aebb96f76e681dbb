use super::common::Manager;
use super::pinning::report_unpinned;
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "pip-unpinned-package",
    summary: "`pip install` names a package without a version specifier",
    severity: Severity::Info,
    enabled: false,
    fixable: false,
    equivalents: &[hadolint("DL3013")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    report_unpinned(
        cx,
        sink,
        Manager::Pip,
        &["install"],
        // A constraints file pins everything.
        |call| call.has(&['c'], &["--constraint"]),
        |package| {
            let name = package.split('[').next().unwrap_or(package);
            package.contains(['=', '<', '>', '~', '!', '@', ';']) || name.is_empty()
        },
        |package| {
            format!(
                "`{package}` installs the newest release at build time: pin it (`{package}==<version>`) or install from a requirements or constraints file"
            )
        },
    );
}
