use dockwise_syntax::{Arguments, InstructionKind, Span};

use super::common::{Call, Manager, option_matches, runs};
use crate::Severity;
use crate::dockerfile::shell::Command;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, checkov};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "tls-verification-disabled",
    summary: "A download or package tool is told to skip TLS certificate checks (curl -k, wget --no-check-certificate, pip --trusted-host...)",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[
        checkov("CKV2_DOCKER_2"),
        checkov("CKV2_DOCKER_3"),
        checkov("CKV2_DOCKER_4"),
        checkov("CKV2_DOCKER_5"),
        checkov("CKV2_DOCKER_6"),
        checkov("CKV2_DOCKER_12"),
        checkov("CKV2_DOCKER_13"),
        checkov("CKV2_DOCKER_14"),
        checkov("CKV2_DOCKER_15"),
        checkov("CKV2_DOCKER_16"),
    ],
    check,
};

/// curl's short options that take a value (the rest of a cluster is that value).
const CURL_VALUE_LETTERS: &str = "AbcCdDeEFHKmoPQrtTuUwxXyYz";

const ADVICE: &str =
    "fix the certificate problem instead (install the CA with `ca-certificates` or a secret mount)";

fn check(cx: &Context, sink: &mut Sink) {
    for run in runs(cx) {
        for command in &run.script.commands {
            check_command(command, sink);
        }
    }
    // ENV and ARG defaults.
    for (_, instruction) in cx.instructions() {
        if !matches!(
            instruction.kind,
            InstructionKind::Env | InstructionKind::Arg
        ) {
            continue;
        }
        let Arguments::Pairs(pairs) = &instruction.args else {
            continue;
        };
        for pair in pairs {
            let Some(value) = &pair.value else { continue };
            if let Some(message) = disabling_variable(&pair.key.value, &value.value) {
                sink.report(pair.span, message);
            }
        }
    }
}

/// `NODE_TLS_REJECT_UNAUTHORIZED=0` and friends.
fn disabling_variable(name: &str, value: &str) -> Option<String> {
    let value = value.trim_matches(['"', '\'']);
    let falsy = matches!(
        value.to_ascii_lowercase().as_str(),
        "0" | "false" | "no" | "off"
    );
    let what = match name {
        "NODE_TLS_REJECT_UNAUTHORIZED" if value == "0" => "Node.js",
        "PYTHONHTTPSVERIFY" if value == "0" => "Python's urllib",
        "GIT_SSL_NO_VERIFY" if !value.is_empty() && !falsy => "git",
        "NPM_CONFIG_STRICT_SSL" | "npm_config_strict_ssl" if falsy => "npm",
        "PIP_TRUSTED_HOST" if !value.is_empty() => "pip",
        _ => return None,
    };
    Some(format!(
        "`{name}={value}` turns off certificate checks for {what}: {ADVICE}"
    ))
}

fn report(sink: &mut Sink, span: Span, what: &str) {
    sink.report(span, format!("{what} skips TLS certificate verification, so anyone on the network path can swap the download: {ADVICE}"));
}

fn check_command(command: &Command, sink: &mut Sink) {
    for word in &command.words[..command.name_index.min(command.words.len())] {
        if let Some((name, value)) = crate::dockerfile::shell::assignment(&word.value)
            && let Some(message) = disabling_variable(name, value)
        {
            sink.report(word.span, message);
        }
    }
    let program = command.program().unwrap_or("");
    let args = command.args();
    match program {
        "curl" => {
            for word in args.iter().take_while(|word| word.value != "--") {
                if option_matches(&word.value, &['k'], &["--insecure"], CURL_VALUE_LETTERS) {
                    report(sink, word.span, &format!("`curl {}`", word.value));
                }
            }
        }
        "wget" => {
            for word in args
                .iter()
                .filter(|word| word.value == "--no-check-certificate")
            {
                report(sink, word.span, "`wget --no-check-certificate`");
            }
        }
        "export" => {
            for word in args {
                if let Some((name, value)) = crate::dockerfile::shell::assignment(&word.value)
                    && let Some(message) = disabling_variable(name, value)
                {
                    sink.report(word.span, message);
                }
            }
        }
        "npm" | "yarn" | "pnpm" => {
            let values: Vec<&str> = args.iter().map(|word| word.value.as_str()).collect();
            for (index, word) in args.iter().enumerate() {
                let value = word.value.to_ascii_lowercase();
                let strict_off = value == "--strict-ssl=false"
                    || value == "strict-ssl=false"
                    || (value == "strict-ssl"
                        && values.get(index + 1).is_some_and(|next| *next == "false"));
                if strict_off {
                    report(
                        sink,
                        word.span,
                        &format!("`{program}` with `strict-ssl` off"),
                    );
                }
            }
        }
        "git" => {
            for (index, word) in args.iter().enumerate() {
                let value = word.value.to_ascii_lowercase();
                let off = value.ends_with("sslverify=false")
                    || value.ends_with("sslverify=0")
                    || (value.ends_with("sslverify")
                        && args
                            .get(index + 1)
                            .is_some_and(|next| matches!(next.value.as_str(), "false" | "0")));
                if off {
                    report(sink, word.span, "git with `http.sslVerify` off");
                }
            }
        }
        _ => {}
    }
    if let Some(call) = Call::of(command) {
        match call.manager {
            Manager::Pip => {
                for word in call
                    .options()
                    .filter(|word| option_matches(&word.value, &[], &["--trusted-host"], ""))
                {
                    report(sink, word.span, "`pip --trusted-host`");
                }
            }
            Manager::Yum
            | Manager::Dnf
            | Manager::Microdnf
            | Manager::Zypper
            | Manager::AptGet
            | Manager::Apt => {
                for word in &command.words {
                    let value = word.value.to_ascii_lowercase();
                    let off = [
                        "sslverify=0",
                        "sslverify=false",
                        "sslverify=no",
                        "verify-peer=false",
                        "verify-peer \"false\"",
                    ]
                    .iter()
                    .any(|pattern| value.contains(pattern));
                    if off {
                        report(sink, word.span, &format!("`{}`", word.value));
                    }
                }
            }
            _ => {}
        }
    }
}
