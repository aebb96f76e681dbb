use dockwise_syntax::{Arguments, InstructionKind};

use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, buildkit, hadolint};
use crate::{Fix, FixSafety, Severity, Tag, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "maintainer-deprecated",
    summary: "MAINTAINER is deprecated; use `LABEL org.opencontainers.image.authors=...`",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[buildkit("MaintainerDeprecated"), hadolint("DL4000")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for instruction in cx.top_level(InstructionKind::Maintainer) {
        let diagnostic = sink
            .report(
                instruction.keyword_span,
                "MAINTAINER is deprecated: record the author with a LABEL",
            )
            .with_tag(Tag::Deprecated);
        let Arguments::Words(words) = &instruction.args else {
            continue;
        };
        let (Some(first), Some(last)) = (words.first(), words.last()) else {
            continue;
        };
        let author = cx.slice(first.span.cover(last.span));
        let quoted = serde_json::to_string(author).unwrap_or_default();
        diagnostic.with_fix(Fix {
            title: "Replace with LABEL org.opencontainers.image.authors".to_string(),
            safety: FixSafety::Safe,
            edits: vec![TextEdit {
                span: instruction.span,
                new_text: format!("LABEL org.opencontainers.image.authors={quoted}"),
            }],
        });
    }
}
