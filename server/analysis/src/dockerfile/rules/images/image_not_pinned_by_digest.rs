use super::base::base_images;
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

pub const RULE: DockerfileRule = DockerfileRule {
    name: "image-not-pinned-by-digest",
    summary: "FROM pins a tag but no `@sha256:` digest, so the base can change under the same tag",
    severity: Severity::Hint,
    enabled: false,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for image in base_images(cx) {
        if image.digest().is_none() {
            sink.report(
                image.span,
                format!(
                    "{} is not pinned by digest: write `{}@sha256:<digest>` for reproducible builds and let a bot bump it",
                    image.describe(cx),
                    image.reference
                ),
            );
        }
    }
}
