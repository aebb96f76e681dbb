//! The Compose view of the YAML tree: services and top-level resources with the spans of their
//! names, every reference from a service to a name (for diagnostics now, navigation later), and
//! the short syntaxes of ports and volumes.

use std::collections::HashMap;
use std::sync::Arc;

use dockwise_syntax::Span;

use super::interpolate::{self, Env};
use super::yaml::{Node, Value, Yaml};

/// A named definition: a service, or a top-level volume, network, secret or config.
#[derive(Clone, Debug)]
pub struct Named {
    pub name: String,
    /// The name as written (the mapping key).
    pub span: Span,
    pub node: Arc<Node>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefKind {
    Service,
    Volume,
    Network,
    Secret,
    Config,
}

impl RefKind {
    pub fn section(self) -> &'static str {
        match self {
            RefKind::Service => "services",
            RefKind::Volume => "volumes",
            RefKind::Network => "networks",
            RefKind::Secret => "secrets",
            RefKind::Config => "configs",
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            RefKind::Service => "service",
            RefKind::Volume => "volume",
            RefKind::Network => "network",
            RefKind::Secret => "secret",
            RefKind::Config => "config",
        }
    }
}

/// A use of a name inside a service.
#[derive(Clone, Debug)]
pub struct Reference {
    pub kind: RefKind,
    pub name: String,
    /// Exactly the name inside the value or key that holds it.
    pub span: Span,
    /// Index of the service that holds the reference.
    pub service: usize,
    /// The key it sits under (`depends_on`, `links`, `volumes`...).
    pub via: &'static str,
}

#[derive(Debug, Default)]
pub struct Model {
    pub services: Vec<Named>,
    pub volumes: Vec<Named>,
    pub networks: Vec<Named>,
    pub secrets: Vec<Named>,
    pub configs: Vec<Named>,
    pub references: Vec<Reference>,
    /// Each kind's definitions by name (the first of a repeated name), so that a file with
    /// hundreds of services resolves its references without a scan each.
    index: HashMap<RefKind, HashMap<String, usize>>,
}

