//! Services without memory or CPU limits (off by default).

use crate::Severity;
use crate::compose::{ComposeRule, Context};
use crate::rule::Sink;

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-no-resource-limits",
    summary: "A service has no memory or CPU limit, so one runaway container can starve the others (off by default).",
    severity: Severity::Hint,
    enabled: false,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(context: &Context, sink: &mut Sink) {
    for service in context.services() {
        let node = &service.node;
        let limited = node.get("mem_limit").is_some()
            || node.get("cpus").is_some()
            || node
                .get("deploy")
                .and_then(|d| d.get("resources"))
                .and_then(|r| r.get("limits"))
                .is_some();
        if !limited && node.as_map().is_some() {
            sink.report(
                service.span,
                format!(
                    "`{}` has no memory or CPU limit; set `deploy.resources.limits` (memory, cpus)",
                    service.name
                ),
            );
        }
    }
}
