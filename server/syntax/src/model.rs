//! The typed Dockerfile model: what Docker's builder sees, with byte ranges into the source.
//!
//! Every type here is plain data. Ranges are byte offsets into the parsed text; no LSP types,
//! no line/column pairs (the protocol edge converts).

use std::ops::Range;

/// A byte range into the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset <= self.end
    }
    pub fn len(self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// The whole file as Docker reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dockerfile {
    /// Parser directives (`# syntax=`, `# escape=`, `# check=`), only those Docker honours:
    /// the leading block before any instruction, comment that is not a directive, or blank line.
    pub directives: Vec<Directive>,
    /// The escape character in force (`\` unless `# escape=` says otherwise).
    pub escape: char,
    /// Comment lines, including those inside continuations, in source order.
    pub comments: Vec<Comment>,
    /// Every top-level instruction in source order (ONBUILD triggers are nested, not listed).
    pub instructions: Vec<Instruction>,
    /// Build stages, in order: each starts at a FROM and owns the instructions up to the next.
    pub stages: Vec<Stage>,
    /// Syntax problems: the file is still modelled as well as possible around them.
    pub errors: Vec<SyntaxError>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// Lower-cased name as Docker compares it (`syntax`, `escape`, `check`).
    pub name: String,
    pub name_span: Span,
    pub value: String,
    pub value_span: Span,
    /// The whole comment line.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// From the `#` to the end of the line (no newline).
    pub span: Span,
    /// The text after `#`, untrimmed.
    pub text: String,
}

/// The instruction keywords Docker knows; anything else is `Unknown`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum InstructionKind {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
    Unknown,
}

impl InstructionKind {
    pub const ALL: [InstructionKind; 18] = [
        InstructionKind::Add,
        InstructionKind::Arg,
        InstructionKind::Cmd,
        InstructionKind::Copy,
        InstructionKind::Entrypoint,
        InstructionKind::Env,
        InstructionKind::Expose,
        InstructionKind::From,
        InstructionKind::Healthcheck,
        InstructionKind::Label,
        InstructionKind::Maintainer,
        InstructionKind::Onbuild,
        InstructionKind::Run,
        InstructionKind::Shell,
        InstructionKind::Stopsignal,
        InstructionKind::User,
        InstructionKind::Volume,
        InstructionKind::Workdir,
    ];

    /// Case-insensitive, as Docker matches keywords.
    pub fn from_keyword(word: &str) -> InstructionKind {
        InstructionKind::ALL
            .into_iter()
            .find(|kind| kind.keyword().eq_ignore_ascii_case(word))
            .unwrap_or(InstructionKind::Unknown)
    }

