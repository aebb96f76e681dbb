//! Values of instructions that take a small known set: STOPSIGNAL, EXPOSE's protocol, SHELL,
//! HEALTHCHECK's `CMD`/`NONE` (and its options).

use dockwise_syntax::{Arguments, Instruction, Span};

use super::{CompletionExt, Cursor, Items, flags, item};
use crate::ide::CompletionKind;

/// Signals commonly used to stop a container, and why.
const SIGNALS: &[(&str, &str)] = &[
    ("SIGTERM", "the default: ask the process to terminate"),
    (
        "SIGINT",
        "what Ctrl-C sends; many runtimes shut down cleanly on it",
    ),
    ("SIGQUIT", "graceful shutdown for nginx and some servers"),
    ("SIGWINCH", "graceful stop for Apache httpd"),
    ("SIGHUP", "hangup"),
    ("SIGUSR1", "application-defined"),
    ("SIGUSR2", "application-defined"),
    ("SIGKILL", "cannot be handled: no clean shutdown"),
];

/// Common `SHELL` arrays.
const SHELLS: &[(&str, &str)] = &[
    (
        r#"["/bin/bash", "-o", "pipefail", "-c"]"#,
        "bash, failing when any command of a pipe fails",
    ),
    (r#"["/bin/sh", "-c"]"#, "the default on Linux"),
    (
        r#"["/bin/ash", "-eo", "pipefail", "-c"]"#,
        "Alpine's shell, stopping on errors and failed pipes",
    ),
    (r#"["/bin/bash", "-c"]"#, "bash"),
    (r#"["pwsh", "-Command"]"#, "PowerShell (Windows or Linux)"),
    (r#"["powershell", "-Command"]"#, "Windows PowerShell"),
    (r#"["cmd", "/S", "/C"]"#, "the default on Windows"),
];

pub fn stop_signal(cursor: &Cursor, instruction: &Instruction, out: &mut Items) {
    if !first_word(cursor, instruction) {
        return;
    }
    for (rank, (signal, detail)) in SIGNALS.iter().enumerate() {
        out.push(
            item(*signal, CompletionKind::Value, cursor.word)
                .detail(*detail)
                .sort(u32::try_from(rank).unwrap_or(0)),
        );
    }
}

/// `EXPOSE 8080/` then the protocol.
pub fn expose_protocol(cursor: &Cursor, out: &mut Items) {
    let typed = cursor.typed();
    let Some(slash) = typed.rfind('/') else {
        return;
    };
    let port = typed.get(..slash).unwrap_or("");
    if port.is_empty() || port.contains('/') {
        return;
    }
    let replace = Span::new(cursor.word.start + slash + 1, cursor.word.end);
    for (rank, (protocol, detail)) in [("tcp", "the default"), ("udp", "")]
        .into_iter()
        .enumerate()
    {
        let mut candidate =
            item(protocol, CompletionKind::Value, replace).sort(u32::try_from(rank).unwrap_or(0));
        if !detail.is_empty() {
            candidate = candidate.detail(detail);
        }
        out.push(candidate);
    }
}

pub fn shell(cursor: &Cursor, instruction: &Instruction, out: &mut Items) {
    // Only where the array starts: nothing typed yet, or its beginning.
    let starts_here = match &instruction.args {
        Arguments::None => true,
        Arguments::Exec(exec) => exec.span.start >= cursor.word.start,
        Arguments::Shell(shell) => shell.span.start >= cursor.word.start,
        _ => false,
    };
    if !starts_here || !cursor.typed().chars().all(|c| c == '[' || c == '"') {
        return;
    }
    // Replace to the end of the line: a half-typed array is replaced whole.
    let text = cursor.text();
    let after = text.get(cursor.offset..).unwrap_or("");
    let line_end = cursor.offset + after.find(['\n', '\r']).unwrap_or(after.len());
    let end = if cursor.typed().is_empty() {
        cursor.word.end
    } else {
        line_end
    };
    let replace = Span::new(cursor.word.start, end);
    for (rank, (array, detail)) in SHELLS.iter().enumerate() {
        out.push(
            item(*array, CompletionKind::Value, replace)
                .detail(*detail)
                .sort(u32::try_from(rank).unwrap_or(0)),
        );
    }
}

/// HEALTHCHECK before its `CMD`/`NONE`: the options, `CMD` and `NONE`.
pub fn healthcheck(cursor: &Cursor, instruction: &Instruction, out: &mut Items) {
    let before_kind = instruction
        .healthcheck_kind
        .as_ref()
        .is_none_or(|(_, span)| cursor.word.start <= span.start);
    if !before_kind {
        return;
    }
    let typed = cursor.typed();
    if !typed.chars().all(|c| c.is_ascii_alphabetic()) {
        return;
    }
    let upper = instruction.keyword.chars().any(|c| c.is_ascii_uppercase());
    let case = |word: &str| {
        if upper {
            word.to_string()
        } else {
            word.to_ascii_lowercase()
        }
    };
    out.push(
        item(case("CMD"), CompletionKind::Keyword, cursor.word)
            .detail("the command that checks the container (exit 0: healthy)")
            .snippet(format!("{} ${{1:command}}", case("CMD")))
            .sort(0),
    );
    out.push(
        item(case("NONE"), CompletionKind::Keyword, cursor.word)
            .detail("disable the healthcheck inherited from the base image")
            .sort(20),
    );
    if typed.is_empty() {
        flags::names(cursor, instruction, 1, out);
    }
}

/// The cursor is on the first argument (or where it goes).
fn first_word(cursor: &Cursor, instruction: &Instruction) -> bool {
    match &instruction.args {
        Arguments::None => true,
        Arguments::Words(words) => words
            .first()
            .is_none_or(|word| word.span.start >= cursor.word.start),
        _ => false,
    }
}
