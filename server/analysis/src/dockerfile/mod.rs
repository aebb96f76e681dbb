//! Dockerfile analysis: the rule registry, the context rules read, and hovers.

pub mod flags;
pub mod hover;
pub mod ide;
pub mod rules;
pub mod scope;
pub mod shell;
pub mod shell_vars;
pub mod stages;
pub mod suppress;

use std::sync::OnceLock;

use dockwise_syntax::{Dockerfile, Instruction, InstructionKind, Parse, Span, Stage};

use crate::rule::{Rule, Sink};
use crate::{Config, Diagnostic, Fix, Surroundings};

/// A rule over Dockerfiles.
pub type DockerfileRule = Rule<for<'a, 'b> fn(&'b Context<'a>, &mut Sink)>;

/// What every Dockerfile rule reads: the text, the model, and facts derived once per version.
pub struct Context<'a> {
    pub text: &'a str,
    pub file: &'a Dockerfile,
    pub surroundings: &'a Surroundings,
    /// The configuration in force (settings some rules read, such as trusted registries).
    pub config: &'a Config,
    scope: OnceLock<scope::Scope>,
    stages: OnceLock<stages::Stages>,
    /// The script of every RUN (top level and ONBUILD), sorted by the instruction's address
    /// (a binary search: rules look scripts up thousands of times per version).
    scripts: OnceLock<Vec<(usize, Option<shell::Script>)>>,
    /// Where the RUNs in a POSIX shell are: (instruction index, is its ONBUILD trigger).
    posix_runs: OnceLock<Vec<(usize, bool)>>,
    /// The stages whose layers end up in the built image (see `rules::images::common`).
    final_chain: OnceLock<Vec<usize>>,
    /// The global ARGs by name.
    global_args: OnceLock<GlobalArgs>,
    has_shell: OnceLock<bool>,
}

/// The ARGs before the first FROM by name: (instruction start, default) in file order.
pub(crate) type GlobalArgs = std::collections::HashMap<String, Vec<(usize, Option<String>)>>;

static DEFAULT_CONFIG: Config = Config {
    rules: std::collections::BTreeMap::new(),
    trusted_registries: None,
};

