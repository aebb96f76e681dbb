use dockwise_syntax::Arguments;

use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, buildkit};
use crate::{Fix, FixSafety, Severity, TextEdit};

/// `CMD ['node', 'app.js']`: not JSON, so Docker silently runs it through `/bin/sh -c`.
pub const RULE: DockerfileRule = DockerfileRule {
    name: "malformed-exec-form",
    summary: "Looks like exec form but is not valid JSON, so Docker runs it as a shell command",
    severity: Severity::Warning,
    enabled: true,
    fixable: true,
    equivalents: &[buildkit("JSONArgsRecommended")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for (_, instruction) in cx.instructions() {
        let Arguments::Shell(shell) = &instruction.args else {
            continue;
        };
        if !shell.malformed_exec {
            continue;
        }
        let diagnostic = sink.report(
            shell.span,
            format!(
                "this is not valid JSON (strings need double quotes, no trailing comma), so {} runs it as `/bin/sh -c '{}'`",
                instruction.kind.keyword(),
                shell.text
            ),
        );
        if let Some(json) = repair(&shell.text) {
            diagnostic.with_fix(Fix {
                title: "Rewrite as a valid JSON array".to_string(),
                safety: FixSafety::Unsafe,
                edits: vec![TextEdit {
                    span: shell.span,
                    new_text: json,
                }],
            });
        }
    }
}

/// `['a', "b",]` to `["a", "b"]` when every element is a quoted string.
fn repair(text: &str) -> Option<String> {
    let inner = text.trim().strip_prefix('[')?.strip_suffix(']')?;
    let mut elements = Vec::new();
    let mut chars = inner.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace() || *c == ',').is_some() {}
        let Some(quote) = chars.next() else { break };
        if quote != '\'' && quote != '"' {
            return None;
        }
        let mut element = String::new();
        loop {
            match chars.next()? {
                '\\' => element.push(chars.next()?),
                c if c == quote => break,
                c => element.push(c),
            }
        }
        elements.push(element);
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_some_and(|c| *c != ',') {
            return None;
        }
    }
    (!elements.is_empty())
        .then(|| serde_json::to_string(&elements).ok())
        .flatten()
        .map(|json| json.replace("\",\"", "\", \""))
}

#[cfg(test)]
mod tests {
    use super::repair;

    #[test]
    fn repairs_quoted_arrays_only() {
        assert_eq!(
            repair("['node', 'app.js']").as_deref(),
            Some(r#"["node", "app.js"]"#)
        );
        assert_eq!(repair(r#"["a", "b",]"#).as_deref(), Some(r#"["a", "b"]"#));
        assert_eq!(
            repair(r#"['say "hi"']"#).as_deref(),
            Some(r#"["say \"hi\""]"#)
        );
        assert_eq!(repair("[ -f x ]"), None);
        assert_eq!(repair("[]"), None);
    }
}
