use dockwise_syntax::{Arguments, Instruction, InstructionKind};

use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

/// Argument counts and shapes that `docker build` rejects.
pub const RULE: DockerfileRule = DockerfileRule {
    name: "invalid-arguments",
    summary: "An instruction with the wrong number or shape of arguments",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for (_, instruction) in cx.instructions() {
        if let Some(message) = problem(instruction) {
            sink.report(instruction.span, message);
        }
    }
}

fn problem(instruction: &Instruction) -> Option<String> {
    let keyword = instruction.kind.keyword();
    let args = &instruction.args;
    let empty = matches!(args, Arguments::None) && instruction.heredocs.is_empty();
    match instruction.kind {
        InstructionKind::From => from_problem(args),
        InstructionKind::Copy | InstructionKind::Add => {
            let count = match args {
                Arguments::Exec(exec) => exec.elements.len(),
                Arguments::Words(words) => words.len(),
                _ => 0,
            };
            (count < 2).then(|| format!("{keyword} needs at least one source and a destination"))
        }
        InstructionKind::Env | InstructionKind::Label => match args {
            Arguments::Pairs(pairs) if !pairs.is_empty() => {
                pairs.iter().find(|pair| pair.value.is_none()).map(|pair| {
                    format!(
                        "{keyword} `{}` has no value: write `{}=<value>`",
                        pair.key.raw, pair.key.raw
                    )
                })
            }
            _ => Some(format!("{keyword} needs at least one `key=value` pair")),
        },
        InstructionKind::Arg => {
            empty.then(|| "ARG needs a name, optionally with `=default`".to_string())
        }
        InstructionKind::Run => empty.then(|| "RUN needs a command".to_string()),
        InstructionKind::Shell => match args {
            Arguments::Exec(exec) if !exec.elements.is_empty() => None,
            _ => Some(
                "SHELL needs a JSON array, for example `SHELL [\"/bin/bash\", \"-c\"]`".to_string(),
            ),
        },
        InstructionKind::Expose | InstructionKind::Volume => {
            empty.then(|| format!("{keyword} needs at least one argument"))
        }
        InstructionKind::User => match args {
            Arguments::Words(words) if words.len() == 1 => None,
            Arguments::Words(words) if words.len() > 1 => {
                Some("USER takes exactly one `user[:group]`".to_string())
            }
            _ => Some("USER needs a user name or UID, optionally `:group`".to_string()),
        },
        InstructionKind::Workdir | InstructionKind::Stopsignal | InstructionKind::Maintainer => {
            empty.then(|| format!("{keyword} needs an argument"))
        }
        InstructionKind::Healthcheck => healthcheck_problem(instruction),
        InstructionKind::Onbuild => instruction.trigger.is_none().then(|| {
            "ONBUILD needs the instruction to run in images built from this one".to_string()
        }),
        InstructionKind::Cmd | InstructionKind::Entrypoint | InstructionKind::Unknown => None,
    }
}

fn from_problem(args: &Arguments) -> Option<String> {
    let Arguments::Words(words) = args else {
        return Some("FROM needs an image, for example `FROM alpine:3.20`".to_string());
    };
    match words.as_slice() {
        [_] => None,
        [_, as_keyword, _] if as_keyword.value.eq_ignore_ascii_case("as") => None,
        [_, as_keyword] if as_keyword.value.eq_ignore_ascii_case("as") => {
            Some("FROM ... AS needs a stage name after `AS`".to_string())
        }
        _ => Some("FROM takes an image and optionally `AS <name>`".to_string()),
    }
}

fn healthcheck_problem(instruction: &Instruction) -> Option<String> {
    let Some((kind, _)) = &instruction.healthcheck_kind else {
        return Some("HEALTHCHECK needs `CMD <command>` or `NONE`".to_string());
    };
    let has_command = !matches!(instruction.args, Arguments::None);
    if kind.eq_ignore_ascii_case("none") {
        has_command.then(|| "HEALTHCHECK NONE takes no arguments".to_string())
    } else if kind.eq_ignore_ascii_case("cmd") {
        (!has_command).then(|| "HEALTHCHECK CMD needs a command".to_string())
    } else {
        Some(format!(
            "unknown HEALTHCHECK type `{kind}`: use `CMD <command>` or `NONE`"
        ))
    }
}
