//! Where each variable reference gets its value, resolved once per version in one pass.
//!
//! Docker expands `$VAR` itself in ADD, COPY, ENV, EXPOSE, FROM, LABEL, STOPSIGNAL, USER, VOLUME,
//! WORKDIR and ARG defaults (and in their flag values): those are [`Scope::uses`]. RUN, CMD,
//! ENTRYPOINT and HEALTHCHECK are left to the shell: the references there that name an ARG or
//! ENV in force are kept apart in [`Scope::shell_uses`] (for navigation and hovers; rules about
//! Docker's own expansion never read them).

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use dockwise_syntax::{Arguments, Dockerfile, Instruction, InstructionKind, Span, VarRef, Word};

use super::shell_vars::{self, Quoting};

/// Build arguments BuildKit defines in the global scope (visible to FROM; a stage must
/// re-declare them with `ARG NAME` to use them).
pub const PLATFORM_ARGS: &[&str] = &[
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
];

/// Proxy build arguments: predefined, usable without an ARG, never stored in the image.
pub const PROXY_ARGS: &[&str] = &[
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// Set in every stage even on `scratch`: BuildKit adds a default PATH when the image has none.
pub const ALWAYS_SET: &[&str] = &["PATH"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclarationKind {
    /// `ARG` before the first FROM.
    GlobalArg,
    Arg,
    Env,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declaration {
    pub kind: DeclarationKind,
    pub name: String,
    pub name_span: Span,
    /// The value as written (unexpanded); `None` for `ARG NAME` without default.
    pub value: Option<String>,
    /// For a stage `ARG NAME` re-declaring a global one: the global default it inherits.
    pub inherited: Option<String>,
    /// The stage it belongs to (`None` for global ARGs).
    pub stage: Option<usize>,
    /// The declaration of the same name this one takes over from: the one visible at this
    /// point (`ENV X=2` after `ENV X=1`, `ARG X` in a stage built from one declaring X), or, for
    /// a stage ARG, the global ARG it re-declares.
    pub redeclares: Option<usize>,
}

/// What a reference resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Index into [`Scope::declarations`].
    Declared(usize),
    /// A BuildKit-predefined argument in effect here.
    Predefined,
    /// A global ARG that this stage never re-declared: empty here (index of the global ARG).
    GlobalNotRedeclared(usize),
    /// A platform argument used in a stage without `ARG NAME`: empty here.
    PlatformNotRedeclared,
    /// Declared later in the same stage, at this byte offset: still empty here.
    DeclaredLater { name_start: usize },
    /// Not declared in this Dockerfile. `base_known` is false when the stage builds on an
    /// external image, whose own ENV we cannot see.
    Unknown { base_known: bool },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Use {
    pub var: VarRef,
    /// The instruction the reference is in (index into `Dockerfile::instructions`).
    pub instruction: usize,
    pub in_from: bool,
    pub resolution: Resolution,
}

/// A shell script that assigns (or declares, reads into, unsets) a name that is also an ARG or
/// ENV in force there: its `$NAME`s may be the shell's own, so they are not in
/// [`Scope::shell_uses`], and renaming the ARG or ENV must leave that script to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellAssignment {
    pub name: String,
    /// The ARG or ENV of that name in force.
    pub declaration: usize,
    pub instruction: usize,
}

#[derive(Debug, Default)]
pub struct Scope {
    pub declarations: Vec<Declaration>,
    /// References Docker expands.
    pub uses: Vec<Use>,
    /// References in shell text (RUN, CMD, ENTRYPOINT, HEALTHCHECK shell forms and RUN heredoc
    /// bodies) to an ARG or ENV in force there: always [`Resolution::Declared`]. Names the
    /// script assigns itself are left out (see [`Scope::shell_assignments`]), as is everything
    /// after a SHELL that is not a POSIX shell. CMD, ENTRYPOINT and HEALTHCHECK run in the
    /// container, where only ENV is set.
    pub shell_uses: Vec<Use>,
    pub shell_assignments: Vec<ShellAssignment>,
}

impl Scope {
    pub fn declaration(&self, index: usize) -> Option<&Declaration> {
        self.declarations.get(index)
    }

    /// The reference at `offset`, whether Docker or the shell expands it.
    pub fn use_at(&self, offset: usize) -> Option<&Use> {
        self.uses
            .iter()
            .chain(&self.shell_uses)
            .find(|used| used.var.span.contains(offset))
    }

    pub fn declaration_at(&self, offset: usize) -> Option<&Declaration> {
        self.declarations
            .iter()
            .find(|declaration| declaration.name_span.contains(offset))
    }

    /// `text` is the source `file` was parsed from (heredoc bodies are read from it).
    pub fn build(file: &Dockerfile, text: &str) -> Scope {
        Builder {
            text,
            ..Builder::default()
        }
        .run(file)
    }
}

#[derive(Default)]
struct Builder<'t> {
    text: &'t str,
    scope: Scope,
    globals: HashMap<String, usize>,
    /// Name -> declaration visible at the current point of the current stage.
    visible: Visible,
    /// ARG and ENV visible at the end of each stage: a stage built `FROM` an earlier one
    /// inherits both (Docker's variable scoping). Kept only while a later stage builds on it,
    /// and shared by the stages that do.
    stage_vars: Vec<Option<Rc<HashMap<String, usize>>>>,
    /// The earlier stage each stage builds on, and how many later stages build on each.
    parents: Vec<Option<usize>>,
    children_left: Vec<usize>,
    /// Per stage, where each name is declared (instruction, name offset), found on the first
    /// look ahead for a reference not declared yet.
    declared_ahead: HashMap<usize, HashMap<String, Vec<(usize, usize)>>>,
    /// Whether each stage's environment is fully known (rooted in `scratch` or such a stage).
    stage_known: Vec<bool>,
    /// Whether RUN in the current stage runs a POSIX shell (no SHELL switched to another one).
    posix_shell: bool,
    stage_posix_shell: Vec<bool>,
}

/// The ARG and ENV visible at a point of a stage: those inherited from the stage it builds on
/// (shared with that stage's other children) and the stage's own, which take over.
#[derive(Default)]
struct Visible {
    inherited: Option<Rc<HashMap<String, usize>>>,
    own: HashMap<String, usize>,
}

impl Visible {
    fn get(&self, name: &str) -> Option<&usize> {
        self.own
            .get(name)
            .or_else(|| self.inherited.as_ref()?.get(name))
    }

    fn insert(&mut self, name: String, id: usize) {
        self.own.insert(name, id);
    }

    /// All of them in one map, for the stages built on this one.
    fn freeze(self) -> Rc<HashMap<String, usize>> {
        match self.inherited {
            None => Rc::new(self.own),
            Some(inherited) if self.own.is_empty() => inherited,
            Some(inherited) => {
                let mut all = Rc::unwrap_or_clone(inherited);
                all.extend(self.own);
                Rc::new(all)
            }
        }
    }
}

impl Builder<'_> {
    fn run(mut self, file: &Dockerfile) -> Scope {
        self.find_parents(file);
        let mut stage: Option<usize> = None;
        let mut base_known = true;
        for (index, instruction) in file.instructions.iter().enumerate() {
            if instruction.kind == InstructionKind::From {
                if let Some(done) = stage {
                    self.finish_stage(done, base_known);
                }
                let next = stage.map_or(0, |done| done + 1);
                stage = Some(next);
                self.uses_in_from(index, instruction);
                base_known = self.enter_stage(file, next);
                continue;
            }
            match stage {
                None => self.global(instruction),
                Some(current) => self.in_stage(file, index, current, instruction, base_known),
            }
        }
        if let Some(done) = stage {
            self.finish_stage(done, base_known);
        }
        self.scope
    }

    fn global(&mut self, instruction: &Instruction) {
        if instruction.kind != InstructionKind::Arg {
            return;
        }
        for (name, span, value) in declared_pairs(instruction) {
            let id = self.declare(
                DeclarationKind::GlobalArg,
                name.clone(),
                span,
                value,
                None,
                None,
            );
            self.globals.insert(name, id);
        }
    }

    fn uses_in_from(&mut self, index: usize, instruction: &Instruction) {
        for var in instruction_vars(instruction) {
            let resolution = match self.globals.get(&var.name) {
                Some(&id) => Resolution::Declared(id),
                None if PLATFORM_ARGS.contains(&var.name.as_str()) => Resolution::Predefined,
                None if PROXY_ARGS.contains(&var.name.as_str()) => Resolution::Predefined,
                None => Resolution::Unknown { base_known: true },
            };
            self.scope.uses.push(Use {
                var,
                instruction: index,
                in_from: true,
                resolution,
            });
        }
    }

    /// The earlier stage each stage builds on (by name, case-insensitively; `scratch` is the
    /// empty image), found once rather than by a search per stage.
    fn find_parents(&mut self, file: &Dockerfile) {
        let mut first_by_name: HashMap<String, usize> = HashMap::new();
        for stage in &file.stages {
            if let Some(name) = &stage.name {
                first_by_name
                    .entry(name.name.to_ascii_lowercase())
                    .or_insert(stage.index);
            }
        }
        self.children_left = vec![0; file.stages.len()];
        self.parents = file
            .stages
            .iter()
            .map(|stage| {
                let base = stage.image.as_ref()?.raw.as_str();
                if base.eq_ignore_ascii_case("scratch") {
                    return None;
                }
                let parent = *first_by_name.get(&base.to_ascii_lowercase())?;
                (parent < stage.index).then_some(parent)
            })
            .collect();
        for &parent in self.parents.iter().flatten() {
            self.children_left[parent] += 1;
        }
    }

    /// Start a stage: inherit the variables of the stage it builds on. Returns whether its base's
    /// environment is fully known.
    fn enter_stage(&mut self, file: &Dockerfile, stage: usize) -> bool {
        self.visible = Visible::default();
        self.posix_shell = true;
        let Some(image) = file
            .stages
            .get(stage)
            .and_then(|stage| stage.image.as_ref())
        else {
            return true;
        };
        if image.raw.eq_ignore_ascii_case("scratch") {
            return true;
        }
        match self.parents.get(stage).copied().flatten() {
            Some(parent) => {
                // Shared, not copied (a copy per stage made chains and fan-outs of stages
                // quadratic); the last stage to build on the parent takes them.
                let left = &mut self.children_left[parent];
                *left = left.saturating_sub(1);
                if let Some(vars) = self.stage_vars.get_mut(parent) {
                    self.visible.inherited = if *left == 0 {
                        vars.take()
                    } else {
                        vars.clone()
                    };
                }
                self.posix_shell = self.stage_posix_shell.get(parent).copied().unwrap_or(true);
                self.stage_known.get(parent).copied().unwrap_or(false)
            }
            None => false,
        }
    }

    fn finish_stage(&mut self, stage: usize, base_known: bool) {
        self.stage_vars.resize(stage + 1, None);
        self.stage_known.resize(stage + 1, false);
        self.stage_posix_shell.resize(stage + 1, true);
        let visible = std::mem::take(&mut self.visible);
        // Kept only for the stages that build on this one.
        if self.children_left.get(stage).is_some_and(|&left| left > 0) {
            self.stage_vars[stage] = Some(visible.freeze());
        }
        self.stage_known[stage] = base_known;
        self.stage_posix_shell[stage] = self.posix_shell;
    }

    fn in_stage(
        &mut self,
        file: &Dockerfile,
        index: usize,
        stage: usize,
        instruction: &Instruction,
        base_known: bool,
    ) {
        let expands = matches!(
            instruction.kind,
            InstructionKind::Add
                | InstructionKind::Copy
                | InstructionKind::Env
                | InstructionKind::Expose
                | InstructionKind::Label
                | InstructionKind::Stopsignal
                | InstructionKind::User
                | InstructionKind::Volume
                | InstructionKind::Workdir
                | InstructionKind::Arg
        );
        let declares = matches!(
            instruction.kind,
            InstructionKind::Arg | InstructionKind::Env
        );
        if expands {
            // Pairs are declared one by one, so `ARG A=1 B=$A` sees A.
            if declares {
                for pair in pairs_of(instruction) {
                    if let Some(value) = &pair.value {
                        self.resolve_all(file, index, stage, &value.vars, base_known);
                    }
                    self.declare_pair(instruction.kind, stage, pair);
                }
                if let Arguments::Words(words) = &instruction.args {
                    for word in words {
                        self.declare_word(instruction.kind, stage, word);
                    }
                }
            } else {
                let vars = instruction_vars(instruction);
                self.resolve_all(file, index, stage, &vars, base_known);
            }
        }
        match instruction.kind {
            InstructionKind::Shell => self.posix_shell = is_posix_shell(instruction),
            InstructionKind::Run if self.posix_shell => {
                self.shell_uses_in(index, instruction, false)
            }
            InstructionKind::Cmd | InstructionKind::Entrypoint | InstructionKind::Healthcheck
                if self.posix_shell =>
            {
                self.shell_uses_in(index, instruction, true)
            }
            _ => {}
        }
    }

    /// References in the shell text of one instruction (and, for RUN, its heredoc bodies) to an
    /// ARG or ENV in force. `runtime`: the command runs in the container, where ARGs are unset.
    fn shell_uses_in(&mut self, index: usize, instruction: &Instruction, runtime: bool) {
        let Arguments::Shell(shell) = &instruction.args else {
            return;
        };
        let pieces = SourcePieces::new(&shell.pieces);
        self.shell_text_uses(index, &shell.text, Quoting::Script, runtime, |at| {
            pieces.offset(at)
        });
        if instruction.kind != InstructionKind::Run {
            return;
        }
        for heredoc in &instruction.heredocs {
            // `RUN <<EOF` alone runs the body as a script; `RUN cat <<EOF` gives the body to a
            // command, expanded unless the delimiter is quoted.
            let quoting = if shell.span == heredoc.marker_span {
                Quoting::Script
            } else if heredoc.quoted {
                continue;
            } else {
                Quoting::HeredocData
            };
            let Some(body) = self.text.get(heredoc.body_span.range()) else {
                continue;
            };
            let start = heredoc.body_span.start;
            self.shell_text_uses(index, body, quoting, runtime, |at| Some(start + at));
        }
    }

    fn shell_text_uses(
        &mut self,
        index: usize,
        text: &str,
        quoting: Quoting,
        runtime: bool,
        source: impl Fn(usize) -> Option<usize>,
    ) {
        let in_force = |builder: &Builder<'_>, name: &str| {
            let id = *builder.visible.get(name)?;
            let declaration = builder.scope.declarations.get(id)?;
            (!runtime || declaration.kind == DeclarationKind::Env).then_some(id)
        };
        let found: Vec<_> = shell_vars::references(text, quoting)
            .into_iter()
            .filter_map(|var| in_force(self, &var.name).map(|id| (var, id)))
            .collect();
        if found.is_empty() {
            return;
        }
        let assigned: HashSet<String> = shell_vars::assigned_names(text).into_iter().collect();
        // The names already listed for this instruction (from its shell text, for a heredoc).
        let mut listed: HashSet<String> = self
            .scope
            .shell_assignments
            .iter()
            .rev()
            .take_while(|a| a.instruction == index)
            .map(|a| a.name.clone())
            .collect();
        for (var, id) in found {
            if assigned.contains(&var.name) {
                if listed.insert(var.name.clone()) {
                    self.scope.shell_assignments.push(ShellAssignment {
                        name: var.name,
                        declaration: id,
                        instruction: index,
                    });
                }
                continue;
            }
            let span = |span: Span| {
                let start = source(span.start)?;
                let end = source(span.end - 1)? + 1;
                // Split by a line continuation: not a reference we can point at.
                (end - start == span.len()).then_some(Span::new(start, end))
            };
            let (Some(whole), Some(name_span)) = (span(var.span), span(var.name_span)) else {
                continue;
            };
            self.scope.shell_uses.push(Use {
                var: VarRef {
                    span: whole,
                    name: var.name,
                    name_span,
                    braced: var.braced,
                    modifier: None,
                },
                instruction: index,
                in_from: false,
                resolution: Resolution::Declared(id),
            });
        }
    }

    fn declare_pair(
        &mut self,
        kind: InstructionKind,
        stage: usize,
        pair: &dockwise_syntax::KeyValue,
    ) {
        let name = pair.key.value.clone();
        let value = pair.value.as_ref().map(|value| value.raw.clone());
        self.declare_in_stage(kind, stage, name, pair.key.span, value);
    }

    fn declare_word(&mut self, kind: InstructionKind, stage: usize, word: &Word) {
        self.declare_in_stage(kind, stage, word.value.clone(), word.span, None);
    }

    fn declare_in_stage(
        &mut self,
        kind: InstructionKind,
        stage: usize,
        name: String,
        span: Span,
        value: Option<String>,
    ) {
        let visible = self.visible.get(&name).copied();
        let (kind, inherited, redeclares) = match kind {
            InstructionKind::Env => (DeclarationKind::Env, None, visible),
            _ => {
                let global = self.globals.get(&name).copied();
                let inherited = global.and_then(|id| self.scope.declarations[id].value.clone());
                (DeclarationKind::Arg, inherited, visible.or(global))
            }
        };
        let id = self.declare(kind, name.clone(), span, value, inherited, Some(stage));
        if let Some(declaration) = self.scope.declarations.get_mut(id) {
            declaration.redeclares = redeclares;
        }
        self.visible.insert(name, id);
    }

    fn declare(
        &mut self,
        kind: DeclarationKind,
        name: String,
        name_span: Span,
        value: Option<String>,
        inherited: Option<String>,
        stage: Option<usize>,
    ) -> usize {
        self.scope.declarations.push(Declaration {
            kind,
            name,
            name_span,
            value,
            inherited,
            stage,
            redeclares: None,
        });
        self.scope.declarations.len() - 1
    }

    fn resolve_all(
        &mut self,
        file: &Dockerfile,
        index: usize,
        stage: usize,
        vars: &[VarRef],
        base_known: bool,
    ) {
        for var in vars {
            let resolution = self.resolve(file, index, stage, &var.name, base_known);
            self.scope.uses.push(Use {
                var: var.clone(),
                instruction: index,
                in_from: false,
                resolution,
            });
        }
    }

    fn resolve(
        &mut self,
        file: &Dockerfile,
        index: usize,
        stage: usize,
        name: &str,
        base_known: bool,
    ) -> Resolution {
        if let Some(&id) = self.visible.get(name) {
            return Resolution::Declared(id);
        }
        if PROXY_ARGS.contains(&name) || ALWAYS_SET.contains(&name) {
            return Resolution::Predefined;
        }
        // On an external base image the name may come from the image's own ENV.
        if base_known && let Some(later) = self.declared_later(file, index, stage, name) {
            return later;
        }
        if let Some(&id) = self.globals.get(name) {
            return Resolution::GlobalNotRedeclared(id);
        }
        if PLATFORM_ARGS.contains(&name) {
            return Resolution::PlatformNotRedeclared;
        }
        Resolution::Unknown { base_known }
    }

    /// A declaration of `name` further down the same stage (not yet numbered: found by looking
    /// ahead, so it is identified by offset). The stage's declarations are listed once, on the
    /// first look ahead, rather than scanned again for every reference.
    fn declared_later(
        &mut self,
        file: &Dockerfile,
        index: usize,
        stage: usize,
        name: &str,
    ) -> Option<Resolution> {
        let range = file.stages.get(stage)?.instructions.clone();
        let ahead = self.declared_ahead.entry(stage).or_insert_with(|| {
            let mut ahead: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
            let instructions = file.instructions.get(range.clone()).unwrap_or_default();
            for (at, instruction) in instructions.iter().enumerate() {
                if !matches!(
                    instruction.kind,
                    InstructionKind::Arg | InstructionKind::Env
                ) {
                    continue;
                }
                let names = pairs_of(instruction)
                    .map(|pair| (&pair.key.value, pair.key.span))
                    .chain(
                        match &instruction.args {
                            Arguments::Words(words) => words.as_slice(),
                            _ => &[],
                        }
                        .iter()
                        .map(|word| (&word.value, word.span)),
                    );
                for (declared, span) in names {
                    let places = ahead.entry(declared.clone()).or_default();
                    // The first of this name in an instruction is the one a reference meets.
                    if places
                        .last()
                        .is_none_or(|&(last, _)| last != range.start + at)
                    {
                        places.push((range.start + at, span.start));
                    }
                }
            }
            ahead
        });
        let places = ahead.get(name)?;
        let next = places.partition_point(|&(at, _)| at <= index);
        let &(_, name_start) = places.get(next)?;
        Some(Resolution::DeclaredLater { name_start })
    }
}