impl<'a> Context<'a> {
    pub fn new(parse: &'a Parse, surroundings: &'a Surroundings) -> Context<'a> {
        Context {
            text: parse.text(),
            file: parse.dockerfile(),
            surroundings,
            config: &DEFAULT_CONFIG,
            scope: OnceLock::new(),
            stages: OnceLock::new(),
            scripts: OnceLock::new(),
            posix_runs: OnceLock::new(),
            final_chain: OnceLock::new(),
            global_args: OnceLock::new(),
            has_shell: OnceLock::new(),
        }
    }

    pub fn with_config(mut self, config: &'a Config) -> Context<'a> {
        self.config = config;
        self
    }

    /// Variable declarations and uses, resolved on first request.
    pub fn scope(&self) -> &scope::Scope {
        self.scope
            .get_or_init(|| scope::Scope::build(self.file, self.text))
    }

    /// Stage names and the stages each stage builds on, found on first request.
    pub fn stages(&self) -> &stages::Stages {
        self.stages.get_or_init(|| stages::Stages::build(self.file))
    }

    /// The commands of a RUN of this file, split once per version for all rules (about twenty
    /// rules read RUN scripts). `None` for forms the shell reader does not follow.
    pub fn script(&self, run: &Instruction) -> Option<&shell::Script> {
        let scripts = self.scripts.get_or_init(|| {
            let mut scripts: Vec<_> = self
                .instructions()
                .filter(|(_, instruction)| instruction.kind == InstructionKind::Run)
                .map(|(_, instruction)| {
                    (
                        std::ptr::from_ref(instruction) as usize,
                        shell::Script::of_run(self.text, instruction),
                    )
                })
                .collect();
            scripts.sort_unstable_by_key(|(address, _)| *address);
            scripts
        });
        let address = std::ptr::from_ref(run) as usize;
        match scripts.binary_search_by_key(&address, |(address, _)| *address) {
            Ok(found) => scripts.get(found)?.1.as_ref(),
            // Not an instruction of this file's model: nothing cached to share.
            Err(_) => None,
        }
    }

    /// The RUNs that run in a POSIX shell, found once per version by `find`.
    pub(crate) fn posix_runs(&self, find: impl FnOnce() -> Vec<(usize, bool)>) -> &[(usize, bool)] {
        self.posix_runs.get_or_init(find)
    }

    /// The stages of the built image, found once per version by `find`.
    pub(crate) fn final_chain(&self, find: impl FnOnce() -> Vec<usize>) -> &[usize] {
        self.final_chain.get_or_init(find)
    }

    /// The global ARGs by name, found once per version by `find`.
    pub(crate) fn global_args(&self, find: impl FnOnce() -> GlobalArgs) -> &GlobalArgs {
        self.global_args.get_or_init(find)
    }

    /// Whether any instruction (or ONBUILD trigger) is a SHELL, computed once.
    pub fn has_shell_instruction(&self) -> bool {
        *self.has_shell.get_or_init(|| {
            self.file.instructions.iter().any(|instruction| {
                instruction.kind == InstructionKind::Shell
                    || instruction
                        .trigger
                        .as_deref()
                        .is_some_and(|trigger| trigger.kind == InstructionKind::Shell)
            })
        })
    }

    pub fn slice(&self, span: Span) -> &'a str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// Top-level instructions and ONBUILD triggers, each with its stage (None before the first FROM).
    pub fn instructions(&self) -> impl Iterator<Item = (Option<&'a Stage>, &'a Instruction)> + 'a {
        let file = self.file;
        file.instructions
            .iter()
            .enumerate()
            .flat_map(move |(index, instruction)| {
                let stage = stage_of(file, index);
                std::iter::once((stage, instruction)).chain(
                    instruction
                        .trigger
                        .as_deref()
                        .map(|trigger| (stage, trigger)),
                )
            })
    }

    /// Top-level instructions of one kind, triggers excluded.
    pub fn top_level(&self, kind: InstructionKind) -> impl Iterator<Item = &'a Instruction> + 'a {
        self.file
            .instructions
            .iter()
            .filter(move |instruction| instruction.kind == kind)
    }

    pub fn stage_instructions(&self, stage: &Stage) -> &'a [Instruction] {
        self.file
            .instructions
            .get(stage.instructions.clone())
            .unwrap_or(&[])
    }

    /// The stage a `--from`/FROM reference names: by name (case-insensitive) or index.
    pub fn stage_by_reference(&self, reference: &str) -> Option<&'a Stage> {
        if let Ok(index) = reference.parse::<usize>() {
            return self.file.stages.get(index);
        }
        self.file.stages.get(self.stages().named(reference)?)
    }
}

/// The stage an instruction belongs to (stages are in file order, their ranges ascending).
pub(crate) fn stage_of(file: &Dockerfile, instruction: usize) -> Option<&Stage> {
    let after = file
        .stages
        .partition_point(|stage| stage.instructions.end <= instruction);
    file.stages
        .get(after)
        .filter(|stage| stage.instructions.contains(&instruction))
}

/// Run every enabled Dockerfile rule, then drop what suppression comments silence.
pub fn diagnostics(parse: &Parse, config: &Config, surroundings: &Surroundings) -> Vec<Diagnostic> {
    let context = Context::new(parse, surroundings).with_config(config);
    let mut diagnostics = Vec::new();
    for rule in rules::all() {
        let Some(severity) = rule.effective_severity(config) else {
            continue;
        };
        let mut sink = Sink::new(rule.name, severity);
        (rule.check)(&context, &mut sink);
        diagnostics.extend(sink.into_diagnostics());
    }
    suppress::apply(&context, &mut diagnostics);
    diagnostics
}

/// The "ignore this rule" fixes for one diagnostic of this version (see [`suppress::fixes`]).
pub fn suppression_fixes(parse: &Parse, diagnostic: &Diagnostic) -> Vec<Fix> {
    let surroundings = Surroundings::default();
    suppress::fixes(&Context::new(parse, &surroundings), diagnostic)
}
