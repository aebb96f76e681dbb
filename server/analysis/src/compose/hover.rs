//! Hovers on Compose files: every key gets its knowledge entry or a line from the catalogue
//! (type and allowed values); some values are explained as written (ports, volumes, restart
//! policies, depends_on conditions, network drivers); a reference shows its definition.

use std::fmt::Write;

use dockwise_syntax::Span;

use super::Context;
use super::model::{PortSpec, RefKind, ShortVolume};
use super::schema::{PathSegment, catalogue};
use super::yaml::{Node, Value};
use crate::Hover;

/// Where the cursor is: the path of keys down to it, and what it is on.
struct Found<'n> {
    path: Vec<String>,
    /// On a key (its span) or on a value.
    key: Option<Span>,
    node: &'n Node,
}

fn locate<'n>(node: &'n Node, offset: usize, path: &mut Vec<String>) -> Option<Found<'n>> {
    match &node.value {
        Value::Map(entries) => {
            for entry in entries.iter().filter(|e| !e.merged) {
                if entry.key.span.contains(offset)
                    && offset < entry.key.span.end.max(entry.key.span.start + 1)
                {
                    path.push(entry.key.text.clone());
                    return Some(Found {
                        path: path.clone(),
                        key: Some(entry.key.span),
                        node: &entry.value,
                    });
                }
                if entry.value.span.contains(offset) && !entry.value.span.is_empty() {
                    path.push(entry.key.text.clone());
                    return locate(&entry.value, offset, path).or_else(|| {
                        Some(Found {
                            path: path.clone(),
                            key: None,
                            node: &entry.value,
                        })
                    });
                }
            }
            None
        }
        Value::Seq(items) => {
            for item in items {
                if item.span.contains(offset) && !item.span.is_empty() {
                    path.push("[]".to_string());
                    return locate(item, offset, path).or_else(|| {
                        Some(Found {
                            path: path.clone(),
                            key: None,
                            node: item,
                        })
                    });
                }
            }
            None
        }
        Value::Scalar(_) => None,
    }
}

pub fn hover(context: &Context, offset: usize) -> Option<Hover> {
    let root = context.root()?;
    if let Some(alias) = context
        .compose
        .yaml()
        .aliases
        .iter()
        .find(|a| a.span.contains(offset))
    {
        let anchor = &context.compose.yaml().anchors[alias.anchor?];
        let line = context.line_start(anchor.span.start);
        let snippet = snippet(context, line, anchor.node.span.end);
        return Some(Hover {
            span: alias.span,
            markdown: format!(
                "YAML alias of the anchor `&{}`:\n\n```yaml\n{snippet}\n```",
                anchor.name
            ),
        });
    }
    let mut path = Vec::new();
    let found = locate(root, offset, &mut path)?;
    let keys: Vec<&str> = found
        .path
        .iter()
        .map(String::as_str)
        .filter(|s| *s != "[]")
        .collect();
    if let Some(span) = found.key {
        if let Some(hover) = reference_key_hover(context, &found.path, span) {
            return Some(hover);
        }
        let mut hover = key_hover(&keys, span)?;
        if let ["services", _, "build"] = keys.as_slice() {
            hover.markdown.push_str(&build_stages(context, found.node));
        }
        return Some(hover);
    }
    if let Some(hover) = value_hover(context, &found.path, found.node) {
        return Some(hover);
    }
    // Any other value: what its key is.
    key_hover(&keys, found.node.span).filter(|_| !keys.is_empty())
}

fn construct_path(keys: &[&str]) -> String {
    keys.join(".")
}

