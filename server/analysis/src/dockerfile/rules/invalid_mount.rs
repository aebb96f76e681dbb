use dockwise_syntax::{InstructionKind, Span};

use super::{did_you_mean, suggestion_suffix};
use crate::Severity;
use crate::dockerfile::flags::{
    CACHE_SHARING, MOUNT_TYPES, canonical_mount_key, mount_options, mount_type,
};
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

pub const RULE: DockerfileRule = DockerfileRule {
    name: "invalid-mount",
    summary: "`RUN --mount` with an unknown type, an unknown key, a bad `sharing` value or a mount on `/`",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for (_, instruction) in cx.instructions() {
        if instruction.kind != InstructionKind::Run {
            continue;
        }
        for flag in instruction.flags.iter().filter(|flag| flag.name == "mount") {
            let Some(word) = &flag.value else { continue };
            // Offsets inside the value map to the source only when it is written verbatim.
            let literal = word.is_verbatim();
            let locate = |start: usize, end: usize| {
                if literal {
                    Span::new(word.span.start + start, word.span.start + end)
                } else {
                    word.span
                }
            };
            check_mount(&word.value, locate, sink);
        }
    }
}

fn check_mount(value: &str, locate: impl Fn(usize, usize) -> Span, sink: &mut Sink) {
    let options = mount_options(value);
    let type_option = options
        .iter()
        .find(|option| option.key.eq_ignore_ascii_case("type"));
    let type_name = type_option
        .and_then(|option| option.value)
        .unwrap_or("bind");
    if type_name.contains('$') {
        return;
    }
    let Some(mount) = mount_type(type_name) else {
        let span = type_option.map_or(locate(0, value.len()), |option| {
            locate(option.start, option.end)
        });
        let suggestion = did_you_mean(type_name, MOUNT_TYPES.iter().map(|mount| mount.name));
        sink.report(
            span,
            format!(
                "unknown mount type `{type_name}`{}",
                suggestion_suffix(suggestion)
            ),
        );
        return;
    };
    for option in &options {
        let span = locate(option.start, option.end);
        let Some(key) = canonical_mount_key(option.key) else {
            let all_keys = MOUNT_TYPES
                .iter()
                .flat_map(|mount| mount.keys.iter().copied());
            let suggestion = did_you_mean(option.key, all_keys);
            sink.report(
                span,
                format!(
                    "unknown mount option `{}`{}",
                    option.key,
                    suggestion_suffix(suggestion)
                ),
            );
            continue;
        };
        // A relative or missing target goes under WORKDIR; only `/` itself is refused.
        if key == "target"
            && option.value.is_some_and(|target| {
                target.trim_end_matches(['/', '.']).is_empty() && target.starts_with('/')
            })
        {
            sink.report(
                span,
                "a mount cannot replace `/`: choose a directory such as `target=/src`",
            );
        }
        if key != "type" && !mount.keys.contains(&key) {
            sink.report_warning(
                span,
                format!("`{}` has no effect on a {} mount", option.key, mount.name),
            );
        }
        if key == "sharing"
            && let Some(sharing) = option
                .value
                .filter(|v| !CACHE_SHARING.contains(v) && !v.contains('$'))
        {
            sink.report(
                span,
                format!("`sharing={sharing}` is not valid: use shared, private or locked"),
            );
        }
    }
}
