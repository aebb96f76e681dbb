use super::common::{is_stage_or_scratch, resolved_from, split_reference};
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, buildkit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "from-arg-without-default",
    summary: "FROM uses a global ARG without a default, so a build without --build-arg gets an invalid image name",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[buildkit("InvalidDefaultArgInFrom")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for stage in &cx.file.stages {
        let Some(image) = &stage.image else { continue };
        let Some(resolved) = resolved_from(cx, stage) else {
            continue;
        };
        if resolved.missing.is_empty()
            || is_valid_reference(&resolved.value)
            || is_stage_or_scratch(cx, stage, &resolved.value)
        {
            continue;
        }
        let names = resolved
            .missing
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let shown = if resolved.value.is_empty() {
            "an empty name".to_string()
        } else {
            format!("`{}`", resolved.value)
        };
        sink.report(
            image.span,
            format!(
                "without `--build-arg`, {names} {} empty and this FROM becomes {shown}: give the ARG a default (`ARG {}=<value>`)",
                if resolved.missing.len() == 1 { "is" } else { "are" },
                resolved.missing[0]
            ),
        );
    }
}

/// Docker's reference grammar, loosely: a non-empty name of `/`-separated components, an
/// optional tag of word characters, dots and dashes, an optional `algorithm:hex` digest.
fn is_valid_reference(reference: &str) -> bool {
    let (name, tag, digest) = split_reference(reference);
    if name.is_empty() || name.split('/').any(str::is_empty) {
        return false;
    }
    let path = name
        .split('/')
        .skip(usize::from(name.contains('/') && looks_like_host(name)))
        .collect::<Vec<_>>();
    let component_ok = |component: &str| {
        component
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
            && component.starts_with(|c: char| c.is_ascii_alphanumeric())
            && component.ends_with(|c: char| c.is_ascii_alphanumeric())
    };
    if !path.iter().all(|component| component_ok(component)) {
        return false;
    }
    if let Some(tag) = tag {
        let ok = !tag.is_empty()
            && tag.len() <= 128
            && tag.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            && tag
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
        if !ok {
            return false;
        }
    }
    if let Some(digest) = digest {
        let Some((algorithm, hex)) = digest.split_once(':') else {
            return false;
        };
        if algorithm.is_empty() || hex.len() < 32 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return false;
        }
    }
    true
}

fn looks_like_host(name: &str) -> bool {
    let first = name.split('/').next().unwrap_or("");
    first.contains('.') || first.contains(':') || first == "localhost"
}

#[cfg(test)]
mod tests {
    use super::is_valid_reference;

    #[test]
    fn references() {
        for good in [
            "alpine",
            "alpine:3.20",
            "ghcr.io/a/b:1",
            "localhost:5000/x",
            "python:3.12-slim",
        ] {
            assert!(is_valid_reference(good), "{good}");
        }
        for bad in ["", "alpine:", "node:-alpine", "/x", "a//b", "Alpine", "x@"] {
            assert!(!is_valid_reference(bad), "{bad}");
        }
    }
}
