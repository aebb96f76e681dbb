use dockwise_syntax::{Arguments, InstructionKind};

use super::common;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, checkov, hadolint, trivy};
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "last-user-root",
    summary: "The final stage switches back to `USER root` last: the container runs as root",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[hadolint("DL3002"), trivy("DS002"), checkov("CKV_DOCKER_8")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    let Some(stage) = common::final_stage(cx) else {
        return;
    };
    let instructions = common::chain_instructions(cx, stage);
    let Some(last) = instructions
        .iter()
        .rev()
        .find(|i| i.kind == InstructionKind::User)
    else {
        return;
    };
    let Arguments::Words(words) = &last.args else {
        return;
    };
    let Some(word) = words.first() else { return };
    if !word.vars.is_empty() || !common::is_root_user(&word.value) {
        return;
    }
    let diagnostic = sink.report(
        word.span,
        "the image ends as root, so the container runs as root: switch to an unprivileged user with a last `USER` (after the steps that need root)",
    );
    if let Some(user) = common::created_users(cx, &instructions).last() {
        diagnostic.with_fix(Fix {
            title: format!("Run as `{user}` (created in this image)"),
            safety: FixSafety::Unsafe,
            edits: vec![TextEdit {
                span: word.span,
                new_text: user.clone(),
            }],
        });
    }
}
