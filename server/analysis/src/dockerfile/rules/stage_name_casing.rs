use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, buildkit};
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "stage-name-casing",
    summary: "A stage name with upper-case letters (Docker lower-cases stage names)",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[buildkit("StageNameCasing")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for name in cx
        .file
        .stages
        .iter()
        .filter_map(|stage| stage.name.as_ref())
    {
        let lower = name.name.to_ascii_lowercase();
        if lower != name.name && !name.name.contains('$') {
            // References match case-insensitively, so renaming the definition alone is safe.
            sink.report(
                name.span,
                format!("stage names are lower-cased by Docker: write `{lower}`"),
            )
            .with_fix(Fix {
                title: format!("Rename to `{lower}`"),
                safety: FixSafety::Safe,
                edits: vec![TextEdit {
                    span: name.span,
                    new_text: lower,
                }],
            });
        }
    }
}
