//! What the runtime / layers / users / secrets rules share: RUN scripts with their stage,
//! stage chains, COPY/ADD operands and path helpers.

use dockwise_syntax::{Arguments, Instruction, InstructionKind, Stage, Word};

use crate::dockerfile::Context;
use crate::dockerfile::shell::Script;
use crate::dockerfile::stages::{Occurrences, Parent};

/// A RUN and its commands (`None` script for forms the shell reader does not follow).
pub struct Run<'a> {
    pub stage: Option<&'a Stage>,
    /// Index in `Dockerfile::instructions` (of the ONBUILD, for a trigger).
    pub index: usize,
    pub instruction: &'a Instruction,
    pub script: Option<&'a Script>,
}

/// Every RUN, top-level and in ONBUILD triggers.
pub fn runs<'a>(cx: &'a Context<'_>) -> Vec<Run<'a>> {
    let file = cx.file;
    file.instructions
        .iter()
        .enumerate()
        .flat_map(|(index, instruction)| {
            std::iter::once(instruction)
                .chain(instruction.trigger.as_deref())
                .map(move |instruction| (index, instruction))
        })
        .filter(|(_, instruction)| instruction.kind == InstructionKind::Run)
        .map(|(index, instruction)| Run {
            stage: crate::dockerfile::stage_of(file, index),
            index,
            instruction,
            script: cx.script(instruction),
        })
        .collect()
}

/// The stage and the earlier stages it is built `FROM`, the oldest first.
pub fn chain<'a>(cx: &Context<'a>, stage: &'a Stage) -> Vec<&'a Stage> {
    let mut chain = vec![stage];
    chain.extend(
        cx.stages()
            .ancestors(Parent::Plain, stage.index)
            .filter_map(|ancestor| cx.file.stages.get(ancestor)),
    );
    chain.reverse();
    chain
}

/// The earlier stage a stage is built FROM, if any (a plain name: no registry, tag or digest).
pub fn parent<'a>(cx: &Context<'a>, stage: &Stage) -> Option<&'a Stage> {
    cx.file
        .stages
        .get(cx.stages().parent(Parent::Plain, stage.index)?)
}

/// Where instructions matching `matches` are, per stage and along the chains of `parent`.
pub fn occurrences(cx: &Context, matches: impl Fn(&Instruction) -> bool) -> Occurrences {
    cx.stages().occurrences(cx.file, Parent::Plain, matches)
}

/// Top-level instructions of a stage chain, in build order.
pub fn chain_instructions<'a>(cx: &Context<'a>, stage: &'a Stage) -> Vec<&'a Instruction> {
    chain(cx, stage)
        .into_iter()
        .flat_map(|stage| cx.stage_instructions(stage).iter())
        .collect()
}

/// COPY/ADD operands: flags aside, the sources and the destination (shell or JSON form).
pub struct Operands {
    pub sources: Vec<Operand>,
    pub dest: Operand,
}

#[derive(Clone, Debug)]
pub struct Operand {
    pub value: String,
    pub span: dockwise_syntax::Span,
    /// Contains a variable reference.
    pub variable: bool,
    /// Written in the shell-like form (a plain edit can append to it).
    pub plain: bool,
}

pub fn operands(instruction: &Instruction) -> Option<Operands> {
    if !instruction.heredocs.is_empty() {
        return None;
    }
    let mut operands: Vec<Operand> = match &instruction.args {
        Arguments::Words(words) => words.iter().map(word_operand).collect(),
        Arguments::Exec(exec) => exec
            .elements
            .iter()
            .map(|element| Operand {
                value: element.value.clone(),
                span: element.span,
                variable: element.value.contains('$'),
                plain: false,
            })
            .collect(),
        _ => return None,
    };
    let dest = operands.pop()?;
    if operands.is_empty() {
        return None;
    }
    Some(Operands {
        sources: operands,
        dest,
    })
}

fn word_operand(word: &Word) -> Operand {
    Operand {
        value: word.value.clone(),
        span: word.span,
        variable: !word.vars.is_empty(),
        plain: true,
    }
}

