//! Folding ranges: stages, instructions continued over several lines, heredocs and blocks of two
//! or more comment lines. Only regions spanning at least two lines are reported, once per pair
//! of first and last line.

use dockwise_syntax::{Parse, Span};

use super::lines::Lines;
use crate::ide::{Fold, FoldKind};

pub fn folds(parse: &Parse) -> Vec<Fold> {
    let text = parse.text();
    let file = parse.dockerfile();
    let lines = Lines::new(text);
    let mut regions: Vec<Fold> = Vec::new();
    for stage in &file.stages {
        let instructions = file
            .instructions
            .get(stage.instructions.clone())
            .unwrap_or(&[]);
        if let (Some(first), Some(last)) = (instructions.first(), instructions.last()) {
            regions.push(Fold {
                span: first.span.cover(last.span),
                kind: FoldKind::Region,
            });
        }
    }
    for instruction in &file.instructions {
        regions.push(Fold {
            span: instruction.span,
            kind: FoldKind::Region,
        });
        for heredoc in &instruction.heredocs {
            let end = heredoc.end_span.unwrap_or(heredoc.body_span);
            regions.push(Fold {
                span: heredoc.marker_span.cover(end),
                kind: FoldKind::Region,
            });
        }
    }
    regions.extend(comment_blocks(&lines, file.comments.iter().map(|c| c.span)));
    let mut folds: Vec<Fold> = regions
        .into_iter()
        .filter(|fold| lines.line(fold.span.start) < lines.line(fold.span.end))
        .collect();
    folds.sort_by_key(|fold| (fold.span.start, std::cmp::Reverse(fold.span.end)));
    folds.dedup_by(|later, earlier| {
        lines.line(later.span.start) == lines.line(earlier.span.start)
            && lines.line(later.span.end) == lines.line(earlier.span.end)
    });
    folds
}

/// Runs of comments on consecutive lines.
fn comment_blocks(lines: &Lines, comments: impl Iterator<Item = Span>) -> Vec<Fold> {
    let mut blocks = Vec::new();
    let mut current: Option<(Span, usize)> = None;
    for comment in comments {
        let line = lines.line(comment.start);
        current = match current {
            Some((block, last)) if line == last + 1 => Some((block.cover(comment), line)),
            done => {
                blocks.extend(done.map(|(block, _)| block));
                Some((comment, line))
            }
        };
    }
    blocks.extend(current.map(|(block, _)| block));
    blocks
        .into_iter()
        .map(|span| Fold {
            span,
            kind: FoldKind::Comment,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dockerfile::ide::test_support::{MULTI_STAGE, parse};

    fn render(text: &str) -> String {
        let lines = Lines::new(text);
        folds(&parse(text))
            .iter()
            .map(|fold| {
                format!(
                    "{:?} {}-{}: {}",
                    fold.kind,
                    lines.line(fold.span.start) + 1,
                    lines.line(fold.span.end) + 1,
                    text[fold.span.range()].lines().next().unwrap_or("")
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn stages_continuations_heredocs_and_comment_blocks() {
        insta::assert_snapshot!(render(MULTI_STAGE));
    }

    #[test]
    fn comments_inside_a_continuation_and_crlf() {
        let text = "FROM a\r\nRUN x \\\r\n  # one\r\n  # two\r\n  && y\r\n# single\r\n";
        insta::assert_snapshot!(render(text));
        assert!(folds(&parse("")).is_empty());
        assert!(
            folds(&parse("FROM a\nRUN <<EOF\n"))
                .iter()
                .all(|f| f.span.end <= 21)
        );
    }
}
