//! Passwords, tokens and keys written literally in `environment`.

use dockwise_syntax::Span;

use crate::compose::interpolate::has_interpolation;
use crate::compose::model::{Named, RefKind};
use crate::compose::rules::{append_to_service, insert_lines_after, undefined_reference};
use crate::compose::yaml::{Node, ScalarKind, Value};
use crate::compose::{ComposeRule, Context};
use crate::rule::Sink;
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-secret-in-environment",
    summary: "A password, token or key is written in `environment`: it ends up in the file, `docker inspect` and logs. Use secrets and `*_FILE`.",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
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

/// One literal credential: the variable, the span of the whole entry (list item or `KEY: value`),
/// and how to write the `_FILE` replacement in the same form.
struct Found {
    name: String,
    report: Span,
    entry: Span,
    list_form: bool,
    merged: bool,
}

fn check(context: &Context, sink: &mut Sink) {
    for service in context.services() {
        let Some(environment) = service.node.get("environment") else {
            continue;
        };
        let own = service
            .node
            .entry("environment")
            .is_some_and(|entry| !entry.merged);
        let mut found: Vec<Found> = Vec::new();
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
                        found.push(Found {
                            name: entry.key.text.clone(),
                            report: entry.value.span,
                            entry: entry.key.span.cover(entry.value.span),
                            list_form: false,
                            merged: entry.merged || !own,
                        });
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
                        found.push(Found {
                            name: name.to_string(),
                            report: item.span,
                            entry: item.span,
                            list_form: true,
                            merged: !own,
                        });
                    }
                }
            }
            Value::Scalar(_) => {}
        }
        for found in found {
            let name = &found.name;
            let diagnostic = sink.report(
                found.report,
                format!(
                    "`{name}` is written in the file and visible in `docker inspect`; declare a top-level secret and pass its path (e.g. `{name}_FILE: /run/secrets/{}`) or use `${{{name}}}`",
                    name.to_ascii_lowercase()
                ),
            );
            if !found.merged
                && let Some(fix) = move_to_secret(context, service, &found)
            {
                diagnostic.with_fix(fix);
            }
        }
    }
}

/// `NAME: value` becomes `NAME_FILE: /run/secrets/name`, the service lists the secret, and the
/// top-level `secrets:` declares it from `./name.txt`, where the user puts the value.
fn move_to_secret(context: &Context, service: &Named, found: &Found) -> Option<Fix> {
    let secret = found.name.to_ascii_lowercase();
    let path = format!("/run/secrets/{secret}");
    let replacement = if found.list_form {
        format!("{}_FILE={path}", found.name)
    } else {
        format!("{}_FILE: {path}", found.name)
    };
    let mut edits = vec![TextEdit {
        span: found.entry,
        new_text: replacement,
    }];
    let listed = context.model().references.iter().any(|r| {
        r.kind == RefKind::Secret
            && r.name == secret
            && context
                .services()
                .get(r.service)
                .is_some_and(|s| s.name == service.name)
    });
    if !listed {
        edits.push(list_secret(context, service, &secret)?);
    }
    if context
        .model()
        .definition(RefKind::Secret, &secret)
        .is_none()
    {
        edits.push(undefined_reference::declare(
            context,
            RefKind::Secret,
            &secret,
        )?);
    }
    edits.sort_by_key(|edit| edit.span);
    if edits.windows(2).any(|w| w[0].span.end > w[1].span.start) {
        return None;
    }
    Some(Fix {
        title: format!(
            "Move `{}` to the secret `{secret}` (`{}_FILE`, value to put in ./{secret}.txt; the image must read `*_FILE` variables)",
            found.name, found.name
        ),
        // The value leaves the file and the container reads it differently: review it.
        safety: FixSafety::Unsafe,
        edits,
    })
}

/// Add `- name` to the service's `secrets:` list, creating the list if needed.
fn list_secret(context: &Context, service: &Named, secret: &str) -> Option<TextEdit> {
    match service.node.entry("secrets") {
        None => append_to_service(
            context,
            service,
            &["secrets:".to_string(), format!("  - {secret}")],
        ),
        Some(entry) if !entry.merged => {
            let items = entry.value.as_seq()?;
            let first: &Node = items.first()?;
            if context.slice(entry.value.span).starts_with('[') {
                return None;
            }
            let line_start = context.line_start(first.span.start);
            let dash = context.text.get(line_start..first.span.start)?.rfind('-')?;
            Some(insert_lines_after(
                context,
                entry.value.span.end,
                dash,
                &[format!("- {secret}")],
            ))
        }
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::{Config, Document, FileKind, FixSafety};

    #[test]
    fn the_fix_moves_the_value_out_and_declares_the_secret() {
        let text = "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2\n";
        let document = Document::new(FileKind::Compose, Arc::from(text));
        let diagnostics = document.diagnostics(&Config::default());
        let fix = diagnostics
            .iter()
            .find(|d| d.code == "compose-secret-in-environment")
            .and_then(|d| d.fixes.first())
            .expect("a fix");
        assert_eq!(fix.safety, FixSafety::Unsafe);
        let fixed = crate::apply_edits(text, &fix.edits);
        assert_eq!(
            fixed,
            "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n    secrets:\n      - postgres_password\n\nsecrets:\n  postgres_password:\n    file: ./postgres_password.txt\n"
        );
        let after = Document::new(FileKind::Compose, Arc::from(fixed.as_str()))
            .diagnostics(&Config::default());
        assert!(
            !after
                .iter()
                .any(|d| d.code == "compose-secret-in-environment"
                    || d.code == "compose-undefined-secret"
                    || d.code == "compose-schema"),
            "{after:?}"
        );
    }
}
