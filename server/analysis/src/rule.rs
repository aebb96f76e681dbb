//! The rule registry's vocabulary: what a rule declares about itself and how it reports.

use dockwise_syntax::Span;

use crate::{Config, Diagnostic, FileKind, Fix, RuleOverride, Severity, Tag};

/// The same check in another tool, so users can map their configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Equivalent {
    pub tool: Tool,
    pub code: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Hadolint,
    BuildKit,
    Trivy,
    Checkov,
}

impl Tool {
    pub fn as_str(self) -> &'static str {
        match self {
            Tool::Hadolint => "hadolint",
            Tool::BuildKit => "buildkit",
            Tool::Trivy => "trivy",
            Tool::Checkov => "checkov",
        }
    }
}

/// Shorthands for rule declarations.
pub const fn buildkit(code: &'static str) -> Equivalent {
    Equivalent {
        tool: Tool::BuildKit,
        code,
    }
}
pub const fn hadolint(code: &'static str) -> Equivalent {
    Equivalent {
        tool: Tool::Hadolint,
        code,
    }
}
pub const fn trivy(code: &'static str) -> Equivalent {
    Equivalent {
        tool: Tool::Trivy,
        code,
    }
}
pub const fn checkov(code: &'static str) -> Equivalent {
    Equivalent {
        tool: Tool::Checkov,
        code,
    }
}

/// A rule: its identity, defaults and the function that runs it (`Check` is the fn type for
/// the file kind it runs on).
pub struct Rule<Check> {
    /// Stable kebab-case name: the diagnostic code, the config key, the suppression name.
    pub name: &'static str,
    /// One line for `dockwise rules`.
    pub summary: &'static str,
    pub severity: Severity,
    /// Off-by-default rules run only when configured `on` or with a severity.
    pub enabled: bool,
    /// Whether the rule offers fixes.
    pub fixable: bool,
    pub equivalents: &'static [Equivalent],
    pub check: Check,
}

/// The metadata of a rule without its check function, whatever file kind it runs on.
#[derive(Clone, Copy, Debug)]
pub struct RuleInfo {
    pub name: &'static str,
    pub summary: &'static str,
    pub severity: Severity,
    pub enabled: bool,
    pub fixable: bool,
    pub equivalents: &'static [Equivalent],
    pub file_kind: FileKind,
}

impl<Check> Rule<Check> {
    pub fn info(&self, file_kind: FileKind) -> RuleInfo {
        RuleInfo {
            name: self.name,
            summary: self.summary,
            severity: self.severity,
            enabled: self.enabled,
            fixable: self.fixable,
            equivalents: self.equivalents,
            file_kind,
        }
    }

    /// The severity configured for this rule, or `None` when it must not run.
    pub fn effective_severity(&self, config: &Config) -> Option<Severity> {
        match config.rule(self.name) {
            Some(RuleOverride::Off) => None,
            Some(RuleOverride::On) => Some(self.severity),
            Some(RuleOverride::Severity(severity)) => Some(severity),
            None => self.enabled.then_some(self.severity),
        }
    }
}

/// Where a running rule reports. One sink per rule run: it knows the rule and its severity.
pub struct Sink {
    rule: &'static str,
    severity: Severity,
    diagnostics: Vec<Diagnostic>,
}

impl Sink {
    pub fn new(rule: &'static str, severity: Severity) -> Sink {
        Sink {
            rule,
            severity,
            diagnostics: Vec::new(),
        }
    }

    /// Report a problem; returns the diagnostic to attach fixes or tags to.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic {
            span,
            severity: self.severity,
            code: self.rule,
            message: message.into(),
            knowledge: dockwise_knowledge::for_rule(self.rule).map(|entry| entry.id),
            tags: Vec::new(),
            fixes: Vec::new(),
        });
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// Report something Docker only warns about, even when the rule is configured as an error.
    pub fn report_warning(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let diagnostic = self.report(span, message);
        if diagnostic.severity == Severity::Error {
            diagnostic.severity = Severity::Warning;
        }
        diagnostic
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

impl Diagnostic {
    pub fn with_fix(&mut self, fix: Fix) -> &mut Diagnostic {
        self.fixes.push(fix);
        self
    }

    pub fn with_tag(&mut self, tag: Tag) -> &mut Diagnostic {
        self.tags.push(tag);
        self
    }
}
