use dockwise_syntax::{InstructionKind, Span};

use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, buildkit};
use crate::{Fix, FixSafety, Severity, Tag, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "redundant-target-platform",
    summary: "FROM --platform=$TARGETPLATFORM repeats the default and can be removed",
    severity: Severity::Info,
    enabled: true,
    fixable: true,
    equivalents: &[buildkit("RedundantTargetPlatform")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for instruction in cx.top_level(InstructionKind::From) {
        for flag in instruction
            .flags
            .iter()
            .filter(|flag| flag.name.eq_ignore_ascii_case("platform"))
        {
            let Some(value) = &flag.value else { continue };
            let raw = value.raw.trim_matches('"');
            if raw != "$TARGETPLATFORM" && raw != "${TARGETPLATFORM}" {
                continue;
            }
            // Remove the flag and the blanks after it.
            let rest = cx.text.get(flag.span.end..).unwrap_or("");
            let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            let removal = Span::new(flag.span.start, flag.span.end + blanks);
            sink.report(
                flag.span,
                "`--platform=$TARGETPLATFORM` is what FROM does anyway: remove the flag",
            )
            .with_tag(Tag::Unnecessary)
            .with_fix(Fix {
                title: "Remove `--platform=$TARGETPLATFORM`".to_string(),
                safety: FixSafety::Safe,
                edits: vec![TextEdit {
                    span: removal,
                    new_text: String::new(),
                }],
            });
        }
    }
}
