use super::base::base_images;
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, checkov, hadolint, trivy};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "image-latest-tag",
    summary: "FROM uses the moving `:latest` tag instead of a version",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[hadolint("DL3007"), trivy("DS001"), checkov("CKV_DOCKER_7")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for image in base_images(cx) {
        if image.tag() == Some("latest") && image.digest().is_none() {
            let span = image.tag_span.unwrap_or(image.span);
            sink.report(
                span,
                format!(
                    "{} follows `:latest`, which moves whenever the publisher pushes: pin a version tag (`{}:<version>`)",
                    image.describe(cx),
                    image.name()
                ),
            );
        }
    }
}
