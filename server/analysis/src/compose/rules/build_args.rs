//! `build.args` entries the Dockerfile never declares with ARG: BuildKit ignores them without a
//! word, so the value the file sets never reaches the build.

use dockwise_syntax::Span;

use crate::Severity;
use crate::compose::build::service_dockerfile;
use crate::compose::model::sub_span;
use crate::compose::yaml::Value;
use crate::compose::{ComposeRule, Context};
use crate::dockerfile::scope::PROXY_ARGS;
use crate::rule::Sink;

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-build-arg-undeclared",
    summary: "A `build.args` entry names an ARG the service's Dockerfile never declares, so the build ignores it.",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

/// Build arguments the builder knows without an ARG.
fn predefined(name: &str) -> bool {
    PROXY_ARGS.contains(&name) || name.starts_with("BUILDKIT_") || name == "SOURCE_DATE_EPOCH"
}

fn check(context: &Context, sink: &mut Sink) {
    for service in context.services() {
        let Some(args) = service.node.get("build").and_then(|b| b.get("args")) else {
            continue;
        };
        let Some(dockerfile) = service_dockerfile(context, &service.node) else {
            continue;
        };
        let mut passed: Vec<(String, Span)> = Vec::new();
        match &args.value {
            Value::Map(entries) => {
                passed.extend(entries.iter().map(|e| (e.key.text.clone(), e.key.span)));
            }
            Value::Seq(items) => {
                for item in items {
                    let Some(text) = item.as_str() else { continue };
                    let name = text.split('=').next().unwrap_or(text).trim();
                    passed.push((
                        name.to_string(),
                        sub_span(item, context.text, 0, name.len()),
                    ));
                }
            }
            Value::Scalar(_) => {}
        }
        for (name, span) in passed {
            if name.is_empty() || predefined(&name) || dockerfile.args.contains(&name) {
                continue;
            }
            let suggestion =
                crate::compose::did_you_mean(&name, dockerfile.args.iter().map(String::as_str));
            sink.report(
                span,
                format!(
                    "build argument `{name}` of service `{}` is not declared by any ARG in `{}`: the build ignores it{}",
                    service.name,
                    dockerfile.path,
                    crate::compose::suggestion_suffix(suggestion)
                ),
            );
        }
    }
}
