//! `condition: service_healthy` on a service with no healthcheck dockwise can see.

use crate::compose::rules::{append_to_service, healthcheck_stub};
use crate::compose::{ComposeRule, Context, service_image};
use crate::rule::Sink;
use crate::{Fix, FixSafety, Severity};

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-healthy-without-healthcheck",
    summary: "`condition: service_healthy` waits on a service with no healthcheck: the dependant never starts unless the image defines one.",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[],
    check,
};

/// Whether a service declares an enabled healthcheck.
pub(crate) fn has_healthcheck(context: &Context, service: &crate::compose::yaml::Node) -> bool {
    match service.get("healthcheck") {
        Some(check) => {
            let disabled = check
                .get("disable")
                .is_some_and(|d| crate::compose::rules::is_true(context, d));
            let none = check
                .get("test")
                .and_then(|t| {
                    t.as_seq()
                        .and_then(|s| s.first())
                        .and_then(|f| f.as_str())
                        .or_else(|| t.as_str())
                })
                .is_some_and(|first| first == "NONE");
            !disabled && !none
        }
        None => false,
    }
}

fn check(context: &Context, sink: &mut Sink) {
    let model = context.model();
    for service in context.services() {
        let Some(deps) = service.node.get("depends_on").and_then(|d| d.as_map()) else {
            continue;
        };
        for dep in deps {
            let Some(condition) = dep.value.get("condition") else {
                continue;
            };
            if condition.as_str() != Some("service_healthy") {
                continue;
            }
            let Some(target) = model.service(&dep.key.text) else {
                continue;
            };
            if has_healthcheck(context, &target.node) {
                continue;
            }
            let diagnostic = sink.report(
                condition.content_span(),
                format!(
                    "`{}` waits for `{}` to be healthy, but `{}` has no healthcheck here and dockwise cannot see a HEALTHCHECK in the image; add one to `{}`",
                    service.name, target.name, target.name, target.name
                ),
            );
            if target.node.get("healthcheck").is_none() {
                let image = service_image(context, &target.node);
                if let Some(edit) =
                    append_to_service(context, target, &healthcheck_stub(image.as_deref()))
                {
                    diagnostic.with_fix(Fix {
                        title: format!("Add a healthcheck to `{}`", target.name),
                        safety: FixSafety::Unsafe,
                        edits: vec![edit],
                    });
                }
            }
        }
    }
}
