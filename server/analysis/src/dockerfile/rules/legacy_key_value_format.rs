use dockwise_syntax::{Arguments, InstructionKind};

use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, buildkit, hadolint};
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "legacy-key-value-format",
    summary: "`ENV key value` / `LABEL key value` without `=`: the legacy form, ambiguous with spaces",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[buildkit("LegacyKeyValueFormat"), hadolint("DL3058")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for (_, instruction) in cx.instructions() {
        if !matches!(
            instruction.kind,
            InstructionKind::Env | InstructionKind::Label
        ) {
            continue;
        }
        let Arguments::Pairs(pairs) = &instruction.args else {
            continue;
        };
        for pair in pairs.iter().filter(|pair| pair.legacy) {
            let key = &pair.key.raw;
            let diagnostic = sink.report(
                pair.span,
                format!(
                    "use `{} {key}=<value>`: the legacy form without `=` is deprecated",
                    instruction.kind.keyword()
                ),
            );
            let Some(value) = &pair.value else { continue };
            // Rewrite only plain values; quotes or escapes would need re-quoting by hand.
            let raw = cx.slice(value.span);
            if !raw.contains(['"', '\'', '\\', '`', '\n']) {
                let value = if raw.contains([' ', '\t']) {
                    format!("\"{raw}\"")
                } else {
                    raw.to_string()
                };
                diagnostic.with_fix(Fix {
                    title: format!("Rewrite as `{key}=...`"),
                    safety: FixSafety::Safe,
                    edits: vec![TextEdit {
                        span: pair.span,
                        new_text: format!("{key}={value}"),
                    }],
                });
            }
        }
    }
}
