//! Document links: base images (and the `# syntax=` frontend) to their registry pages, COPY/ADD
//! sources to the files they name, `ADD https://...` to its URL, and `.` (the whole build
//! context) to the `.dockerignore` that filters it.
//!
//! Paths are relative to the Dockerfile's directory, the usual build context; the caller keeps
//! only those that exist inside the workspace. Sources with variables or wildcards, remote
//! sources other than plain URLs, and copies from stages or images are not linked.

use dockwise_syntax::{Arguments, ImageRef, Instruction, InstructionKind, Parse, Span};

use crate::dockerfile::stages::Stages;
use crate::ide::{Link, LinkTarget};

pub fn links(parse: &Parse) -> Vec<Link> {
    let file = parse.dockerfile();
    let mut links = Vec::new();
    if let Some(syntax) = file.directives.iter().find(|d| d.name == "syntax")
        && let Some(url) = registry_page_of(&syntax.value)
    {
        links.push(Link {
            span: syntax.value_span,
            target: LinkTarget::Url(url),
            tooltip: Some("the Dockerfile frontend image".to_string()),
        });
    }
    let stages = Stages::build(file);
    for stage in &file.stages {
        let Some(image) = stage.image.as_ref().filter(|image| {
            stages
                .named(&image.raw)
                .is_none_or(|named| named >= stage.index)
        }) else {
            continue;
        };
        if let Some(url) = registry_page(image) {
            // The name only: a variable in the tag stays reachable for go to definition.
            let start = image
                .registry
                .as_ref()
                .map_or(image.path.1, |(_, span)| *span);
            links.push(Link {
                span: start.cover(image.path.1),
                target: LinkTarget::Url(url),
                tooltip: Some(format!("`{}` on its registry", image.path.0)),
            });
        }
    }
    for instruction in &file.instructions {
        sources(instruction, &mut links);
    }
    links.sort_by_key(|link| link.span);
    links
}

/// Links for the sources of a COPY or ADD from the build context.
fn sources(instruction: &Instruction, links: &mut Vec<Link>) {
    if !matches!(
        instruction.kind,
        InstructionKind::Copy | InstructionKind::Add
    ) || instruction.flags.iter().any(|flag| flag.name == "from")
    {
        return;
    }
    let sources: Vec<(Span, &str)> = match &instruction.args {
        Arguments::Words(words) => words
            .iter()
            .filter(|word| word.raw == word.value)
            .map(|word| (word.span, word.value.as_str()))
            .collect(),
        Arguments::Exec(exec) => exec
            .elements
            .iter()
            .map(|element| {
                // The string without its quotes, when it needed no escapes.
                let inner = Span::new(element.span.start + 1, element.span.end.saturating_sub(1));
                (inner, element.value.as_str())
            })
            .filter(|(span, value)| span.len() == value.len())
            .collect(),
        _ => return,
    };
    // The last word is the destination.
    let Some((_, sources)) = sources.split_last() else {
        return;
    };
    for &(span, source) in sources {
        if let Some(link) = source_link(instruction.kind, span, source) {
            links.push(link);
        }
    }
}

fn source_link(kind: InstructionKind, span: Span, source: &str) -> Option<Link> {
    if source.starts_with("<<") || source.contains('$') {
        return None;
    }
    if source.starts_with("https://") || source.starts_with("http://") {
        return (kind == InstructionKind::Add && !source.contains(char::is_whitespace)).then(
            || Link {
                span,
                target: LinkTarget::Url(source.to_string()),
                tooltip: None,
            },
        );
    }
    if source.contains("://") || source.starts_with("git@") || source.contains(['*', '?', '[']) {
        return None;
    }
    if matches!(source, "." | "./") {
        return Some(Link {
            span,
            target: LinkTarget::RelativePath(".dockerignore".to_string()),
            tooltip: Some(
                "the .dockerignore decides what of the build context `.` copies".to_string(),
            ),
        });
    }
    // A leading `/` still means the root of the build context.
    let relative = source.trim_start_matches('/');
    let relative = relative.strip_prefix("./").unwrap_or(relative);
    (!relative.is_empty()).then(|| Link {
        span,
        target: LinkTarget::RelativePath(relative.to_string()),
        tooltip: None,
    })
}