    /// The canonical upper-case keyword (`""` for `Unknown`).
    pub fn keyword(self) -> &'static str {
        match self {
            InstructionKind::Add => "ADD",
            InstructionKind::Arg => "ARG",
            InstructionKind::Cmd => "CMD",
            InstructionKind::Copy => "COPY",
            InstructionKind::Entrypoint => "ENTRYPOINT",
            InstructionKind::Env => "ENV",
            InstructionKind::Expose => "EXPOSE",
            InstructionKind::From => "FROM",
            InstructionKind::Healthcheck => "HEALTHCHECK",
            InstructionKind::Label => "LABEL",
            InstructionKind::Maintainer => "MAINTAINER",
            InstructionKind::Onbuild => "ONBUILD",
            InstructionKind::Run => "RUN",
            InstructionKind::Shell => "SHELL",
            InstructionKind::Stopsignal => "STOPSIGNAL",
            InstructionKind::User => "USER",
            InstructionKind::Volume => "VOLUME",
            InstructionKind::Workdir => "WORKDIR",
            InstructionKind::Unknown => "",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instruction {
    pub kind: InstructionKind,
    /// The keyword as written (any case).
    pub keyword: String,
    pub keyword_span: Span,
    /// From the keyword to the end of the last continuation line, heredoc bodies included,
    /// final newline excluded.
    pub span: Span,
    /// `--name[=value]` flags before the arguments, in order.
    pub flags: Vec<Flag>,
    pub args: Arguments,
    /// Heredoc bodies that follow the instruction line, in marker order.
    pub heredocs: Vec<Heredoc>,
    /// For `ONBUILD <trigger>`: the trigger, modelled like a top-level instruction.
    pub trigger: Option<Box<Instruction>>,
    /// For HEALTHCHECK: `CMD` or `NONE` and its span (the command itself is in `args`).
    pub healthcheck_kind: Option<(String, Span)>,
    /// Blank lines inside a continuation (Docker warns: NoEmptyContinuation).
    pub empty_continuation_lines: Vec<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    /// `--name=value` as a whole.
    pub span: Span,
    /// Without the leading `--`, as written.
    pub name: String,
    pub name_span: Span,
    /// `None` for a bare flag (`--link`); `Some` with a possibly empty word for `--from=`.
    pub value: Option<Word>,
}

/// What follows the keyword and flags.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Arguments {
    /// Nothing after the keyword (and flags).
    #[default]
    None,
    /// A valid JSON array of strings (RUN, CMD, ENTRYPOINT, SHELL, COPY, ADD, VOLUME, HEALTHCHECK CMD).
    Exec(ExecForm),
    /// Shell form (RUN, CMD, ENTRYPOINT, HEALTHCHECK CMD): the command Docker hands to the shell.
    Shell(ShellForm),
    /// Whitespace-separated words, quotes respected (FROM, COPY, ADD, EXPOSE, USER, WORKDIR,
    /// VOLUME, STOPSIGNAL, MAINTAINER, ARG without `=`, unknown instructions...).
    Words(Vec<Word>),
    /// `key=value` pairs (ENV, LABEL, ARG) including the legacy `ENV key value` form.
    Pairs(Vec<KeyValue>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecForm {
    /// From `[` to `]`.
    pub span: Span,
    pub elements: Vec<JsonString>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonString {
    /// Including the quotes.
    pub span: Span,
    /// The decoded string value.
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellForm {
    /// From the first to the last character of the command.
    pub span: Span,
    /// The command as Docker passes it to the shell: continuations joined, comment lines and
    /// the escape-newline sequences removed.
    pub text: String,
    /// The source pieces that make up `text`, in order (one per physical line).
    pub pieces: Vec<Span>,
    /// Looks like an exec form but is not valid JSON (`['a']`, `["a",]`): Docker runs it as shell.
    pub malformed_exec: bool,
}

/// One shell-like word (Docker's shell lexer for non-RUN instructions): quotes and escapes are
/// part of `raw`; `value` has quotes removed and escapes applied but no variable expanded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
    pub raw: String,
    pub value: String,
    /// Variable references in this word (not inside single quotes).
    pub vars: Vec<VarRef>,
}

impl Word {
    /// Whether `value` is the source text of `span`, byte for byte: no quote, no escape, and no
    /// line continuation (or comment line) inside it. Only then is an offset into `value` the
    /// same offset into the source from `span.start`.
    pub fn is_verbatim(&self) -> bool {
        self.raw == self.value && self.span.end.checked_sub(self.span.start) == Some(self.raw.len())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarRef {
    /// `$NAME` or `${NAME...}` as a whole.
    pub span: Span,
    pub name: String,
    pub name_span: Span,
    pub braced: bool,
    /// `${NAME:-word}` and friends: the operator (`:-`, `-`, `:+`, `+`, `:?`, `?`, `#`, `##`, `%`,
    /// `%%`, `/`, `//`) and the word after it, unexpanded.
    pub modifier: Option<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyValue {
    pub span: Span,
    pub key: Word,
    /// `None` for `ARG NAME` (no default).
    pub value: Option<Word>,
    /// True for the legacy `ENV key value` / `LABEL key value` form (no `=`).
    pub legacy: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heredoc {
    /// The `<<EOF` / `<<-"EOF"` marker on the instruction line.
    pub marker_span: Span,
    pub delimiter: String,
    /// `<<-`: leading tabs are stripped from the body lines.
    pub strip_tabs: bool,
    /// The delimiter was quoted: no variable expansion in the body.
    pub quoted: bool,
    /// The body lines, without the terminator line.
    pub body_span: Span,
    pub body: String,
    /// The terminator line; `None` when the file ends before it (a syntax error is recorded).
    pub end_span: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stage {
    /// 0-based stage index, as `COPY --from=0` counts.
    pub index: usize,
    /// Index in `Dockerfile::instructions` of the FROM.
    pub from: usize,
    /// Indexes in `Dockerfile::instructions` of this stage's instructions, FROM included.
    pub instructions: Range<usize>,
    /// The base image or stage reference; `None` when FROM has no argument.
    pub image: Option<ImageRef>,
    /// `AS name`.
    pub name: Option<StageName>,
    /// The `AS` keyword as written, for casing checks.
    pub as_keyword: Option<(String, Span)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageName {
    pub name: String,
    pub span: Span,
}

/// An image reference split the way Docker's reference grammar does, on the word's raw text.
/// Parts containing variables are still split textually (`$REG/app:$TAG`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    pub span: Span,
    pub raw: String,
    pub registry: Option<(String, Span)>,
    pub path: (String, Span),
    pub tag: Option<(String, Span)>,
    pub digest: Option<(String, Span)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    /// Stable code (`syntax-error`, `unterminated-heredoc`, ...).
    pub code: &'static str,
    pub message: String,
}
