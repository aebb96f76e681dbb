use std::cell::OnceCell;

use dockwise_syntax::Span;

use crate::dockerfile::scope::{Resolution, Use};
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, buildkit};
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "undefined-variable",
    summary: "A variable Docker expands to an empty string: never declared, declared later, or a global ARG not re-declared in the stage",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[buildkit("UndefinedVar")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    let scope = cx.scope();
    // Where lines start, found on the first report that names a line.
    let line_starts = OnceCell::new();
    for used in scope
        .uses
        .iter()
        .filter(|used| !used.in_from && used.var.modifier.is_none())
    {
        let name = &used.var.name;
        let span = used.var.span;
        match &used.resolution {
            Resolution::GlobalNotRedeclared(_) => {
                let message = format!(
                    "`{name}` is declared before the first FROM, which makes it visible to FROM lines only; add `ARG {name}` in this stage to use it here"
                );
                report_with_arg_fix(cx, sink, used, span, message);
            }
            Resolution::PlatformNotRedeclared => {
                let message = format!(
                    "`{name}` is a predefined build argument, but a stage sees it only after `ARG {name}`"
                );
                report_with_arg_fix(cx, sink, used, span, message);
            }
            Resolution::DeclaredLater { name_start } => {
                let line = line_number(&line_starts, cx.text, *name_start);
                sink.report(
                    span,
                    format!(
                        "`{name}` is declared further down (line {line}); here it is still empty"
                    ),
                );
            }
            // Only a stage whose base we can see entirely proves the name is undefined.
            Resolution::Unknown { base_known: true } => {
                sink.report(
                    span,
                    format!(
                        "`{name}` is not declared with ARG or ENV, so it expands to an empty string"
                    ),
                );
            }
            Resolution::Declared(_)
            | Resolution::Predefined
            | Resolution::Unknown { base_known: false } => {}
        }
    }
}

/// Offer `ARG NAME` right after the stage's FROM line.
fn report_with_arg_fix(cx: &Context, sink: &mut Sink, used: &Use, span: Span, message: String) {
    let diagnostic = sink.report(span, message);
    let from = crate::dockerfile::stage_of(cx.file, used.instruction)
        .and_then(|stage| cx.file.instructions.get(stage.from));
    if let Some(from) = from {
        let at = Span::new(from.span.end, from.span.end);
        diagnostic.with_fix(Fix {
            title: format!("Declare `ARG {}` in this stage", used.var.name),
            safety: FixSafety::Unsafe,
            edits: vec![TextEdit {
                span: at,
                new_text: format!("\nARG {}", used.var.name),
            }],
        });
    }
}

/// The 1-based line of `offset`, by a binary search among the offsets just after each newline.
fn line_number(line_starts: &OnceCell<Vec<usize>>, text: &str, offset: usize) -> usize {
    let line_starts = line_starts.get_or_init(|| {
        text.bytes()
            .enumerate()
            .filter(|(_, byte)| *byte == b'\n')
            .map(|(at, _)| at + 1)
            .collect()
    });
    line_starts.partition_point(|&start| start <= offset.min(text.len())) + 1
}
