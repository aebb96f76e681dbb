//! Instruction keywords at the start of an instruction (and after `ONBUILD`).

use dockwise_syntax::{Instruction, InstructionKind};

use super::{CompletionExt, Cursor, Items, item, knowledge, lower_case_file};
use crate::ide::CompletionKind;

/// Keyword, what it does, a snippet (`{K}` is the keyword, `{CMD}` HEALTHCHECK's CMD), and its
/// rank inside a stage (most used first).
const KEYWORDS: &[(InstructionKind, &str, &str, u32)] = &[
    (
        InstructionKind::Run,
        "Run a command in a new layer",
        "{K} ${1:command}",
        0,
    ),
    (
        InstructionKind::Copy,
        "Copy files from the build context or another stage",
        "{K} ${1:src} ${2:dest}",
        1,
    ),
    (
        InstructionKind::Workdir,
        "Set the working directory of the instructions that follow",
        "{K} ${1:/app}",
        2,
    ),
    (
        InstructionKind::Env,
        "Set an environment variable (kept in the image)",
        "{K} ${1:NAME}=${2:value}",
        3,
    ),
    (
        InstructionKind::Arg,
        "Declare a build argument",
        "{K} ${1:NAME}",
        4,
    ),
    (
        InstructionKind::Cmd,
        "Default command of the container",
        "{K} [\"${1:executable}\"]",
        5,
    ),
    (
        InstructionKind::Entrypoint,
        "Executable the container runs",
        "{K} [\"${1:executable}\"]",
        6,
    ),
    (
        InstructionKind::Expose,
        "Document a port the container listens on",
        "{K} ${1:8080}",
        7,
    ),
    (
        InstructionKind::User,
        "User (and group) for what follows and for the container",
        "{K} ${1:user}",
        8,
    ),
    (
        InstructionKind::Label,
        "Add metadata to the image",
        "{K} ${1:key}=\"${2:value}\"",
        9,
    ),
    (
        InstructionKind::Add,
        "Add files, URLs, Git repositories or archives",
        "{K} ${1:src} ${2:dest}",
        10,
    ),
    (
        InstructionKind::From,
        "Start a build stage from a base image",
        "{K} ${1:image}",
        11,
    ),
    (
        InstructionKind::Healthcheck,
        "Tell Docker how to test that the container still works",
        "{K} --interval=${1:30s} {CMD} ${2:command}",
        12,
    ),
    (
        InstructionKind::Volume,
        "Mark a directory as a volume",
        "{K} ${1:/data}",
        13,
    ),
    (
        InstructionKind::Shell,
        "Shell for the shell form of RUN, CMD and ENTRYPOINT",
        "{K} [\"${1:/bin/sh}\", \"-c\"]",
        14,
    ),
    (
        InstructionKind::Stopsignal,
        "Signal that stops the container",
        "{K} ${1:SIGTERM}",
        15,
    ),
    (
        InstructionKind::Onbuild,
        "Run an instruction when another build starts FROM this image",
        "{K} ",
        16,
    ),
];

/// `existing`: the instruction whose keyword is being edited, if any. `onbuild`: the keyword
/// of an ONBUILD trigger (FROM, ONBUILD and MAINTAINER are not allowed there).
pub fn complete(cursor: &Cursor, existing: Option<&Instruction>, onbuild: bool, out: &mut Items) {
    let typed = cursor.typed();
    if !typed.chars().all(|c| c.is_ascii_alphabetic()) {
        return;
    }
    let cx = cursor.cx;
    // Before the first FROM, Docker accepts only ARG (and FROM itself).
    let before_first_from = !onbuild
        && !cx.file.instructions.iter().any(|instruction| {
            instruction.kind == InstructionKind::From && instruction.span.start < cursor.word.start
        });
    // Editing the keyword of an instruction that has arguments: replace the keyword only.
    let has_arguments =
        existing.is_some_and(|instruction| instruction.span.end > instruction.keyword_span.end);
    let lower = lower_case_file(cx, existing);
    let case = |word: &str| {
        if lower {
            word.to_ascii_lowercase()
        } else {
            word.to_string()
        }
    };
    for &(kind, detail, snippet, rank) in KEYWORDS {
        if onbuild && matches!(kind, InstructionKind::From | InstructionKind::Onbuild) {
            continue;
        }
        let rank = if before_first_from {
            match kind {
                InstructionKind::From => 0,
                InstructionKind::Arg => 1,
                _ => continue,
            }
        } else {
            rank
        };
        let keyword = case(kind.keyword());
        let mut candidate = item(keyword.clone(), CompletionKind::Keyword, cursor.word)
            .detail(detail)
            .documentation(knowledge(&format!(
                "dockerfile:instruction:{}",
                kind.keyword()
            )))
            .sort(rank);
        if !has_arguments {
            let snippet = snippet
                .replace("{K}", &keyword)
                .replace("{CMD}", &case("CMD"));
            candidate = candidate.snippet(snippet);
        }
        out.push(candidate);
    }
}
