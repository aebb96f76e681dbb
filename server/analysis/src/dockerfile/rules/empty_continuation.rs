use dockwise_syntax::Span;

use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, buildkit};
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "empty-continuation",
    summary: "A blank line inside a continued instruction (Docker warns and may make it an error)",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[buildkit("NoEmptyContinuation")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for (_, instruction) in cx.instructions() {
        for &blank in &instruction.empty_continuation_lines {
            let whole_line = line_with_break(cx.text, blank);
            sink.report(blank, "empty line inside a continued instruction")
                .with_fix(Fix {
                    title: "Remove the empty line".to_string(),
                    safety: FixSafety::Safe,
                    edits: vec![TextEdit {
                        span: whole_line,
                        new_text: String::new(),
                    }],
                });
        }
    }
}

/// The line containing `span`, from its start through its line break.
fn line_with_break(text: &str, span: Span) -> Span {
    let start = text[..span.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |at| at + 1);
    let end = text[span.end.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |at| span.end + at + 1);
    Span::new(start, end)
}
