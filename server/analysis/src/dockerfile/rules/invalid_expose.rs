use dockwise_syntax::{Arguments, InstructionKind, Word};

use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, buildkit};
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "invalid-expose",
    summary: "An EXPOSE port, range or protocol Docker rejects (host mappings and upper-case protocols: warnings)",
    severity: Severity::Error,
    enabled: true,
    fixable: true,
    equivalents: &[
        buildkit("ExposeInvalidFormat"),
        buildkit("ExposeProtoCasing"),
    ],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for (_, instruction) in cx.instructions() {
        if instruction.kind != InstructionKind::Expose {
            continue;
        }
        let Arguments::Words(words) = &instruction.args else {
            continue;
        };
        for word in words.iter().filter(|word| word.vars.is_empty()) {
            check_port(word, sink);
        }
    }
}

fn check_port(word: &Word, sink: &mut Sink) {
    let value = word.value.as_str();
    let (ports, protocol) = value.split_once('/').unwrap_or((value, "tcp"));
    if ports.contains(':') {
        sink.report_warning(
            word.span,
            format!("EXPOSE documents container ports only; `{value}` looks like a `docker run -p` mapping (host side ignored)"),
        );
        return;
    }
    let valid_range = match ports.split_once('-') {
        Some((low, high)) => {
            matches!((port(low), port(high)), (Some(low), Some(high)) if low <= high)
        }
        None => port(ports).is_some(),
    };
    if !valid_range {
        sink.report(
            word.span,
            format!("`{ports}` is not a port or port range (1-65535)"),
        );
        return;
    }
    let lower = protocol.to_ascii_lowercase();
    if !["tcp", "udp", "sctp"].contains(&lower.as_str()) {
        sink.report(
            word.span,
            format!("`{protocol}` is not a protocol: use tcp, udp or sctp"),
        );
    } else if protocol != lower {
        let start = word.span.end - protocol.len();
        sink.report_warning(
            dockwise_syntax::Span::new(start, word.span.end),
            format!("write the protocol in lower case: `{lower}`"),
        )
        .with_fix(Fix {
            title: format!("Change to `{lower}`"),
            safety: FixSafety::Safe,
            edits: vec![TextEdit {
                span: dockwise_syntax::Span::new(start, word.span.end),
                new_text: lower,
            }],
        });
    }
}

fn port(text: &str) -> Option<u16> {
    text.parse::<u16>().ok().filter(|port| *port > 0)
}
