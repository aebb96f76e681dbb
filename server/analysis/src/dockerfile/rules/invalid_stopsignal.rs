use dockwise_syntax::{Arguments, InstructionKind};

use super::{did_you_mean, suggestion_suffix};
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

pub const RULE: DockerfileRule = DockerfileRule {
    name: "invalid-stopsignal",
    summary: "STOPSIGNAL with something that is not a signal name or number",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

/// Linux signal names Docker's signal parser knows (without the `SIG` prefix).
pub const SIGNALS: &[&str] = &[
    "ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL", "INT", "IO", "IOT", "KILL",
    "PIPE", "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS", "TERM", "TRAP", "TSTP",
    "TTIN", "TTOU", "UNUSED", "URG", "USR1", "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ", "RTMIN",
    "RTMAX",
];

fn check(cx: &Context, sink: &mut Sink) {
    for (_, instruction) in cx.instructions() {
        if instruction.kind != InstructionKind::Stopsignal {
            continue;
        }
        let Arguments::Words(words) = &instruction.args else {
            continue;
        };
        let Some(word) = words.first() else { continue };
        if !word.vars.is_empty() || is_signal(&word.value) {
            continue;
        }
        let name = word.value.to_ascii_uppercase();
        let bare = name.strip_prefix("SIG").unwrap_or(&name);
        let suggestion = did_you_mean(bare, SIGNALS.iter().copied()).map(|s| format!("SIG{s}"));
        sink.report(
            word.span,
            format!(
                "`{}` is not a signal{}",
                word.value,
                suggestion_suffix(suggestion.as_deref())
            ),
        );
    }
}

/// `SIGTERM`, `TERM`, `15`, `SIGRTMIN+3`, `RTMAX-2`, case-insensitively (Docker upper-cases).
pub fn is_signal(text: &str) -> bool {
    if let Ok(number) = text.parse::<u32>() {
        return (1..=64).contains(&number);
    }
    let upper = text.to_ascii_uppercase();
    let name = upper.strip_prefix("SIG").unwrap_or(&upper);
    if let Some(offset) = name
        .strip_prefix("RTMIN+")
        .or_else(|| name.strip_prefix("RTMAX-"))
    {
        return offset.parse::<u32>().is_ok_and(|offset| offset <= 30);
    }
    SIGNALS.contains(&name)
}

#[cfg(test)]
mod tests {
    #[test]
    fn signals() {
        for good in [
            "SIGTERM",
            "term",
            "9",
            "SIGRTMIN+3",
            "SIGQUIT",
            "SIGWINCH",
            "RTMAX-1",
        ] {
            assert!(super::is_signal(good), "{good}");
        }
        for bad in ["SIGFOO", "0", "99", "TERMINATE", "SIGRTMIN+99", ""] {
            assert!(!super::is_signal(bad), "{bad}");
        }
    }
}
