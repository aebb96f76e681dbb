//! The outline: the top-level sections (services, volumes, networks, secrets, configs) with
//! their names, and in each service its ports, volumes, environment and networks.

use dockwise_syntax::Span;

use crate::compose::Compose;
use crate::compose::yaml::{Entry, Node, Value};
use crate::ide::{Symbol, SymbolKind};

pub fn symbols(file: &Compose) -> Vec<Symbol> {
    let Some(root) = &file.yaml().root else {
        return Vec::new();
    };
    let Some(entries) = root.as_map() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in entries.iter().filter(|e| !e.merged) {
        let kind = match entry.key.text.as_str() {
            "services" => SymbolKind::Service,
            "volumes" => SymbolKind::Volume,
            "networks" => SymbolKind::Network,
            "secrets" => SymbolKind::Secret,
            "configs" => SymbolKind::Config,
            _ => continue,
        };
        let span = entry_span(entry);
        let children = entry
            .value
            .as_map()
            .unwrap_or(&[])
            .iter()
            .filter(|e| !e.merged && within(entry_span(e), span))
            .map(|named| Symbol {
                name: named.key.text.clone(),
                detail: detail(kind, &named.value),
                kind,
                span: entry_span(named),
                selection: named.key.span,
                children: if kind == SymbolKind::Service {
                    service_children(named)
                } else {
                    Vec::new()
                },
            })
            .collect();
        out.push(Symbol {
            name: entry.key.text.clone(),
            detail: None,
            kind: SymbolKind::Key,
            span,
            selection: entry.key.span,
            children,
        });
    }
    out
}

/// The key and its value: the construct an outline entry covers.
fn entry_span(entry: &Entry) -> Span {
    if entry.value.span.start >= entry.key.span.end {
        entry.key.span.cover(entry.value.span)
    } else {
        // An alias value lives elsewhere in the file: the entry is its key.
        entry.key.span
    }
}

fn within(inner: Span, outer: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

fn detail(kind: SymbolKind, node: &Node) -> Option<String> {
    match kind {
        SymbolKind::Service => node
            .get("image")
            .and_then(|i| i.as_str())
            .map(str::to_string)
            .or_else(|| node.get("build").map(|_| "build".to_string())),
        _ => node
            .get("external")
            .and_then(|e| e.as_scalar())
            .filter(|s| s.text == "true")
            .map(|_| "external".to_string())
            .or_else(|| {
                node.get("driver")
                    .and_then(|d| d.as_str())
                    .map(str::to_string)
            }),
    }
}

fn service_children(service: &Entry) -> Vec<Symbol> {
    let parent = entry_span(service);
    let mut out = Vec::new();
    for entry in service.value.as_map().unwrap_or(&[]) {
        let kind = match entry.key.text.as_str() {
            "ports" | "expose" => SymbolKind::Port,
            "volumes" => SymbolKind::Volume,
            "environment" => SymbolKind::Environment,
            "networks" => SymbolKind::Network,
            _ => continue,
        };
        let span = entry_span(entry);
        if entry.merged || !within(span, parent) {
            continue;
        }
        let children = items(&entry.value, kind)
            .into_iter()
            .filter(|s| within(s.span, span))
            .collect();
        out.push(Symbol {
            name: entry.key.text.clone(),
            detail: None,
            kind: SymbolKind::Key,
            span,
            selection: entry.key.span,
            children,
        });
    }
    out
}

/// One symbol per list item or mapping entry.
fn items(node: &Node, kind: SymbolKind) -> Vec<Symbol> {
    match &node.value {
        Value::Seq(items) => items
            .iter()
            .map(|item| {
                let name = match item.as_str() {
                    Some(text) => text.to_string(),
                    None => item
                        .get("target")
                        .or_else(|| item.get("source"))
                        .and_then(|t| t.as_scalar())
                        .map(|s| s.text.clone())
                        .unwrap_or_else(|| "(long syntax)".to_string()),
                };
                Symbol {
                    name,
                    detail: None,
                    kind,
                    span: item.span,
                    selection: item.span,
                    children: Vec::new(),
                }
            })
            .collect(),
        Value::Map(entries) => entries
            .iter()
            .filter(|e| !e.merged)
            .map(|entry| Symbol {
                name: entry.key.text.clone(),
                detail: entry.value.as_str().map(str::to_string),
                kind,
                span: entry_span(entry),
                selection: entry.key.span,
                children: Vec::new(),
            })
            .collect(),
        Value::Scalar(_) => Vec::new(),
    }
}
