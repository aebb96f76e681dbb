//! The formatter's safety net: the formatted text must parse to the same build, or nothing is
//! changed. Keyword case and the whitespace of continuation joins may differ; everything else
//! Docker reads (flags, words, exec-form strings, heredoc bodies, ONBUILD triggers) must be
//! byte-for-byte the same.

use dockwise_syntax::{Arguments, Instruction, InstructionKind, Parse, ShellForm};

pub(super) fn same_build(before: &Parse, after: &Parse) -> Result<(), String> {
    let (old, new) = (before.dockerfile(), after.dockerfile());
    if let Some(error) = new.errors.first() {
        return Err(format!("the result would not parse: {}", error.message));
    }
    ensure(old.escape == new.escape, "the escape character")?;
    ensure(
        old.directives.len() == new.directives.len()
            && old
                .directives
                .iter()
                .zip(&new.directives)
                .all(|(a, b)| a.name == b.name && a.value == b.value),
        "the parser directives",
    )?;
    ensure(
        old.comments.len() == new.comments.len()
            && old
                .comments
                .iter()
                .zip(&new.comments)
                .all(|(a, b)| a.text.trim_end() == b.text.trim_end()),
        "the comments",
    )?;
    ensure(
        old.instructions.len() == new.instructions.len(),
        "the number of instructions",
    )?;
    for (a, b) in old.instructions.iter().zip(&new.instructions) {
        same_instruction(before.text(), a, after.text(), b)
            .map_err(|what| format!("{what} of the {} instruction", a.kind.keyword()))?;
    }
    ensure(
        old.stages.len() == new.stages.len()
            && old.stages.iter().zip(&new.stages).all(|(a, b)| {
                a.name.as_ref().map(|n| &n.name) == b.name.as_ref().map(|n| &n.name)
                    && a.as_keyword.is_some() == b.as_keyword.is_some()
            }),
        "the stages",
    )
}

fn ensure(same: bool, what: &str) -> Result<(), String> {
    if same { Ok(()) } else { Err(what.to_string()) }
}

fn same_instruction(
    old_text: &str,
    a: &Instruction,
    new_text: &str,
    b: &Instruction,
) -> Result<(), String> {
    ensure(
        a.kind == b.kind && a.keyword.eq_ignore_ascii_case(&b.keyword),
        "the keyword",
    )?;
    ensure(
        a.flags.len() == b.flags.len()
            && a.flags.iter().zip(&b.flags).all(|(x, y)| {
                x.name == y.name
                    && x.value.as_ref().map(|v| &v.raw) == y.value.as_ref().map(|v| &v.raw)
            }),
        "the flags",
    )?;
    ensure(
        match (&a.healthcheck_kind, &b.healthcheck_kind) {
            (Some((x, _)), Some((y, _))) => x.eq_ignore_ascii_case(y),
            (None, None) => true,
            _ => false,
        },
        "the HEALTHCHECK type",
    )?;
    ensure(same_arguments(a, b), "the arguments")?;
    ensure(
        a.heredocs.len() == b.heredocs.len()
            && a.heredocs.iter().zip(&b.heredocs).all(|(x, y)| {
                x.delimiter == y.delimiter
                    && x.strip_tabs == y.strip_tabs
                    && x.quoted == y.quoted
                    && old_text.get(x.body_span.range()) == new_text.get(y.body_span.range())
                    && x.end_span.and_then(|s| old_text.get(s.range()))
                        == y.end_span.and_then(|s| new_text.get(s.range()))
            }),
        "a heredoc",
    )?;
    if a.kind == InstructionKind::Onbuild {
        // Docker stores the trigger's text as written in the image.
        let trigger = |text: &str, instruction: &Instruction| {
            text.get(instruction.keyword_span.end..instruction.span.end)
                .map(|rest| rest.trim_start().to_string())
        };
        ensure(
            trigger(old_text, a) == trigger(new_text, b) && trigger(old_text, a).is_some(),
            "the trigger",
        )?;
    }
    Ok(())
}

fn same_arguments(a: &Instruction, b: &Instruction) -> bool {
    match (&a.args, &b.args) {
        (Arguments::None, Arguments::None) => true,
        (Arguments::Exec(x), Arguments::Exec(y)) => {
            x.elements.len() == y.elements.len()
                && x.elements
                    .iter()
                    .zip(&y.elements)
                    .all(|(p, q)| p.value == q.value)
        }
        (Arguments::Shell(x), Arguments::Shell(y)) => {
            x.malformed_exec == y.malformed_exec
                && if a.kind == InstructionKind::Run {
                    joins_normalised(x) == joins_normalised(y)
                } else {
                    x.text == y.text
                }
        }
        (Arguments::Words(x), Arguments::Words(y)) => {
            x.len() == y.len()
                && x.iter().zip(y).enumerate().all(|(index, (p, q))| {
                    p.raw == q.raw
                        || (a.kind == InstructionKind::From
                            && index == 1
                            && p.raw.eq_ignore_ascii_case("as")
                            && q.raw.eq_ignore_ascii_case("as"))
                })
        }
        (Arguments::Pairs(x), Arguments::Pairs(y)) => {
            x.len() == y.len()
                && x.iter().zip(y).all(|(p, q)| {
                    p.legacy == q.legacy
                        && p.key.raw == q.key.raw
                        && p.value.as_ref().map(|v| &v.raw) == q.value.as_ref().map(|v| &v.raw)
                })
        }
        _ => false,
    }
}

/// The command with the whitespace around each line join reduced to one space (or none when
/// there was none).
pub(super) fn joins_normalised(form: &ShellForm) -> String {
    let mut out = String::with_capacity(form.text.len());
    let mut offset = 0;
    for (index, piece) in form.pieces.iter().enumerate() {
        let Some(part) = form.text.get(offset..offset + piece.len()) else {
            return form.text.clone();
        };
        offset += piece.len();
        if index == 0 {
            out.push_str(part);
            continue;
        }
        let kept = out.trim_end_matches([' ', '\t']).len();
        let spaced = kept < out.len() || part.starts_with([' ', '\t']);
        out.truncate(kept);
        if spaced {
            out.push(' ');
        }
        out.push_str(part.trim_start_matches([' ', '\t']));
    }
    if offset == form.text.len() {
        out
    } else {
        form.text.clone()
    }
}
