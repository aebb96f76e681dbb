//! The same host port published twice: the second container cannot bind it.

use dockwise_syntax::Span;

use crate::Severity;
use crate::compose::model::PortSpec;
use crate::compose::yaml::{Node, Value};
use crate::compose::{ComposeRule, Context};
use crate::rule::Sink;

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-duplicate-host-port",
    summary: "Two port mappings publish the same host port (and protocol, on overlapping addresses): the second one fails to bind.",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

struct Published {
    service: String,
    ip: Option<String>,
    range: (u32, u32),
    protocol: String,
}

/// Every mapping with a published port, in file order.
pub(crate) fn published_ports(context: &Context, node: &Node) -> Vec<(PortSpec, Span)> {
    let mut out = Vec::new();
    for item in node.get("ports").and_then(|p| p.as_seq()).unwrap_or(&[]) {
        let spec = match &item.value {
            Value::Scalar(_) => match item.as_scalar().map(|s| s.kind) {
                Some(crate::compose::yaml::ScalarKind::Str) => context
                    .resolved(item)
                    .and_then(|text| PortSpec::parse_short(&text)),
                _ => item.as_str().and_then(PortSpec::parse_short),
            },
            Value::Map(_) => PortSpec::parse_long(item, &context.env),
            Value::Seq(_) => None,
        };
        if let Some(spec) = spec {
            out.push((spec, item.span));
        }
    }
    out
}

fn check(context: &Context, sink: &mut Sink) {
    let mut seen: Vec<Published> = Vec::new();
    for service in context.services() {
        if service.node.get("profiles").is_some() {
            continue;
        }
        for (spec, span) in published_ports(context, &service.node) {
            let Some(range) = spec.published else {
                continue;
            };
            let here = Published {
                service: service.name.clone(),
                ip: spec.host_ip.clone(),
                range,
                protocol: spec.protocol.clone(),
            };
            if let Some(first) = seen.iter().find(|p| conflicts(p, &here)) {
                let port = overlap(first.range, here.range);
                let other = if first.service == here.service {
                    "earlier in this service".to_string()
                } else {
                    format!("by service `{}`", first.service)
                };
                sink.report(
                    span,
                    format!(
                        "host port {port}/{} is already published {other}; pick another host port",
                        here.protocol
                    ),
                );
            }
            seen.push(here);
        }
    }
}

fn conflicts(a: &Published, b: &Published) -> bool {
    let unspecified = |ip: &Option<String>| {
        ip.as_deref()
            .is_none_or(|ip| ip == "0.0.0.0" || ip == "::" || ip.is_empty())
    };
    a.protocol == b.protocol
        && a.range.0 <= b.range.1
        && b.range.0 <= a.range.1
        && (unspecified(&a.ip) || unspecified(&b.ip) || a.ip == b.ip)
}

fn overlap(a: (u32, u32), b: (u32, u32)) -> u32 {
    a.0.max(b.0)
}
