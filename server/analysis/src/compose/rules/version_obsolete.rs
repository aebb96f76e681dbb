//! The top-level `version:` is obsolete: Compose ignores it.

use dockwise_syntax::Span;

use crate::compose::{ComposeRule, Context};
use crate::rule::Sink;
use crate::{Fix, FixSafety, Severity, Tag, TextEdit};

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-version-obsolete",
    summary: "The top-level `version:` is obsolete: Compose ignores it and warns; remove it.",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[],
    check,
};

fn check(context: &Context, sink: &mut Sink) {
    let Some(root) = context.root() else { return };
    let Some(entry) = root.entry("version") else {
        return;
    };
    if entry.merged {
        return;
    }
    let start = context.line_start(entry.key.span.start);
    let end = context.line_end_inclusive(entry.value.span.end.max(entry.key.span.end));
    // Only remove whole lines that hold nothing else.
    let removable = context.text[start..entry.key.span.start].trim().is_empty();
    let version = entry.value.as_str().unwrap_or("");
    let diagnostic = sink
        .report(
            entry.key.span.cover(entry.value.span),
            format!("`version: {version}` is obsolete: Compose ignores it; remove the line"),
        )
        .with_tag(Tag::Deprecated);
    if removable {
        diagnostic.with_fix(Fix {
            title: "Remove the obsolete `version`".to_string(),
            safety: FixSafety::Safe,
            edits: vec![TextEdit {
                span: Span::new(start, end),
                new_text: String::new(),
            }],
        });
    }
}
