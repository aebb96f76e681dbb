use super::common::{Call, Manager, option_matches, runs};
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, checkov};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "package-signature-check-disabled",
    summary: "A package manager is told to install unsigned or unverified packages (--allow-unauthenticated, --nogpgcheck, --allow-untrusted...)",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[
        checkov("CKV2_DOCKER_7"),
        checkov("CKV2_DOCKER_8"),
        checkov("CKV2_DOCKER_9"),
        checkov("CKV2_DOCKER_10"),
        checkov("CKV2_DOCKER_11"),
    ],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for run in runs(cx) {
        for command in &run.script.commands {
            let flags: &[&str] = match Call::of(command).map(|call| call.manager) {
                Some(Manager::AptGet | Manager::Apt) => &[
                    "--allow-unauthenticated",
                    "--allow-insecure-repositories",
                    "--force-yes",
                ],
                Some(Manager::Apk) => &["--allow-untrusted"],
                Some(Manager::Yum | Manager::Dnf | Manager::Microdnf) => &["--nogpgcheck"],
                Some(Manager::Zypper) => &["--no-gpg-checks"],
                _ => match command.program() {
                    Some("rpm") => &["--nosignature"],
                    Some("tdnf") => &["--nogpgcheck"],
                    _ => &[],
                },
            };
            // Configuration written with echo/printf, or passed to a package manager.
            let configures =
                !flags.is_empty() || matches!(command.program(), Some("echo" | "printf"));
            for word in command.args() {
                let value = word.value.as_str();
                // Every setting looked for has an `=`: most words are lowered for nothing.
                let lower = || value.contains('=').then(|| value.to_ascii_lowercase());
                let flagged = option_matches(value, &[], flags, "")
                    || lower().is_some_and(|lower| {
                        lower.contains("allowinsecurerepositories=true")
                            || lower.contains("allowunauthenticated=true")
                            || (configures
                                && (lower.contains("[trusted=yes]")
                                    || lower.contains("gpgcheck=0")
                                    || lower.contains("gpgcheck=false")))
                    });
                if flagged {
                    sink.report(
                        word.span,
                        format!("`{value}` lets packages in without checking their signatures, so a tampered mirror or proxy goes unnoticed: import the repository's key instead"),
                    );
                }
            }
        }
    }
}
