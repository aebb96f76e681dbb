use crate::Severity;
use crate::dockerfile::flags::{FlagValue, flag_spec};
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

pub const RULE: DockerfileRule = DockerfileRule {
    name: "flag-missing-value",
    summary: "A flag that needs a value written without one",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for (_, instruction) in cx.instructions() {
        for flag in &instruction.flags {
            let Some(spec) = flag_spec(instruction.kind, &flag.name) else {
                continue;
            };
            let missing = flag.value.as_ref().is_none_or(|value| value.raw.is_empty());
            if spec.value != FlagValue::Bool && missing {
                let example = if spec.placeholder.is_empty() {
                    "<value>"
                } else {
                    spec.placeholder
                };
                sink.report(
                    flag.span,
                    format!(
                        "`--{}` needs a value: `--{}={example}`",
                        flag.name, flag.name
                    ),
                );
            }
        }
    }
}
