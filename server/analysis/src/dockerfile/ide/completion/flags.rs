//! `--flag` names, their values, and the options of `RUN --mount`, from the flag tables of
//! `dockerfile::flags`.

use dockwise_syntax::{Instruction, InstructionKind, Span};

use super::{CompletionExt, Cursor, Items, Site, cached, earlier_stages, item, knowledge};
use crate::dockerfile::flags::{
    CACHE_SHARING, FlagSpec, FlagValue, MOUNT_TYPES, canonical_mount_key, flag_spec, flags_for,
    mount_options, mount_type,
};
use crate::ide::CompletionKind;

/// Flags of the labs channel only: not offered.
const LABS_FLAGS: &[&str] = &["device"];

/// HEALTHCHECK option defaults (Dockerfile reference), offered first as values.
const HEALTHCHECK_DEFAULTS: &[(&str, &str)] = &[
    ("interval", "30s"),
    ("timeout", "30s"),
    ("start-period", "0s"),
    ("start-interval", "5s"),
    ("retries", "3"),
];

/// `base`: the sort key of the first flag (the others follow in table order).
pub fn names(cursor: &Cursor, instruction: &Instruction, base: u32, out: &mut Items) {
    let kind = instruction.kind;
    let keyword = kind.keyword();
    // `--fr|om=x`: keep what follows the name.
    let rest = cursor.rest();
    let value_follows = rest.contains('=');
    let end = cursor.offset + rest.find('=').unwrap_or(rest.len());
    let replace = Span::new(cursor.word.start, end);
    for (rank, spec) in flags_for(kind).iter().enumerate() {
        if LABS_FLAGS.contains(&spec.name) {
            continue;
        }
        let present = instruction.flags.iter().any(|flag| {
            flag.name.eq_ignore_ascii_case(spec.name) && flag.span.start != cursor.word.start
        });
        if present && !spec.repeatable {
            continue;
        }
        let label = format!("--{}", spec.name);
        let detail = match spec.value {
            FlagValue::Bool => label.clone(),
            _ => format!("{label}={}", spec.placeholder),
        };
        let mut candidate = item(label.clone(), CompletionKind::Flag, replace)
            .detail(detail)
            .documentation(knowledge(&format!(
                "dockerfile:flag:{keyword}:{}",
                spec.name
            )))
            .sort(base + u32::try_from(rank).unwrap_or(0));
        if !value_follows {
            candidate = with_value_template(candidate, kind, spec);
        }
        out.push(candidate);
    }
}

/// What to insert for a flag that takes a value: `--name=` and, as a snippet, its likely value.
fn with_value_template(
    candidate: crate::ide::Completion,
    kind: InstructionKind,
    spec: &FlagSpec,
) -> crate::ide::Completion {
    let name = spec.name;
    match spec.value {
        FlagValue::Bool => candidate,
        FlagValue::OneOf(values) => {
            candidate.snippet(format!("--{name}=${{1|{}|}}", values.join(",")))
        }
        FlagValue::Mount => {
            let types: Vec<&str> = ["cache", "bind", "secret", "ssh", "tmpfs"].to_vec();
            candidate.snippet(format!("--{name}=type=${{1|{}|}}", types.join(",")))
        }
        FlagValue::Duration | FlagValue::Count if kind == InstructionKind::Healthcheck => {
            match HEALTHCHECK_DEFAULTS.iter().find(|(flag, _)| *flag == name) {
                Some((_, default)) => candidate.snippet(format!("--{name}=${{1:{default}}}")),
                None => candidate.insert(format!("--{name}=")),
            }
        }
        _ => candidate.insert(format!("--{name}=")),
    }
}

