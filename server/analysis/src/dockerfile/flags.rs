//! What Docker accepts after `--` on each instruction, and inside `RUN --mount=`.
//! One table serves validation, hovers and completion.

use dockwise_syntax::InstructionKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagValue {
    /// Any text; a value is required.
    Text,
    /// `--flag`, `--flag=true` or `--flag=false`.
    Bool,
    /// A Go duration (`30s`, `1m30s`); `0` means the default.
    Duration,
    /// A non-negative integer.
    Count,
    /// One of a fixed set.
    OneOf(&'static [&'static str]),
    /// An octal mode (`0755`) or, with the 1.14+ frontend, a symbolic one (`u+x`).
    Mode,
    /// `RUN --mount` options: checked by the mount table below.
    Mount,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FlagSpec {
    pub name: &'static str,
    pub value: FlagValue,
    /// May be given more than once (`--mount`, `--exclude`).
    pub repeatable: bool,
    /// Shown by completion and signature help.
    pub placeholder: &'static str,
}

const fn flag(name: &'static str, value: FlagValue, placeholder: &'static str) -> FlagSpec {
    FlagSpec {
        name,
        value,
        repeatable: false,
        placeholder,
    }
}

const fn repeatable(name: &'static str, value: FlagValue, placeholder: &'static str) -> FlagSpec {
    FlagSpec {
        name,
        value,
        repeatable: true,
        placeholder,
    }
}

const FROM: &[FlagSpec] = &[flag("platform", FlagValue::Text, "<platform>")];

const RUN: &[FlagSpec] = &[
    repeatable("mount", FlagValue::Mount, "type=<type>,target=<path>"),
    flag(
        "network",
        FlagValue::OneOf(&["default", "none", "host"]),
        "default|none|host",
    ),
    flag(
        "security",
        FlagValue::OneOf(&["sandbox", "insecure"]),
        "sandbox|insecure",
    ),
    // Labs channel (`# syntax=docker/dockerfile:1-labs`); accepted so labs files are not flagged.
    repeatable("device", FlagValue::Text, "<device>"),
];

const COPY: &[FlagSpec] = &[
    flag("from", FlagValue::Text, "<stage|image|context>"),
    flag("chown", FlagValue::Text, "<user>:<group>"),
    flag("chmod", FlagValue::Mode, "<mode>"),
    flag("link", FlagValue::Bool, ""),
    flag("parents", FlagValue::Bool, ""),
    repeatable("exclude", FlagValue::Text, "<pattern>"),
];

const ADD: &[FlagSpec] = &[
    flag("chown", FlagValue::Text, "<user>:<group>"),
    flag("chmod", FlagValue::Mode, "<mode>"),
    flag("link", FlagValue::Bool, ""),
    flag("keep-git-dir", FlagValue::Bool, ""),
    flag("checksum", FlagValue::Text, "<hash>"),
    repeatable("exclude", FlagValue::Text, "<pattern>"),
    flag("unpack", FlagValue::Bool, ""),
];

const HEALTHCHECK: &[FlagSpec] = &[
    flag("interval", FlagValue::Duration, "<duration>"),
    flag("timeout", FlagValue::Duration, "<duration>"),
    flag("start-period", FlagValue::Duration, "<duration>"),
    flag("start-interval", FlagValue::Duration, "<duration>"),
    flag("retries", FlagValue::Count, "<count>"),
];

/// The flags an instruction accepts (empty: Docker rejects any flag on it).
pub fn flags_for(kind: InstructionKind) -> &'static [FlagSpec] {
    match kind {
        InstructionKind::From => FROM,
        InstructionKind::Run => RUN,
        InstructionKind::Copy => COPY,
        InstructionKind::Add => ADD,
        InstructionKind::Healthcheck => HEALTHCHECK,
        _ => &[],
    }
}

pub fn flag_spec(kind: InstructionKind, name: &str) -> Option<&'static FlagSpec> {
    flags_for(kind).iter().find(|spec| spec.name == name)
}