fn key_hover(keys: &[&str], span: Span) -> Option<Hover> {
    let last = *keys.last()?;
    if keys.len() == 1 && last.starts_with("x-") {
        let entry = dockwise_knowledge::for_construct("compose:key:x-*")
            .into_iter()
            .next();
        let mut markdown = format!(
            "**`{last}`**: an extension field; Compose ignores it, so it can hold YAML anchors to reuse"
        );
        if let Some(entry) = entry {
            let _ = write!(markdown, "\n\n{}", entry.short_markdown());
        }
        return Some(Hover { span, markdown });
    }
    let catalogue = catalogue();
    let shape = catalogue.at_path(keys.iter().map(|k| PathSegment::Key(k)));
    let line = shape.map(|id| catalogue.describe(id));
    let mut markdown = format!("**`{last}`**");
    if let Some(line) = &line {
        let _ = write!(markdown, ": {line}");
    }
    let entry = dockwise_knowledge::for_construct(&format!("compose:key:{}", construct_path(keys)))
        .into_iter()
        .next();
    if let Some(entry) = entry {
        let _ = write!(markdown, "\n\n{}", entry.short_markdown());
    } else if shape.is_none() {
        if last.starts_with("x-") {
            markdown.push_str(
                ": an extension field; Compose ignores it, so it can hold YAML anchors to reuse",
            );
        } else {
            return None;
        }
    }
    Some(Hover { span, markdown })
}

fn knowledge_section(construct: &str) -> String {
    dockwise_knowledge::for_construct(construct)
        .into_iter()
        .next()
        .map(|entry| format!("\n\n---\n\n{}", entry.short_markdown()))
        .unwrap_or_default()
}

fn value_hover(context: &Context, path: &[String], node: &Node) -> Option<Hover> {
    let keys: Vec<&str> = path.iter().map(String::as_str).collect();
    let text = context.resolved(node)?;
    let span = node.content_span();
    let key_path: Vec<&str> = keys.iter().copied().filter(|k| *k != "[]").collect();
    let joined = construct_path(&key_path);
    match keys.as_slice() {
        ["services", _, "ports", "[]"] => {
            let spec = PortSpec::parse_short(&text)?;
            Some(Hover {
                span,
                markdown: format!(
                    "{}{}",
                    describe_port(&spec),
                    knowledge_section("compose:key:services.*.ports")
                ),
            })
        }
        ["services", _, "volumes", "[]"] => {
            let mount = ShortVolume::parse(&text);
            let definition = mount
                .source
                .filter(|_| mount.is_named())
                .and_then(|name| definition_hover(context, RefKind::Volume, name, span))
                .filter(|_| {
                    let source = mount.source.unwrap_or("");
                    context
                        .model()
                        .definition(RefKind::Volume, source)
                        .is_some()
                })
                .map(|hover| format!("\n\n{}", hover.markdown))
                .unwrap_or_default();
            Some(Hover {
                span,
                markdown: format!(
                    "{}{definition}{}",
                    describe_volume(context, &mount),
                    knowledge_section("compose:key:services.*.volumes")
                ),
            })
        }
        [.., "restart"] if keys.len() == 3 || keys.first().is_some_and(|k| k.starts_with("x-")) => {
            let meaning = match text.split(':').next().unwrap_or("") {
                "no" => "never restart the container (the default)",
                "always" => {
                    "restart whenever it stops, and start it again when the Docker daemon starts"
                }
                "on-failure" => "restart only when it exits with a non-zero code",
                "unless-stopped" => "restart always, except after you stopped it yourself",
                _ => return None,
            };
            let construct = format!(
                "compose:value:{joined}={}",
                text.split(':').next().unwrap_or("")
            );
            Some(Hover {
                span,
                markdown: format!(
                    "**restart: `{text}`**: {meaning}.{}",
                    knowledge_section(&construct)
                ),
            })
        }
        ["services", _, "depends_on", _, "condition"] => {
            let meaning = match text.as_str() {
                "service_started" => "wait only until the dependency's container has started",
                "service_healthy" => "wait until the dependency's healthcheck reports healthy",
                "service_completed_successfully" => {
                    "wait until the dependency has run to completion with exit code 0"
                }
                _ => return None,
            };
            Some(Hover {
                span,
                markdown: format!(
                    "**condition: `{text}`**: {meaning}.{}",
                    knowledge_section(&format!("compose:value:{joined}={text}"))
                ),
            })
        }
        ["networks", _, "driver"] => {
            let meaning = match text.as_str() {
                "bridge" => {
                    "a private network on this host; containers on it reach each other by service name"
                }
                "overlay" => "a network spanning several Swarm nodes",
                "host" => "no network isolation: the container uses the host's network stack",
                "macvlan" => "containers get their own MAC address on the physical network",
                "ipvlan" => {
                    "containers get addresses on the physical network, sharing the host's MAC"
                }
                "none" => "no networking at all",
                _ => "a network driver plugin",
            };
            Some(Hover {
                span,
                markdown: format!(
                    "**driver: `{text}`**: {meaning}.{}",
                    knowledge_section(&format!("compose:value:{joined}={text}"))
                ),
            })
        }
        _ => reference_value_hover(context, &keys, node, &text, span).or_else(|| {
            let entry =
                dockwise_knowledge::for_construct(&format!("compose:value:{joined}={text}"))
                    .into_iter()
                    .next()?;
            Some(Hover {
                span,
                markdown: entry.short_markdown(),
            })
        }),
    }
}

