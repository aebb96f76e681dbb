use super::common::{Manager, final_chain, runs};
use crate::Severity;
use crate::dockerfile::shell::ShellWord;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint, trivy};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "curl-and-wget-installed",
    summary: "The final image installs both curl and wget; one download tool is enough",
    severity: Severity::Info,
    enabled: true,
    fixable: false,
    equivalents: &[hadolint("DL4001"), trivy("DS014")],
    check,
};

const INSTALLERS: &[(Manager, &[&str])] = &[
    (Manager::AptGet, &["install"]),
    (Manager::Apt, &["install"]),
    (Manager::Apk, &["add"]),
    (Manager::Yum, &["install"]),
    (Manager::Dnf, &["install"]),
    (Manager::Microdnf, &["install"]),
    (Manager::Zypper, &["install", "in"]),
];

fn check(cx: &Context, sink: &mut Sink) {
    let chain = final_chain(cx);
    let mut curl: Option<ShellWord> = None;
    let mut wget: Option<ShellWord> = None;
    for run in runs(cx) {
        if run.index.is_none() || !run.stage.is_some_and(|stage| chain.contains(&stage.index)) {
            continue;
        }
        for (manager, subcommands) in INSTALLERS {
            for call in run.calls(&[*manager]) {
                if !subcommands.contains(&call.subcommand.as_str()) {
                    continue;
                }
                for word in call.operands() {
                    let name = word.value.split(['=', '~', '<', '>']).next().unwrap_or("");
                    match name {
                        "curl" if curl.is_none() => curl = Some(word.clone()),
                        "wget" if wget.is_none() => wget = Some(word.clone()),
                        _ => {}
                    }
                }
            }
        }
    }
    let (Some(curl), Some(wget)) = (curl, wget) else {
        return;
    };
    let (later, earlier) = if curl.span.start > wget.span.start {
        (curl, wget)
    } else {
        (wget, curl)
    };
    sink.report(
        later.span,
        format!(
            "`{}` is installed as well as `{}`: one download tool is enough, drop the other",
            later.value, earlier.value
        ),
    );
}
