use dockwise_syntax::{Arguments, InstructionKind};

use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, buildkit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "secret-in-arg-or-env",
    summary: "ARG or ENV named like a secret: its value is kept in the image history; use a secret mount",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[buildkit("SecretsUsedInArgOrEnv")],
    check,
};

/// BuildKit's tokens: a name segment (split on `_`) equal to one of these marks a secret.
const SECRET_SEGMENTS: &[&str] = &[
    "apikey",
    "auth",
    "credential",
    "credentials",
    "key",
    "password",
    "pword",
    "passwd",
    "secret",
    "token",
];
/// Segments that say the variable holds something about a secret, not the secret.
const HARMLESS_SEGMENTS: &[&str] = &[
    "public",
    "pub",
    "id",
    "file",
    "path",
    "dir",
    "url",
    "uri",
    "version",
    "name",
    "type",
    "length",
    "size",
    "host",
    "server",
    "servers",
    "endpoint",
    "sock",
    "socket",
    "header",
    "ttl",
    "expiry",
    "method",
    "mode",
    "enabled",
    "disabled",
    "algorithm",
    "format",
    "region",
    "user",
    "username",
    "gpg",
    "pgp",
    "fingerprint",
    "keyserver",
    "provider",
    "mount",
    "location",
    "policy",
    "plugin",
    "keyring",
    "required",
    "enable",
    "disable",
];

fn check(cx: &Context, sink: &mut Sink) {
    for (_, instruction) in cx.instructions() {
        let what = match instruction.kind {
            InstructionKind::Arg => "ARG",
            InstructionKind::Env => "ENV",
            _ => continue,
        };
        let pairs: Vec<(&dockwise_syntax::Word, Option<&dockwise_syntax::Word>)> =
            match &instruction.args {
                Arguments::Pairs(pairs) => pairs
                    .iter()
                    .map(|pair| (&pair.key, pair.value.as_ref()))
                    .collect(),
                Arguments::Words(words) => words.iter().map(|word| (word, None)).collect(),
                _ => continue,
            };
        for (key, value) in pairs {
            if !looks_secret(&key.value) {
                continue;
            }
            if let Some(value) = value {
                let v = value.value.as_str();
                // A path to a secret file, a boolean or a number is not the secret itself.
                if v.starts_with("/run/secrets")
                    || v.starts_with('/')
                    || matches!(
                        v.to_ascii_lowercase().as_str(),
                        "true" | "false" | "yes" | "no"
                    )
                    || v.chars().all(|c| c.is_ascii_digit()) && !v.is_empty()
                {
                    continue;
                }
            }
            sink.report(
                key.span,
                format!("`{}` looks like a secret, and {what} values stay readable in the image history: pass it with `RUN --mount=type=secret,id=...` instead", key.value),
            );
        }
    }
}

pub fn looks_secret(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let segments: Vec<&str> = lower
        .split(['_', '-', '.'])
        .filter(|s| !s.is_empty())
        .collect();
    segments
        .iter()
        .any(|segment| SECRET_SEGMENTS.contains(segment))
        && !segments
            .iter()
            .any(|segment| HARMLESS_SEGMENTS.contains(segment))
}

#[cfg(test)]
mod tests {
    use super::looks_secret;

    #[test]
    fn names() {
        for secret in [
            "API_KEY",
            "AWS_SECRET_ACCESS_KEY",
            "GITHUB_TOKEN",
            "DB_PASSWORD",
            "password",
            "NPM_AUTH",
        ] {
            assert!(looks_secret(secret), "{secret}");
        }
        for harmless in [
            "GPG_KEY",
            "AWS_ACCESS_KEY_ID",
            "NODE_VERSION",
            "PUBLIC_KEY",
            "PASSWORD_FILE",
            "KEYCLOAK_VERSION",
            "TOKENIZERS_PARALLELISM",
            "SSH_AUTH_SOCK",
            "MONKEY",
        ] {
            assert!(!looks_secret(harmless), "{harmless}");
        }
    }
}
