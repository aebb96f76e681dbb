//! The external base images of a file, with their references resolved.

use dockwise_syntax::Span;

use super::common::{is_stage_or_scratch, resolved_from, split_reference};
use crate::dockerfile::Context;

/// An external base image (not `scratch`, not an earlier stage) whose reference is known.
pub struct BaseImage {
    /// The reference after expanding global ARG defaults.
    pub reference: String,
    /// Whether the reference came through a variable.
    pub expanded: bool,
    /// The reference as written.
    pub span: Span,
    /// The tag as written, when it contains no variable.
    pub tag_span: Option<Span>,
}

impl BaseImage {
    pub fn tag(&self) -> Option<&str> {
        split_reference(&self.reference).1
    }
    pub fn digest(&self) -> Option<&str> {
        split_reference(&self.reference).2
    }
    pub fn name(&self) -> &str {
        split_reference(&self.reference).0
    }
    /// "`ubuntu`" or "`$BASE` (`ubuntu`)".
    pub fn describe(&self, cx: &Context) -> String {
        if self.expanded {
            format!(
                "`{}` (resolves to `{}`)",
                cx.slice(self.span),
                self.reference
            )
        } else {
            format!("`{}`", self.reference)
        }
    }
}

pub fn base_images(cx: &Context) -> Vec<BaseImage> {
    let mut images = Vec::new();
    for stage in &cx.file.stages {
        let Some(image) = &stage.image else { continue };
        let Some(resolved) = resolved_from(cx, stage) else {
            continue;
        };
        if !resolved.missing.is_empty() || resolved.value.is_empty() || resolved.value.contains('$')
        {
            continue;
        }
        if is_stage_or_scratch(cx, stage, &resolved.value) {
            continue;
        }
        let tag_span = image
            .tag
            .as_ref()
            .filter(|(tag, _)| !tag.contains('$'))
            .map(|(_, span)| *span);
        images.push(BaseImage {
            reference: resolved.value,
            expanded: resolved.expanded,
            span: image.span,
            tag_span,
        });
    }
    images
}
