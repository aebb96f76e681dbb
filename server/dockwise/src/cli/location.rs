/// 1-based line and column (in characters) for byte offsets of one text, as terminals and
/// CI annotations count them.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        LineIndex { text, line_starts }
    }

    pub fn locate(&self, offset: usize) -> LineColumn {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        // An offset inside a character counts as that character's column.
        let column = self.text[start..]
            .char_indices()
            .take_while(|(at, c)| start + at + c.len_utf8() <= offset)
            .count()
            + 1;
        LineColumn {
            line: line + 1,
            column,
        }
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &'a str {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |next| next - 1);
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches('\r')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_bytes() {
        let index = LineIndex::new("ab\r\néx y\nlast");
        assert_eq!(index.locate(0), LineColumn { line: 1, column: 1 });
        assert_eq!(index.locate(6), LineColumn { line: 2, column: 2 });
        assert_eq!(index.locate(5), LineColumn { line: 2, column: 1 });
        assert_eq!(index.locate(8), LineColumn { line: 2, column: 4 });
        assert_eq!(index.line_text(1), "ab");
        assert_eq!(index.line_text(3), "last");
        assert_eq!(index.locate(999), LineColumn { line: 3, column: 5 });
    }
}
