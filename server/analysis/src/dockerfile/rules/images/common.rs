//! What the base-image and package-manager rules share: the RUN scripts of a file, the stages
//! that end up in the final image, cache mounts, and how each package manager spells its
//! subcommands and options.

use std::cell::OnceCell;

use dockwise_syntax::{Arguments, Instruction, InstructionKind, Span, Stage};

use crate::TextEdit;
use crate::dockerfile::flags::mount_options;
use crate::dockerfile::shell::{Command, Script, ScriptKind, ShellWord};
use crate::dockerfile::stages::{Occurrences, Parent};
use crate::dockerfile::{Context, GlobalArgs};

/// One RUN with its commands.
pub struct Run<'a> {
    pub stage: Option<&'a Stage>,
    /// Index in `Dockerfile::instructions`; `None` for an ONBUILD trigger.
    pub index: Option<usize>,
    pub instruction: &'a Instruction,
    pub script: &'a Script,
}

impl Run<'_> {
    /// The calls of one package manager in this RUN.
    pub fn calls(&self, managers: &[Manager]) -> Vec<Call<'_>> {
        self.script
            .commands
            .iter()
            .filter_map(Call::of)
            .filter(|call| managers.contains(&call.manager))
            .collect()
    }

    /// Whether a `--mount=type=cache` or `type=tmpfs` covers one of these directories.
    pub fn mounts_cache(&self, targets: &[&str]) -> bool {
        self.instruction
            .flags
            .iter()
            .filter(|flag| flag.name.eq_ignore_ascii_case("mount"))
            .any(|flag| {
                let Some(value) = &flag.value else {
                    return false;
                };
                let options = mount_options(&value.value);
                let kind = options
                    .iter()
                    .find(|option| option.key.eq_ignore_ascii_case("type"))
                    .and_then(|option| option.value)
                    .unwrap_or("bind");
                if !kind.eq_ignore_ascii_case("cache") && !kind.eq_ignore_ascii_case("tmpfs") {
                    return false;
                }
                options
                    .iter()
                    .filter(|option| {
                        matches!(
                            option.key.to_ascii_lowercase().as_str(),
                            "target" | "dst" | "destination"
                        )
                    })
                    .filter_map(|option| option.value)
                    .any(|target| {
                        let target = target.trim_end_matches('/');
                        targets.iter().any(|wanted| {
                            let wanted = wanted.trim_end_matches('/');
                            // The mount covers the wanted directory, or the wanted one is a parent
                            // pattern (`/root/.cache` covers `/root/.cache/pip`).
                            wanted == target || wanted.starts_with(&format!("{target}/"))
                        })
                    })
            })
    }

    /// Whether the script removes one of these paths (`rm -rf /var/lib/apt/lists/*`).
    pub fn removes(&self, paths: &[&str]) -> bool {
        self.script.commands.iter().any(|command| {
            command.program() == Some("rm")
                && command.args().iter().any(|word| {
                    let value = word.value.trim_end_matches(['*', '/']);
                    paths.iter().any(|path| {
                        let path = path.trim_end_matches('/');
                        value == path || path.starts_with(&format!("{value}/")) && value.len() > 1
                    })
                })
        })
    }

    /// Shell form that text can be appended to with ` && ...`.
    pub fn append_point(&self) -> Option<usize> {
        if self.script.kind != ScriptKind::Shell
            || self.script.has_comment
            || self.script.incomplete
        {
            return None;
        }
        let trimmed = self.script.text.trim_end();
        if trimmed.ends_with([';', '&', '|', '\\', '(', '{']) || trimmed.is_empty() {
            return None;
        }
        self.script.end
    }
}

