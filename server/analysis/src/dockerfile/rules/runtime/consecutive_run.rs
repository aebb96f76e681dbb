use dockwise_syntax::{Arguments, Instruction, InstructionKind};

use crate::dockerfile::shell::Script;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint};
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "consecutive-run",
    summary: "Consecutive RUN instructions with the same options could be one RUN (one layer, one cache step)",
    severity: Severity::Hint,
    enabled: true,
    fixable: true,
    equivalents: &[hadolint("DL3059")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for stage in &cx.file.stages {
        let instructions = cx.stage_instructions(stage);
        for pair in instructions.windows(2) {
            let (first, second) = (&pair[0], &pair[1]);
            if !mergeable(first)
                || !mergeable(second)
                || flags_text(cx, first) != flags_text(cx, second)
            {
                continue;
            }
            let diagnostic = sink.report(
                second.keyword_span,
                "this RUN directly follows another with the same options: join them with `&&` into one RUN to save a layer",
            );
            if let Some(fix) = merge_fix(cx, first, second) {
                diagnostic.with_fix(fix);
            }
        }
    }
}

fn mergeable(instruction: &Instruction) -> bool {
    instruction.kind == InstructionKind::Run
        && instruction.heredocs.is_empty()
        && matches!(&instruction.args, Arguments::Shell(shell) if !shell.malformed_exec)
}

fn flags_text(cx: &Context, instruction: &Instruction) -> Vec<String> {
    let mut flags: Vec<String> = instruction
        .flags
        .iter()
        .map(|flag| cx.slice(flag.span).to_string())
        .collect();
    flags.sort();
    flags
}

fn merge_fix(cx: &Context, first: &Instruction, second: &Instruction) -> Option<Fix> {
    let (Arguments::Shell(a), Arguments::Shell(b)) = (&first.args, &second.args) else {
        return None;
    };
    let script_a = Script::of_shell(cx.text, a)?;
    let script_b = Script::of_shell(cx.text, b)?;
    if script_a.has_comment || script_a.incomplete || script_b.incomplete {
        return None;
    }
    let trimmed = a.text.trim_end();
    if trimmed.ends_with('&') || trimmed.ends_with('\\') || trimmed.ends_with('|') {
        return None;
    }
    // Comment lines between the two would be lost.
    let between = cx.text.get(a.span.end..second.span.start)?;
    if between
        .lines()
        .any(|line| line.trim_start().starts_with('#'))
    {
        return None;
    }
    let escape = cx.file.escape;
    Some(Fix {
        title: "Merge into the previous RUN".to_string(),
        safety: FixSafety::Unsafe,
        edits: vec![TextEdit {
            span: dockwise_syntax::Span::new(a.span.end, b.span.start),
            new_text: format!(" && {escape}\n    "),
        }],
    })
}
