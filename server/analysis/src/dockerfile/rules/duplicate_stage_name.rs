use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, buildkit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "duplicate-stage-name",
    summary: "Two stages with the same name (names compare case-insensitively)",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[buildkit("DuplicateStageName")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for stage in &cx.file.stages {
        let Some(name) = &stage.name else { continue };
        // Not the first stage of its name (names compare case-insensitively).
        if cx.stages().named(&name.name) != Some(stage.index) {
            sink.report(
                name.span,
                format!("a stage named `{}` is already defined above", name.name),
            );
        }
    }
}