pub fn flag<'a>(instruction: &'a Instruction, name: &str) -> Option<&'a dockwise_syntax::Flag> {
    instruction
        .flags
        .iter()
        .find(|flag| flag.name.eq_ignore_ascii_case(name))
}

/// An absolute container path (Unix or Windows), or one that starts with a variable (unknown,
/// so treated as absolute to stay silent).
pub fn is_absolute(path: &str) -> bool {
    let bytes = path.as_bytes();
    path.starts_with('/')
        || path.starts_with('\\')
        || path.starts_with('$')
        || (bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':')
}

pub fn is_url(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    lower.contains("://") || lower.starts_with("git@")
}

pub fn has_glob(path: &str) -> bool {
    path.contains(['*', '?', '['])
}

/// Extensions of archives ADD unpacks (by content in truth; the name is what we can see).
pub fn is_archive_name(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [
        ".tar",
        ".tar.gz",
        ".tgz",
        ".tar.bz2",
        ".tbz2",
        ".tbz",
        ".tar.xz",
        ".txz",
        ".tar.zst",
        ".tzst",
        ".tar.lz",
        ".tar.lzma",
        ".gz",
        ".bz2",
        ".xz",
        ".zst",
        ".lz4",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext))
}

pub fn basename(path: &str) -> &str {
    path.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(path)
}

/// The final stage.
pub fn final_stage<'a>(cx: &Context<'a>) -> Option<&'a Stage> {
    cx.file.stages.last()
}

/// `root`, `0`, `root:root`, `0:0`...
pub fn is_root_user(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or(user);
    name == "root" || name == "0"
}

/// The name of a user a RUN creates (`useradd [...] NAME`, `adduser [...] NAME`).
pub fn created_users(cx: &Context, instructions: &[&Instruction]) -> Vec<String> {
    let mut users = Vec::new();
    for instruction in instructions
        .iter()
        .filter(|i| i.kind == InstructionKind::Run)
    {
        let Some(script) = cx.script(instruction) else {
            continue;
        };
        for command in &script.commands {
            if !matches!(command.program(), Some("useradd" | "adduser")) {
                continue;
            }
            let args = command.args();
            let mut index = 0;
            let mut last = None;
            while index < args.len() {
                let value = args[index].value.as_str();
                if value.starts_with('-') {
                    // Options with a separate value.
                    let takes_value = matches!(
                        value,
                        "-u" | "-g"
                            | "-G"
                            | "-d"
                            | "-s"
                            | "-c"
                            | "-h"
                            | "-k"
                            | "-K"
                            | "-e"
                            | "-f"
                            | "-p"
                            | "-b"
                            | "--uid"
                            | "--gid"
                            | "--groups"
                            | "--home"
                            | "--home-dir"
                            | "--shell"
                            | "--comment"
                            | "--gecos"
                            | "--ingroup"
                            | "--base-dir"
                            | "--skel"
                            | "--key"
                            | "--firstuid"
                            | "--lastuid"
                            | "-Z"
                            | "--selinux-user"
                            | "--expiredate"
                            | "--inactive"
                            | "--password"
                    );
                    index += if takes_value { 2 } else { 1 };
                    continue;
                }
                // `adduser NAME GROUP` adds to a group: the first operand is the user.
                last = Some(&args[index]);
                break;
            }
            if let Some(word) = last.and_then(|word| word.literal()) {
                users.push(word.to_string());
            }
        }
    }
    users
}

/// Whether the stage chain starts from a Windows image (different users, shell and paths).
pub fn is_windows<'a>(cx: &Context<'a>, stage: &'a Stage) -> bool {
    cx.file
        .stages
        .get(cx.stages().root(Parent::Plain, stage.index))
        .and_then(|s| s.image.as_ref())
        .is_some_and(|image| {
            let raw = image.raw.to_ascii_lowercase();
            raw.contains("windows") || raw.contains("nanoserver") || raw.contains("servercore")
        })
}
