use super::common;
use crate::Severity;
use crate::dockerfile::shell::ShellWord;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

pub const RULE: DockerfileRule = DockerfileRule {
    name: "credential-in-run",
    summary: "A password or token written on a RUN command line: it is kept in the image history",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for run in common::runs(cx) {
        let Some(script) = &run.script else { continue };
        for command in &script.commands {
            let program = command.program().unwrap_or("");
            let args = command.args();
            for (index, word) in args.iter().enumerate() {
                let next = args.get(index + 1);
                if let Some(span_word) = credential(program, word, next) {
                    sink.report(
                        span_word.span,
                        "a credential written in a RUN stays readable in the image history: pass it with `RUN --mount=type=secret` and read it from the file",
                    );
                }
            }
        }
    }
}

fn literal_secret(value: &str) -> bool {
    !value.is_empty() && value != "-" && !value.contains('$') && !value.contains("/run/secrets")
}

fn credential<'w>(
    program: &str,
    word: &'w ShellWord,
    next: Option<&'w ShellWord>,
) -> Option<&'w ShellWord> {
    if word.expands {
        return None;
    }
    let value = word.value.as_str();
    // scheme://user:password@host
    if let Some((_, rest)) = value.split_once("://") {
        let authority = rest.split('/').next().unwrap_or("");
        if let Some((userinfo, _)) = authority.rsplit_once('@')
            && let Some((_, password)) = userinfo.split_once(':')
            && literal_secret(password)
        {
            return Some(word);
        }
    }
    if let Some(password) = value
        .strip_prefix("--password=")
        .or_else(|| value.strip_prefix("--pass="))
    {
        return literal_secret(password).then_some(word);
    }
    let value_of_next = || next.filter(|w| !w.expands && literal_secret(&w.value));
    match (program, value) {
        ("curl", "-u" | "--user")
        | ("wget", "--password" | "--http-password" | "--ftp-password") => {
            let next = value_of_next()?;
            if program == "curl" {
                let (_, password) = next.value.split_once(':')?;
                return literal_secret(password).then_some(next);
            }
            Some(next)
        }
        ("docker" | "podman" | "buildah" | "skopeo" | "helm", "-p" | "--password")
        | ("sshpass", "-p") => value_of_next(),
        ("mysql" | "mysqladmin" | "mariadb" | "mysqldump", _)
            if value.starts_with("-p") && value.len() > 2 =>
        {
            Some(word)
        }
        _ => None,
    }
}
