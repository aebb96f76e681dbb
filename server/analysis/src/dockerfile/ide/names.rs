//! The names navigation and rename work on, and every place each occurs:
//!
//! - **stages**: `FROM ... AS name`, `FROM name`, `COPY/ADD --from=name`, `RUN --mount=from=name`
//!   (case-insensitive, as Docker compares them; `--from=0` refers to a stage by index);
//! - **variables**: ARG and ENV declarations and every reference, Docker's own expansions and the
//!   shell's (see [`Scope::shell_uses`]). Declarations that take over from one another (a global
//!   ARG and its re-declarations in stages, `ENV X` after `ARG X`, a stage built FROM another)
//!   form one variable, so a rename keeps every reference pointing where it pointed;
//! - **heredoc delimiters**: `<<EOF` and its terminator line.

use dockwise_syntax::{Arguments, Dockerfile, Heredoc, InstructionKind, Parse, Span};

use crate::dockerfile::flags::mount_options;
use crate::dockerfile::scope::{Resolution, Scope};
use crate::dockerfile::stages::Stages;

/// What a reference to a stage points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageTarget {
    /// A stage, by name.
    Named(usize),
    /// A stage, by its index (`--from=0`).
    Index(usize),
    /// Not a stage of this file: an image or a build context.
    External,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageRefKind {
    /// The image of a FROM.
    Base,
    /// `COPY --from=` or `ADD --from=`.
    CopyFrom,
    /// `RUN --mount=...,from=`.
    MountFrom,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageRef<'a> {
    /// The reference's text (only the name in a mount option).
    pub span: Span,
    pub text: &'a str,
    pub target: StageTarget,
    pub kind: StageRefKind,
    /// The stage the reference is written in.
    pub in_stage: usize,
}

