use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, buildkit};
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "from-as-casing",
    summary: "`AS` written in a different case than `FROM` on the same line",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[buildkit("FromAsCasing")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for stage in &cx.file.stages {
        let Some((as_keyword, span)) = &stage.as_keyword else {
            continue;
        };
        let Some(from) = cx.file.instructions.get(stage.from) else {
            continue;
        };
        let from_upper = from.keyword == from.keyword.to_ascii_uppercase();
        let from_lower = from.keyword == from.keyword.to_ascii_lowercase();
        let wanted = if from_upper {
            "AS"
        } else if from_lower {
            "as"
        } else {
            continue;
        };
        if as_keyword != wanted {
            sink.report(
                *span,
                format!(
                    "`{as_keyword}` does not match the case of `{}`: write `{wanted}`",
                    from.keyword
                ),
            )
            .with_fix(Fix {
                title: format!("Change to `{wanted}`"),
                safety: FixSafety::Safe,
                edits: vec![TextEdit {
                    span: *span,
                    new_text: wanted.to_string(),
                }],
            });
        }
    }
}
