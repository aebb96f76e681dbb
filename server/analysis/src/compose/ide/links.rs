//! Links to the files a Compose file names: build contexts and Dockerfiles, `env_file`
//! entries, bind-mount sources, secret and config files, `extends.file` and `include`. Paths
//! are relative to the Compose file's directory; the caller resolves them and keeps only those
//! inside the workspace.

use crate::compose::Compose;
use crate::compose::model::ShortVolume;
use crate::compose::yaml::{Node, Value};
use crate::ide::{Link, LinkTarget};

pub fn links(file: &Compose) -> Vec<Link> {
    let mut out = Vec::new();
    let Some(root) = &file.yaml().root else {
        return out;
    };
    let text = file.text();
    for service in root.get("services").and_then(|s| s.as_map()).unwrap_or(&[]) {
        let service = &service.value;
        if let Some(build) = service.get("build") {
            build_links(text, build, &mut out);
        }
        if let Some(env_file) = service.get("env_file") {
            for item in scalars_or_paths(env_file) {
                push(text, item, "env file", &mut out);
            }
        }
        for volume in service
            .get("volumes")
            .and_then(|v| v.as_seq())
            .unwrap_or(&[])
        {
            bind_source(text, volume, &mut out);
        }
        if let Some(file_node) = service.get("extends").and_then(|e| e.get("file")) {
            push(text, file_node, "extended Compose file", &mut out);
        }
    }
    for section in ["secrets", "configs"] {
        for entry in root.get(section).and_then(|s| s.as_map()).unwrap_or(&[]) {
            if let Some(file_node) = entry.value.get("file") {
                push(text, file_node, "file", &mut out);
            }
        }
    }
    if let Some(include) = root.get("include") {
        for item in include.as_seq().unwrap_or(&[]) {
            match &item.value {
                Value::Scalar(_) => push(text, item, "included Compose file", &mut out),
                Value::Map(_) => {
                    for path in item.get("path").map(|p| scalars(p)).unwrap_or_default() {
                        push(text, path, "included Compose file", &mut out);
                    }
                    if let Some(env) = item.get("env_file") {
                        for path in scalars(env) {
                            push(text, path, "env file", &mut out);
                        }
                    }
                }
                Value::Seq(_) => {}
            }
        }
    }
    out.sort_by_key(|l| l.span);
    out.dedup_by_key(|l| l.span);
    out
}

fn build_links(text: &str, build: &Node, out: &mut Vec<Link>) {
    let context = match &build.value {
        Value::Scalar(_) => Some(build),
        Value::Map(_) => build.get("context").map(|c| &**c),
        Value::Seq(_) => None,
    };
    let context_text = context.and_then(|c| written(text, c));
    if let Some(context) = context {
        push(text, context, "build context", out);
    }
    let Some(dockerfile) = build.get("dockerfile") else {
        return;
    };
    let Some(name) = written(text, dockerfile) else {
        return;
    };
    if is_remote(context_text.unwrap_or(".")) || name.starts_with('/') {
        return;
    }
    let path = join(context_text.unwrap_or("."), name);
    out.push(Link {
        span: dockerfile.content_span(),
        target: LinkTarget::RelativePath(path),
        tooltip: Some("Dockerfile".to_string()),
    });
}

/// `context` then `name`, as Compose resolves the Dockerfile against the build context.
fn join(context: &str, name: &str) -> String {
    let context = context.trim_end_matches('/');
    if context.is_empty() || context == "." {
        name.to_string()
    } else {
        format!("{context}/{name}")
    }
}

fn bind_source(text: &str, volume: &Node, out: &mut Vec<Link>) {
    match &volume.value {
        Value::Scalar(_) => {
            let Some(raw) = written(text, volume) else {
                return;
            };
            let mount = ShortVolume::parse(raw);
            if let Some(source) = mount.source.filter(|_| mount.is_bind())
                && is_relative(source)
            {
                let start = volume.content_span().start;
                out.push(Link {
                    span: dockwise_syntax::Span::new(start, start + source.len()),
                    target: LinkTarget::RelativePath(source.to_string()),
                    tooltip: Some("bind-mount source".to_string()),
                });
            }
        }
        Value::Map(_) => {
            if volume.get("type").and_then(|t| t.as_str()) == Some("bind")
                && let Some(source) = volume.get("source")
            {
                push(text, source, "bind-mount source", out);
            }
        }
        Value::Seq(_) => {}
    }
}

fn scalars(node: &Node) -> Vec<&Node> {
    match &node.value {
        Value::Scalar(_) => vec![node],
        Value::Seq(items) => items.iter().map(|i| &**i).collect(),
        Value::Map(_) => Vec::new(),
    }
}

/// `env_file`: a path, a list of paths, or a list of `{path, required}`.
fn scalars_or_paths(node: &Node) -> Vec<&Node> {
    scalars(node)
        .into_iter()
        .filter_map(|item| match &item.value {
            Value::Map(_) => item.get("path").map(|p| &**p),
            _ => Some(item),
        })
        .collect()
}

/// The value exactly as written, when it is a plain path: no escapes, no interpolation.
fn written<'t>(text: &'t str, node: &Node) -> Option<&'t str> {
    let value = node.as_str()?;
    let raw = text.get(node.content_span().range())?;
    (raw == value && !raw.is_empty() && !raw.contains('$')).then_some(raw)
}

fn is_remote(path: &str) -> bool {
    path.contains("://") || path.starts_with("git@") || path.starts_with("github.com/")
}

fn is_relative(path: &str) -> bool {
    !(path.starts_with(['/', '~', '\\']) || path.get(1..2) == Some(":"))
}

fn push(text: &str, node: &Node, tooltip: &str, out: &mut Vec<Link>) {
    let Some(path) = written(text, node) else {
        return;
    };
    let target = if path.starts_with("https://") || path.starts_with("http://") {
        LinkTarget::Url(path.to_string())
    } else if is_remote(path) || !is_relative(path) {
        return;
    } else {
        LinkTarget::RelativePath(path.to_string())
    };
    out.push(Link {
        span: node.content_span(),
        target,
        tooltip: Some(tooltip.to_string()),
    });
}