/// The stages of the Dockerfile a service builds, when the caller read it.
fn build_stages(context: &Context, build: &Node) -> String {
    let service = context.services().iter().find(|s| {
        s.node
            .get("build")
            .is_some_and(|b| std::ptr::eq(&**b, build))
    });
    let Some(facts) = service.and_then(|s| super::build::service_dockerfile(context, &s.node))
    else {
        return String::new();
    };
    if facts.stages.is_empty() {
        return format!(
            "\n\n`{}` has no named stage: it builds its last `FROM`.",
            facts.path
        );
    }
    let stages = facts
        .stages
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ");
    format!("\n\nStages of `{}` (for `target:`): {stages}", facts.path)
}

/// A name under `depends_on`, `networks` (map form) of a service: show its definition.
fn reference_key_hover(context: &Context, path: &[String], span: Span) -> Option<Hover> {
    let keys: Vec<&str> = path.iter().map(String::as_str).collect();
    let (kind, name) = match keys.as_slice() {
        ["services", _, "depends_on", name] => (RefKind::Service, *name),
        ["services", _, "networks", name] => (RefKind::Network, *name),
        _ => return None,
    };
    definition_hover(context, kind, name, span)
}

fn reference_value_hover(
    context: &Context,
    keys: &[&str],
    _node: &Node,
    text: &str,
    span: Span,
) -> Option<Hover> {
    let model = context.model();
    let reference = model.references.iter().find(|r| {
        r.span.start >= span.start && r.span.end <= span.end && r.name == *text || r.span == span
    })?;
    let _ = keys;
    definition_hover(context, reference.kind, &reference.name, span)
}

fn definition_hover(context: &Context, kind: RefKind, name: &str, span: Span) -> Option<Hover> {
    let model = context.model();
    let Some(definition) = model.definition(kind, name) else {
        return Some(Hover {
            span,
            markdown: format!("{} `{name}`: not defined in this file", kind.noun()),
        });
    };
    let line = context.line_start(definition.span.start);
    let end = if definition.node.span.end > definition.span.end {
        definition.node.span.end
    } else {
        definition.span.end
    };
    let snippet = snippet(context, line, end);
    Some(Hover {
        span,
        markdown: format!(
            "{} `{name}`, defined under `{}:`\n\n```yaml\n{snippet}\n```",
            kind.noun(),
            kind.section()
        ),
    })
}

/// The lines from `start` to `end`, at most 12, without their common indentation.
fn snippet(context: &Context, start: usize, end: usize) -> String {
    let end = context.line_end_inclusive(end.saturating_sub(1).max(start));
    let text = context
        .text
        .get(start..end.min(context.text.len()))
        .unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<String> = lines
        .iter()
        .take(12)
        .map(|l| l.get(indent..).unwrap_or("").to_string())
        .collect();
    if lines.len() > 12 {
        out.push("# …".to_string());
    }
    out.join("\n")
}

