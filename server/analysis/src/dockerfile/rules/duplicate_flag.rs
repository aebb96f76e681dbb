use crate::Severity;
use crate::dockerfile::flags::flag_spec;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

pub const RULE: DockerfileRule = DockerfileRule {
    name: "duplicate-flag",
    summary: "A flag given twice where Docker accepts it once",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for (_, instruction) in cx.instructions() {
        for (index, flag) in instruction.flags.iter().enumerate() {
            let Some(spec) = flag_spec(instruction.kind, &flag.name) else {
                continue;
            };
            let seen_before = instruction.flags[..index]
                .iter()
                .any(|earlier| earlier.name == flag.name);
            if !spec.repeatable && seen_before {
                sink.report(
                    flag.span,
                    format!("`--{}` is given more than once", flag.name),
                );
            }
        }
    }
}
