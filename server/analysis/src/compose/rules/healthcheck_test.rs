//! `healthcheck.test` as a list must start with CMD, CMD-SHELL or NONE.

use crate::compose::interpolate::has_interpolation;
use crate::compose::yaml::Value;
use crate::compose::{ComposeRule, Context};
use crate::rule::Sink;
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-healthcheck-test",
    summary: "A healthcheck `test` list must start with CMD, CMD-SHELL or NONE (a plain string is run with the shell).",
    severity: Severity::Error,
    enabled: true,
    fixable: true,
    equivalents: &[],
    check,
};

fn check(context: &Context, sink: &mut Sink) {
    for service in context.services() {
        let Some(test) = service.node.get("healthcheck").and_then(|h| h.get("test")) else {
            continue;
        };
        let Value::Seq(items) = &test.value else {
            continue;
        };
        let Some(first) = items.first() else {
            sink.report(test.span, "an empty healthcheck `test` runs nothing; write `[\"CMD\", ...]`, `[\"CMD-SHELL\", \"...\"]` or `[\"NONE\"]`");
            continue;
        };
        let Some(word) = first.as_str() else { continue };
        if has_interpolation(word) {
            continue;
        }
        match word {
            "CMD" | "CMD-SHELL" if items.len() == 1 => {
                sink.report(test.span, format!("`{word}` needs a command after it"));
            }
            "CMD" if items.len() == 2 => {
                // `["CMD", "redis-cli ping"]` runs a program literally named `redis-cli ping`.
                let Some(program) = items[1].as_str() else {
                    continue;
                };
                if program.trim().contains(char::is_whitespace) && !has_interpolation(program) {
                    sink.report(
                        items[1].span,
                        format!(
                            "with CMD, `{program}` is one program name, spaces included; split it into list elements or use CMD-SHELL"
                        ),
                    );
                }
            }
            "CMD" | "CMD-SHELL" | "NONE" => {}
            other
                if matches!(
                    other.to_ascii_uppercase().as_str(),
                    "CMD" | "CMD-SHELL" | "NONE"
                ) =>
            {
                sink.report(
                    first.span,
                    format!(
                        "write `{}` in capitals: the first element is case-sensitive",
                        other.to_ascii_uppercase()
                    ),
                );
            }
            other => {
                let diagnostic = sink.report(
                    first.span,
                    format!(
                        "the first element of a healthcheck `test` list must be CMD, CMD-SHELL or NONE, not `{other}`; add \"CMD\" before the command"
                    ),
                );
                if context.slice(test.span).starts_with('[') {
                    diagnostic.with_fix(Fix {
                        title: "Insert \"CMD\" before the command".to_string(),
                        safety: FixSafety::Safe,
                        edits: vec![TextEdit {
                            span: dockwise_syntax::Span::new(first.span.start, first.span.start),
                            new_text: "\"CMD\", ".to_string(),
                        }],
                    });
                }
            }
        }
    }
}
