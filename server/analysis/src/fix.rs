//! Applying fixes: choosing a non-overlapping set and rewriting the text.

use crate::{Diagnostic, FixSafety, TextEdit};

/// The edits of every safe fix (first fix of each diagnostic), dropping any that would overlap
/// an earlier one: what `source.fixAll` and `check --fix` apply in one pass.
pub fn safe_fix_edits(diagnostics: &[Diagnostic]) -> Vec<TextEdit> {
    let mut chosen: Vec<TextEdit> = Vec::new();
    for fix in diagnostics
        .iter()
        .filter_map(|d| d.fixes.iter().find(|fix| fix.safety == FixSafety::Safe))
    {
        let overlaps = fix
            .edits
            .iter()
            .any(|edit| chosen.iter().any(|taken| overlap(taken, edit)));
        if !overlaps {
            chosen.extend(fix.edits.iter().cloned());
        }
    }
    chosen.sort_by_key(|edit| (edit.span.start, edit.span.end));
    chosen
}

fn overlap(a: &TextEdit, b: &TextEdit) -> bool {
    // Two insertions at one point would be ordered arbitrarily: treat them as overlapping.
    a.span.start < b.span.end && b.span.start < a.span.end || a.span.start == b.span.start
}

/// Apply non-overlapping edits; edits out of bounds or off char boundaries are skipped.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut edits: Vec<&TextEdit> = edits.iter().collect();
    edits.sort_by_key(|edit| (edit.span.start, edit.span.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in edits {
        let (start, end) = (edit.span.start, edit.span.end);
        if start < cursor
            || end > text.len()
            || start > end
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&text[cursor..start]);
        out.push_str(&edit.new_text);
        cursor = end;
    }
    out.push_str(&text[cursor..]);
    out
}

#[cfg(test)]
mod tests {
    use dockwise_syntax::Span;

    use super::*;

    fn edit(start: usize, end: usize, text: &str) -> TextEdit {
        TextEdit {
            span: Span::new(start, end),
            new_text: text.to_string(),
        }
    }

    #[test]
    fn applies_in_order_and_skips_bad_edits() {
        let text = "hello world";
        let out = apply_edits(
            text,
            &[
                edit(6, 11, "there"),
                edit(0, 5, "HELLO"),
                edit(3, 8, "x"),
                edit(20, 30, "y"),
            ],
        );
        assert_eq!(out, "HELLO there");
    }
}
