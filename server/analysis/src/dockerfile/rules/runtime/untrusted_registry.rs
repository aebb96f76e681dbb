use super::common;
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, hadolint};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "untrusted-registry",
    summary: "A base image from a registry outside the trusted list (`trustedRegistries` in .hadolint.yaml; Docker Hub only when unset)",
    severity: Severity::Warning,
    enabled: false,
    fixable: false,
    equivalents: &[hadolint("DL3026")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    // Enabled without a list: only Docker Hub is trusted.
    let default = vec!["docker.io".to_string()];
    let trusted = cx.config.trusted_registries.as_ref().unwrap_or(&default);
    for stage in &cx.file.stages {
        let Some(image) = &stage.image else { continue };
        if image.raw.contains('$')
            || image.raw.eq_ignore_ascii_case("scratch")
            || common::parent(cx, stage).is_some()
        {
            continue;
        }
        let registry = image
            .registry
            .as_ref()
            .map_or("docker.io", |(name, _)| name.as_str());
        let allowed = trusted.iter().any(|entry| {
            let entry = entry.trim_end_matches('/');
            entry.eq_ignore_ascii_case(registry)
                || (registry == "docker.io"
                    && matches!(
                        entry,
                        "docker.io" | "index.docker.io" | "registry-1.docker.io" | "hub.docker.com"
                    ))
                || entry.strip_prefix("*.").is_some_and(|suffix| {
                    registry
                        .to_ascii_lowercase()
                        .ends_with(&format!(".{}", suffix.to_ascii_lowercase()))
                })
        });
        if !allowed {
            let span = image
                .registry
                .as_ref()
                .map_or(image.span, |(_, span)| *span);
            sink.report(span, format!("`{registry}` is not among the trusted registries ({}): pull the base image from one of them", trusted.join(", ")));
        }
    }
}