/// The web page of an image on its registry, for the registries whose page addresses follow
/// from the image name (variables make a name invalid, so they get none).
pub fn registry_page(image: &ImageRef) -> Option<String> {
    page(
        image.registry.as_ref().map(|(host, _)| host.as_str()),
        &image.path.0,
    )
}

/// The same for an image reference given as text (the `# syntax=` value).
fn registry_page_of(reference: &str) -> Option<String> {
    let name = reference.split(['@', ' ']).next()?;
    // A tag follows the last `:` after the last `/`.
    let name = match (name.rfind(':'), name.rfind('/')) {
        (Some(colon), slash) if slash.is_none_or(|slash| colon > slash) => &name[..colon],
        _ => name,
    };
    let (registry, path) = match name.split_once('/') {
        Some((first, rest)) if first.contains(['.', ':']) || first == "localhost" => {
            (Some(first), rest)
        }
        _ => (None, name),
    };
    page(registry, path)
}

fn page(registry: Option<&str>, path: &str) -> Option<String> {
    let valid = !path.is_empty()
        && path.split('/').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
        });
    if !valid {
        return None;
    }
    let parts: Vec<&str> = path.split('/').collect();
    match registry.map(str::to_ascii_lowercase).as_deref() {
        None | Some("docker.io" | "index.docker.io" | "registry-1.docker.io") => match parts[..] {
            ["scratch"] => None,
            ["library", name] | [name] => Some(format!("https://hub.docker.com/_/{name}")),
            [owner, name] => Some(format!("https://hub.docker.com/r/{owner}/{name}")),
            _ => None,
        },
        // The registry sends browsers to the package's page on GitHub.
        Some("ghcr.io") if parts.len() >= 2 => Some(format!("https://ghcr.io/{path}")),
        Some("quay.io") if parts.len() == 2 => Some(format!("https://quay.io/repository/{path}")),
        Some("mcr.microsoft.com") => Some(format!(
            "https://mcr.microsoft.com/en-us/artifact/mar/{path}"
        )),
        Some("public.ecr.aws") if parts.len() >= 2 => {
            Some(format!("https://gallery.ecr.aws/{path}"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dockerfile::ide::test_support::{MULTI_STAGE, parse};

    fn render(text: &str) -> String {
        links(&parse(text))
            .iter()
            .map(|link| {
                let target = match &link.target {
                    LinkTarget::Url(url) => url.clone(),
                    LinkTarget::RelativePath(path) => format!("./{path}"),
                };
                format!("{} -> {target}", &text[link.span.range()])
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn images_sources_and_the_dockerignore() {
        insta::assert_snapshot!(render(MULTI_STAGE));
    }

    #[test]
    fn registries() {
        insta::assert_snapshot!(render(
            "FROM docker.io/library/node:22\nFROM bitnami/redis:7\nFROM ghcr.io/owner/tool:1\nFROM quay.io/keycloak/keycloak\nFROM mcr.microsoft.com/dotnet/sdk:8.0\nFROM public.ecr.aws/docker/library/node:22\nFROM registry.example.com/team/app\nFROM scratch\nFROM $BASE\nFROM a/b/c\nFROM localhost:5000/app\n"
        ));
    }

    #[test]
    fn which_sources_are_links() {
        insta::assert_snapshot!(render(
            "FROM alpine AS build\nCOPY src/ /app/src\nCOPY ./a.txt /b.txt /dest/\nCOPY [\"with space.txt\", \"/x\"]\nCOPY *.json $DIR/x /y/\nADD https://example.com/a.tar.gz git@github.com:o/r.git /z/\nCOPY --from=build /out /out\nCOPY <<EOF /f\nx\nEOF\nCOPY /abs ./\nCOPY . .\n"
        ));
    }
}
