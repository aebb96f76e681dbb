use crate::Severity;
use crate::dockerfile::flags::{FlagValue, flag_spec, is_go_duration};
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

pub const RULE: DockerfileRule = DockerfileRule {
    name: "invalid-flag-value",
    summary: "A flag value Docker rejects (network mode, duration, mode, boolean, checksum)",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for (_, instruction) in cx.instructions() {
        for flag in &instruction.flags {
            let Some(spec) = flag_spec(instruction.kind, &flag.name) else {
                continue;
            };
            let Some(word) = &flag.value else { continue };
            // A value built from variables is only known at build time.
            if word.raw.is_empty() || !word.vars.is_empty() {
                continue;
            }
            let value = word.value.as_str();
            let name = &flag.name;
            let problem = match spec.value {
                FlagValue::Bool => (!["true", "false"].contains(&value.to_ascii_lowercase().as_str()))
                    .then(|| format!("`--{name}` is a switch: write `--{name}` or `--{name}=false`, not `{value}`")),
                FlagValue::Duration => (!is_go_duration(value)).then(|| {
                    format!("`--{name}={value}` is not a duration: use a number with a unit, like `30s` or `1m30s`")
                }),
                FlagValue::Count => value
                    .parse::<u32>()
                    .is_err()
                    .then(|| format!("`--{name}` needs a whole number of 0 or more, not `{value}`")),
                FlagValue::OneOf(choices) => (!choices.contains(&value))
                    .then(|| format!("`--{name}={value}` is not valid: use one of {}", choices.join(", "))),
                FlagValue::Mode => (!is_file_mode(value)).then(|| {
                    format!("`--{name}={value}` is not a file mode: use octal like `755` or symbolic like `u+x`")
                }),
                FlagValue::Text if name == "checksum" => (!is_checksum(value))
                    .then(|| format!("`--checksum={value}` must be `sha256:<hex digest>` (or a commit hash for a Git source)")),
                FlagValue::Text | FlagValue::Mount => None,
            };
            if let Some(message) = problem {
                sink.report(word.span, message);
            }
        }
    }
}

/// Octal (`755`, `0644`) or, since Dockerfile 1.14, symbolic (`u+x,g-w`).
fn is_file_mode(value: &str) -> bool {
    let octal = (3..=4).contains(&value.len()) && value.chars().all(|c| ('0'..='7').contains(&c));
    let symbolic = !value.is_empty()
        && value.split(',').all(|clause| {
            let operator = clause.find(['+', '-', '=']);
            operator.is_some_and(|at| {
                clause[..at].chars().all(|c| "ugoa".contains(c))
                    && clause[at + 1..].chars().all(|c| "rwxXst+-=".contains(c))
            })
        });
    octal || symbolic
}

/// `sha256:<hex>` for URLs; a Git source takes a commit hash or a prefix of one.
fn is_checksum(value: &str) -> bool {
    let Some((algorithm, digest)) = value.split_once(':') else {
        return (4..=64).contains(&value.len()) && value.chars().all(|c| c.is_ascii_hexdigit());
    };
    let expected = match algorithm {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => return false,
    };
    digest.len() == expected && digest.chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_and_checksums() {
        assert!(
            is_file_mode("755")
                && is_file_mode("0644")
                && is_file_mode("u+x,g-w")
                && is_file_mode("a=rX")
        );
        assert!(
            !is_file_mode("abc") && !is_file_mode("999") && !is_file_mode("") && !is_file_mode("7")
        );
        assert!(is_checksum(&format!("sha256:{}", "a".repeat(64))));
        assert!(is_checksum("a1b2c3d4"));
        assert!(!is_checksum("sha256:abc") && !is_checksum("md5:00") && !is_checksum("latest"));
    }
}
