//! dockwise's analysis: everything the server and the CLI show, computed from text alone.
//!
//! Invariants: no IO (callers pass in everything, including the contents of files near the
//! document); no LSP types (ranges are byte [`Span`]s); never fails and never panics on any input
//! (parse problems become diagnostics).

pub mod compose;
mod config;
mod diagnostic;
pub mod dockerfile;
pub mod dockerignore;
mod document;
mod file_kind;
mod fix;
pub mod ide;
pub mod rule;
mod surroundings;

pub use config::{Config, ConfigError, RuleOverride};
pub use diagnostic::{Diagnostic, Fix, FixSafety, Severity, Tag, TextEdit};
pub use dockwise_syntax::{InputEdit, Point, Span};
pub use document::{Document, Hover};
pub use file_kind::FileKind;
pub use fix::{apply_edits, safe_fix_edits};
pub use rule::{Equivalent, RuleInfo, Tool};
pub use surroundings::Surroundings;

/// Every rule dockwise has, for `dockwise rules` and documentation.
pub fn rules() -> Vec<RuleInfo> {
    dockerfile::rules::all()
        .map(|rule| rule.info(FileKind::Dockerfile))
        .chain(compose::rules::all().map(|rule| rule.info(FileKind::Compose)))
        .collect()
}
