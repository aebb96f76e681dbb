//! Semantic tokens: mapping keys as properties, anchors and aliases, and interpolated
//! variables (`${VAR}`, `$VAR`) inside values. Everything else is left to the editor's YAML
//! highlighting.

use dockwise_syntax::Span;

use crate::compose::Compose;
use crate::compose::yaml::{Node, Style, Value};
use crate::ide::{Token, TokenKind, TokenModifiers};

const MAX_DEPTH: usize = 64;

pub fn tokens(file: &Compose) -> Vec<Token> {
    let text = file.text();
    let mut out = Vec::new();
    if let Some(root) = &file.yaml().root {
        walk(text, root, &mut out, 0);
    }
    for anchor in &file.yaml().anchors {
        out.push(token(
            anchor.span,
            TokenKind::Variable,
            TokenModifiers::DECLARATION,
        ));
    }
    for alias in &file.yaml().aliases {
        out.push(token(
            alias.span,
            TokenKind::Variable,
            TokenModifiers::default(),
        ));
    }
    out.sort_by_key(|t| t.span);
    // Aliased nodes are walked once per use; keep each range once and never overlapping.
    let mut result: Vec<Token> = Vec::with_capacity(out.len());
    for token in out {
        if token.span.is_empty()
            || text
                .get(token.span.range())
                .is_none_or(|s| s.contains('\n'))
        {
            continue;
        }
        if result
            .last()
            .is_some_and(|last| last.span.end > token.span.start)
        {
            continue;
        }
        result.push(token);
    }
    result
}

fn token(span: Span, kind: TokenKind, modifiers: TokenModifiers) -> Token {
    Token {
        span,
        kind,
        modifiers,
    }
}

fn walk(text: &str, node: &Node, out: &mut Vec<Token>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match &node.value {
        Value::Map(entries) => {
            for entry in entries.iter().filter(|e| !e.merged) {
                if entry.value.span.start < entry.key.span.end {
                    // An alias value: its node is walked where it is written.
                    out.push(token(
                        entry.key.span,
                        TokenKind::Property,
                        TokenModifiers::default(),
                    ));
                    continue;
                }
                out.push(token(
                    entry.key.span,
                    TokenKind::Property,
                    TokenModifiers::default(),
                ));
                walk(text, &entry.value, out, depth + 1);
            }
        }
        Value::Seq(items) => {
            for item in items {
                walk(text, item, out, depth + 1);
            }
        }
        Value::Scalar(scalar) => {
            if scalar.style == Style::Single || !scalar.text.contains('$') {
                return;
            }
            let span = node.content_span();
            if let Some(raw) = text.get(span.range()) {
                variables(raw, span.start, out);
            }
        }
    }
}

/// `${NAME...}` and `$NAME` in raw scalar text; `$$` is a literal dollar.
fn variables(raw: &str, base: usize, out: &mut Vec<Token>) {
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'$' {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(b'$') => i += 2,
            Some(b'{') => {
                let end = raw[i..]
                    .find(['}', '\n'])
                    .map_or(bytes.len(), |e| i + e + 1);
                out.push(token(
                    Span::new(base + i, base + end.min(bytes.len())),
                    TokenKind::Variable,
                    TokenModifiers::default(),
                ));
                i = end.max(i + 1);
            }
            Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {
                let len = raw[i + 1..]
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                    .count();
                out.push(token(
                    Span::new(base + i, base + i + 1 + len),
                    TokenKind::Variable,
                    TokenModifiers::default(),
                ));
                i += 1 + len;
            }
            _ => i += 1,
        }
    }
}
