//! `build.target` must name a stage of the Dockerfile the service builds: otherwise the build
//! stops with "target stage could not be found".

use crate::compose::build::service_dockerfile;
use crate::compose::{ComposeRule, Context};
use crate::rule::Sink;
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-build-target-unknown",
    summary: "`build.target` names a stage that the service's Dockerfile does not define.",
    severity: Severity::Error,
    enabled: true,
    fixable: true,
    equivalents: &[],
    check,
};

fn check(context: &Context, sink: &mut Sink) {
    for service in context.services() {
        let Some(target) = service.node.get("build").and_then(|b| b.get("target")) else {
            continue;
        };
        let Some(name) = context.resolved(target) else {
            continue;
        };
        let Some(dockerfile) = service_dockerfile(context, &service.node) else {
            continue;
        };
        // BuildKit compares stage names case-insensitively.
        if dockerfile
            .stages
            .iter()
            .any(|stage| stage.eq_ignore_ascii_case(&name))
        {
            continue;
        }
        let suggestion =
            crate::compose::did_you_mean(&name, dockerfile.stages.iter().map(String::as_str));
        let known = if dockerfile.stages.is_empty() {
            "it has no named stage (`FROM ... AS <name>`)".to_string()
        } else {
            format!(
                "its stages are {}",
                dockerfile
                    .stages
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let diagnostic = sink.report(
            target.content_span(),
            format!(
                "service `{}` builds target `{name}`, but `{}` has no such stage: {known}{}",
                service.name,
                dockerfile.path,
                crate::compose::suggestion_suffix(suggestion)
            ),
        );
        if let Some(suggestion) = suggestion
            && context.slice(target.content_span()) == name
        {
            diagnostic.with_fix(Fix {
                title: format!("Build the stage `{suggestion}`"),
                // Which stage was meant is a guess: review it.
                safety: FixSafety::Unsafe,
                edits: vec![TextEdit {
                    span: target.content_span(),
                    new_text: suggestion.to_string(),
                }],
            });
        }
    }
}
