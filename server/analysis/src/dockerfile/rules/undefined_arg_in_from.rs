use crate::Severity;
use crate::dockerfile::scope::Resolution;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, buildkit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "undefined-arg-in-from",
    summary: "FROM uses a variable that no ARG before the first FROM declares",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[buildkit("UndefinedArgInFrom")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for used in cx
        .scope()
        .uses
        .iter()
        .filter(|used| used.in_from && used.var.modifier.is_none())
    {
        if matches!(used.resolution, Resolution::Unknown { .. }) {
            let name = &used.var.name;
            sink.report(
                used.var.span,
                format!("`{name}` is not declared: FROM sees only ARGs declared before the first FROM (add `ARG {name}=<default>` at the top)"),
            );
        }
    }
}
