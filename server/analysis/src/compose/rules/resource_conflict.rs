//! `mem_limit`/`cpus`/`mem_reservation` disagreeing with `deploy.resources`.

use crate::Severity;
use crate::compose::{ComposeRule, Context};
use crate::rule::Sink;

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-resource-conflict",
    summary: "`mem_limit`, `cpus` or `mem_reservation` disagrees with `deploy.resources`; Compose refuses distinct values.",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

/// A byte size (`512m`, `1g`, `1024`) in bytes.
pub(crate) fn bytes(text: &str) -> Option<f64> {
    let text = text.trim().to_ascii_lowercase();
    let text = text.strip_suffix('b').unwrap_or(&text).to_string();
    let (number, unit) = match text.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => (&text[..i], &text[i..]),
        None => (text.as_str(), ""),
    };
    let factor: f64 = match unit {
        "" => 1.0,
        "k" => 1024.0,
        "m" => 1024.0 * 1024.0,
        "g" => 1024.0 * 1024.0 * 1024.0,
        "t" => 1024f64.powi(4),
        _ => return None,
    };
    Some(number.trim().parse::<f64>().ok()? * factor)
}

fn check(context: &Context, sink: &mut Sink) {
    for service in context.services() {
        let Some(resources) = service.node.get("deploy").and_then(|d| d.get("resources")) else {
            continue;
        };
        for (key, section, field, is_bytes) in [
            ("mem_limit", "limits", "memory", true),
            ("cpus", "limits", "cpus", false),
            ("mem_reservation", "reservations", "memory", true),
        ] {
            let Some(legacy) = service.node.get(key) else {
                continue;
            };
            let Some(deployed) = resources.get(section).and_then(|s| s.get(field)) else {
                continue;
            };
            let (Some(a), Some(b)) = (
                legacy.as_scalar().and_then(|_| {
                    context
                        .resolved(legacy)
                        .or_else(|| legacy.as_scalar().map(|s| s.text.clone()))
                }),
                deployed.as_scalar().and_then(|_| {
                    context
                        .resolved(deployed)
                        .or_else(|| deployed.as_scalar().map(|s| s.text.clone()))
                }),
            ) else {
                continue;
            };
            let parse = |t: &str| {
                if is_bytes {
                    bytes(t)
                } else {
                    t.trim().parse::<f64>().ok()
                }
            };
            let (Some(x), Some(y)) = (parse(&a), parse(&b)) else {
                continue;
            };
            if (x - y).abs() > f64::EPSILON * x.abs().max(1.0) {
                sink.report(
                    legacy.span,
                    format!("`{key}: {a}` disagrees with `deploy.resources.{section}.{field}: {b}`; Compose refuses distinct values, so keep only `deploy.resources`"),
                );
            }
        }
    }
}
