//! The same host port published twice: the second container cannot bind it.

use std::collections::BTreeMap;

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

/// The mappings seen so far, indexed by protocol and first port so that a file with hundreds of
/// services is not compared pairwise.
#[derive(Default)]
struct Seen {
    all: Vec<Published>,
    by_start: BTreeMap<(String, u32), Vec<usize>>,
    /// The widest range seen (in ports, minus one): how far before a range a conflict may start.
    widest: u32,
}

impl Seen {
    /// The earliest mapping `here` conflicts with.
    fn first_conflict(&self, here: &Published) -> Option<&Published> {
        // (A range written backwards still finds its conflicts: the window spans both ends.)
        let (first, last) = (here.range.0, here.range.1);
        let low = first.min(last).saturating_sub(self.widest);
        let protocol = &here.protocol;
        self.by_start
            .range((protocol.clone(), low)..=(protocol.clone(), first.max(last)))
            .flat_map(|(_, indices)| indices)
            .copied()
            .filter(|&index| conflicts(&self.all[index], here))
            .min()
            .map(|index| &self.all[index])
    }

    fn push(&mut self, published: Published) {
        self.widest = self
            .widest
            .max(published.range.1.abs_diff(published.range.0));
        self.by_start
            .entry((published.protocol.clone(), published.range.0))
            .or_default()
            .push(self.all.len());
        self.all.push(published);
    }
}

fn check(context: &Context, sink: &mut Sink) {
    let mut seen = Seen::default();
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
            if let Some(first) = seen.first_conflict(&here) {
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::{Config, Document, FileKind};

    /// The lines of the ports reported, for a file whose services publish `ports` in order.
    fn reported(ports: &[&str]) -> Vec<usize> {
        let mut text = String::from("services:\n");
        for (index, port) in ports.iter().enumerate() {
            text.push_str(&format!(
                "  s{index}:\n    image: app:1\n    ports:\n      - \"{port}\"\n"
            ));
        }
        let document = Document::new(FileKind::Compose, Arc::from(text.as_str()));
        let line = |offset: usize| text[..offset].matches('\n').count();
        document
            .diagnostics(&Config::default())
            .iter()
            .filter(|d| d.code == "compose-duplicate-host-port")
            .map(|d| (line(d.span.start) - 4) / 4)
            .collect()
    }

    #[test]
    fn overlapping_ranges_conflict_whatever_their_order() {
        assert_eq!(reported(&["8000-8010:80", "8005:81"]), vec![1]);
        assert_eq!(reported(&["8005:81", "8000-8010:80"]), vec![1]);
        assert_eq!(reported(&["8000:80", "9000:80", "8000:81"]), vec![2]);
        assert_eq!(reported(&["8011:81", "8000-8010:80"]), Vec::<usize>::new());
    }

    #[test]
    fn protocols_and_distinct_addresses_do_not_conflict() {
        assert_eq!(reported(&["53:53/udp", "53:53/tcp"]), Vec::<usize>::new());
        assert_eq!(
            reported(&["127.0.0.1:80:80", "127.0.0.2:80:80"]),
            Vec::<usize>::new()
        );
        assert_eq!(reported(&["127.0.0.1:80:80", "80:80"]), vec![1]);
    }
}
