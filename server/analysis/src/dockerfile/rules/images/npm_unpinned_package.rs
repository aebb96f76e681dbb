use super::common::Manager;
use super::pinning::report_unpinned;
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "npm-unpinned-package",
    summary: "`npm install <package>` without `@version` installs whatever is newest",
    severity: Severity::Info,
    enabled: true,
    fixable: false,
    equivalents: &[hadolint("DL3016")],
    check,
};

const INSTALLS: &[&str] = &[
    "install", "i", "add", "in", "ins", "inst", "insta", "instal", "isnt", "isntall",
];

fn check(cx: &Context, sink: &mut Sink) {
    report_unpinned(
        cx,
        sink,
        Manager::Npm,
        INSTALLS,
        |_| false,
        |package| {
            // `@scope/name@1.2.3`, `name@1.2.3`; `@latest` and `@next` move.
            let unscoped = package.strip_prefix('@').map_or(package, |rest| {
                rest.split_once('/').map_or(rest, |(_, name)| name)
            });
            match unscoped.split_once('@') {
                Some((_, version)) => !version.is_empty() && !matches!(version, "latest" | "next"),
                None => package.contains(':') || package.contains('#'),
            }
        },
        |package| {
            let name = match package.strip_prefix('@') {
                Some(rest) => format!("@{}", rest.split('@').next().unwrap_or(rest)),
                None => package.split('@').next().unwrap_or(package).to_string(),
            };
            format!(
                "`{package}` installs whatever is newest at build time: pin a version (`{name}@<version>`)"
            )
        },
    );
}
