use std::sync::Arc;

use dockwise_syntax::{InputEdit, Parse, Span};

use crate::{Config, Diagnostic, FileKind, Surroundings, TextEdit, ide};

/// Markdown to show for a range of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    pub span: Span,
    pub markdown: String,
}

/// What either file kind's `prepare_rename` answers: a target, or no target with or without a
/// reason.
trait PrepareOutcome {
    fn into_prepared(self) -> Result<ide::RenameTarget, ide::RenameError>;
}

impl PrepareOutcome for Result<ide::RenameTarget, ide::RenameError> {
    fn into_prepared(self) -> Result<ide::RenameTarget, ide::RenameError> {
        self
    }
}

impl PrepareOutcome for Option<ide::RenameTarget> {
    fn into_prepared(self) -> Result<ide::RenameTarget, ide::RenameError> {
        self.ok_or_else(|| ide::RenameError("nothing here can be renamed".to_string()))
    }
}

/// One version of one open file, parsed. Cheap to clone and share across threads.
#[derive(Clone)]
pub struct Document {
    kind: FileKind,
    syntax: Syntax,
}

#[derive(Clone)]
enum Syntax {
    Dockerfile(Parse),
    Compose(Arc<crate::compose::Compose>),
}

impl Document {
    pub fn new(kind: FileKind, text: Arc<str>) -> Document {
        let syntax = match kind {
            FileKind::Dockerfile => Syntax::Dockerfile(Parse::new(text)),
            FileKind::Compose => Syntax::Compose(Arc::new(crate::compose::Compose::new(text))),
        };
        Document { kind, syntax }
    }

    /// The next version: `edits` (in order) turned this text into `new_text`.
    pub fn edited(&self, new_text: Arc<str>, edits: &[InputEdit]) -> Document {
        let syntax = match &self.syntax {
            Syntax::Dockerfile(parse) => Syntax::Dockerfile(parse.reparse(new_text, edits)),
            Syntax::Compose(compose) => Syntax::Compose(Arc::new(compose.edited(new_text, edits))),
        };
        Document {
            kind: self.kind,
            syntax,
        }
    }

    pub fn kind(&self) -> FileKind {
        self.kind
    }

    pub fn text(&self) -> &str {
        match &self.syntax {
            Syntax::Dockerfile(parse) => parse.text(),
            Syntax::Compose(compose) => compose.text(),
        }
    }

    pub fn dockerfile(&self) -> Option<&Parse> {
        match &self.syntax {
            Syntax::Dockerfile(parse) => Some(parse),
            Syntax::Compose(_) => None,
        }
    }

    /// Every diagnostic for this version, configured by `config`, sorted by position.
    pub fn diagnostics(&self, config: &Config) -> Vec<Diagnostic> {
        self.diagnostics_with(config, &Surroundings::default())
    }

    /// Like [`Document::diagnostics`], with the files around the document for the rules that
    /// need them.
    pub fn diagnostics_with(
        &self,
        config: &Config,
        surroundings: &Surroundings,
    ) -> Vec<Diagnostic> {
        let mut diagnostics = match &self.syntax {
            Syntax::Dockerfile(parse) => {
                crate::dockerfile::diagnostics(parse, config, surroundings)
            }
            Syntax::Compose(compose) => crate::compose::diagnostics(compose, config, surroundings),
        };
        diagnostics.sort_by(|a, b| (a.span, a.code).cmp(&(b.span, b.code)));
        diagnostics
    }

    /// Fixes that silence a diagnostic of this version with a suppression comment ("ignore
    /// this rule for this instruction", "... in this file"). Always `Unsafe`, so never applied in
    /// bulk; kept out of `Diagnostic::fixes` so that outputs and `--fix` do not carry them.
    pub fn suppression_fixes(&self, diagnostic: &Diagnostic) -> Vec<crate::Fix> {
        match &self.syntax {
            Syntax::Dockerfile(parse) => crate::dockerfile::suppression_fixes(parse, diagnostic),
            Syntax::Compose(_) => Vec::new(),
        }
    }

