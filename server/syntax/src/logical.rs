//! Docker's line joining: one logical line from the physical lines of an instruction.
//!
//! BuildKit strips a trailing escape character (plus spaces and tabs) from a line and appends the
//! next line; comment lines and whitespace-only lines met while continuing are dropped. Every byte
//! of the joined text remembers its source offset so spans can be reported in the file.

use std::borrow::Cow;
use std::ops::Range;

use crate::model::Span;

pub(crate) struct LogicalLine<'a> {
    /// The joined text: borrowed from the source when the instruction is one physical line.
    pub text: Cow<'a, str>,
    /// Source offset of the first byte of `text`.
    first_source: usize,
    /// `(logical offset, source offset)` where each further physical line's piece starts. Pieces
    /// are never empty, so logical offsets strictly increase.
    rest: Vec<(usize, usize)>,
    /// Source offset just after the last physical line read (its newline excluded).
    pub end: usize,
    /// Source offset just after the last byte examined (the newline that ended the last physical
    /// line read, comment and blank lines included): the text the line depends on ends here. One
    /// past the end of the source when the line ran to the end, which text appended would extend.
    pub scanned_end: usize,
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

impl<'a> LogicalLine<'a> {
    /// Reads the logical line whose first physical line starts at `start`. `capacity` is reserved
    /// for the text should it be joined from several physical lines (the instruction's source
    /// length is a good guess).
    pub fn read(src: &'a str, start: usize, escape: char, capacity: usize) -> LogicalLine<'a> {
        let mut line = LogicalLine {
            text: Cow::Borrowed(""),
            first_source: start,
            rest: Vec::new(),
            end: start,
            scanned_end: start,
            empty_continuation_lines: Vec::new(),
        };
        let mut cursor = Some(start);
        let mut first = true;
        while let Some(line_start) = cursor {
            let (content_end, next) = physical_line(src, line_start);
            let content = &src[line_start..content_end];
            cursor = next;
            line.scanned_end = next.unwrap_or(src.len() + 1);
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
                Some(cut) => line.push(content, line_start, cut, capacity),
                None => {
                    line.push(content, line_start, content.len(), capacity);
                    break;
                }
            }
        }
        line
    }

    fn push(&mut self, content: &'a str, source_start: usize, len: usize, capacity: usize) {
        if len == 0 {
            return;
        }
        let piece = &content[..len];
        if self.text.is_empty() {
            self.first_source = source_start;
            self.text = Cow::Borrowed(piece);
        } else {
            self.rest.push((self.text.len(), source_start));
            if let Cow::Borrowed(first) = self.text {
                let mut text = String::with_capacity(capacity.max(first.len() + piece.len()));
                text.push_str(first);
                self.text = Cow::Owned(text);
            }
            self.text.to_mut().push_str(piece);
        }
    }

    /// The pieces of `text` as `(logical start, logical end, source start)`, in order.
    fn segments(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        let len = self.text.len();
        let starts = std::iter::once((0, self.first_source))
            .filter(move |_| len > 0)
            .chain(self.rest.iter().copied());
        let ends = self
            .rest
            .iter()
            .map(|&(logical, _)| logical)
            .chain(std::iter::once(len));
        starts
            .zip(ends)
            .map(|((start, source), end)| (start, end, source))
    }

    /// Source offset of logical byte `index` (`text.len()` maps just after the last byte).
    pub fn source(&self, index: usize) -> usize {
        let len = self.text.len();
        if len == 0 {
            return self.end;
        }
        if index >= len {
            return self.source(len - 1) + 1;
        }
        let piece = self.rest.partition_point(|&(logical, _)| logical <= index);
        match piece {
            0 => self.first_source + index,
            _ => {
                let (logical, source) = self.rest[piece - 1];
                source + (index - logical)
            }
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
        for (start, end, source) in self.segments() {
            let from = range.start.max(start);
            let to = range.end.min(end);
            if from >= to {
                continue;
            }
            let piece = Span::new(source + (from - start), source + (to - start));
            match pieces.last_mut() {
                Some(last) if last.end == piece.start => last.end = piece.end,
                _ => pieces.push(piece),
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
        let line = LogicalLine::read(src, 0, '\\', 0);
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
        let line = LogicalLine::read(src, 0, '`', 0);
        assert_eq!(line.text, "COPY C:\\x\\   D:\\");
    }
}
