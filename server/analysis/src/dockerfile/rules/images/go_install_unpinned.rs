use super::common::{Manager, runs};
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

pub const RULE: DockerfileRule = DockerfileRule {
    name: "go-install-unpinned",
    summary: "`go install module@latest` (or a branch) builds whatever was pushed last",
    severity: Severity::Info,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

const MOVING: &[&str] = &["latest", "master", "main", "HEAD", "upgrade"];

fn check(cx: &Context, sink: &mut Sink) {
    for run in runs(cx) {
        for call in run.calls(&[Manager::Go]) {
            if call.subcommand != "install" {
                continue;
            }
            for word in call.operands() {
                if word.expands {
                    continue;
                }
                let Some((module, version)) = word.value.rsplit_once('@') else {
                    continue;
                };
                if MOVING.contains(&version) {
                    sink.report(
                        word.span,
                        format!("`{}` builds whatever `{module}` published last: pin a release (`{module}@v<version>`)", word.value),
                    );
                }
            }
        }
    }
}
