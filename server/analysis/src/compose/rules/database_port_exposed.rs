//! A database port published on every interface of the host.

use dockwise_syntax::Span;

use crate::compose::rules::duplicate_host_port::published_ports;
use crate::compose::yaml::{Style, Value};
use crate::compose::{ComposeRule, Context, database_kind, service_image};
use crate::rule::Sink;
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-database-port-exposed",
    summary: "A database port is published on all host interfaces (reachable from the network); bind it to 127.0.0.1 or drop it.",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[],
    check,
};

fn default_port(kind: &str) -> u32 {
    match kind {
        "postgres" => 5432,
        "mysql" | "mariadb" => 3306,
        "mongo" => 27017,
        _ => 6379,
    }
}

fn check(context: &Context, sink: &mut Sink) {
    for service in context.services() {
        let Some(image) = service_image(context, &service.node) else {
            continue;
        };
        let Some(kind) = database_kind(&image) else {
            continue;
        };
        let port = default_port(kind);
        let ports = service
            .node
            .get("ports")
            .and_then(|p| p.as_seq())
            .unwrap_or(&[]);
        for (spec, span) in published_ports(context, &service.node) {
            if !(spec.all_interfaces() && spec.target.0 <= port && port <= spec.target.1) {
                continue;
            }
            let host = spec
                .published
                .map_or("a random port".to_string(), |(a, _)| format!("port {a}"));
            let diagnostic = sink.report(
                span,
                format!(
                    "{kind} port {port} of `{}` is published on {host} of every host interface, so anyone on the network can reach the database; bind it to 127.0.0.1 (`127.0.0.1:{}:{port}`) or remove it",
                    service.name,
                    spec.published.map_or(String::new(), |(a, _)| a.to_string())
                ),
            );
            let Some(item) = ports.iter().find(|i| i.span == span) else {
                continue;
            };
            let edit = match (&item.value, item.as_scalar().map(|s| s.style)) {
                (Value::Scalar(_), Some(Style::Plain | Style::Single | Style::Double))
                    if spec.host_ip.is_none() =>
                {
                    let start = item.content_span().start;
                    let prefix = if spec.published.is_some() {
                        "127.0.0.1:"
                    } else {
                        "127.0.0.1::"
                    };
                    Some(TextEdit {
                        span: Span::new(start, start),
                        new_text: prefix.to_string(),
                    })
                }
                _ => None,
            };
            if let Some(edit) = edit {
                let needs_quotes = item.as_scalar().is_some_and(|s| s.style == Style::Plain);
                let edits = if needs_quotes {
                    let raw = context.slice(item.span);
                    vec![TextEdit {
                        span: item.span,
                        new_text: format!("\"{}{raw}\"", edit.new_text),
                    }]
                } else {
                    vec![edit]
                };
                diagnostic.with_fix(Fix {
                    title: "Publish on 127.0.0.1 only".to_string(),
                    safety: FixSafety::Unsafe,
                    edits,
                });
            }
        }
    }
}
