//! Lines the YAML parser cannot read.

use crate::Severity;
use crate::compose::{ComposeRule, Context};
use crate::rule::Sink;

pub const RULE: ComposeRule = ComposeRule {
    name: "yaml-syntax",
    summary: "The file is not valid YAML here (indentation, a missing colon, an unclosed quote or bracket, an unknown anchor).",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(context: &Context, sink: &mut Sink) {
    for error in &context.compose.yaml().errors {
        sink.report(error.span, error.message.clone());
    }
}
