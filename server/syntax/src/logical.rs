//! Docker's line joining: one logical line from the physical lines of an instruction.
//!
//! BuildKit strips a trailing escape character (plus spaces and tabs) from a line and appends the
//! next line; comment lines and whitespace-only lines met while continuing are dropped. Every byte
//! of the joined text remembers its source offset so spans can be reported in the file.

use std::ops::Range;

use crate::model::Span;

pub(crate) struct LogicalLine {
    pub text: String,
    /// Source offset of each byte of `text`.
    offsets: Vec<usize>,
    /// Source offset just after the last physical line read (its newline excluded).
    pub end: usize,
    pub empty_continuation_lines: Vec<Span>,
}

/// A physical line starting at `start`: its content end (newline and trailing `\r`s excluded) and
/// where the next line starts.
fn physical_line(src: &str, start: usize) -> (usize, Option<usize>) {
    let rest = &src[start..];
    let (content_end, next) = match rest.find('\n') {
        Some(nl) => (start + nl, Some(start + nl + 1)),
        None => (src.len(), None),
    };
    let trimmed = src[start..content_end].trim_end_matches(['\r', '\n']);
    (start + trimmed.len(), next)
}

/// `escape[ \t]*$`: where the continuation starts, if the line has one.
pub(crate) fn continuation_start(line: &str, escape: char) -> Option<usize> {
    let body = line.trim_end_matches([' ', '\t']);
    body.strip_suffix(escape).map(str::len)
}

pub(crate) fn is_comment_line(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

impl LogicalLine {
    /// Reads the logical line whose first physical line starts at `start`.
    pub fn read(src: &str, start: usize, escape: char) -> LogicalLine {
        let mut line = LogicalLine {
            text: String::new(),
            offsets: Vec::new(),
            end: start,
            empty_continuation_lines: Vec::new(),
        };
        let mut cursor = Some(start);
        let mut first = true;
        while let Some(line_start) = cursor {
            let (content_end, next) = physical_line(src, line_start);
            let content = &src[line_start..content_end];
            cursor = next;
            if !first {
                if is_comment_line(content) {
                    continue;
                }
                if content.trim_start().is_empty() {
                    line.empty_continuation_lines
                        .push(Span::new(line_start, content_end));
                    continue;
                }
            }
            first = false;
            line.end = content_end;
            match continuation_start(content, escape) {
                Some(cut) => line.push(content, line_start, cut),
                None => {
                    line.push(content, line_start, content.len());
                    break;
                }
            }
        }
        line
    }

    fn push(&mut self, content: &str, source_start: usize, len: usize) {
        self.text.push_str(&content[..len]);
        self.offsets.extend(source_start..source_start + len);
    }

    /// Source offset of logical byte `index` (`text.len()` maps just after the last byte).
    pub fn source(&self, index: usize) -> usize {
        if index < self.offsets.len() {
            self.offsets[index]
        } else {
            self.offsets.last().map_or(self.end, |last| last + 1)
        }
    }

    pub fn span(&self, range: Range<usize>) -> Span {
        if range.is_empty() {
            let at = self.source(range.start);
            return Span::new(at, at);
        }
        Span::new(self.source(range.start), self.source(range.end - 1) + 1)
    }

    /// The source pieces (one per physical line) that make up `range`.
    pub fn pieces(&self, range: Range<usize>) -> Vec<Span> {
        let mut pieces: Vec<Span> = Vec::new();
        for index in range {
            let at = self.offsets[index];
            match pieces.last_mut() {
                Some(piece) if piece.end == at => piece.end = at + 1,
                _ => pieces.push(Span::new(at, at + 1)),
            }
        }
        pieces
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_continuations_and_drops_comment_and_blank_lines() {
        let src = "RUN a \\\n# note\n\n  b\nNEXT";
        let line = LogicalLine::read(src, 0, '\\');
        assert_eq!(line.text, "RUN a   b");
        assert_eq!(line.empty_continuation_lines, vec![Span::new(15, 15)]);
        assert_eq!(line.end, 19);
        assert_eq!(
            line.pieces(0..line.text.len()),
            vec![Span::new(0, 6), Span::new(16, 19)]
        );
    }

    #[test]
    fn backtick_escape_keeps_backslashes() {
        let src = "COPY C:\\x\\ `\r\n  D:\\\r\n";
        let line = LogicalLine::read(src, 0, '`');
        assert_eq!(line.text, "COPY C:\\x\\   D:\\");
    }
}