impl Model {
    pub fn build(yaml: &Yaml, text: &str, env: &Env) -> Model {
        let mut model = Model::default();
        let Some(root) = &yaml.root else { return model };
        let named = |section: &str| -> Vec<Named> {
            root.get(section)
                .and_then(|node| node.as_map())
                .map(|entries| {
                    entries
                        .iter()
                        .map(|e| Named {
                            name: e.key.text.clone(),
                            span: e.key.span,
                            node: e.value.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        model.services = named("services");
        model.volumes = named("volumes");
        model.networks = named("networks");
        model.secrets = named("secrets");
        model.configs = named("configs");
        for kind in [
            RefKind::Service,
            RefKind::Volume,
            RefKind::Network,
            RefKind::Secret,
            RefKind::Config,
        ] {
            let mut names = HashMap::new();
            for (index, named) in model.definitions(kind).iter().enumerate() {
                names.entry(named.name.clone()).or_insert(index);
            }
            model.index.insert(kind, names);
        }
        for (index, service) in model.services.iter().enumerate() {
            collect_references(index, &service.node, text, env, &mut model.references);
        }
        model
    }

    pub fn definitions(&self, kind: RefKind) -> &[Named] {
        match kind {
            RefKind::Service => &self.services,
            RefKind::Volume => &self.volumes,
            RefKind::Network => &self.networks,
            RefKind::Secret => &self.secrets,
            RefKind::Config => &self.configs,
        }
    }

    pub fn definition(&self, kind: RefKind, name: &str) -> Option<&Named> {
        let index = *self.index.get(&kind)?.get(name)?;
        self.definitions(kind).get(index)
    }

    pub fn service(&self, name: &str) -> Option<&Named> {
        self.definition(RefKind::Service, name)
    }
}

/// The span of `part` inside a scalar node's text, when it can be found exactly.
pub fn sub_span(node: &Node, text: &str, offset_in_value: usize, len: usize) -> Span {
    let content = node.content_span();
    let raw = text.get(content.range()).unwrap_or("");
    match node.as_str() {
        Some(value) if raw == value => Span::new(
            content.start + offset_in_value,
            content.start + offset_in_value + len,
        ),
        _ => content,
    }
}

fn push(
    out: &mut Vec<Reference>,
    kind: RefKind,
    name: &str,
    span: Span,
    service: usize,
    via: &'static str,
) {
    if name.is_empty() || interpolate::has_interpolation(name) {
        return;
    }
    out.push(Reference {
        kind,
        name: name.to_string(),
        span,
        service,
        via,
    });
}

/// Names given as a list (`[db, cache]`) or as the keys of a map (`db: {condition: ...}`), the
/// two shapes of `depends_on` and of a service's `networks`.
fn push_names(
    out: &mut Vec<Reference>,
    kind: RefKind,
    value: &Node,
    service: usize,
    via: &'static str,
) {
    match &value.value {
        Value::Seq(items) => {
            for item in items {
                if let Some(name) = item.as_str() {
                    push(out, kind, name, item.content_span(), service, via);
                }
            }
        }
        Value::Map(entries) => {
            for entry in entries {
                push(out, kind, &entry.key.text, entry.key.span, service, via);
            }
        }
        Value::Scalar(_) => {}
    }
}

fn collect_references(
    service: usize,
    node: &Node,
    text: &str,
    env: &Env,
    out: &mut Vec<Reference>,
) {
    let Some(entries) = node.as_map() else { return };
    for entry in entries {
        let value = &entry.value;
        match entry.key.text.as_str() {
            "depends_on" => push_names(out, RefKind::Service, value, service, "depends_on"),
            "links" => {
                for item in value.as_seq().unwrap_or(&[]) {
                    if let Some(link) = item.as_str() {
                        let name = link.split(':').next().unwrap_or(link);
                        push(
                            out,
                            RefKind::Service,
                            name,
                            sub_span(item, text, 0, name.len()),
                            service,
                            "links",
                        );
                    }
                }
            }
            "extends" => {
                let target = match &value.value {
                    Value::Scalar(_) => Some(value.clone()),
                    Value::Map(_) if value.get("file").is_none() => value.get("service").cloned(),
                    _ => None,
                };
                if let Some(target) = target
                    && let Some(name) = target.as_str()
                {
                    push(
                        out,
                        RefKind::Service,
                        name,
                        target.content_span(),
                        service,
                        "extends",
                    );
                }
            }
            "network_mode" | "ipc" | "pid" => {
                if let Some(mode) = value.as_str()
                    && let Some(name) = mode.strip_prefix("service:")
                {
                    push(
                        out,
                        RefKind::Service,
                        name,
                        sub_span(value, text, 8, name.len()),
                        service,
                        "network_mode",
                    );
                }
            }
            "volumes_from" => {
                for item in value.as_seq().unwrap_or(&[]) {
                    if let Some(source) = item.as_str() {
                        if source.starts_with("container:") {
                            continue;
                        }
                        let name = source.split(':').next().unwrap_or(source);
                        push(
                            out,
                            RefKind::Service,
                            name,
                            sub_span(item, text, 0, name.len()),
                            service,
                            "volumes_from",
                        );
                    }
                }
            }
            "volumes" => {
                for item in value.as_seq().unwrap_or(&[]) {
                    match &item.value {
                        Value::Scalar(_) => {
                            let Some(raw) = item.as_str() else { continue };
                            let Some(resolved) = interpolate::substitute(raw, env) else {
                                continue;
                            };
                            let mount = ShortVolume::parse(&resolved);
                            if let Some(source) = mount.source.filter(|_| mount.is_named()) {
                                let span = if resolved == raw {
                                    sub_span(item, text, 0, source.len())
                                } else {
                                    item.content_span()
                                };
                                push(out, RefKind::Volume, source, span, service, "volumes");
                            }
                        }
                        Value::Map(_) => {
                            let kind = item.get("type").and_then(|t| t.as_str());
                            if kind == Some("volume")
                                && let Some(source) = item.get("source")
                                && let Some(name) = source.as_str()
                            {
                                push(
                                    out,
                                    RefKind::Volume,
                                    name,
                                    source.content_span(),
                                    service,
                                    "volumes",
                                );
                            }
                        }
                        Value::Seq(_) => {}
                    }
                }
            }
            "networks" => push_names(out, RefKind::Network, value, service, "networks"),
            key @ ("secrets" | "configs") => {
                let kind = if key == "secrets" {
                    RefKind::Secret
                } else {
                    RefKind::Config
                };
                let via = if key == "secrets" {
                    "secrets"
                } else {
                    "configs"
                };
                for item in value.as_seq().unwrap_or(&[]) {
                    let target = match &item.value {
                        Value::Scalar(_) => Some(item.clone()),
                        Value::Map(_) => item.get("source").cloned(),
                        Value::Seq(_) => None,
                    };
                    if let Some(target) = target
                        && let Some(name) = target.as_str()
                    {
                        push(out, kind, name, target.content_span(), service, via);
                    }
                }
            }
            _ => {}
        }
    }
}

/// A volume in short syntax: `[SOURCE:]TARGET[:MODE]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShortVolume<'a> {
    pub source: Option<&'a str>,
    pub target: &'a str,
    pub mode: Option<&'a str>,
}

impl<'a> ShortVolume<'a> {
    pub fn parse(text: &'a str) -> ShortVolume<'a> {
        // A Windows drive (`C:\data`) keeps its colon.
        let drive = text.len() > 2
            && text.as_bytes()[1] == b':'
            && text.as_bytes()[0].is_ascii_alphabetic()
            && matches!(text.as_bytes()[2], b'\\' | b'/');
        let split_from = if drive { 2 } else { 0 };
        let Some(first) = text[split_from..].find(':').map(|i| i + split_from) else {
            return ShortVolume {
                source: None,
                target: text,
                mode: None,
            };
        };
        let source = &text[..first];
        let rest = &text[first + 1..];
        let rest_drive = rest.len() > 2
            && rest.as_bytes()[1] == b':'
            && rest.as_bytes()[0].is_ascii_alphabetic();
        let (target, mode) = match rest[if rest_drive { 2 } else { 0 }..].find(':') {
            Some(i) => {
                let i = i + if rest_drive { 2 } else { 0 };
                (&rest[..i], Some(&rest[i + 1..]))
            }
            None => (rest, None),
        };
        ShortVolume {
            source: Some(source),
            target,
            mode,
        }
    }

    /// The source is a volume name rather than a host path.
    pub fn is_named(&self) -> bool {
        match self.source {
            Some(source) => {
                !(source.starts_with(['.', '/', '~', '\\', '$'])
                    || source.len() > 1 && source.as_bytes()[1] == b':'
                    || source.contains('/'))
            }
            None => false,
        }
    }

    pub fn is_bind(&self) -> bool {
        self.source.is_some() && !self.is_named()
    }
}

/// A port in short syntax: `[HOST_IP:][HOST_PORT[-END]:]CONTAINER_PORT[-END][/PROTOCOL]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortSpec {
    pub host_ip: Option<String>,
    /// Published (host) port range, when one is given.
    pub published: Option<(u32, u32)>,
    pub target: (u32, u32),
    pub protocol: String,
}

fn port_range(text: &str) -> Option<(u32, u32)> {
    let (start, end) = match text.split_once('-') {
        Some((a, b)) => (a.trim().parse().ok()?, b.trim().parse().ok()?),
        None => {
            let port = text.trim().parse().ok()?;
            (port, port)
        }
    };
    (start <= end && end <= 65535).then_some((start, end))
}

impl PortSpec {
    pub fn parse_short(text: &str) -> Option<PortSpec> {
        let (body, protocol) = match text.rsplit_once('/') {
            Some((body, protocol)) => (body, protocol.to_ascii_lowercase()),
            None => (text, "tcp".to_string()),
        };
        let (host_ip, rest) = if let Some(after) = body.strip_prefix('[') {
            let (ip, rest) = after.split_once(']')?;
            (Some(ip.to_string()), rest.strip_prefix(':')?)
        } else {
            let parts: Vec<&str> = body.split(':').collect();
            if parts.len() > 3 {
                let ip = parts[..parts.len() - 2].join(":");
                let rest_start =
                    body.len() - parts[parts.len() - 2].len() - parts[parts.len() - 1].len() - 1;
                (Some(ip), &body[rest_start..])
            } else if parts.len() == 3 {
                (Some(parts[0].to_string()), &body[parts[0].len() + 1..])
            } else {
                (None, body)
            }
        };
        let (published, target) = match rest.rsplit_once(':') {
            Some((host, container)) => {
                let published = if host.is_empty() {
                    None
                } else {
                    Some(port_range(host)?)
                };
                (published, port_range(container)?)
            }
            None => (None, port_range(rest)?),
        };
        Some(PortSpec {
            host_ip: host_ip.filter(|ip| !ip.is_empty()),
            published,
            target,
            protocol,
        })
    }

    /// The long syntax (`target`, `published`, `host_ip`, `protocol`).
    pub fn parse_long(node: &Node, env: &Env) -> Option<PortSpec> {
        let text_of = |key: &str| -> Option<String> {
            let value = node.get(key)?;
            let scalar = value.as_scalar()?;
            interpolate::substitute(&scalar.text, env)
        };
        let target = port_range(&text_of("target")?)?;
        let published = match node.get("published") {
            Some(_) => Some(port_range(&text_of("published")?)?),
            None => None,
        };
        Some(PortSpec {
            host_ip: text_of("host_ip").filter(|ip| !ip.is_empty()),
            published,
            target,
            protocol: text_of("protocol")
                .unwrap_or_else(|| "tcp".to_string())
                .to_ascii_lowercase(),
        })
    }

    /// Bound on every interface of the host.
    pub fn all_interfaces(&self) -> bool {
        self.host_ip
            .as_deref()
            .is_none_or(|ip| ip == "0.0.0.0" || ip == "::")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ports() {
        let p = PortSpec::parse_short("127.0.0.1:8080:80/udp").unwrap();
        assert_eq!(p.host_ip.as_deref(), Some("127.0.0.1"));
        assert_eq!(p.published, Some((8080, 8080)));
        assert_eq!(p.protocol, "udp");
        let p = PortSpec::parse_short("[::1]:6000-6005:6000-6005").unwrap();
        assert_eq!(p.host_ip.as_deref(), Some("::1"));
        assert_eq!(p.published, Some((6000, 6005)));
        assert_eq!(PortSpec::parse_short("3000").unwrap().published, None);
        assert_eq!(
            PortSpec::parse_short("127.0.0.1::5000").unwrap().published,
            None
        );
    }

    #[test]
    fn short_volumes() {
        assert!(ShortVolume::parse("data:/var/lib/postgresql/data").is_named());
        assert!(ShortVolume::parse("./src:/app:ro").is_bind());
        assert_eq!(ShortVolume::parse("./src:/app:ro").mode, Some("ro"));
        assert!(!ShortVolume::parse("/app").is_named());
        assert!(ShortVolume::parse("C:\\data:/data").is_bind());
    }
}
