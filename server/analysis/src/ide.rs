//! What the editing features (completion, navigation, outline, folding, highlighting,
//! formatting) return, for both file kinds. Byte spans only: `dockwise::lsp::convert` turns them
//! into protocol types. Computed by `dockerfile::ide` and `compose::ide`; [`crate::Document`]
//! dispatches.

use dockwise_syntax::Span;

use crate::TextEdit;

/// One completion candidate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// What the list shows (and what is inserted unless `insert` says otherwise).
    pub label: String,
    pub kind: CompletionKind,
    /// One line beside the label (`stage`, `ARG, default 1.2`, `string`).
    pub detail: Option<String>,
    /// Markdown shown for the selected item (usually the knowledge entry's short answer).
    pub documentation: Option<String>,
    /// Text to insert instead of the label; an LSP snippet when `snippet` is true.
    pub insert: Option<String>,
    pub snippet: bool,
    /// The text the insertion replaces (the word being typed); `None`: insert at the cursor.
    pub replace: Option<Span>,
    /// Lower sorts first; candidates with equal keys sort by label.
    pub sort_key: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CompletionKind {
    /// An instruction keyword, a directive.
    Keyword,
    /// `--flag` of an instruction, a mount option.
    Flag,
    /// A Compose key.
    Property,
    /// An enum value, a signal, a known value of a key.
    Value,
    /// An ARG or ENV name, an interpolation variable.
    Variable,
    /// A stage, service, volume, network, secret or config name.
    Reference,
    /// A YAML anchor.
    Anchor,
    /// A file or directory.
    File,
    /// A template (a whole instruction or block).
    Snippet,
}

/// An entry of the document outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole construct (a stage from its FROM to its last instruction).
    pub span: Span,
    /// What to select when the symbol is picked (the name).
    pub selection: Span,
    pub children: Vec<Symbol>,
}

/// A symbol whose `detail` starts with this word is deprecated (MAINTAINER): the protocol layer
/// tags it so editors strike it through.
pub const DEPRECATED: &str = "deprecated";

impl Symbol {
    pub fn is_deprecated(&self) -> bool {
        self.detail
            .as_deref()
            .is_some_and(|detail| detail.starts_with(DEPRECATED))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SymbolKind {
    Stage,
    Instruction,
    /// ARG (and Compose interpolation variables).
    Argument,
    /// ENV, and a Compose `environment` entry.
    Environment,
    Label,
    Port,
    Service,
    Volume,
    Network,
    Secret,
    Config,
    /// Any other Compose key.
    Key,
}

/// An occurrence of the name under the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Highlight {
    pub span: Span,
    /// A declaration or assignment, as opposed to a read.
    pub write: bool,
}

/// A foldable region; the converter folds whole lines from the span's start line to its end line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fold {
    pub span: Span,
    pub kind: FoldKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldKind {
    Region,
    Comment,
    Imports,
}

/// A classified range for semantic highlighting. Never spans two lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    pub modifiers: TokenModifiers,
}

/// The legend: the converter advertises these in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Keyword,
    Parameter,
    Variable,
    Property,
    String,
    Number,
    Comment,
    Operator,
    Namespace,
    Type,
    Macro,
}

impl TokenKind {
    pub const ALL: [TokenKind; 11] = [
        TokenKind::Keyword,
        TokenKind::Parameter,
        TokenKind::Variable,
        TokenKind::Property,
        TokenKind::String,
        TokenKind::Number,
        TokenKind::Comment,
        TokenKind::Operator,
        TokenKind::Namespace,
        TokenKind::Type,
        TokenKind::Macro,
    ];
}

/// Bit set over [`TokenModifiers::ALL`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TokenModifiers(pub u32);

impl TokenModifiers {
    pub const DECLARATION: TokenModifiers = TokenModifiers(1);
    pub const DEPRECATED: TokenModifiers = TokenModifiers(2);
    pub const READONLY: TokenModifiers = TokenModifiers(4);
    pub const DEFAULT_LIBRARY: TokenModifiers = TokenModifiers(8);
    /// Names in legend order, matching the bits above.
    pub const ALL: [&'static str; 4] = ["declaration", "deprecated", "readonly", "defaultLibrary"];

    pub fn with(self, other: TokenModifiers) -> TokenModifiers {
        TokenModifiers(self.0 | other.0)
    }
}

/// A link in the document: a URL, or a path relative to the document's directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub span: Span,
    pub target: LinkTarget,
    pub tooltip: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkTarget {
    Url(String),
    /// Relative to the document's directory; the caller resolves it and checks it stays inside
    /// the workspace.
    RelativePath(String),
}

/// What `prepareRename` answers: the span of the name and its current text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenameTarget {
    pub span: Span,
    pub name: String,
}

/// Why a rename cannot be done, in words for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenameError(pub String);

/// Edits that rename every occurrence, or why not.
pub type RenameResult = Result<Vec<TextEdit>, RenameError>;

/// Signature help for the instruction or key at the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    /// `COPY [--from=<stage>] <src>... <dest>`.
    pub label: String,
    pub documentation: Option<String>,
    /// Byte ranges within `label`, one per parameter.
    pub parameters: Vec<(usize, usize)>,
    pub active_parameter: Option<usize>,
}

/// How [`crate::Document::format_with`] lays a Dockerfile out. The defaults are dockwise's style;
/// the language server takes them from the editor's `FormattingOptions`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormatOptions {
    /// One level of indentation for continuation lines.
    pub indent: Indent,
    /// Remove spaces and tabs at the end of lines (never inside heredoc bodies).
    pub trim_trailing_whitespace: bool,
    /// End the file with exactly one line break.
    pub insert_final_newline: bool,
    /// Remove blank lines at the end of the file.
    pub trim_final_newlines: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Indent {
    Spaces(u8),
    Tab,
}

impl Indent {
    pub fn text(self) -> String {
        match self {
            Indent::Spaces(count) => " ".repeat(usize::from(count.max(1))),
            Indent::Tab => "\t".to_string(),
        }
    }
}

impl Default for FormatOptions {
    fn default() -> FormatOptions {
        FormatOptions {
            indent: Indent::Spaces(4),
            trim_trailing_whitespace: true,
            insert_final_newline: true,
            trim_final_newlines: true,
        }
    }
}

/// Why a document was left unformatted, in words for the user (`the file has syntax errors
/// (line 3: ...)`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatRefusal(pub String);

/// A label shown inline after a position (the value an ARG has where FROM uses it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the label goes (it is shown before the character at this offset).
    pub offset: usize,
    pub label: String,
    pub tooltip: Option<String>,
}
