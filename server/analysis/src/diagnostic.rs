use dockwise_syntax::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text.to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" | "information" => Some(Severity::Info),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

/// Extra meaning editors render (strike-through, faded).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tag {
    Deprecated,
    Unnecessary,
}

/// Whether a fix may be applied without a human looking at it (`source.fixAll`, `check --fix`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FixSafety {
    /// Keeps what the build produces, or only changes it the way the rule intends.
    Safe,
    /// Changes behaviour in a way the user must review; offered one at a time, never in bulk.
    Unsafe,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TextEdit {
    pub span: Span,
    pub new_text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix {
    pub title: String,
    pub safety: FixSafety,
    /// Non-overlapping edits against the analysed text.
    pub edits: Vec<TextEdit>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub span: Span,
    pub severity: Severity,
    /// The rule's stable name, e.g. `unknown-instruction`.
    pub code: &'static str,
    pub message: String,
    /// Id of the knowledge entry that explains it.
    pub knowledge: Option<&'static str>,
    pub tags: Vec<Tag>,
    pub fixes: Vec<Fix>,
}