impl Scope {
    /// The declaration a [`Resolution::DeclaredLater`] points at.
    pub fn declaration_starting_at(&self, start: usize) -> Option<&Declaration> {
        self.declarations
            .iter()
            .find(|declaration| declaration.name_span.start == start)
    }
}

/// Where the bytes of a shell form's text, made of source pieces in order, are in the source:
/// a binary search per reference (a long RUN has a piece per line).
struct SourcePieces<'p> {
    pieces: &'p [Span],
    /// The text offset each piece ends at.
    ends: Vec<usize>,
}

impl<'p> SourcePieces<'p> {
    fn new(pieces: &'p [Span]) -> Self {
        let ends = pieces
            .iter()
            .scan(0, |end, piece| {
                *end += piece.len();
                Some(*end)
            })
            .collect();
        SourcePieces { pieces, ends }
    }

    /// The source offset of byte `at` of the text: in the first piece that ends after it.
    fn offset(&self, at: usize) -> Option<usize> {
        let index = self.ends.partition_point(|&end| end <= at);
        let piece = self.pieces.get(index)?;
        let start = self.ends.get(index)? - piece.len();
        Some(piece.start + at - start)
    }
}

/// `SHELL ["/bin/bash", "-c"]` keeps a POSIX shell; PowerShell or cmd do not read `$NAME`.
fn is_posix_shell(instruction: &Instruction) -> bool {
    let Arguments::Exec(exec) = &instruction.args else {
        return true;
    };
    exec.elements.first().is_none_or(|program| {
        let name = program.value.rsplit(['/', '\\']).next().unwrap_or("");
        matches!(
            name.trim_end_matches(".exe"),
            "sh" | "bash" | "ash" | "dash" | "zsh" | "ksh" | "mksh" | "busybox"
        )
    })
}