/// Every reference to a stage or an image, in source order. References built from variables are
/// left out: their target is only known at build time.
pub fn stage_refs(file: &Dockerfile) -> Vec<StageRef<'_>> {
    // Names looked up once per reference in a map, not by a scan of the stages each time.
    let stages = Stages::build(file);
    let mut refs = Vec::new();
    for stage in &file.stages {
        if let Some(image) = stage
            .image
            .as_ref()
            .filter(|image| !image.raw.contains('$'))
        {
            // FROM only sees earlier stages; anything else is an image.
            let target = stages
                .named(&image.raw)
                .filter(|&named| named < stage.index)
                .map_or(StageTarget::External, StageTarget::Named);
            refs.push(StageRef {
                span: image.span,
                text: &image.raw,
                target,
                kind: StageRefKind::Base,
                in_stage: stage.index,
            });
        }
        let instructions = file
            .instructions
            .get(stage.instructions.clone())
            .unwrap_or(&[]);
        for instruction in instructions {
            for flag in &instruction.flags {
                let Some(value) = flag.value.as_ref().filter(|value| value.is_verbatim()) else {
                    continue;
                };
                if value.value.contains('$') {
                    continue;
                }
                match (instruction.kind, flag.name.as_str()) {
                    (InstructionKind::Copy | InstructionKind::Add, "from") => {
                        refs.push(StageRef {
                            span: value.span,
                            text: &value.value,
                            target: reference_target(file, &stages, &value.value),
                            kind: StageRefKind::CopyFrom,
                            in_stage: stage.index,
                        });
                    }
                    (InstructionKind::Run, "mount") => {
                        for option in mount_options(&value.value) {
                            let Some(target) = option.value.filter(|_| option.key == "from") else {
                                continue;
                            };
                            let start = value.span.start + option.start + option.key.len() + 1;
                            refs.push(StageRef {
                                span: Span::new(start, start + target.len()),
                                text: target,
                                target: reference_target(file, &stages, target),
                                kind: StageRefKind::MountFrom,
                                in_stage: stage.index,
                            });
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    refs
}

/// `--from=` and mount `from=` see every stage (Docker rejects later ones, but they are still
/// what the name means).
fn reference_target(file: &Dockerfile, stages: &Stages, text: &str) -> StageTarget {
    if let Ok(index) = text.parse::<usize>() {
        return if index < file.stages.len() {
            StageTarget::Index(index)
        } else {
            StageTarget::External
        };
    }
    stages
        .named(text)
        .map_or(StageTarget::External, StageTarget::Named)
}

/// The stage an instruction (index into `Dockerfile::instructions`) belongs to.
pub fn stage_of(file: &Dockerfile, instruction: usize) -> Option<usize> {
    crate::dockerfile::stage_of(file, instruction).map(|stage| stage.index)
}

/// A name under the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Stage(usize),
    /// The declarations that make up one variable (indexes into [`Scope::declarations`]), sorted.
    Variable(Vec<usize>),
    /// A heredoc of a top-level instruction: (instruction index, heredoc index).
    Heredoc(usize, usize),
}

/// One occurrence of a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub span: Span,
    /// A declaration (`AS name`, `ARG NAME`, `<<EOF`), as opposed to a reference.
    pub write: bool,
    /// Renaming the target edits this span (false for `--from=0`, which stays valid).
    pub renames: bool,
}

/// What a position points at, before deciding whether it is a target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found<'a> {
    Target(Target),
    StageIndex(usize, Span),
    ExternalImage(&'a str, Span),
    /// A reference to a variable with no declaration here.
    Undeclared(&'a str, Span, Undeclared),
    /// A stage name or reference made of variables.
    Dynamic(Span),
    Keyword(&'a str, Span),
    Nothing,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Undeclared {
    /// Predefined by BuildKit (`TARGETPLATFORM`, proxies, `PATH`).
    Predefined,
    /// Not declared in this file; `base_known` false: the base image may set it.
    Unknown { base_known: bool },
}

/// The parse, the scope and the stage references, computed once per request.
pub struct Names<'a> {
    pub text: &'a str,
    pub file: &'a Dockerfile,
    pub scope: Scope,
    pub stage_refs: Vec<StageRef<'a>>,
}

impl<'a> Names<'a> {
    pub fn new(parse: &'a Parse) -> Names<'a> {
        let file = parse.dockerfile();
        Names {
            text: parse.text(),
            file,
            scope: Scope::build(file, parse.text()),
            stage_refs: stage_refs(file),
        }
    }

    pub fn slice(&self, span: Span) -> &'a str {
        self.text.get(span.range()).unwrap_or("")
    }

    pub fn find(&self, offset: usize) -> Found<'a> {
        if let Some((instruction, heredoc)) = self.heredoc_at(offset) {
            return Found::Target(Target::Heredoc(instruction, heredoc));
        }
        if let Some(found) = self.variable_at(offset) {
            return found;
        }
        for stage in &self.file.stages {
            if let Some(name) = stage
                .name
                .as_ref()
                .filter(|name| name.span.contains(offset))
            {
                return if name.name.contains('$') {
                    Found::Dynamic(name.span)
                } else {
                    Found::Target(Target::Stage(stage.index))
                };
            }
        }
        if let Some(reference) = self.stage_refs.iter().find(|r| r.span.contains(offset)) {
            return match reference.target {
                StageTarget::Named(stage) => Found::Target(Target::Stage(stage)),
                StageTarget::Index(stage) => Found::StageIndex(stage, reference.span),
                StageTarget::External => Found::ExternalImage(reference.text, reference.span),
            };
        }
        let instruction = self
            .file
            .instructions
            .iter()
            .find(|instruction| instruction.span.contains(offset));
        if let Some(instruction) = instruction {
            if instruction.keyword_span.contains(offset) {
                return Found::Keyword(
                    self.slice(instruction.keyword_span),
                    instruction.keyword_span,
                );
            }
            if let Some((text, span)) = self
                .file
                .stages
                .iter()
                .filter_map(|stage| stage.as_keyword.as_ref())
                .find(|(_, span)| span.contains(offset))
            {
                return Found::Keyword(text, *span);
            }
            let dynamic = instruction.flags.iter().any(|flag| {
                flag.name == "from"
                    && flag.value.as_ref().is_some_and(|value| {
                        value.span.contains(offset) && value.value.contains('$')
                    })
            });
            if dynamic {
                return Found::Dynamic(instruction.span);
            }
        }
        Found::Nothing
    }

    fn variable_at(&self, offset: usize) -> Option<Found<'a>> {
        if let Some(id) = self
            .scope
            .declarations
            .iter()
            .position(|declaration| declaration.name_span.contains(offset))
        {
            return Some(Found::Target(Target::Variable(self.group(id))));
        }
        let used = self.scope.use_at(offset)?;
        match self.declaration_of(&used.resolution) {
            Some(id) => Some(Found::Target(Target::Variable(self.group(id)))),
            None => {
                let why = match used.resolution {
                    Resolution::Predefined | Resolution::PlatformNotRedeclared => {
                        Undeclared::Predefined
                    }
                    Resolution::Unknown { base_known } => Undeclared::Unknown { base_known },
                    _ => Undeclared::Unknown { base_known: false },
                };
                // Borrow the name from the text (which outlives `self`), not from the scope.
                Some(Found::Undeclared(
                    self.slice(used.var.name_span),
                    used.var.name_span,
                    why,
                ))
            }
        }
    }

    /// The declaration a reference is tied to: the one in force, or the one the
    /// undefined-variable rule points at (a global ARG not re-declared, a later declaration).
    pub fn declaration_of(&self, resolution: &Resolution) -> Option<usize> {
        match resolution {
            Resolution::Declared(id) | Resolution::GlobalNotRedeclared(id) => Some(*id),
            Resolution::DeclaredLater { name_start } => {
                // Declarations are numbered in source order: a binary search.
                let declarations = &self.scope.declarations;
                let at = declarations
                    .partition_point(|declaration| declaration.name_span.start < *name_start);
                declarations
                    .get(at)
                    .is_some_and(|declaration| declaration.name_span.start == *name_start)
                    .then_some(at)
            }
            _ => None,
        }
    }

    /// Every declaration connected to `id` by re-declaration, sorted.
    pub fn group(&self, id: usize) -> Vec<usize> {
        let declarations = &self.scope.declarations;
        let mut root: Vec<usize> = (0..declarations.len()).collect();
        fn find(root: &mut [usize], mut at: usize) -> usize {
            while root[at] != at {
                root[at] = root[root[at]];
                at = root[at];
            }
            at
        }
        for (index, declaration) in declarations.iter().enumerate() {
            if let Some(earlier) = declaration.redeclares.filter(|&e| e < declarations.len()) {
                let (a, b) = (find(&mut root, index), find(&mut root, earlier));
                root[a] = b;
            }
        }
        let Some(target) = (id < declarations.len()).then(|| find(&mut root, id)) else {
            return Vec::new();
        };
        (0..declarations.len())
            .filter(|&index| find(&mut root, index) == target)
            .collect()
    }

    fn heredoc_at(&self, offset: usize) -> Option<(usize, usize)> {
        let (index, instruction) = self
            .file
            .instructions
            .iter()
            .enumerate()
            .find(|(_, instruction)| instruction.span.contains(offset))?;
        let heredoc = instruction.heredocs.iter().position(|heredoc| {
            self.marker_delimiter(heredoc)
                .into_iter()
                .chain(self.terminator_delimiter(heredoc))
                .any(|span| span.contains(offset))
        })?;
        Some((index, heredoc))
    }

    /// The delimiter inside `<<-"EOF"`.
    pub fn marker_delimiter(&self, heredoc: &Heredoc) -> Option<Span> {
        let marker = self.slice(heredoc.marker_span);
        let at = marker.find("<<")? + 2;
        let at = at + usize::from(marker.get(at..)?.starts_with('-'));
        let at = at + usize::from(marker.get(at..)?.starts_with(['"', '\'']));
        marker
            .get(at..)?
            .starts_with(&heredoc.delimiter)
            .then(|| {
                let start = heredoc.marker_span.start + at;
                Span::new(start, start + heredoc.delimiter.len())
            })
            .filter(|span| !span.is_empty())
    }

    /// The delimiter on the terminator line (after the tabs `<<-` allows).
    pub fn terminator_delimiter(&self, heredoc: &Heredoc) -> Option<Span> {
        let end = heredoc.end_span?;
        let line = self.slice(end);
        let at = line.len() - line.trim_start_matches('\t').len();
        line.get(at..)?
            .starts_with(&heredoc.delimiter)
            .then(|| Span::new(end.start + at, end.start + at + heredoc.delimiter.len()))
            .filter(|span| !span.is_empty())
    }

    /// Every occurrence of `target`, in source order.
    pub fn occurrences(&self, target: &Target) -> Vec<Occurrence> {
        let mut found = match target {
            Target::Stage(stage) => self.stage_occurrences(*stage),
            Target::Variable(group) => self.variable_occurrences(group),
            Target::Heredoc(instruction, heredoc) => {
                self.heredoc_occurrences(*instruction, *heredoc)
            }
        };
        found.sort_by_key(|occurrence| occurrence.span);
        found.dedup_by_key(|occurrence| occurrence.span);
        found
    }

    fn stage_occurrences(&self, stage: usize) -> Vec<Occurrence> {
        let mut found: Vec<Occurrence> = self
            .file
            .stages
            .get(stage)
            .and_then(|stage| stage.name.as_ref())
            .map(|name| Occurrence {
                span: name.span,
                write: true,
                renames: true,
            })
            .into_iter()
            .collect();
        found.extend(self.stage_refs.iter().filter_map(|reference| {
            let renames = match reference.target {
                StageTarget::Named(target) if target == stage => true,
                StageTarget::Index(target) if target == stage => false,
                _ => return None,
            };
            Some(Occurrence {
                span: reference.span,
                write: false,
                renames,
            })
        }));
        found
    }

    fn variable_occurrences(&self, group: &[usize]) -> Vec<Occurrence> {
        let in_group = |id: Option<usize>| id.is_some_and(|id| group.binary_search(&id).is_ok());
        let declarations = group
            .iter()
            .filter_map(|&id| self.scope.declarations.get(id))
            .map(|declaration| Occurrence {
                span: declaration.name_span,
                write: true,
                renames: true,
            });
        let uses = self
            .scope
            .uses
            .iter()
            .chain(&self.scope.shell_uses)
            .filter(|used| in_group(self.declaration_of(&used.resolution)))
            .map(|used| Occurrence {
                span: used.var.name_span,
                write: false,
                renames: true,
            });
        declarations.chain(uses).collect()
    }

    fn heredoc_occurrences(&self, instruction: usize, heredoc: usize) -> Vec<Occurrence> {
        let Some(heredoc) = self
            .file
            .instructions
            .get(instruction)
            .and_then(|instruction| instruction.heredocs.get(heredoc))
        else {
            return Vec::new();
        };
        let marker = self.marker_delimiter(heredoc).map(|span| Occurrence {
            span,
            write: true,
            renames: true,
        });
        let terminator = self.terminator_delimiter(heredoc).map(|span| Occurrence {
            span,
            write: false,
            renames: true,
        });
        marker.into_iter().chain(terminator).collect()
    }

    /// Where `target` is defined.
    pub fn definition(&self, target: &Target, offset: usize) -> Vec<Span> {
        match target {
            Target::Stage(stage) => self.stage_definition(*stage).into_iter().collect(),
            Target::Variable(group) => {
                // On a use: its declaration. On a bare re-declaration (`ARG NAME` in a stage):
                // the declaration whose value it takes over.
                let scope = &self.scope;
                if let Some(used) = scope.use_at(offset)
                    && let Some(id) = self.declaration_of(&used.resolution)
                    && let Some(declaration) = scope.declaration(id)
                {
                    return vec![declaration.name_span];
                }
                let here = group
                    .iter()
                    .filter_map(|&id| scope.declaration(id))
                    .find(|d| d.name_span.contains(offset));
                match here {
                    Some(declaration) if declaration.value.is_none() => declaration
                        .redeclares
                        .and_then(|id| scope.declaration(id))
                        .map_or(vec![declaration.name_span], |earlier| {
                            vec![earlier.name_span]
                        }),
                    Some(declaration) => vec![declaration.name_span],
                    None => Vec::new(),
                }
            }
            Target::Heredoc(instruction, heredoc) => self
                .file
                .instructions
                .get(*instruction)
                .and_then(|instruction| instruction.heredocs.get(*heredoc))
                .and_then(|heredoc| self.marker_delimiter(heredoc))
                .into_iter()
                .collect(),
        }
    }

    /// The `AS name` of a stage, or its image when it has no name.
    pub fn stage_definition(&self, stage: usize) -> Option<Span> {
        let stage = self.file.stages.get(stage)?;
        match (&stage.name, &stage.image) {
            (Some(name), _) => Some(name.span),
            (None, Some(image)) => Some(image.span),
            (None, None) => self
                .file
                .instructions
                .get(stage.from)
                .map(|from| from.keyword_span),
        }
    }

    /// Shell text of an instruction and its heredoc bodies, as written.
    pub fn shell_texts(&self, instruction: usize) -> Vec<&'a str> {
        let Some(instruction) = self.file.instructions.get(instruction) else {
            return Vec::new();
        };
        let mut texts = Vec::new();
        if let Arguments::Shell(shell) = &instruction.args {
            texts.push(shell.text.as_str());
        }
        texts.extend(
            instruction
                .heredocs
                .iter()
                .map(|heredoc| self.slice(heredoc.body_span)),
        );
        texts
    }
}
