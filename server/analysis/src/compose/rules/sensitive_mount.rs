//! Bind mounts of the Docker socket and of sensitive host directories.

use crate::Severity;
use crate::compose::model::ShortVolume;
use crate::compose::yaml::Value;
use crate::compose::{ComposeRule, Context};
use crate::rule::Sink;

pub const RULE: ComposeRule = ComposeRule {
    name: "compose-sensitive-mount",
    summary: "A bind mount of the Docker socket or of /, /etc, /proc, /sys gives the container control over the host.",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn why(source: &str) -> Option<&'static str> {
    let source = if source.len() > 1 {
        source.trim_end_matches('/')
    } else {
        source
    };
    Some(match source {
        "/var/run/docker.sock" | "/run/docker.sock" => {
            "the Docker socket: whoever controls the container can start privileged containers and owns the host"
        }
        "/" => "the host's whole filesystem",
        "/etc" => "the host's configuration (users, passwords, sudoers)",
        "/proc" => "the host's /proc (process and kernel information and controls)",
        "/sys" => "the host's /sys (kernel and device controls)",
        _ => return None,
    })
}

fn check(context: &Context, sink: &mut Sink) {
    for service in context.services() {
        for item in service
            .node
            .get("volumes")
            .and_then(|v| v.as_seq())
            .unwrap_or(&[])
        {
            let (source, span) = match &item.value {
                Value::Scalar(_) => {
                    let Some(text) = context.resolved(item) else {
                        continue;
                    };
                    let mount = ShortVolume::parse(&text);
                    let Some(source) = mount.source.filter(|_| mount.is_bind()) else {
                        continue;
                    };
                    (source.to_string(), item.span)
                }
                Value::Map(_) => {
                    let Some(source) = item.get("source") else {
                        continue;
                    };
                    if item.get("type").and_then(|t| t.as_str()) != Some("bind") {
                        continue;
                    }
                    let Some(text) = context.resolved(source) else {
                        continue;
                    };
                    (text, source.span)
                }
                Value::Seq(_) => continue,
            };
            if let Some(why) = why(&source) {
                sink.report(
                    span,
                    format!(
                        "`{}` mounts {why}; avoid it or use a narrowly scoped proxy",
                        service.name
                    ),
                );
            }
        }
    }
}
