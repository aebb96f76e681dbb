use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

/// The parser's own findings: text that is not Dockerfile syntax.
pub const RULE: DockerfileRule = DockerfileRule {
    name: "syntax-error",
    summary: "Text Docker cannot parse as a Dockerfile",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

/// Parser findings that a more specific rule reports (with its own explanation).
const REPORTED_ELSEWHERE: &[&str] = &["duplicate-directive", "invalid-escape"];

fn check(cx: &Context, sink: &mut Sink) {
    for error in cx
        .file
        .errors
        .iter()
        .filter(|error| !REPORTED_ELSEWHERE.contains(&error.code))
    {
        sink.report(error.span, error.message.clone());
    }
}
