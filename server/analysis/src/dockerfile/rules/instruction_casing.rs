use dockwise_syntax::InstructionKind;

use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, buildkit};
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "instruction-casing",
    summary: "Instruction keywords not written in the file's usual case (upper case by convention)",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[buildkit("ConsistentInstructionCasing")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    let keywords: Vec<_> = cx
        .instructions()
        .map(|(_, instruction)| instruction)
        .filter(|instruction| instruction.kind != InstructionKind::Unknown)
        .collect();
    // Compared byte by byte: lowering every keyword allocated twice per instruction.
    let lower = keywords
        .iter()
        .filter(|i| !i.keyword.bytes().any(|byte| byte.is_ascii_uppercase()))
        .count();
    let upper = keywords
        .iter()
        .filter(|i| !i.keyword.bytes().any(|byte| byte.is_ascii_lowercase()))
        .count();
    // Ties go to upper case, the convention.
    let prefer_lower = lower > upper;
    for instruction in keywords {
        let written_as_wanted = if prefer_lower {
            !instruction
                .keyword
                .bytes()
                .any(|byte| byte.is_ascii_uppercase())
        } else {
            !instruction
                .keyword
                .bytes()
                .any(|byte| byte.is_ascii_lowercase())
        };
        if written_as_wanted {
            continue;
        }
        let wanted = if prefer_lower {
            instruction.keyword.to_ascii_lowercase()
        } else {
            instruction.keyword.to_ascii_uppercase()
        };
        if instruction.keyword != wanted {
            let case = if prefer_lower { "lower" } else { "upper" };
            sink.report(
                instruction.keyword_span,
                format!("`{}` should be written `{wanted}`, like the {case}-case keywords in the rest of the file", instruction.keyword),
            )
            .with_fix(Fix {
                title: format!("Change to `{wanted}`"),
                safety: FixSafety::Safe,
                edits: vec![TextEdit { span: instruction.keyword_span, new_text: wanted }],
            });
        }
    }
}
