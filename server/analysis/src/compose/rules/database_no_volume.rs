//! A database service with nothing mounted on its data directory.

use crate::Severity;
use crate::compose::model::ShortVolume;
use crate::compose::yaml::Value;
use crate::compose::{ComposeRule, Context, database_kind, is_official, service_image};
use crate::rule::Sink;

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-database-no-volume",
    summary: "A database service keeps its data in the container: it is lost when the container is recreated. Mount a volume on the data directory.",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn data_directory(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "postgres" => "/var/lib/postgresql/data",
        "mysql" | "mariadb" => "/var/lib/mysql",
        "mongo" => "/data/db",
        "redis" => "/data",
        _ => return None,
    })
}

fn covers(target: &str, directory: &str) -> bool {
    let target = target.trim_end_matches('/');
    target == directory
        || directory.starts_with(&format!("{target}/"))
        || target.starts_with(&format!("{directory}/"))
}

fn check(context: &Context, sink: &mut Sink) {
    for service in context.services() {
        let Some(node) = service.node.get("image") else {
            continue;
        };
        let Some(image) = service_image(context, &service.node) else {
            continue;
        };
        if !is_official(&image) {
            continue;
        }
        let Some(kind) = database_kind(&image) else {
            continue;
        };
        let Some(default_directory) = data_directory(kind) else {
            continue;
        };
        // Redis is mostly a cache: only when the command turns persistence on.
        if kind == "redis" {
            let command = service
                .node
                .get("command")
                .map(|c| context.slice(c.span))
                .unwrap_or_default();
            if !(command.contains("appendonly") || command.contains("--save")) {
                continue;
            }
        }
        let mut directory = default_directory.to_string();
        if kind == "postgres"
            && let Some(pgdata) = environment_value(context, &service.node, "PGDATA")
        {
            directory = pgdata;
        }
        let mut targets: Vec<String> = Vec::new();
        for item in service
            .node
            .get("volumes")
            .and_then(|v| v.as_seq())
            .unwrap_or(&[])
        {
            match &item.value {
                Value::Scalar(_) => match context.resolved(item) {
                    Some(text) => targets.push(ShortVolume::parse(&text).target.to_string()),
                    None => return,
                },
                Value::Map(_) => {
                    if let Some(target) = item.get("target").and_then(|t| context.resolved(t)) {
                        targets.push(target);
                    }
                }
                Value::Seq(_) => {}
            }
        }
        for key in ["tmpfs", "volumes_from"] {
            if service.node.get(key).is_some() {
                targets.push(directory.clone());
            }
        }
        if service.node.get("extends").is_some()
            || service.node.entry("volumes").is_some_and(|e| e.merged)
        {
            continue;
        }
        if targets
            .iter()
            .any(|t| covers(t, &directory) || covers(t, default_directory))
        {
            continue;
        }
        sink.report(
            node.content_span(),
            format!(
                "`{}` keeps its {kind} data in the container's {directory}, which is lost when the container is recreated; mount a named volume there (e.g. `- {}-data:{directory}`)",
                service.name, service.name
            ),
        );
    }
}

/// A variable from `environment` (map or list form).
pub(crate) fn environment_value(
    context: &Context,
    service: &crate::compose::yaml::Node,
    name: &str,
) -> Option<String> {
    let environment = service.get("environment")?;
    match &environment.value {
        Value::Map(_) => environment.get(name).and_then(|v| context.resolved(v)),
        Value::Seq(items) => items.iter().find_map(|item| {
            let text = item.as_str()?;
            let (key, value) = text.split_once('=')?;
            (key == name).then(|| value.to_string())
        }),
        Value::Scalar(_) => None,
    }
}