fn describe_port(spec: &PortSpec) -> String {
    let range = |(a, b): (u32, u32)| {
        if a == b {
            format!("port {a}")
        } else {
            format!("ports {a}-{b}")
        }
    };
    let protocol = spec.protocol.to_ascii_uppercase();
    let address = match spec.host_ip.as_deref() {
        None | Some("0.0.0.0") | Some("::") => {
            "on every interface of the host (reachable from the network)".to_string()
        }
        Some("127.0.0.1") | Some("::1") => {
            "on the loopback interface only (reachable from this machine only)".to_string()
        }
        Some(ip) => format!("on the host address {ip}"),
    };
    match spec.published {
        Some(published) => format!(
            "**Published port**: host {} to container {} over {protocol}, {address}.",
            range(published),
            range(spec.target)
        ),
        None => format!(
            "**Published port**: container {} over {protocol} on a random free host port, {address} (see `docker compose port`).",
            range(spec.target)
        ),
    }
}

fn describe_volume(context: &Context, mount: &ShortVolume) -> String {
    let mode = match mount.mode {
        Some(mode) if mode.split(',').any(|m| m == "ro") => ", read-only",
        _ => "",
    };
    match mount.source {
        None => format!(
            "**Anonymous volume** at `{}`{mode}: Docker creates a new unnamed volume for it; it survives restarts but not `docker compose down -v`, and is hard to find again. Name it to keep the data.",
            mount.target
        ),
        Some(source) if mount.is_named() => {
            let declared = if context
                .model()
                .definition(RefKind::Volume, source)
                .is_some()
            {
                "declared under the top-level `volumes:`"
            } else {
                "not declared under the top-level `volumes:`"
            };
            format!(
                "**Named volume** `{source}` mounted at `{}`{mode} ({declared}). Docker manages its storage; the data outlives the container and is kept by `docker compose down` (removed only by `down -v`). Unlike a bind mount, it does not depend on a host path.",
                mount.target
            )
        }
        Some(source) => format!(
            "**Bind mount** of the host path `{source}` at `{}`{mode}. The container sees the host's files live, with the host's ownership and permissions; relative paths are resolved from the Compose file's directory. Unlike a named volume, Docker does not manage it.",
            mount.target
        ),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::Surroundings;
    use crate::compose::{Compose, Context};

    fn hover_at(text: &str, needle: &str, surroundings: &Surroundings) -> String {
        let compose = Compose::new(Arc::from(text));
        let context = Context::new(&compose, surroundings);
        let offset = text.find(needle).expect("needle") + 1;
        super::hover(&context, offset).expect("a hover").markdown
    }

    #[test]
    fn build_lists_the_stages_of_its_dockerfile() {
        let text = "services:\n  api:\n    build:\n      context: ./api\n";
        let mut surroundings = Surroundings::default();
        surroundings.dockerfiles.insert(
            "api/Dockerfile".to_string(),
            Arc::from("FROM golang:1.23 AS build\nFROM alpine:3.20 AS runtime\n"),
        );
        let markdown = hover_at(text, "build:", &surroundings);
        assert!(
            markdown.contains("Stages of `api/Dockerfile` (for `target:`): `build`, `runtime`"),
            "{markdown}"
        );
        // Without the Dockerfile: the key's explanation only.
        let markdown = hover_at(text, "build:", &Surroundings::default());
        assert!(!markdown.contains("Stages"));
    }

    #[test]
    fn references_show_their_definition() {
        let text = "services:\n  web:\n    volumes:\n      - data:/srv\n    depends_on: [db]\n    networks:\n      - front\n  db:\n    image: postgres:16\nvolumes:\n  data:\n    driver: local\nnetworks:\n  front: {}\n";
        let surroundings = Surroundings::default();
        let volume = hover_at(text, "data:/srv", &surroundings);
        assert!(
            volume.contains("Named volume") && volume.contains("driver: local"),
            "{volume}"
        );
        let service = hover_at(text, "[db]", &surroundings);
        assert!(service.contains("image: postgres:16"), "{service}");
        let network = hover_at(text, " front\n", &surroundings);
        assert!(network.contains("front: {}"), "{network}");
    }
}
