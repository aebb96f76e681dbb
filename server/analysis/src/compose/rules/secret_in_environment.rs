//! Passwords, tokens and keys written literally in `environment`.

use dockwise_syntax::Span;

use crate::Severity;
use crate::compose::interpolate::has_interpolation;
use crate::compose::yaml::{ScalarKind, Value};
use crate::compose::{ComposeRule, Context};
use crate::rule::Sink;

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-secret-in-environment",
    summary: "A password, token or key is written in `environment`: it ends up in the file, `docker inspect` and logs. Use secrets and `*_FILE`.",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

/// Whether a variable name says it holds a credential: it ends with PASSWORD, PASSWD, PASS,
/// SECRET or TOKEN, or with API_KEY, SECRET_KEY, ACCESS_KEY, PRIVATE_KEY (`SECRET_LOCAL_HOSTNAME`
/// or `TOKEN_TTL` do not).
pub(crate) fn is_secret_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    let mut segments: Vec<&str> = upper
        .split(['_', '-', '.'])
        .filter(|s| !s.is_empty())
        .collect();
    if segments.last() == Some(&"BASE") {
        segments.pop();
    }
    match segments.as_slice() {
        [.., last]
            if matches!(
                *last,
                "PASSWORD" | "PASSWD" | "PASS" | "PWD" | "SECRET" | "TOKEN" | "APIKEY"
            ) =>
        {
            true
        }
        [.., before, "KEY"] => matches!(*before, "API" | "SECRET" | "ACCESS" | "PRIVATE"),
        _ => false,
    }
}

fn literal_secret(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    !value.is_empty()
        && !has_interpolation(value)
        && !matches!(
            lower.as_str(),
            "yes"
                | "no"
                | "true"
                | "false"
                | "1"
                | "0"
                | "on"
                | "off"
                | "null"
                | "none"
                | "changeme"
        )
        && !value.starts_with("/run/secrets/")
}

fn check(context: &Context, sink: &mut Sink) {
    for service in context.services() {
        let Some(environment) = service.node.get("environment") else {
            continue;
        };
        let mut found: Vec<(String, Span)> = Vec::new();
        match &environment.value {
            Value::Map(entries) => {
                for entry in entries {
                    let Some(scalar) = entry.value.as_scalar() else {
                        continue;
                    };
                    if !matches!(scalar.kind, ScalarKind::Str | ScalarKind::Int(_)) {
                        continue;
                    }
                    if is_secret_name(&entry.key.text) && literal_secret(&scalar.text) {
                        found.push((entry.key.text.clone(), entry.value.span));
                    }
                }
            }
            Value::Seq(items) => {
                for item in items {
                    let Some(text) = item.as_str() else { continue };
                    let Some((name, value)) = text.split_once('=') else {
                        continue;
                    };
                    if is_secret_name(name) && literal_secret(value) {
                        found.push((name.to_string(), item.span));
                    }
                }
            }
            Value::Scalar(_) => {}
        }
        for (name, span) in found {
            sink.report(
                span,
                format!(
                    "`{name}` is written in the file and visible in `docker inspect`; declare a top-level secret and pass its path (e.g. `{name}_FILE: /run/secrets/{}`) or use `${{{name}}}`",
                    name.to_ascii_lowercase()
                ),
            );
        }
    }
}
