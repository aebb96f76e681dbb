//! `image:` without a tag, or with `:latest`.

use crate::Severity;
use crate::compose::{ComposeRule, Context};
use crate::rule::Sink;

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-image-latest",
    summary: "An image without a tag or with `:latest` changes under you; pin a version (skipped when the service has `build:`).",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

/// The tag of an image reference (`None` when there is none), ignoring a registry port.
pub(crate) fn image_tag(image: &str) -> Option<&str> {
    let without_digest = image.split('@').next().unwrap_or(image);
    let last = without_digest.rsplit('/').next().unwrap_or(without_digest);
    last.split_once(':').map(|(_, tag)| tag)
}

fn check(context: &Context, sink: &mut Sink) {
    for service in context.services() {
        if service.node.get("build").is_some() {
            continue;
        }
        let Some(node) = service.node.get("image") else {
            continue;
        };
        let Some(image) = context.resolved(node) else {
            continue;
        };
        if image.is_empty() || image.contains('@') {
            continue;
        }
        match image_tag(&image) {
            None => {
                sink.report(
                    node.content_span(),
                    format!("`{image}` has no tag, so it means `{image}:latest`, which changes under you; pin a version such as `{image}:<version>`"),
                );
            }
            Some("latest") => {
                sink.report(
                    node.content_span(),
                    format!("`{image}` follows `latest`, which changes under you; pin a version"),
                );
            }
            Some(_) => {}
        }
    }
}
