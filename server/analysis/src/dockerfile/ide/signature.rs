//! Signature help: the synopsis of the instruction at the cursor, its flags taken from the flag
//! tables, and the parameter the cursor is on.

use dockwise_syntax::{Arguments, Instruction, InstructionKind, Parse};

use crate::dockerfile::flags::{FlagValue, flags_for};
use crate::ide::Signature;

/// Flags of the labs channel only: not in the synopsis.
const LABS_FLAGS: &[&str] = &["device"];

/// What follows the flags of each instruction, one entry per parameter.
fn positional(kind: InstructionKind) -> &'static [&'static str] {
    match kind {
        InstructionKind::Add | InstructionKind::Copy => &["<src>...", "<dest>"],
        InstructionKind::Arg => &["<name>[=<default>]..."],
        InstructionKind::Cmd | InstructionKind::Entrypoint | InstructionKind::Run => {
            &["<command> | [\"<executable>\", \"<param>\"...]"]
        }
        InstructionKind::Env | InstructionKind::Label => &["<key>=<value>..."],
        InstructionKind::Expose => &["<port>[/<protocol>]..."],
        InstructionKind::From => &["<image>[:<tag>|@<digest>]", "[AS <name>]"],
        InstructionKind::Healthcheck => &["CMD <command> | NONE"],
        InstructionKind::Maintainer => &["<name>"],
        InstructionKind::Onbuild => &["<INSTRUCTION>"],
        InstructionKind::Shell => &["[\"<executable>\", \"<param>\"...]"],
        InstructionKind::Stopsignal => &["<signal>"],
        InstructionKind::User => &["<user>[:<group>]"],
        InstructionKind::Volume => &["<path>..."],
        InstructionKind::Workdir => &["<path>"],
        InstructionKind::Unknown => &[],
    }
}

pub fn signature_help(parse: &Parse, offset: usize) -> Option<Signature> {
    let text = parse.text();
    let file = parse.dockerfile();
    let index = file
        .instructions
        .partition_point(|instruction| instruction.span.start <= offset)
        .checked_sub(1)?;
    let mut instruction = file.instructions.get(index)?;
    // After the instruction on the same line (trailing blanks) still counts as inside it.
    let gap = text.get(instruction.span.end..offset).unwrap_or("");
    if offset > instruction.span.end && (gap.contains('\n') || !gap.trim().is_empty()) {
        return None;
    }
    if let Some(trigger) = &instruction.trigger
        && offset >= trigger.keyword_span.start
    {
        instruction = trigger;
    }
    if instruction.kind == InstructionKind::Unknown
        || instruction
            .heredocs
            .iter()
            .any(|heredoc| heredoc.body_span.start <= offset && offset <= heredoc.body_span.end)
    {
        return None;
    }
    let (label, parameters, flag_names) = synopsis(instruction.kind);
    let active = active_parameter(text, instruction, offset, &flag_names);
    Some(Signature {
        label,
        documentation: dockwise_knowledge::for_construct(&format!(
            "dockerfile:instruction:{}",
            instruction.kind.keyword()
        ))
        .first()
        .map(|entry| entry.summary.to_string()),
        parameters,
        active_parameter: active,
    })
}

/// The label, the byte range of each parameter in it, and the flag name of each flag parameter
/// (flags come first).
fn synopsis(kind: InstructionKind) -> (String, Vec<(usize, usize)>, Vec<&'static str>) {
    let mut label = kind.keyword().to_string();
    let mut parameters = Vec::new();
    let mut flag_names = Vec::new();
    let mut push = |label: &mut String, parameter: &str| {
        label.push(' ');
        let start = label.len();
        label.push_str(parameter);
        parameters.push((start, label.len()));
    };
    for spec in flags_for(kind)
        .iter()
        .filter(|spec| !LABS_FLAGS.contains(&spec.name))
    {
        let parameter = match spec.value {
            FlagValue::Bool => format!("[--{}]", spec.name),
            _ => format!("[--{}={}]", spec.name, spec.placeholder),
        };
        push(&mut label, &parameter);
        flag_names.push(spec.name);
    }
    for parameter in positional(kind) {
        push(&mut label, parameter);
    }
    (label, parameters, flag_names)
}