/// Every RUN in a POSIX shell, top level and ONBUILD triggers, with its commands.
pub fn runs<'a>(cx: &'a Context<'_>) -> Vec<Run<'a>> {
    let file = cx.file;
    cx.posix_runs(|| posix_run_sites(cx))
        .iter()
        .filter_map(|&(index, trigger)| {
            let instruction = file.instructions.get(index)?;
            let run = if trigger {
                instruction.trigger.as_deref()?
            } else {
                instruction
            };
            Some(Run {
                stage: crate::dockerfile::stage_of(file, index),
                index: (!trigger).then_some(index),
                instruction: run,
                script: cx.script(run)?,
            })
        })
        .collect()
}

fn posix_run_sites(cx: &Context) -> Vec<(usize, bool)> {
    let file = cx.file;
    // Windows images run RUN through cmd: judged once per chain root.
    let mut windows_roots: Vec<Option<bool>> = vec![None; file.stages.len()];
    // Where the SHELL instructions are, found once: most files have none, and then every RUN
    // is POSIX without a look back per RUN (which made long files quadratic).
    let shells = cx.has_shell_instruction().then(|| {
        cx.stages()
            .occurrences(file, Parent::Reference, |instruction| {
                instruction.kind == InstructionKind::Shell
            })
    });
    let mut sites = Vec::new();
    for (index, instruction) in file.instructions.iter().enumerate() {
        let stage = crate::dockerfile::stage_of(file, index);
        let candidates = std::iter::once((false, instruction)).chain(
            instruction
                .trigger
                .as_deref()
                .map(|trigger| (true, trigger)),
        );
        for (trigger, run) in candidates {
            if run.kind == InstructionKind::Run
                && posix_shell(cx, stage, index, &mut windows_roots, shells.as_ref())
            {
                sites.push((index, trigger));
            }
        }
    }
    sites
}

/// False when a SHELL instruction earlier in the stage (or the stages it builds on) switched
/// RUN to something other than a POSIX shell (PowerShell, cmd).
fn posix_shell(
    cx: &Context,
    stage: Option<&Stage>,
    index: usize,
    windows_roots: &mut [Option<bool>],
    shells: Option<&Occurrences>,
) -> bool {
    if cx.file.escape == '`' {
        return false;
    }
    let Some(stage) = stage else { return true };
    let root = cx.stages().root(Parent::Reference, stage.index);
    let windows = match windows_roots.get(root).copied().flatten() {
        Some(windows) => windows,
        None => {
            let windows = windows_root(cx, root);
            if let Some(slot) = windows_roots.get_mut(root) {
                *slot = Some(windows);
            }
            windows
        }
    };
    if windows {
        return false;
    }
    let Some(shells) = shells else {
        return true;
    };
    // The SHELL in force: the last one above in this stage, else the one the stage inherits
    // (the image config of the nearest stage it builds on that set one).
    let Some(shell) = shells
        .last_in(stage.index, index)
        .or_else(|| shells.inherited_nearest(stage.index))
        .and_then(|at| cx.file.instructions.get(at))
    else {
        return true;
    };
    let Arguments::Exec(exec) = &shell.args else {
        return false;
    };
    let Some(program) = exec.elements.first() else {
        return false;
    };
    let name = program.value.rsplit('/').next().unwrap_or(&program.value);
    matches!(
        name,
        "sh" | "bash" | "ash" | "dash" | "zsh" | "ksh" | "busybox"
    )
}

/// Whether a chain's first stage builds on a Windows image.
fn windows_root(cx: &Context, root: usize) -> bool {
    let Some(root_stage) = cx.file.stages.get(root) else {
        return false;
    };
    root_stage.image.as_ref().is_some_and(|image| {
        let resolved = resolved_from(cx, root_stage).map(|resolved| resolved.value);
        let reference = resolved
            .unwrap_or_else(|| image.raw.clone())
            .to_ascii_lowercase();
        reference.contains("windows")
            || reference.contains("nanoserver")
            || reference.contains("servercore")
    })
}

/// The stages `stage` builds on through `FROM <stage name>`, nearest first (itself excluded).
pub fn ancestors(cx: &Context, stage: usize) -> Vec<usize> {
    cx.stages().ancestors(Parent::Reference, stage).collect()
}

