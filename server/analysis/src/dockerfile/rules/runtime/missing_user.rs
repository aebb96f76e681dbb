use dockwise_syntax::{Arguments, InstructionKind};

use super::common;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, checkov, trivy};
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "missing-user",
    summary: "The final stage never sets USER: the container runs as the base image's user, usually root (off by default)",
    severity: Severity::Info,
    enabled: false,
    fixable: true,
    equivalents: &[trivy("DS002"), checkov("CKV_DOCKER_3")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    let Some(stage) = common::final_stage(cx) else {
        return;
    };
    let instructions = common::chain_instructions(cx, stage);
    if instructions.iter().any(|i| i.kind == InstructionKind::User) {
        return;
    }
    if common::is_windows(cx, stage) {
        return;
    }
    let chain = common::chain(cx, stage);
    let Some(root) = chain.first().and_then(|s| s.image.as_ref()) else {
        return;
    };
    let raw = root.raw.to_ascii_lowercase();
    // Images that already run unprivileged, and bare `scratch` images that run no command of
    // their own shell (nothing to drop privileges with; judged per file by the author).
    if raw.contains("nonroot") || raw.contains("rootless") || raw.contains('$') {
        return;
    }
    if raw == "scratch" {
        return;
    }
    let Some(from) = cx.file.instructions.get(stage.from) else {
        return;
    };
    let span = match &from.args {
        Arguments::Words(words) if !words.is_empty() => words[0].span,
        _ => from.keyword_span,
    };
    let diagnostic = sink.report(
        span,
        "the final image sets no USER, so it runs as the base image's user (root for most images): create an unprivileged user and add `USER <name>`",
    );
    if let Some(user) = common::created_users(cx, &instructions).last() {
        // Before the final CMD/ENTRYPOINT, or at the end of the stage.
        let own = cx.stage_instructions(stage);
        let anchor = own
            .iter()
            .find(|i| matches!(i.kind, InstructionKind::Cmd | InstructionKind::Entrypoint));
        let (at, text) = match anchor {
            Some(instruction) => {
                let line_start = cx.text[..instruction.span.start]
                    .rfind('\n')
                    .map_or(0, |nl| nl + 1);
                (line_start, format!("USER {user}\n"))
            }
            None => {
                let end = own.last().map_or(from.span.end, |i| i.span.end);
                (end, format!("\nUSER {user}"))
            }
        };
        diagnostic.with_fix(Fix {
            title: format!("Add `USER {user}` (created in this image)"),
            safety: FixSafety::Unsafe,
            edits: vec![TextEdit {
                span: dockwise_syntax::Span::new(at, at),
                new_text: text,
            }],
        });
    }
}
