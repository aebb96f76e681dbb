use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

pub const RULE: DockerfileRule = DockerfileRule {
    name: "invalid-stage-name",
    summary: "A stage name Docker rejects: it must start with a letter and use letters, digits, `-`, `_`, `.`",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for name in cx
        .file
        .stages
        .iter()
        .filter_map(|stage| stage.name.as_ref())
    {
        if !name.name.contains('$') && !is_valid_stage_name(&name.name) {
            sink.report(
                name.span,
                format!("`{}` is not a valid stage name: start with a letter, then letters, digits, `-`, `_` or `.`", name.name),
            );
        }
    }
}

/// BuildKit's `^[a-z][a-z0-9-_.]*$`, applied after lower-casing.
pub fn is_valid_stage_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}
