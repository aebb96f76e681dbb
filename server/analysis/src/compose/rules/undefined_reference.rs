//! References to a service, volume, network, secret or config this file does not define.

use crate::compose::model::RefKind;
use crate::compose::rules::{insert_lines_after, key_indent};
use crate::compose::{ComposeRule, Context};
use crate::rule::Sink;
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const SERVICE: ComposeRule = ComposeRule {
    name: "compose-undefined-service",
    summary: "depends_on, links, extends, network_mode or volumes_from names a service this file does not define.",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check: |context, sink| check(context, sink, RefKind::Service),
};

pub const VOLUME: ComposeRule = ComposeRule {
    name: "compose-undefined-volume",
    summary: "A service mounts a named volume that is not declared under the top-level `volumes:`.",
    severity: Severity::Error,
    enabled: true,
    fixable: true,
    equivalents: &[],
    check: |context, sink| check(context, sink, RefKind::Volume),
};

pub const NETWORK: ComposeRule = ComposeRule {
    name: "compose-undefined-network",
    summary: "A service joins a network that is not declared under the top-level `networks:`.",
    severity: Severity::Error,
    enabled: true,
    fixable: true,
    equivalents: &[],
    check: |context, sink| check(context, sink, RefKind::Network),
};

pub const SECRET: ComposeRule = ComposeRule {
    name: "compose-undefined-secret",
    summary: "A service uses a secret that is not declared under the top-level `secrets:`.",
    severity: Severity::Error,
    enabled: true,
    fixable: true,
    equivalents: &[],
    check: |context, sink| check(context, sink, RefKind::Secret),
};

pub const CONFIG: ComposeRule = ComposeRule {
    name: "compose-undefined-config",
    summary: "A service uses a config that is not declared under the top-level `configs:`.",
    severity: Severity::Error,
    enabled: true,
    fixable: true,
    equivalents: &[],
    check: |context, sink| check(context, sink, RefKind::Config),
};

fn check(context: &Context, sink: &mut Sink, kind: RefKind) {
    let Some(root) = context.root() else { return };
    // Other files can define names: an `include`, or services from a file this one overrides.
    if root.get("include").is_some() {
        return;
    }
    let model = context.model();
    for reference in model.references.iter().filter(|r| r.kind == kind) {
        if model.definition(kind, &reference.name).is_some() {
            continue;
        }
        if kind == RefKind::Network && reference.name == "default" {
            continue;
        }
        let service = &model.services[reference.service].name;
        if kind == RefKind::Service {
            let suggestion = crate::compose::did_you_mean(
                &reference.name,
                model.services.iter().map(|s| s.name.as_str()),
            );
            sink.report(
                reference.span,
                format!(
                    "service `{service}` refers to `{}` in `{}`, but this file defines no such service{}",
                    reference.name,
                    reference.via,
                    crate::compose::suggestion_suffix(suggestion)
                ),
            );
            continue;
        }
        let section = kind.section();
        let suggestion = crate::compose::did_you_mean(
            &reference.name,
            model.definitions(kind).iter().map(|s| s.name.as_str()),
        );
        let diagnostic = sink.report(
            reference.span,
            format!(
                "{} `{}` used by service `{service}` is not declared under the top-level `{section}:`{}",
                kind.noun(),
                reference.name,
                crate::compose::suggestion_suffix(suggestion)
            ),
        );
        if let Some(edit) = declare(context, kind, &reference.name) {
            diagnostic.with_fix(Fix {
                title: format!(
                    "Declare {} `{}` under the top-level `{section}:`",
                    kind.noun(),
                    reference.name
                ),
                safety: FixSafety::Unsafe,
                edits: vec![edit],
            });
        }
    }
}

/// Add `name:` to the top-level section, creating the section if needed.
pub(crate) fn declare(context: &Context, kind: RefKind, name: &str) -> Option<TextEdit> {
    let root = context.root()?;
    let section = kind.section();
    let body = match kind {
        RefKind::Secret | RefKind::Config => {
            vec![format!("{name}:"), format!("  file: ./{name}.txt")]
        }
        _ => vec![format!("{name}: {{}}")],
    };
    match root.entry(section) {
        Some(entry) if !entry.merged => {
            let node = &entry.value;
            if node.is_null() {
                let indent = context.indent_unit();
                return Some(insert_lines_after(
                    context,
                    entry.key.span.end,
                    indent,
                    &body,
                ));
            }
            let indent = key_indent(context, node)?;
            Some(insert_lines_after(context, node.span.end, indent, &body))
        }
        Some(_) => None,
        None => {
            let indent = " ".repeat(context.indent_unit());
            let mut lines = format!("\n{section}:\n");
            for line in body {
                lines.push_str(&format!("{indent}{line}\n"));
            }
            let (at, text) = context.append_at_end(&lines);
            Some(TextEdit {
                span: dockwise_syntax::Span::new(at, at),
                new_text: text,
            })
        }
    }
}