/// The stages whose layers end up in the image a plain `docker build` produces: the last stage
/// and the stages it builds on. Stages used only through `COPY --from` are builders.
pub fn final_chain(cx: &Context) -> Vec<usize> {
    let Some(last) = cx.file.stages.last() else {
        return Vec::new();
    };
    let mut chain = vec![last.index];
    chain.extend(ancestors(cx, last.index));
    chain
}

pub fn in_final_chain(cx: &Context, run: &Run) -> bool {
    run.index.is_some()
        && run
            .stage
            .is_some_and(|stage| cx.final_chain(|| final_chain(cx)).contains(&stage.index))
}

/// Whether an instruction matching a predicate ran before a RUN: earlier in its stage (the
/// whole stage for an ONBUILD trigger) or in the stages it builds on. The instructions are read
/// once, on the first question: rules ask only for a call they would report.
pub struct EarlierInChain<'c, 'a, F> {
    cx: &'c Context<'a>,
    matches: F,
    occurrences: OnceCell<Occurrences>,
}

impl<'c, 'a, F: Fn(&Instruction) -> bool> EarlierInChain<'c, 'a, F> {
    pub fn new(cx: &'c Context<'a>, matches: F) -> Self {
        EarlierInChain {
            cx,
            matches,
            occurrences: OnceCell::new(),
        }
    }

    pub fn any_before(&self, run: &Run) -> bool {
        let Some(stage) = run.stage else {
            return false;
        };
        let occurrences = self.occurrences.get_or_init(|| {
            self.cx
                .stages()
                .occurrences(self.cx.file, Parent::Reference, &self.matches)
        });
        let end = run
            .index
            .unwrap_or(stage.instructions.end)
            .min(stage.instructions.end);
        occurrences.before(stage.index, end)
    }
}

/// Whether this ENV or ARG sets `name`.
pub fn sets_variable(instruction: &Instruction, name: &str) -> bool {
    matches!(
        instruction.kind,
        InstructionKind::Env | InstructionKind::Arg
    ) && match &instruction.args {
        Arguments::Pairs(pairs) => pairs.iter().any(|pair| pair.key.value == name),
        Arguments::Words(words) => words.iter().any(|word| word.value == name),
        _ => false,
    }
}

