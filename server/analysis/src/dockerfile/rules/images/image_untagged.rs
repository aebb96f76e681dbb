use super::base::base_images;
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, checkov, hadolint, trivy};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "image-untagged",
    summary: "FROM names an image without a tag, which silently means `:latest`",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[hadolint("DL3006"), trivy("DS001"), checkov("CKV_DOCKER_7")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for image in base_images(cx) {
        if image.tag().is_none() && image.digest().is_none() {
            sink.report(
                image.span,
                format!(
                    "{} has no tag, so it means `:latest` and changes whenever the publisher pushes: pin a version tag (`{}:<version>`)",
                    image.describe(cx),
                    image.name()
                ),
            );
        }
    }
}
