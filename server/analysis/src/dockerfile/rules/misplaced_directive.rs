use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

pub const RULE: DockerfileRule = DockerfileRule {
    name: "misplaced-directive",
    summary: "A parser directive after the top of the file, which Docker reads as a plain comment",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for comment in &cx.file.comments {
        let Some(name) = directive_name(&comment.text) else {
            continue;
        };
        let honoured = cx
            .file
            .directives
            .iter()
            .any(|directive| directive.span.contains(comment.span.start));
        if !honoured {
            sink.report(
                comment.span,
                format!("Docker ignores this `{name}` directive: directives count only in the first lines, before any blank line, comment or instruction"),
            );
        }
    }
}

/// The directive a comment's text would be (`syntax`, `escape`, `check`), if it has that shape.
fn directive_name(text: &str) -> Option<&'static str> {
    let (name, value) = text.split_once('=')?;
    let name = name.trim().to_ascii_lowercase();
    if value.trim().is_empty() {
        return None;
    }
    ["syntax", "escape", "check"]
        .into_iter()
        .find(|known| *known == name)
}