/// An insertion just after a word.
pub fn insert_after(word: &ShellWord, text: &str) -> TextEdit {
    TextEdit {
        span: Span::new(word.span.end, word.span.end),
        new_text: text.to_string(),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Manager {
    AptGet,
    Apt,
    Apk,
    Yum,
    Dnf,
    Microdnf,
    Zypper,
    Pip,
    Npm,
    Gem,
    Go,
}

impl Manager {
    pub fn name(self) -> &'static str {
        match self {
            Manager::AptGet => "apt-get",
            Manager::Apt => "apt",
            Manager::Apk => "apk",
            Manager::Yum => "yum",
            Manager::Dnf => "dnf",
            Manager::Microdnf => "microdnf",
            Manager::Zypper => "zypper",
            Manager::Pip => "pip",
            Manager::Npm => "npm",
            Manager::Gem => "gem",
            Manager::Go => "go",
        }
    }

    /// Options that take a separate value, and short letters that take the rest of a cluster.
    fn value_options(self) -> (&'static [&'static str], &'static str) {
        match self {
            Manager::AptGet | Manager::Apt => (
                &[
                    "-o",
                    "-c",
                    "-t",
                    "-a",
                    "--option",
                    "--config-file",
                    "--target-release",
                    "--default-release",
                    "--host-architecture",
                ],
                "octa",
            ),
            Manager::Apk => (
                &[
                    "-X",
                    "-p",
                    "-t",
                    "--repository",
                    "--root",
                    "--arch",
                    "--cache-dir",
                    "--keys-dir",
                    "--repositories-file",
                    "--virtual",
                ],
                "Xpt",
            ),
            Manager::Yum | Manager::Dnf | Manager::Microdnf => (
                &[
                    "-c",
                    "-d",
                    "-e",
                    "-R",
                    "-x",
                    "--config",
                    "--debuglevel",
                    "--errorlevel",
                    "--installroot",
                    "--releasever",
                    "--enablerepo",
                    "--disablerepo",
                    "--exclude",
                    "--setopt",
                    "--repo",
                    "--repoid",
                    "--downloaddir",
                    "--destdir",
                ],
                "cdeRx",
            ),
            Manager::Zypper => (
                &[
                    "-R",
                    "-r",
                    "-p",
                    "-c",
                    "-t",
                    "--root",
                    "--repo",
                    "--plus-repo",
                    "--config",
                    "--from",
                    "--type",
                ],
                "Rrpct",
            ),
            Manager::Pip => (
                &[
                    "-r",
                    "-c",
                    "-e",
                    "-i",
                    "-f",
                    "-t",
                    "-C",
                    "--requirement",
                    "--constraint",
                    "--editable",
                    "--index-url",
                    "--extra-index-url",
                    "--find-links",
                    "--trusted-host",
                    "--target",
                    "--prefix",
                    "--root",
                    "--proxy",
                    "--cache-dir",
                    "--log",
                    "--timeout",
                    "--retries",
                    "--platform",
                    "--python-version",
                    "--implementation",
                    "--abi",
                    "--src",
                    "--upgrade-strategy",
                    "--progress-bar",
                    "--only-binary",
                    "--no-binary",
                    "--global-option",
                    "--install-option",
                    "--config-settings",
                    "--report",
                    "--python",
                ],
                "rceiftC",
            ),
            Manager::Npm => (
                &[
                    "-w",
                    "--prefix",
                    "--registry",
                    "--cache",
                    "--workspace",
                    "--omit",
                    "--include",
                    "--tag",
                    "--loglevel",
                ],
                "w",
            ),
            Manager::Gem => (
                &[
                    "-v",
                    "-i",
                    "-n",
                    "-s",
                    "-p",
                    "-g",
                    "--version",
                    "--install-dir",
                    "--bindir",
                    "--source",
                    "--http-proxy",
                    "--platform",
                    "--file",
                ],
                "vinspg",
            ),
            Manager::Go => (
                &[
                    "-o",
                    "-ldflags",
                    "-gcflags",
                    "-asmflags",
                    "-tags",
                    "-mod",
                    "-modfile",
                    "-p",
                    "-C",
                    "-pkgdir",
                    "-toolexec",
                ],
                "",
            ),
        }
    }
}

/// One package-manager invocation: `apt-get install -y curl`.
pub struct Call<'c> {
    pub command: &'c Command,
    pub manager: Manager,
    /// Index in `command.words` of the subcommand (`install`).
    pub sub: usize,
    /// The subcommand, lower-cased.
    pub subcommand: String,
}

impl<'c> Call<'c> {
    pub fn of(command: &'c Command) -> Option<Call<'c>> {
        let program = command.program()?;
        let mut start = command.name_index + 1;
        let manager = match program {
            "apt-get" => Manager::AptGet,
            "apt" => Manager::Apt,
            "apk" => Manager::Apk,
            "yum" => Manager::Yum,
            "dnf" | "dnf5" => Manager::Dnf,
            "microdnf" => Manager::Microdnf,
            "zypper" => Manager::Zypper,
            "npm" => Manager::Npm,
            "gem" => Manager::Gem,
            "go" => Manager::Go,
            _ if is_pip(program) => Manager::Pip,
            _ if program.starts_with("python") => {
                let words = &command.words;
                let m = words
                    .iter()
                    .skip(start)
                    .position(|word| word.value == "-m")?
                    + start;
                if words.get(m + 1)?.value != "pip" && words.get(m + 1)?.value != "pip3" {
                    return None;
                }
                if words[start..m]
                    .iter()
                    .any(|word| !word.value.starts_with('-'))
                {
                    return None;
                }
                start = m + 2;
                Manager::Pip
            }
            _ => return None,
        };
        let (value_options, _) = manager.value_options();
        let mut index = start;
        while let Some(word) = command.words.get(index) {
            if word.expands {
                return None;
            }
            let value = word.value.as_str();
            if !value.starts_with('-') || value == "-" {
                return Some(Call {
                    command,
                    manager,
                    sub: index,
                    subcommand: value.to_ascii_lowercase(),
                });
            }
            index += 1;
            if value_options.contains(&value) {
                index += 1;
            }
        }
        None
    }

    pub fn sub_word(&self) -> &'c ShellWord {
        &self.command.words[self.sub]
    }

