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
    let names: Vec<_> = cx
        .file
        .stages
        .iter()
        .filter_map(|stage| stage.name.as_ref())
        .collect();
    for (index, name) in names.iter().enumerate() {
        if names[..index]
            .iter()
            .any(|earlier| earlier.name.eq_ignore_ascii_case(&name.name))
        {
            sink.report(
                name.span,
                format!("a stage named `{}` is already defined above", name.name),
            );
        }
    }
}
