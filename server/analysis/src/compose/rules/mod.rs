//! Compose rules, one per file. To add one: write `<name>.rs` with a `pub const RULE`, list it
//! below, give it a knowledge entry that lists it in `rules`, and add
//! `tests/fixtures/compose/<name>.bad.yaml` and `<name>.good.yaml`.

mod build_args;
mod build_target;
mod container_name_scaled;
mod database_no_condition;
mod database_no_volume;
mod database_port_exposed;
mod duplicate_host_port;
mod healthcheck_test;
mod healthy_without_healthcheck;
mod host_access;
mod image_tag;
mod network_mode_with_networks;
mod no_resource_limits;
mod resource_conflict;
mod restart_value;
mod schema;
mod secret_in_environment;
mod sensitive_mount;
mod undefined_reference;
mod unquoted_port;
mod version_obsolete;
mod yaml11_boolean;
mod yaml_syntax;

use dockwise_syntax::Span;

use super::model::Named;
use super::yaml::Node;
use super::{ComposeRule, Context};
use crate::TextEdit;

/// Every Compose rule, in the order they run (the output is sorted afterwards).
pub fn all() -> impl Iterator<Item = &'static ComposeRule> {
    RULES.iter().copied()
}

static RULES: &[&ComposeRule] = &[
    &yaml_syntax::RULE,
    &schema::RULE,
    &version_obsolete::RULE,
    &undefined_reference::SERVICE,
    &undefined_reference::VOLUME,
    &undefined_reference::NETWORK,
    &undefined_reference::SECRET,
    &undefined_reference::CONFIG,
    &network_mode_with_networks::RULE,
    &container_name_scaled::RULE,
    &duplicate_host_port::RULE,
    &healthcheck_test::RULE,
    &restart_value::RULE,
    &yaml11_boolean::RULE,
    &unquoted_port::RULE,
    &image_tag::RULE,
    &healthy_without_healthcheck::RULE,
    &database_no_condition::RULE,
    &database_no_volume::RULE,
    &database_port_exposed::RULE,
    &secret_in_environment::RULE,
    &host_access::RULE,
    &sensitive_mount::RULE,
    &no_resource_limits::RULE,
    &resource_conflict::RULE,
    &build_target::RULE,
    &build_args::RULE,
];

/// An edit inserting `lines` (each without indentation) as new lines at `indent`, after the
/// line where `end` falls.
pub(crate) fn insert_lines_after(
    context: &Context,
    end: usize,
    indent: usize,
    lines: &[String],
) -> TextEdit {
    let at = context.line_end_inclusive(end.saturating_sub(1).max(context.line_start(end)));
    let at = if end == 0 { 0 } else { at };
    let prefix = if at > 0 && !context.text[..at].ends_with('\n') {
        "\n"
    } else {
        ""
    };
    let pad = " ".repeat(indent);
    let mut text = String::from(prefix);
    for line in lines {
        text.push_str(&pad);
        text.push_str(line);
        text.push('\n');
    }
    TextEdit {
        span: Span::new(at, at),
        new_text: text,
    }
}

/// The indentation of a block mapping's keys (`None` for a flow mapping or an empty one).
pub(crate) fn key_indent(context: &Context, node: &Node) -> Option<usize> {
    let first = node.as_map()?.iter().find(|e| !e.merged)?;
    if context.text[node.span.range()].starts_with('{') {
        return None;
    }
    Some(context.column(first.key.span.start))
}

/// Add new keys at the end of a service's mapping.
pub(crate) fn append_to_service(
    context: &Context,
    service: &Named,
    lines: &[String],
) -> Option<TextEdit> {
    let indent = key_indent(context, &service.node)?;
    let last_own = service
        .node
        .as_map()?
        .iter()
        .filter(|e| !e.merged)
        .map(|e| e.value.span.end.max(e.key.span.end))
        .max()?;
    Some(insert_lines_after(context, last_own, indent, lines))
}

/// A healthcheck that works for a known database image, or a placeholder to edit.
pub(crate) fn healthcheck_stub(image: Option<&str>) -> Vec<String> {
    let test = match image.and_then(super::database_kind) {
        Some("postgres") => r#"["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres}"]"#,
        Some("mysql") => r#"["CMD", "mysqladmin", "ping", "-h", "localhost"]"#,
        Some("mariadb") => r#"["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]"#,
        Some("mongo") => r#"["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand('ping')"]"#,
        Some("redis") => r#"["CMD", "redis-cli", "ping"]"#,
        _ => r#"["CMD-SHELL", "curl -fsS http://localhost/ || exit 1"]"#,
    };
    vec![
        "healthcheck:".to_string(),
        format!("  test: {test}"),
        "  interval: 5s".to_string(),
        "  timeout: 3s".to_string(),
        "  retries: 10".to_string(),
    ]
}

/// Quote a plain scalar in place.
pub(crate) fn quote_edit(context: &Context, node: &Node) -> TextEdit {
    let raw = context.slice(node.span);
    TextEdit {
        span: node.span,
        new_text: format!("\"{}\"", raw.replace('\\', "\\\\").replace('"', "\\\"")),
    }
}

/// Whether a scalar is `true` (the boolean or the string, as Compose reads it).
pub(crate) fn is_true(context: &Context, node: &Node) -> bool {
    match node.as_scalar() {
        Some(scalar) => match scalar.kind {
            super::yaml::ScalarKind::Bool(value) => value,
            super::yaml::ScalarKind::Str => context
                .resolved(node)
                .is_some_and(|v| v.eq_ignore_ascii_case("true")),
            _ => false,
        },
        None => false,
    }
}
