use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, buildkit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "reserved-stage-name",
    summary: "A stage named `scratch` or `context`, which Docker reserves",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[buildkit("ReservedStageName")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for name in cx
        .file
        .stages
        .iter()
        .filter_map(|stage| stage.name.as_ref())
    {
        if ["scratch", "context"]
            .iter()
            .any(|reserved| name.name.eq_ignore_ascii_case(reserved))
        {
            sink.report(
                name.span,
                format!("`{}` is reserved and cannot name a stage", name.name),
            );
        }
    }
}
