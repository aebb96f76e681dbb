//! The file as physical lines, each with the role it plays: what the formatter may touch on it.

use dockwise_syntax::{Dockerfile, Instruction, Span};

/// One physical line: `start..content_end` is its text, `content_end..end` its line break
/// (`\n` or `\r\n`; empty on a last line without one).
#[derive(Clone, Copy, Debug)]
pub(super) struct Line {
    pub start: usize,
    pub content_end: usize,
    pub end: usize,
}

impl Line {
    pub fn content(self, text: &str) -> &str {
        text.get(self.start..self.content_end).unwrap_or("")
    }

    pub fn span(self) -> Span {
        Span::new(self.start, self.end)
    }

    pub fn has_break(self) -> bool {
        self.end > self.content_end
    }
}

/// Splits at `\n`; a `\r` before it belongs to the break. The caller has refused text with a
/// carriage return anywhere else.
pub(super) fn split(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let (content_end, end) = match text.get(start..).and_then(|rest| rest.find('\n')) {
            Some(newline) => {
                let newline = start + newline;
                let content_end = if text.get(..newline).is_some_and(|t| t.ends_with('\r')) {
                    newline - 1
                } else {
                    newline
                };
                (content_end, newline + 1)
            }
            None => (text.len(), text.len()),
        };
        lines.push(Line {
            start,
            content_end,
            end,
        });
        start = end;
    }
    lines
}

/// What a line is to Docker, and so what formatting may do with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    /// Only spaces and tabs: between instructions, or inside a continuation (Docker skips it).
    Blank,
    /// A comment or parser directive between instructions.
    Comment,
    /// The first line of instruction `i` (the one with its keyword).
    Keyword(usize),
    /// A further line of instruction `i`'s logical line.
    Continuation(usize),
    /// A comment line inside instruction `i`'s continuation (Docker drops it).
    ContinuationComment(usize),
    /// A heredoc body or terminator line: never touched.
    Heredoc,
}

pub(super) fn is_blank(content: &str) -> bool {
    content.bytes().all(|byte| byte == b' ' || byte == b'\t')
}

fn is_comment(content: &str) -> bool {
    content.trim_start_matches([' ', '\t']).starts_with('#')
}

/// The index of the line holding byte `offset`.
pub(super) fn line_of(lines: &[Line], offset: usize) -> usize {
    lines
        .partition_point(|line| line.start <= offset)
        .saturating_sub(1)
}

/// Each line's role, and each instruction's first and last line.
pub(super) type Classified = (Vec<Role>, Vec<(usize, usize)>);

/// Every line's role, or why the file cannot be read line by line with confidence.
pub(super) fn classify(
    text: &str,
    model: &Dockerfile,
    lines: &[Line],
) -> Result<Classified, String> {
    let mut roles: Vec<Option<Role>> = vec![None; lines.len()];
    let mut extents = Vec::with_capacity(model.instructions.len());
    for (index, instruction) in model.instructions.iter().enumerate() {
        let first = line_of(lines, instruction.span.start);
        let last = line_of(lines, last_offset(instruction));
        let keyword_line = lines
            .get(first)
            .copied()
            .ok_or("an instruction past the end")?;
        let before_keyword = text
            .get(keyword_line.start..instruction.span.start)
            .ok_or("an instruction off a character boundary")?;
        let before_keyword = without_bom(before_keyword, first);
        if !is_blank(before_keyword) {
            return Err(format!(
                "line {}: text before the instruction keyword",
                first + 1
            ));
        }
        for line_index in first..=last {
            let line = lines
                .get(line_index)
                .copied()
                .ok_or("a line past the end")?;
            let slot = roles.get_mut(line_index).ok_or("a line past the end")?;
            if slot.is_some() {
                return Err(format!(
                    "line {}: dockwise cannot tell for sure where an instruction ends",
                    line_index + 1
                ));
            }
            let content = line.content(text);
            *slot = Some(if line_index == first {
                Role::Keyword(index)
            } else if in_heredoc(instruction, line.start) {
                Role::Heredoc
            } else if is_blank(content) {
                Role::Blank
            } else if is_comment(content) {
                Role::ContinuationComment(index)
            } else {
                Role::Continuation(index)
            });
        }
        extents.push((first, last));
    }
    let mut classified = Vec::with_capacity(lines.len());
    for (line_index, (role, line)) in roles.into_iter().zip(lines).enumerate() {
        let content = without_bom(line.content(text), line_index);
        classified.push(match role {
            Some(role) => role,
            None if is_blank(content) => Role::Blank,
            None if is_comment(content) => Role::Comment,
            None => {
                return Err(format!(
                    "line {}: text outside any instruction",
                    line_index + 1
                ));
            }
        });
    }
    Ok((classified, extents))
}

/// Docker ignores a byte order mark at the start of the file; so does the layout (and keeps it).
pub(super) fn without_bom(content: &str, line_index: usize) -> &str {
    match line_index {
        0 => content.strip_prefix('\u{feff}').unwrap_or(content),
        _ => content,
    }
}

/// Heredocs of the instruction and of its ONBUILD trigger.
fn heredocs(instruction: &Instruction) -> impl Iterator<Item = &dockwise_syntax::Heredoc> {
    instruction.heredocs.iter().chain(
        instruction
            .trigger
            .iter()
            .flat_map(|trigger| trigger.heredocs.iter()),
    )
}

fn last_offset(instruction: &Instruction) -> usize {
    heredocs(instruction)
        .filter_map(|heredoc| heredoc.end_span.map(|end| end.end))
        .fold(instruction.span.end, usize::max)
}

fn in_heredoc(instruction: &Instruction, offset: usize) -> bool {
    heredocs(instruction).any(|heredoc| {
        let end = heredoc
            .end_span
            .map_or(heredoc.body_span.end, |end| end.end);
        heredoc.body_span.start <= offset && offset < end
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lf_and_crlf_and_a_last_line_without_break() {
        let lines = split("a\r\nbc\n\nd");
        let parts: Vec<_> = lines
            .iter()
            .map(|l| (l.start, l.content_end, l.end))
            .collect();
        assert_eq!(parts, vec![(0, 1, 3), (3, 5, 6), (6, 6, 7), (7, 8, 8)]);
        assert!(split("").is_empty());
        assert_eq!(split("x\n").len(), 1);
    }
}
