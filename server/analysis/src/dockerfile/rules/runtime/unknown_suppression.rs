use crate::Severity;
use crate::dockerfile::suppress::Suppressions;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

pub const RULE: DockerfileRule = DockerfileRule {
    name: "unknown-suppression",
    summary: "A `# dockwise ignore=` comment names a rule that does not exist",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    let names: Vec<&str> = crate::dockerfile::rules::all()
        .map(|rule| rule.name)
        .collect();
    for name in Suppressions::read(cx).names {
        if names.contains(&name.text.as_str()) {
            continue;
        }
        let suggestion = crate::dockerfile::rules::did_you_mean(&name.text, names.iter().copied());
        sink.report(
            name.span,
            format!(
                "no rule is named `{}`{}: this suppression has no effect",
                name.text,
                crate::dockerfile::rules::suggestion_suffix(suggestion)
            ),
        );
    }
}