/// Which parameter the cursor is on: the flag it is in, or the argument by position.
fn active_parameter(
    text: &str,
    instruction: &Instruction,
    offset: usize,
    flag_names: &[&str],
) -> Option<usize> {
    if offset <= instruction.keyword_span.end {
        return None;
    }
    let flag_count = flag_names.len();
    if let Some(flag) = instruction
        .flags
        .iter()
        .find(|flag| flag.span.contains(offset))
    {
        return flag_names
            .iter()
            .position(|name| name.eq_ignore_ascii_case(&flag.name));
    }
    // The word being typed starts here.
    let before = text.get(..offset).unwrap_or("");
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, ch)| ch.is_whitespace())
        .map_or(0, |(at, ch)| at + ch.len_utf8());
    if text
        .get(word_start..offset)
        .is_some_and(|typed| typed.starts_with("--"))
    {
        return None; // A flag being typed: no parameter yet.
    }
    let positional = positional(instruction.kind);
    let argument = match instruction.kind {
        InstructionKind::Copy | InstructionKind::Add => {
            // The last word is the destination once there are at least two.
            let (before_cursor, after_cursor) = word_counts(instruction, word_start);
            usize::from(before_cursor >= 1 && after_cursor == 0)
        }
        InstructionKind::From => {
            let (before_cursor, _) = word_counts(instruction, word_start);
            usize::from(before_cursor >= 1)
        }
        _ => 0,
    };
    (argument < positional.len()).then_some(flag_count + argument)
}

/// Argument words wholly before the word at `word_start`, and words after it.
fn word_counts(instruction: &Instruction, word_start: usize) -> (usize, usize) {
    match &instruction.args {
        Arguments::Words(words) => (
            words
                .iter()
                .filter(|word| word.span.start < word_start)
                .count(),
            words
                .iter()
                .filter(|word| word.span.start > word_start)
                .count(),
        ),
        Arguments::Exec(exec) => (
            exec.elements
                .iter()
                .filter(|element| element.span.end < word_start)
                .count(),
            exec.elements
                .iter()
                .filter(|element| element.span.start > word_start)
                .count(),
        ),
        _ => (0, 0),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    /// The signature at `|`, with the active parameter's text.
    fn at(marked: &str) -> Option<(String, Option<String>)> {
        let offset = marked.find('|').expect("a cursor");
        let text = marked.replacen('|', "", 1);
        let parse = Parse::new(Arc::from(text));
        let signature = signature_help(&parse, offset)?;
        let active = signature.active_parameter.and_then(|index| {
            let (start, end) = *signature.parameters.get(index)?;
            signature.label.get(start..end).map(str::to_string)
        });
        Some((signature.label, active))
    }

    #[test]
    fn copy_lists_its_flags_and_tracks_src_and_dest() {
        let (label, active) = at("FROM a\nCOPY |").unwrap();
        assert_eq!(
            label,
            "COPY [--from=<stage|image|context>] [--chown=<user>:<group>] [--chmod=<mode>] [--link] [--parents] [--exclude=<pattern>] <src>... <dest>"
        );
        assert_eq!(active.as_deref(), Some("<src>..."));
        assert_eq!(at("FROM a\nCOPY a |").unwrap().1.as_deref(), Some("<dest>"));
        assert_eq!(
            at("FROM a\nCOPY a |b c").unwrap().1.as_deref(),
            Some("<src>...")
        );
        assert_eq!(
            at("FROM a\nCOPY a b |c").unwrap().1.as_deref(),
            Some("<dest>")
        );
        assert_eq!(
            at("FROM a\nCOPY --chown=a:b| a b").unwrap().1.as_deref(),
            Some("[--chown=<user>:<group>]")
        );
        assert_eq!(at("FROM a\nCOPY --li|").unwrap().1, None);
    }

    #[test]
    fn from_run_and_triggers() {
        assert_eq!(
            at("FROM |").unwrap().1.as_deref(),
            Some("<image>[:<tag>|@<digest>]")
        );
        assert_eq!(
            at("FROM alpine |").unwrap().1.as_deref(),
            Some("[AS <name>]")
        );
        assert_eq!(
            at("FROM --platform=$BUILDPLATFORM| alpine")
                .unwrap()
                .1
                .as_deref(),
            Some("[--platform=<platform>]")
        );
        let (label, active) = at("FROM a\nRUN --mount=type=cache,target=/x |").unwrap();
        assert!(
            label.starts_with("RUN [--mount=type=<type>,target=<path>] [--network="),
            "{label}"
        );
        assert!(
            !label.contains("device"),
            "labs flags are left out: {label}"
        );
        assert_eq!(
            active.as_deref(),
            Some("<command> | [\"<executable>\", \"<param>\"...]")
        );
        let (label, _) = at("FROM a\nONBUILD COPY |").unwrap();
        assert!(label.starts_with("COPY "), "{label}");
        assert_eq!(at("FROM a\nRUN x\n|"), None);
        assert_eq!(at("FROM a\nFOO |"), None);
    }

    #[test]
    fn parameter_ranges_point_into_the_label() {
        for kind in InstructionKind::ALL {
            let (label, parameters, _) = synopsis(kind);
            for (start, end) in parameters {
                let parameter = label.get(start..end).unwrap();
                assert!(
                    !parameter.is_empty() && !parameter.contains("  "),
                    "{label}"
                );
            }
        }
    }
}
