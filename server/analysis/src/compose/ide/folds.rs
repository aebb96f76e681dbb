//! Folding: every mapping entry or list item whose value spans several lines, and runs of two
//! or more comment lines.

use dockwise_syntax::Span;

use crate::compose::Compose;
use crate::compose::yaml::{Node, Style, Value};
use crate::ide::{Fold, FoldKind};

pub fn folds(file: &Compose) -> Vec<Fold> {
    let text = file.text();
    let mut regions = Vec::new();
    let mut blocks = Vec::new();
    if let Some(root) = &file.yaml().root {
        walk(text, root, &mut regions, &mut blocks, 0);
    }
    let mut out: Vec<Fold> = regions
        .into_iter()
        .map(|span| Fold {
            span,
            kind: FoldKind::Region,
        })
        .collect();
    out.extend(comment_runs(text, &blocks));
    out.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    out.dedup_by_key(|f| f.span);
    out
}

fn multiline(text: &str, span: Span) -> bool {
    text.get(span.range()).is_some_and(|s| s.contains('\n'))
}

/// Trailing newlines belong to the next line, not to the fold.
fn trimmed(text: &str, span: Span) -> Span {
    let body = text.get(span.range()).unwrap_or("");
    Span::new(span.start, span.start + body.trim_end().len())
}

const MAX_DEPTH: usize = 64;

fn walk(text: &str, node: &Node, regions: &mut Vec<Span>, blocks: &mut Vec<Span>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match &node.value {
        Value::Map(entries) => {
            for entry in entries.iter().filter(|e| !e.merged) {
                // An alias value sits elsewhere: it is folded where the anchor is written.
                if entry.value.span.start < entry.key.span.end {
                    continue;
                }
                let span = trimmed(text, entry.key.span.cover(entry.value.span));
                if multiline(text, span) {
                    regions.push(span);
                }
                walk(text, &entry.value, regions, blocks, depth + 1);
            }
        }
        Value::Seq(items) => {
            for item in items {
                let span = trimmed(text, item.span);
                if multiline(text, span) && !matches!(item.value, Value::Scalar(_)) {
                    regions.push(span);
                }
                walk(text, item, regions, blocks, depth + 1);
            }
        }
        Value::Scalar(scalar) => {
            if matches!(scalar.style, Style::Literal | Style::Folded) {
                blocks.push(node.span);
            }
        }
    }
}

/// Runs of at least two comment lines, outside block scalars (where `#` is text).
fn comment_runs(text: &str, blocks: &[Span]) -> Vec<Fold> {
    let mut out = Vec::new();
    let mut run: Option<(usize, usize, usize)> = None; // start, end, lines
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let is_comment = line.trim_start().starts_with('#')
            && !blocks.iter().any(|b| b.start <= start && start < b.end);
        if is_comment {
            let end = start + line.trim_end().len();
            run = Some(match run {
                Some((s, _, n)) => (s, end, n + 1),
                None => (start + (line.len() - line.trim_start().len()), end, 1),
            });
        } else if let Some((s, e, n)) = run.take()
            && n >= 2
        {
            out.push(Fold {
                span: Span::new(s, e),
                kind: FoldKind::Comment,
            });
        }
    }
    if let Some((s, e, n)) = run
        && n >= 2
    {
        out.push(Fold {
            span: Span::new(s, e),
            kind: FoldKind::Comment,
        });
    }
    out
}
