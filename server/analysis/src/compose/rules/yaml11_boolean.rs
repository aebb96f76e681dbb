//! yes/no/on/off/y/n unquoted in `environment`: YAML 1.1 tools read them as booleans.

use crate::compose::rules::quote_edit;
use crate::compose::yaml::{Style, Value};
use crate::compose::{ComposeRule, Context};
use crate::rule::Sink;
use crate::{Fix, FixSafety, Severity};

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-yaml11-boolean",
    summary: "An unquoted yes/no/on/off/y/n in `environment` is a boolean to YAML 1.1 tools and a string to Compose: quote it.",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[],
    check,
};

const WORDS: &[&str] = &["yes", "no", "on", "off", "y", "n"];

fn check(context: &Context, sink: &mut Sink) {
    for service in context.services() {
        for section in [
            service.node.get("environment"),
            service.node.get("build").and_then(|b| b.get("args")),
        ] {
            let Some(Value::Map(entries)) = section.map(|s| &s.value) else {
                continue;
            };
            for entry in entries {
                let Some(scalar) = entry.value.as_scalar() else {
                    continue;
                };
                if scalar.style != Style::Plain
                    || !WORDS.iter().any(|w| w.eq_ignore_ascii_case(&scalar.text))
                {
                    continue;
                }
                sink.report(
                    entry.value.span,
                    format!(
                        "`{}: {}` is the string \"{}\" to Compose but a boolean to YAML 1.1 tools; quote it",
                        entry.key.text, scalar.text, scalar.text
                    ),
                )
                .with_fix(Fix {
                    title: format!("Quote `{}`", scalar.text),
                    safety: FixSafety::Safe,
                    edits: vec![quote_edit(context, &entry.value)],
                });
            }
        }
    }
}