/// `RUN --mount` types and the keys each one reads.
pub const MOUNT_TYPES: &[MountType] = &[
    MountType {
        name: "bind",
        keys: &["target", "source", "from", "readwrite", "readonly"],
    },
    MountType {
        name: "cache",
        keys: &[
            "id",
            "target",
            "readonly",
            "readwrite",
            "sharing",
            "from",
            "source",
            "mode",
            "uid",
            "gid",
        ],
    },
    MountType {
        name: "tmpfs",
        keys: &["target", "size"],
    },
    MountType {
        name: "secret",
        keys: &["id", "target", "env", "required", "mode", "uid", "gid"],
    },
    MountType {
        name: "ssh",
        keys: &["id", "target", "required", "mode", "uid", "gid"],
    },
];

#[derive(Debug)]
pub struct MountType {
    pub name: &'static str,
    /// Canonical key names (aliases resolved by [`canonical_mount_key`]).
    pub keys: &'static [&'static str],
}

pub fn mount_type(name: &str) -> Option<&'static MountType> {
    MOUNT_TYPES
        .iter()
        .find(|mount| mount.name.eq_ignore_ascii_case(name))
}

/// BuildKit's spellings of each mount key (`dst` and `destination` for `target`, ...).
pub fn canonical_mount_key(key: &str) -> Option<&'static str> {
    Some(match key.to_ascii_lowercase().as_str() {
        "type" => "type",
        "target" | "dst" | "destination" => "target",
        "source" | "src" => "source",
        "from" => "from",
        "readonly" | "ro" => "readonly",
        "readwrite" | "rw" => "readwrite",
        "id" => "id",
        "sharing" => "sharing",
        "mode" => "mode",
        "uid" => "uid",
        "gid" => "gid",
        "size" => "size",
        "required" => "required",
        "env" => "env",
        _ => return None,
    })
}

/// Values `sharing=` accepts on cache mounts.
pub const CACHE_SHARING: &[&str] = &["shared", "private", "locked"];

/// One `key=value` item of a `--mount` value, with its byte offsets inside the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MountOption<'a> {
    pub key: &'a str,
    pub value: Option<&'a str>,
    /// Offset of the item within the flag value.
    pub start: usize,
    pub end: usize,
}

/// Split a `--mount` value on commas, as BuildKit's CSV reader does for unquoted values.
pub fn mount_options(value: &str) -> Vec<MountOption<'_>> {
    let mut options = Vec::new();
    let mut start = 0;
    for item in value.split(',') {
        let end = start + item.len();
        if !item.is_empty() {
            let (key, value) = match item.split_once('=') {
                Some((key, value)) => (key, Some(value)),
                None => (item, None),
            };
            options.push(MountOption {
                key,
                value,
                start,
                end,
            });
        }
        start = end + 1;
    }
    options
}

/// Go's `time.ParseDuration`, enough to validate: a sequence of number+unit, or `0`.
pub fn is_go_duration(text: &str) -> bool {
    let text = text.strip_prefix(['+', '-']).unwrap_or(text);
    if text == "0" {
        return true;
    }
    let mut rest = text;
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number = &rest[..number_len];
        if number.is_empty() || number == "." || number.matches('.').count() > 1 {
            return false;
        }
        rest = &rest[number_len..];
        let unit = ["ns", "us", "µs", "μs", "ms", "s", "m", "h"]
            .into_iter()
            .find(|unit| rest.starts_with(unit) && !(*unit == "m" && rest.starts_with("ms")));
        let Some(unit) = unit else { return false };
        rest = &rest[unit.len()..];
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_follow_go() {
        for good in ["30s", "1m30s", "1.5h", "0", "100ms", "2h45m", "10us"] {
            assert!(is_go_duration(good), "{good}");
        }
        for bad in ["", "5", "s", "1x", "1.2.3s", "abc", "5 s"] {
            assert!(!is_go_duration(bad), "{bad}");
        }
    }

    #[test]
    fn mount_options_keep_offsets() {
        let options = mount_options("type=cache,target=/root/.cache,,ro");
        let keys: Vec<_> = options
            .iter()
            .map(|option| (option.key, option.value, option.start))
            .collect();
        assert_eq!(
            keys,
            [
                ("type", Some("cache"), 0),
                ("target", Some("/root/.cache"), 11),
                ("ro", None, 32)
            ]
        );
    }
}