fn pairs_of(instruction: &Instruction) -> impl Iterator<Item = &dockwise_syntax::KeyValue> {
    match &instruction.args {
        Arguments::Pairs(pairs) => pairs.as_slice(),
        _ => &[],
    }
    .iter()
}

/// ARG declarations of one instruction: name, span, default.
fn declared_pairs(instruction: &Instruction) -> Vec<(String, Span, Option<String>)> {
    match &instruction.args {
        Arguments::Pairs(pairs) => pairs
            .iter()
            .map(|pair| {
                (
                    pair.key.value.clone(),
                    pair.key.span,
                    pair.value.as_ref().map(|v| v.raw.clone()),
                )
            })
            .collect(),
        Arguments::Words(words) => words
            .iter()
            .map(|word| (word.value.clone(), word.span, None))
            .collect(),
        _ => Vec::new(),
    }
}

/// Every variable reference Docker expands in this instruction: flag values and word arguments.
pub fn instruction_vars(instruction: &Instruction) -> Vec<VarRef> {
    let mut vars: Vec<VarRef> = instruction
        .flags
        .iter()
        .filter_map(|flag| flag.value.as_ref())
        .flat_map(|word| word.vars.iter().cloned())
        .collect();
    match &instruction.args {
        Arguments::Words(words) => {
            vars.extend(words.iter().flat_map(|word| word.vars.iter().cloned()))
        }
        Arguments::Pairs(pairs) => {
            for pair in pairs {
                vars.extend(pair.key.vars.iter().cloned());
                if let Some(value) = &pair.value {
                    vars.extend(value.vars.iter().cloned());
                }
            }
        }
        _ => {}
    }
    vars
}
