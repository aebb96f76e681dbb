//! `22:22` unquoted: YAML 1.1 reads digits:digits below 60 as a base-60 number.

use crate::compose::rules::quote_edit;
use crate::compose::yaml::Style;
use crate::compose::{ComposeRule, Context};
use crate::rule::Sink;
use crate::{Fix, FixSafety, Severity};

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-unquoted-port",
    summary: "An unquoted port mapping like 22:22 is a base-60 number to YAML 1.1 parsers; quote port mappings.",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[],
    check,
};

/// `digits(:digits<60)+`, which YAML 1.1 resolves to a sexagesimal integer.
pub(crate) fn is_sexagesimal(text: &str) -> bool {
    let mut parts = text.split(':');
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    !first.is_empty()
        && first.bytes().all(|b| b.is_ascii_digit())
        && !rest.is_empty()
        && rest.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 2
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u32>().is_ok_and(|n| n < 60)
        })
}

fn check(context: &Context, sink: &mut Sink) {
    for service in context.services() {
        for key in ["ports", "expose"] {
            for item in service
                .node
                .get(key)
                .and_then(|p| p.as_seq())
                .unwrap_or(&[])
            {
                let Some(scalar) = item.as_scalar() else {
                    continue;
                };
                if scalar.style != Style::Plain || !is_sexagesimal(&scalar.text) {
                    continue;
                }
                let value = scalar
                    .text
                    .split(':')
                    .rev()
                    .fold((0u64, 1u64), |(acc, mul), p| {
                        (acc + p.parse::<u64>().unwrap_or(0) * mul, mul * 60)
                    });
                sink.report(
                    item.span,
                    format!(
                        "unquoted `{}` is the number {} to YAML 1.1 parsers (base 60); quote it: \"{}\"",
                        scalar.text, value.0, scalar.text
                    ),
                )
                .with_fix(Fix {
                    title: format!("Quote `{}`", scalar.text),
                    safety: FixSafety::Safe,
                    edits: vec![quote_edit(context, item)],
                });
            }
        }
    }
}
