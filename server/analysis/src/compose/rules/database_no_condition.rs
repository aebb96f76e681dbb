//! `depends_on: [db]` on a database: Compose only waits for the container to start.

use dockwise_syntax::Span;

use crate::compose::rules::healthy_without_healthcheck::has_healthcheck as healthy_without_healthcheck_has;
use crate::compose::rules::{append_to_service, healthcheck_stub};
use crate::compose::yaml::Value;
use crate::compose::{ComposeRule, Context, database_kind, service_image};
use crate::rule::Sink;
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-database-no-condition",
    summary: "depends_on a database without a condition only waits for its container to start, not for the database to accept connections.",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[],
    check,
};

fn check(context: &Context, sink: &mut Sink) {
    let model = context.model();
    for service in context.services() {
        let Some(entry) = service.node.entry("depends_on") else {
            continue;
        };
        let Value::Seq(items) = &entry.value.value else {
            continue;
        };
        for item in items {
            let Some(name) = item.as_str() else { continue };
            let Some(target) = model.service(name) else {
                continue;
            };
            let Some(image) = service_image(context, &target.node) else {
                continue;
            };
            let Some(kind) = database_kind(&image) else {
                continue;
            };
            let diagnostic = sink.report(
                item.content_span(),
                format!(
                    "`{}` starts as soon as the `{name}` container starts, before {kind} accepts connections; use `condition: service_healthy` with a healthcheck on `{name}`",
                    service.name
                ),
            );
            let Some(fix) = fix(context, service, entry, &items[..]) else {
                continue;
            };
            let mut edits = vec![fix];
            let title = if healthy_without_healthcheck_has(context, &target.node) {
                format!("Wait for `{name}` to be healthy")
            } else {
                match append_to_service(context, target, &healthcheck_stub(Some(&image))) {
                    Some(edit) => edits.push(edit),
                    None => continue,
                }
                format!("Add a healthcheck to `{name}` and wait for it to be healthy")
            };
            edits.sort_by_key(|e: &TextEdit| e.span);
            diagnostic.with_fix(Fix {
                title,
                safety: FixSafety::Unsafe,
                edits,
            });
        }
    }
}

/// Rewrite the list as a mapping: databases wait until healthy, the rest until started.
fn fix(
    context: &Context,
    service: &crate::compose::model::Named,
    entry: &crate::compose::yaml::Entry,
    items: &[std::sync::Arc<crate::compose::yaml::Node>],
) -> Option<TextEdit> {
    if entry.merged {
        return None;
    }
    let model = context.model();
    let indent = context.column(entry.key.span.start);
    let unit = context.indent_unit();
    let pad = " ".repeat(indent + unit);
    let pad2 = " ".repeat(indent + 2 * unit);
    let mut text = String::new();
    for item in items {
        let name = item.as_str()?;
        let healthy = model
            .service(name)
            .and_then(|t| service_image(context, &t.node))
            .is_some_and(|image| database_kind(&image).is_some());
        let condition = if healthy {
            "service_healthy"
        } else {
            "service_started"
        };
        text.push_str(&format!("\n{pad}{name}:\n{pad2}condition: {condition}"));
    }
    let _ = service;
    Some(TextEdit {
        span: Span::new(entry.key.span.end + 1, entry.value.span.end),
        new_text: text,
    })
}