/// The value of `--name=` (`value`: from after the `=` to the end of the word).
pub fn value(cursor: &Cursor, site: Site, name: &str, value: Span, out: &mut Items) {
    let instruction = site.instruction;
    let kind = instruction.kind;
    let name = name.to_ascii_lowercase();
    let Some(spec) = flag_spec(kind, &name) else {
        return;
    };
    match (kind, name.as_str()) {
        (InstructionKind::Copy | InstructionKind::Add, "from") => {
            earlier_stages(cursor, site.stage, value, out);
            return;
        }
        (InstructionKind::Run, "mount") => {
            mount(cursor, site, value, out);
            return;
        }
        (InstructionKind::From, "platform") => {
            // A constant platform is flagged (FromPlatformFlagConstDisallowed), and
            // $TARGETPLATFORM is the default: the useful value is the builder's platform.
            out.push(
                item("$BUILDPLATFORM", CompletionKind::Variable, value)
                    .detail("the platform of the machine running the build")
                    .documentation(knowledge("dockerfile:variable:BUILDPLATFORM")),
            );
            return;
        }
        _ => {}
    }
    let candidates: Vec<(String, String)> = match spec.value {
        FlagValue::OneOf(values) => values
            .iter()
            .map(|v| (v.to_string(), String::new()))
            .collect(),
        FlagValue::Bool => vec![
            ("true".into(), String::new()),
            ("false".into(), String::new()),
        ],
        FlagValue::Duration | FlagValue::Count => {
            let mut values: Vec<(String, String)> = HEALTHCHECK_DEFAULTS
                .iter()
                .filter(|(flag, _)| *flag == name)
                .map(|(_, default)| (default.to_string(), "default".to_string()))
                .collect();
            let more: &[&str] = match name.as_str() {
                "interval" => &["10s", "1m"],
                "timeout" => &["5s", "10s"],
                "start-period" => &["10s", "30s", "1m"],
                "start-interval" => &["1s", "2s"],
                "retries" => &["5"],
                _ => &[],
            };
            values.extend(more.iter().map(|v| (v.to_string(), String::new())));
            values
        }
        FlagValue::Mode => vec![
            (
                "0755".into(),
                "rwxr-xr-x: executables and directories".into(),
            ),
            ("0644".into(), "rw-r--r--: regular files".into()),
            ("0700".into(), "rwx------: owner only".into()),
            (
                "0600".into(),
                "rw-------: owner only, not executable".into(),
            ),
        ],
        FlagValue::Text | FlagValue::Mount => Vec::new(),
    };
    for (rank, (value_text, detail)) in candidates.into_iter().enumerate() {
        let mut candidate =
            item(value_text, CompletionKind::Value, value).sort(u32::try_from(rank).unwrap_or(0));
        if !detail.is_empty() {
            candidate = candidate.detail(detail);
        }
        out.push(candidate);
    }
}

/// One `key=value` option of `RUN --mount=` (`value`: the flag value's span).
fn mount(cursor: &Cursor, site: Site, value: Span, out: &mut Items) {
    let text = cursor.text();
    let offset = cursor.offset;
    let typed = text.get(value.start..offset).unwrap_or("");
    let option_start = value.start + typed.rfind(',').map_or(0, |comma| comma + 1);
    let rest = text.get(offset..value.end).unwrap_or("");
    let option_end = offset + rest.find(',').unwrap_or(rest.len());
    let option_typed = text.get(option_start..offset).unwrap_or("");
    let options = mount_options(text.get(value.start..value.end).unwrap_or(""));
    let type_name = options
        .iter()
        .find(|option| option.key.eq_ignore_ascii_case("type"))
        .and_then(|option| option.value)
        .unwrap_or("bind");
    let type_key = format!("dockerfile:mount:{}", type_name.to_ascii_lowercase());
    if let Some(equals) = option_typed.find('=') {
        let key = option_typed.get(..equals).unwrap_or("");
        let replace = Span::new(option_start + equals + 1, option_end);
        mount_value(cursor, site, canonical_mount_key(key), replace, out);
        return;
    }
    // A key: keep a value already written after the cursor.
    let key_rest = text.get(offset..option_end).unwrap_or("");
    let value_follows = key_rest.contains('=');
    let replace = Span::new(
        option_start,
        offset + key_rest.find('=').unwrap_or(key_rest.len()),
    );
    let present: Vec<&str> = options
        .iter()
        .filter(|option| value.start + option.start != option_start)
        .filter_map(|option| canonical_mount_key(option.key))
        .collect();
    // `type` first, then `target` (which nearly every mount needs), then the table's order.
    let mut keys = vec!["type"];
    keys.extend(mount_type(type_name).map_or(&[][..], |mount| mount.keys));
    keys.sort_by_key(|key| match *key {
        "type" => 0,
        "target" => 1,
        _ => 2,
    });
    for (rank, key) in keys.into_iter().enumerate() {
        if present.contains(&key) {
            continue;
        }
        let bare = matches!(key, "readonly" | "readwrite");
        let mut candidate = item(key, CompletionKind::Property, replace)
            .detail(mount_key_detail(key))
            .documentation(mount_key_documentation(key, &type_key))
            .sort(u32::try_from(rank).unwrap_or(0));
        if !bare && !value_follows {
            candidate = candidate.insert(format!("{key}="));
        }
        out.push(candidate);
    }
}

