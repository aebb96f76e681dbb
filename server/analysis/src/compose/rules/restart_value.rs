//! `restart:` accepts no, always, on-failure[:N] and unless-stopped.

use crate::Severity;
use crate::compose::{ComposeRule, Context};
use crate::rule::Sink;

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-restart-value",
    summary: "`restart` must be `no`, `always`, `on-failure`, `on-failure:<retries>` or `unless-stopped`.",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

const POLICIES: &[&str] = &["no", "always", "on-failure", "unless-stopped"];

fn check(context: &Context, sink: &mut Sink) {
    for service in context.services() {
        let Some(node) = service.node.get("restart") else {
            continue;
        };
        let Some(value) = context.resolved(node) else {
            continue;
        };
        if node.as_str().is_none() {
            continue;
        }
        let valid = POLICIES.contains(&value.as_str())
            || value
                .strip_prefix("on-failure:")
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if !valid {
            let suggestion = crate::compose::did_you_mean(&value, POLICIES.iter().copied());
            sink.report(
                node.content_span(),
                format!(
                    "`{value}` is not a restart policy: use `no`, `always`, `on-failure[:retries]` or `unless-stopped`{}",
                    crate::compose::suggestion_suffix(suggestion)
                ),
            );
        }
    }
}