    /// From the program name to the subcommand (`apt-get install`, `sudo` excluded): where
    /// diagnostics about the whole call go.
    pub fn head_span(&self) -> Span {
        match self.command.name_word() {
            Some(name) => name.span.cover(self.sub_word().span),
            None => self.sub_word().span,
        }
    }

    /// Every option word after the program name, before and after the subcommand.
    pub fn options(&self) -> impl Iterator<Item = &'c ShellWord> {
        let name = self.command.name_index;
        self.command.words[name + 1..]
            .iter()
            .filter(|word| word.value.starts_with('-') && word.value.len() > 1)
    }

    /// Whether an option is given: a long name (`--yes`, also `--yes=...`) or a short letter,
    /// also inside a cluster (`-qy`).
    pub fn has(&self, shorts: &[char], longs: &[&str]) -> bool {
        let (_, value_letters) = self.manager.value_options();
        self.options()
            .any(|word| option_matches(&word.value, shorts, longs, value_letters))
    }

    /// The operands after the subcommand: not options, not option values.
    pub fn operands(&self) -> Vec<&'c ShellWord> {
        let (value_options, value_letters) = self.manager.value_options();
        let mut operands = Vec::new();
        let words = &self.command.words;
        let mut index = self.sub + 1;
        let mut options_done = false;
        while let Some(word) = words.get(index) {
            index += 1;
            let value = word.value.as_str();
            if !options_done && value == "--" {
                options_done = true;
                continue;
            }
            if !options_done && value.starts_with('-') && value.len() > 1 {
                let takes_value = value_options.contains(&value)
                    || (!value.starts_with("--")
                        && value.len() == 2
                        && value_letters.contains(value.chars().nth(1).unwrap_or(' ')));
                if takes_value {
                    index += 1;
                }
                continue;
            }
            operands.push(word);
        }
        operands
    }
}

