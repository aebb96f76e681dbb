use std::cell::OnceCell;

use dockwise_syntax::{Instruction, InstructionKind};

use super::common;
use crate::dockerfile::shell::Command;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "copy-all-before-install",
    summary: "The whole context is copied before the dependency install: any code change re-runs the install",
    severity: Severity::Info,
    enabled: true,
    fixable: true,
    equivalents: &[],
    check,
};

const MANIFESTS: &[&str] = &[
    "package.json",
    "package-lock.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "requirements.txt",
    "Pipfile",
    "Pipfile.lock",
    "poetry.lock",
    "pyproject.toml",
    "Gemfile",
    "Gemfile.lock",
    "go.mod",
    "go.sum",
    "composer.json",
    "composer.lock",
    "pom.xml",
    "Cargo.toml",
    "Cargo.lock",
];

fn check(cx: &Context, sink: &mut Sink) {
    for stage in &cx.file.stages {
        let instructions = cx.stage_instructions(stage);
        // Read once per stage, on the first COPY of everything (a look through the rest of the
        // stage per COPY made long stages quadratic).
        let installs = OnceCell::new();
        let first_manifests = OnceCell::new();
        for (index, instruction) in instructions.iter().enumerate() {
            if !copies_everything(instruction) {
                continue;
            }
            let installs = installs.get_or_init(|| dependency_installs(cx, instructions));
            // The first RUN after this COPY that installs dependencies.
            let next = installs.partition_point(|&(at, _)| at <= index);
            let Some(&(at, command)) = installs.get(next) else {
                continue;
            };
            let offset = at - index - 1;
            let run = &instructions[at];
            let Some(script) = cx.script(run) else {
                continue;
            };
            let Some(operands) = common::operands(instruction) else {
                continue;
            };
            let Some(source) = operands.sources.first() else {
                continue;
            };
            let diagnostic = sink.report(
                source.span,
                format!("copying the whole context before `{}` re-runs the install on every code change: copy the dependency manifests first, install, then copy the rest", cx.slice(command.invocation_span()).lines().next().unwrap_or("the install")),
            );
            // Movable: the install directly follows, needs nothing but manifests copied earlier,
            // and the RUN does nothing else.
            let manifests_first = first_manifests
                .get_or_init(|| instructions.iter().position(copies_manifests))
                .is_some_and(|first| first < index);
            if offset == 0 && manifests_first && script.commands.iter().all(installs_dependencies) {
                let line_start = cx.text[..instruction.span.start]
                    .rfind('\n')
                    .map_or(0, |nl| nl + 1);
                let line_end = cx.text[instruction.span.end..]
                    .find('\n')
                    .map_or(cx.text.len(), |nl| instruction.span.end + nl + 1);
                let copy_text = &cx.text[line_start..line_end];
                let run_end = cx.text[run.span.end..]
                    .find('\n')
                    .map_or(cx.text.len(), |nl| run.span.end + nl + 1);
                let moved = if copy_text.ends_with('\n') {
                    copy_text.to_string()
                } else {
                    format!("{copy_text}\n")
                };
                let prefix = if run_end == cx.text.len() && !cx.text.ends_with('\n') {
                    "\n"
                } else {
                    ""
                };
                diagnostic.with_fix(Fix {
                    title: "Move this COPY below the dependency install".to_string(),
                    safety: FixSafety::Unsafe,
                    edits: vec![
                        TextEdit {
                            span: dockwise_syntax::Span::new(line_start, line_end),
                            new_text: String::new(),
                        },
                        TextEdit {
                            span: dockwise_syntax::Span::new(run_end, run_end),
                            new_text: format!("{prefix}{moved}"),
                        },
                    ],
                });
            }
        }
    }
}

/// The RUNs of a stage that install dependencies: (position in `instructions`, the first
/// installing command).
fn dependency_installs<'c>(
    cx: &'c Context,
    instructions: &[Instruction],
) -> Vec<(usize, &'c Command)> {
    instructions
        .iter()
        .enumerate()
        .filter(|(_, later)| later.kind == InstructionKind::Run)
        .filter_map(|(at, later)| {
            let command = cx
                .script(later)?
                .commands
                .iter()
                .find(|c| installs_dependencies(c))?;
            Some((at, command))
        })
        .collect()
}

/// A COPY of a dependency manifest (`COPY package.json ./`).
fn copies_manifests(instruction: &Instruction) -> bool {
    instruction.kind == InstructionKind::Copy
        && common::operands(instruction).is_some_and(|ops| {
            ops.sources.iter().any(|s| {
                MANIFESTS.iter().any(|m| {
                    common::basename(&s.value).starts_with(m.split('.').next().unwrap_or(m))
                })
            })
        })
}

fn copies_everything(instruction: &Instruction) -> bool {
    matches!(
        instruction.kind,
        InstructionKind::Copy | InstructionKind::Add
    ) && common::flag(instruction, "from").is_none()
        && common::operands(instruction).is_some_and(|ops| {
            ops.sources
                .iter()
                .any(|s| matches!(s.value.as_str(), "." | "./"))
        })
}

fn installs_dependencies(command: &Command) -> bool {
    let Some(program) = command.program() else {
        return false;
    };
    let args: Vec<&str> = command.args().iter().map(|w| w.value.as_str()).collect();
    let sub = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .copied()
        .unwrap_or("");
    match program {
        "npm" => {
            matches!(sub, "install" | "ci" | "i")
                && !args.iter().skip(1).any(|a| !a.starts_with('-'))
        }
        "yarn" => sub.is_empty() || sub == "install",
        "pnpm" => {
            matches!(sub, "install" | "i") && !args.iter().skip(1).any(|a| !a.starts_with('-'))
        }
        "pip" | "pip3" => {
            sub == "install"
                && args
                    .iter()
                    .any(|a| *a == "-r" || a.starts_with("--requirement"))
        }
        "bundle" => sub == "install" || sub.is_empty(),
        "go" => args.starts_with(&["mod", "download"]),
        "composer" => sub == "install",
        "mvn" | "./mvnw" => args.iter().any(|a| a.starts_with("dependency:")),
        "cargo" => sub == "fetch",
        _ => false,
    }
}
