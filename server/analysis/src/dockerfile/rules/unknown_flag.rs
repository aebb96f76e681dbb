use super::{did_you_mean, suggestion_suffix};
use crate::Severity;
use crate::dockerfile::flags::flags_for;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

pub const RULE: DockerfileRule = DockerfileRule {
    name: "unknown-flag",
    summary: "A `--flag` the instruction does not accept",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for (_, instruction) in cx.instructions() {
        let known = flags_for(instruction.kind);
        for flag in &instruction.flags {
            if known.iter().any(|spec| spec.name == flag.name) {
                continue;
            }
            let keyword = instruction.kind.keyword();
            let message = if known.is_empty() {
                format!(
                    "{keyword} takes no flags; `--{}` is not valid here",
                    flag.name
                )
            } else {
                let suggestion = did_you_mean(&flag.name, known.iter().map(|spec| spec.name));
                format!(
                    "unknown flag `--{}` for {keyword}{}",
                    flag.name,
                    suggestion_suffix(suggestion)
                )
            };
            sink.report(flag.name_span, message);
        }
    }
}