    /// What to show when hovering at byte `offset`.
    pub fn hover(&self, offset: usize) -> Option<Hover> {
        self.hover_with(offset, &Surroundings::default())
    }

    /// Like [`Document::hover`], with the files around the document (a Compose file's hover on
    /// `build` lists the stages of the Dockerfile it builds).
    pub fn hover_with(&self, offset: usize, surroundings: &Surroundings) -> Option<Hover> {
        match &self.syntax {
            Syntax::Dockerfile(parse) => crate::dockerfile::hover::hover(
                &crate::dockerfile::Context::new(parse, surroundings),
                offset,
            ),
            Syntax::Compose(compose) => crate::compose::hover::hover(
                &crate::compose::Context::new(compose, surroundings),
                offset,
            ),
        }
    }

    /// Completion candidates at byte `offset`.
    pub fn completions(&self, offset: usize, surroundings: &Surroundings) -> Vec<ide::Completion> {
        match &self.syntax {
            Syntax::Dockerfile(parse) => {
                crate::dockerfile::ide::completions(parse, surroundings, offset)
            }
            Syntax::Compose(compose) => {
                crate::compose::ide::completions(compose, surroundings, offset)
            }
        }
    }

    /// The signature of the instruction at `offset`, with the parameter under the cursor.
    pub fn signature_help(&self, offset: usize) -> Option<ide::Signature> {
        match &self.syntax {
            Syntax::Dockerfile(parse) => crate::dockerfile::ide::signature_help(parse, offset),
            Syntax::Compose(_) => None,
        }
    }

    /// Where the name at `offset` is defined, in this document.
    pub fn definition(&self, offset: usize) -> Vec<Span> {
        match &self.syntax {
            Syntax::Dockerfile(parse) => crate::dockerfile::ide::definition(parse, offset),
            Syntax::Compose(compose) => crate::compose::ide::definition(compose, offset),
        }
    }

    /// Every occurrence of the name at `offset`, its definitions included when asked.
    pub fn references(&self, offset: usize, include_declaration: bool) -> Vec<Span> {
        match &self.syntax {
            Syntax::Dockerfile(parse) => {
                crate::dockerfile::ide::references(parse, offset, include_declaration)
            }
            Syntax::Compose(compose) => {
                crate::compose::ide::references(compose, offset, include_declaration)
            }
        }
    }

    pub fn highlights(&self, offset: usize) -> Vec<ide::Highlight> {
        match &self.syntax {
            Syntax::Dockerfile(parse) => crate::dockerfile::ide::highlights(parse, offset),
            Syntax::Compose(compose) => crate::compose::ide::highlights(compose, offset),
        }
    }

    /// The name at `offset` that a rename would change, or why nothing there can be renamed.
    pub fn prepare_rename(&self, offset: usize) -> Result<ide::RenameTarget, ide::RenameError> {
        match &self.syntax {
            Syntax::Dockerfile(parse) => {
                crate::dockerfile::ide::prepare_rename(parse, offset).into_prepared()
            }
            Syntax::Compose(compose) => {
                crate::compose::ide::prepare_rename(compose, offset).into_prepared()
            }
        }
    }

    pub fn rename(&self, offset: usize, new_name: &str) -> ide::RenameResult {
        match &self.syntax {
            Syntax::Dockerfile(parse) => crate::dockerfile::ide::rename(parse, offset, new_name),
            Syntax::Compose(compose) => crate::compose::ide::rename(compose, offset, new_name),
        }
    }

    /// The outline.
    pub fn symbols(&self) -> Vec<ide::Symbol> {
        match &self.syntax {
            Syntax::Dockerfile(parse) => crate::dockerfile::ide::symbols(parse),
            Syntax::Compose(compose) => crate::compose::ide::symbols(compose),
        }
    }