fn mount_value(cursor: &Cursor, site: Site, key: Option<&str>, replace: Span, out: &mut Items) {
    match key {
        Some("type") => {
            for (rank, mount) in MOUNT_TYPES.iter().enumerate() {
                out.push(
                    item(mount.name, CompletionKind::Value, replace)
                        .detail(mount_type_detail(mount.name))
                        .documentation(knowledge(&format!("dockerfile:mount:{}", mount.name)))
                        .sort(u32::try_from(rank).unwrap_or(0)),
                );
            }
        }
        Some("sharing") => {
            for (rank, value) in CACHE_SHARING.iter().enumerate() {
                let detail = match *value {
                    "shared" => "concurrent builds use the cache at the same time (default)",
                    "private" => "a concurrent build gets its own new cache",
                    _ => "a concurrent build waits until the cache is released",
                };
                out.push(
                    item(*value, CompletionKind::Value, replace)
                        .detail(detail)
                        .sort(u32::try_from(rank).unwrap_or(0)),
                );
            }
        }
        Some("from") => earlier_stages(cursor, site.stage, replace, out),
        Some("readonly" | "readwrite" | "required") => {
            for (rank, value) in ["true", "false"].into_iter().enumerate() {
                out.push(
                    item(value, CompletionKind::Value, replace)
                        .sort(u32::try_from(rank).unwrap_or(0)),
                );
            }
        }
        _ => {}
    }
}

fn mount_type_detail(name: &str) -> &'static str {
    match name {
        "bind" => "files of the context or another stage, read-only by default",
        "cache" => "a directory kept between builds: package manager and compiler caches",
        "tmpfs" => "an empty in-memory directory",
        "secret" => "a secret file or variable, never stored in the image",
        "ssh" => "the SSH agent socket, for private repositories",
        _ => "",
    }
}

fn mount_key_detail(key: &str) -> &'static str {
    match key {
        "type" => "bind, cache, tmpfs, secret or ssh",
        "target" => "where the mount appears in the build container",
        "source" => "path in the `from` stage, image or context",
        "from" => "stage, image or context to mount from",
        "readonly" => "mount read-only",
        "readwrite" => "allow writes (discarded after the step)",
        "id" => "identifier of the cache or secret",
        "sharing" => "shared, private or locked",
        "mode" => "file mode of the mount (octal)",
        "uid" => "user id of the mount's owner",
        "gid" => "group id of the mount's owner",
        "size" => "size limit of the tmpfs",
        "required" => "fail when the secret or SSH agent is not provided",
        "env" => "expose the secret as this environment variable",
        _ => "",
    }
}

/// The knowledge entry for a mount key, preferring the one about this mount type (as the hover
/// does).
fn mount_key_documentation(key: &str, type_key: &str) -> Option<String> {
    if key == "type" {
        return knowledge("dockerfile:mount-key:type");
    }
    cached(&format!("{type_key} {key}"), || {
        let candidates = dockwise_knowledge::for_construct(&format!("dockerfile:mount-key:{key}"));
        candidates
            .iter()
            .find(|entry| entry.applies_to.contains(&type_key))
            .or(candidates.first())
            .map(|entry| entry.short_markdown())
    })
}
