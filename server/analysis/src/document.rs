use std::sync::Arc;

use dockwise_syntax::{InputEdit, Parse, Span};

use crate::{Config, Diagnostic, FileKind, Surroundings};

/// Markdown to show for a range of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    pub span: Span,
    pub markdown: String,
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
        match &self.syntax {
            Syntax::Dockerfile(parse) => {
                let surroundings = Surroundings::default();
                crate::dockerfile::hover::hover(
                    &crate::dockerfile::Context::new(parse, &surroundings),
                    offset,
                )
            }
            Syntax::Compose(compose) => {
                let surroundings = Surroundings::default();
                crate::compose::hover::hover(
                    &crate::compose::Context::new(compose, &surroundings),
                    offset,
                )
            }
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