    /// Nested spans around `offset` for "expand selection", innermost first, each strictly
    /// inside the next.
    pub fn selection_ranges(&self, offset: usize) -> Vec<Span> {
        match &self.syntax {
            Syntax::Dockerfile(parse) => crate::dockerfile::ide::selection_ranges(parse, offset),
            // Compose has no selection ranges yet.
            Syntax::Compose(_) => Vec::new(),
        }
    }

    /// Inline labels for the part of the document in `range`.
    pub fn inlay_hints(&self, range: Span) -> Vec<ide::InlayHint> {
        match &self.syntax {
            Syntax::Dockerfile(parse) => crate::dockerfile::ide::inlay_hints(parse, range),
            // Compose has no inlay hints yet.
            Syntax::Compose(_) => Vec::new(),
        }
    }

    pub fn folds(&self) -> Vec<ide::Fold> {
        match &self.syntax {
            Syntax::Dockerfile(parse) => crate::dockerfile::ide::folds(parse),
            Syntax::Compose(compose) => crate::compose::ide::folds(compose),
        }
    }

    /// Semantic tokens, in document order, none spanning two lines.
    pub fn tokens(&self) -> Vec<ide::Token> {
        match &self.syntax {
            Syntax::Dockerfile(parse) => crate::dockerfile::ide::tokens(parse),
            Syntax::Compose(compose) => crate::compose::ide::tokens(compose),
        }
    }

    pub fn links(&self) -> Vec<ide::Link> {
        match &self.syntax {
            Syntax::Dockerfile(parse) => crate::dockerfile::ide::links(parse),
            Syntax::Compose(compose) => crate::compose::ide::links(compose),
        }
    }

    /// Edits that format the whole document (empty when it is already formatted or cannot be
    /// formatted safely, for example while it has syntax errors).
    pub fn format(&self) -> Vec<TextEdit> {
        match &self.syntax {
            Syntax::Dockerfile(parse) => crate::dockerfile::ide::format(parse),
            Syntax::Compose(compose) => crate::compose::ide::format(compose),
        }
    }

    /// [`Document::format`] with the caller's layout options.
    pub fn format_with(&self, options: &ide::FormatOptions) -> Vec<TextEdit> {
        match &self.syntax {
            Syntax::Dockerfile(parse) => crate::dockerfile::ide::format_with(parse, options),
            Syntax::Compose(compose) => crate::compose::ide::format(compose),
        }
    }

    /// Like [`Document::format_with`], saying why nothing can be formatted (a Dockerfile with
    /// syntax errors, an instruction dockwise does not know).
    pub fn try_format(
        &self,
        options: &ide::FormatOptions,
    ) -> Result<Vec<TextEdit>, ide::FormatRefusal> {
        match &self.syntax {
            Syntax::Dockerfile(parse) => crate::dockerfile::ide::try_format(parse, options),
            Syntax::Compose(compose) => Ok(crate::compose::ide::format(compose)),
        }
    }

    /// The formatting edits for the instructions (and comment or blank lines) that intersect
    /// `span` (a cursor formats the instruction under it). Dockerfiles only.
    pub fn format_range(&self, span: Span, options: &ide::FormatOptions) -> Vec<TextEdit> {
        match &self.syntax {
            Syntax::Dockerfile(parse) => crate::dockerfile::ide::format_range(parse, span, options),
            Syntax::Compose(_) => Vec::new(),
        }
    }

    /// Edits after typing `typed` with the cursor now at `offset`: on a line break, the line
    /// just finished gets its keywords upper-cased. Dockerfiles only.
    pub fn format_on_type(&self, offset: usize, typed: char) -> Vec<TextEdit> {
        match &self.syntax {
            Syntax::Dockerfile(parse) => {
                crate::dockerfile::ide::format_on_type(parse, offset, typed)
            }
            Syntax::Compose(_) => Vec::new(),
        }
    }

    /// The parsed Compose file, for a Compose document.
    pub fn compose(&self) -> Option<&crate::compose::Compose> {
        match &self.syntax {
            Syntax::Compose(compose) => Some(compose),
            Syntax::Dockerfile(_) => None,
        }
    }
}