/// `pip`, `pip3`, `pip3.12`.
fn is_pip(program: &str) -> bool {
    program
        .strip_prefix("pip")
        .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

pub fn option_matches(value: &str, shorts: &[char], longs: &[&str], value_letters: &str) -> bool {
    if let Some(long) = value.strip_prefix("--") {
        let name = long.split('=').next().unwrap_or(long);
        return longs
            .iter()
            .any(|wanted| wanted.trim_start_matches('-') == name);
    }
    let Some(cluster) = value.strip_prefix('-') else {
        return false;
    };
    for c in cluster.chars() {
        if shorts.contains(&c) {
            return true;
        }
        if value_letters.contains(c) || !c.is_ascii_alphanumeric() {
            return false;
        }
    }
    false
}

/// The image a stage's FROM names after expanding global ARG defaults (an ARG without default
/// expands to nothing).
pub struct Resolved {
    pub value: String,
    /// Global ARGs it uses that have no default.
    pub missing: Vec<String>,
    /// Whether any variable was expanded.
    pub expanded: bool,
}

/// `None` when a variable is not a global ARG (platform arguments, undeclared names) or uses
/// an operator we do not evaluate.
pub fn resolved_from(cx: &Context, stage: &Stage) -> Option<Resolved> {
    let from = cx.file.instructions.get(stage.from)?;
    let image = stage.image.as_ref()?;
    let Arguments::Words(words) = &from.args else {
        return None;
    };
    let word = words
        .iter()
        .find(|word| word.span == image.span || word.span.contains(image.span.start))?;
    if word.vars.is_empty() {
        return Some(Resolved {
            value: word.value.clone(),
            missing: Vec::new(),
            expanded: false,
        });
    }
    let mut missing = Vec::new();
    let mut value = String::new();
    let mut cursor = word.span.start;
    let raw = cx.slice(word.span);
    for var in &word.vars {
        let before = cx.text.get(cursor..var.span.start)?;
        value.push_str(&before.replace(['"', '\''], ""));
        cursor = var.span.end;
        let default = global_arg(cx, &var.name, var.span.start)?;
        let current = default.clone().unwrap_or_default();
        let expanded = match &var.modifier {
            None => {
                if default.is_none() {
                    missing.push(var.name.clone());
                }
                current
            }
            Some((op, word)) => match op.as_str() {
                ":-" => {
                    if current.is_empty() {
                        word.clone()
                    } else {
                        current
                    }
                }
                "-" => default.unwrap_or_else(|| word.clone()),
                ":+" => {
                    if current.is_empty() {
                        String::new()
                    } else {
                        word.clone()
                    }
                }
                "+" => default.map(|_| word.clone()).unwrap_or_default(),
                _ => return None,
            },
        };
        if expanded.contains('$') {
            return None;
        }
        value.push_str(&expanded);
    }
    let rest = cx.text.get(cursor..word.span.end)?;
    value.push_str(&rest.replace(['"', '\''], ""));
    let _ = raw;
    Some(Resolved {
        value,
        missing,
        expanded: true,
    })
}

/// The default of the global ARG `name` (declared before the first FROM and before `before`):
/// `Some(None)` when declared without a default, `None` when not declared.
fn global_arg(cx: &Context, name: &str, before: usize) -> Option<Option<String>> {
    let declarations = cx.global_args(|| global_args(cx)).get(name)?;
    // The last declaration at or before `before`.
    let after = declarations.partition_point(|(start, _)| *start <= before);
    let (_, default) = declarations.get(after.checked_sub(1)?)?;
    Some(default.clone())
}

/// Read once per version: stages look their FROM variables up here (a scan of the global ARGs
/// per variable was quadratic in files with many of both).
fn global_args(cx: &Context) -> GlobalArgs {
    let first_from = cx
        .file
        .stages
        .first()
        .map_or(usize::MAX, |stage| stage.from);
    let mut found = GlobalArgs::new();
    for instruction in cx.file.instructions.iter().take(first_from) {
        if instruction.kind != InstructionKind::Arg {
            continue;
        }
        let start = instruction.span.start;
        if let Arguments::Pairs(pairs) = &instruction.args {
            for pair in pairs {
                let default = pair.value.as_ref().map(|value| value.value.clone());
                found
                    .entry(pair.key.value.clone())
                    .or_default()
                    .push((start, default));
            }
        }
        if let Arguments::Words(words) = &instruction.args {
            for word in words {
                found
                    .entry(word.value.clone())
                    .or_default()
                    .push((start, None));
            }
        }
    }
    found
}

/// A reference split into (name, tag, digest) the way Docker reads it.
pub fn split_reference(reference: &str) -> (&str, Option<&str>, Option<&str>) {
    let (rest, digest) = match reference.split_once('@') {
        Some((rest, digest)) => (rest, Some(digest)),
        None => (reference, None),
    };
    let slash = rest.rfind('/').map_or(0, |at| at + 1);
    match rest[slash..].rfind(':') {
        Some(colon) => (
            &rest[..slash + colon],
            Some(&rest[slash + colon + 1..]),
            digest,
        ),
        None => (rest, None, digest),
    }
}

/// Whether a FROM reference names an earlier stage or `scratch`.
pub fn is_stage_or_scratch(cx: &Context, stage: &Stage, reference: &str) -> bool {
    reference.eq_ignore_ascii_case("scratch")
        || cx
            .stages()
            .named(reference)
            .is_some_and(|first| first < stage.index)
}
