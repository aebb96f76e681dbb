//! A fixed `container_name` on a service that runs several replicas.

use crate::Severity;
use crate::compose::{ComposeRule, Context};
use crate::rule::Sink;

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-container-name-scaled",
    summary: "`container_name` with `scale` or `deploy.replicas` above 1: container names are unique, so the replicas cannot start.",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(context: &Context, sink: &mut Sink) {
    for service in context.services() {
        let Some(name) = service.node.entry("container_name") else {
            continue;
        };
        let replicas = service
            .node
            .get("scale")
            .or_else(|| service.node.get("deploy").and_then(|d| d.get("replicas")))
            .and_then(|n| context.resolved(n))
            .and_then(|v| v.parse::<i64>().ok());
        if let Some(replicas) = replicas.filter(|r| *r > 1) {
            sink.report(
                name.key.span,
                format!(
                    "service `{}` runs {replicas} replicas but `container_name` gives every one the same name; remove `container_name`",
                    service.name
                ),
            );
        }
    }
}
