//! `network_mode` and `networks` on one service: Compose refuses the pair.

use crate::Severity;
use crate::compose::{ComposeRule, Context};
use crate::rule::Sink;

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-network-mode-with-networks",
    summary: "A service sets both `network_mode` and `networks`; Compose rejects the combination.",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(context: &Context, sink: &mut Sink) {
    for service in context.services() {
        let (Some(mode), Some(networks)) = (
            service.node.entry("network_mode"),
            service.node.entry("networks"),
        ) else {
            continue;
        };
        if networks.value.is_null() || mode.value.is_null() {
            continue;
        }
        sink.report(
            networks.key.span,
            format!(
                "service `{}` sets `network_mode: {}`, so it cannot also join `networks`; keep one of the two",
                service.name,
                mode.value.as_str().unwrap_or("…")
            ),
        );
    }
}
