//! Validation against the Compose Specification: unknown keys, wrong types, values outside an
//! enum, missing required keys, duplicate list entries.

use crate::Severity;
use crate::compose::{ComposeRule, Context, schema};
use crate::rule::Sink;

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-schema",
    summary: "A key or value the Compose Specification does not allow: unknown key, wrong type, invalid value, missing required key.",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(context: &Context, sink: &mut Sink) {
    let Some(root) = context.root() else { return };
    if root.as_map().is_none() {
        if !root.is_null() {
            sink.report(
                root.span,
                "a Compose file must be a mapping of top-level keys such as `services:`",
            );
        }
        return;
    }
    // Not a Compose file at all (another tool's YAML named like one): stay quiet.
    let entries = root.as_map().unwrap_or(&[]);
    let catalogue = schema::catalogue();
    let known = entries
        .iter()
        .filter(|e| catalogue.property(catalogue.root, &e.key.text).is_some())
        .count();
    if entries.len() - known >= 2 && entries.len() - known > known {
        return;
    }
    for issue in schema::validate(root, &context.env) {
        if issue.minor {
            sink.report_warning(issue.span, issue.message);
        } else {
            sink.report(issue.span, issue.message);
        }
    }
}
