//! privileged, and the host's network, PID or IPC namespace.

use crate::Severity;
use crate::compose::rules::is_true;
use crate::compose::{ComposeRule, Context};
use crate::rule::Sink;

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-host-access",
    summary: "`privileged: true`, `network_mode: host`, `pid: host` or `ipc: host` removes the container's isolation from the host.",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(context: &Context, sink: &mut Sink) {
    for service in context.services() {
        if let Some(node) = service.node.get("privileged")
            && is_true(context, node)
        {
            sink.report(
                    node.span,
                    format!("`{}` runs privileged: it gets every capability and the host's devices, so a compromise is a host compromise; grant only the `cap_add` or `devices` it needs", service.name),
                );
        }
        for (key, what) in [
            (
                "network_mode",
                "the host's network stack (no isolation, ports bypass `ports:`)",
            ),
            (
                "pid",
                "the host's process table (it can see and signal every host process)",
            ),
            ("ipc", "the host's shared memory and IPC"),
        ] {
            let Some(node) = service.node.get(key) else {
                continue;
            };
            if context.resolved(node).as_deref() == Some("host") {
                sink.report(
                    node.span,
                    format!(
                        "`{key}: host` gives `{}` {what}; remove it unless it is really needed",
                        service.name
                    ),
                );
            }
        }
    }
}
