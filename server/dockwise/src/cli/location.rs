/// 1-based line and column (in characters) for byte offsets of one text, as terminals and
/// CI annotations count them.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// The number of characters before every `CHECKPOINT`-th byte: a column is counted from the
    /// nearest checkpoint rather than from the start of its line, which on a long line made
    /// every diagnostic cost the whole line.
    chars_before: Vec<usize>,
}

const CHECKPOINT: usize = 256;

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
        let mut chars_before = vec![0];
        for chunk in text.as_bytes().chunks(CHECKPOINT) {
            let last = chars_before.last().copied().unwrap_or(0);
            chars_before.push(last + starts_of_chars(chunk));
        }
        LineIndex {
            text,
            line_starts,
            chars_before,
        }
    }

    pub fn locate(&self, offset: usize) -> LineColumn {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        // An offset inside a character counts as that character's column: the characters
        // before it are those that end at or before it.
        let inside = !self.text.is_char_boundary(offset);
        let column = self.chars_before(offset) - self.chars_before(start) - usize::from(inside) + 1;
        LineColumn {
            line: line + 1,
            column,
        }
    }

    /// The number of characters that start before byte `offset`.
    fn chars_before(&self, offset: usize) -> usize {
        let checkpoint = offset / CHECKPOINT;
        let from = checkpoint * CHECKPOINT;
        self.chars_before.get(checkpoint).copied().unwrap_or(0)
            + starts_of_chars(self.text.as_bytes().get(from..offset).unwrap_or_default())
    }

    /// The byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(self.text.len())
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

/// How many characters start in these bytes (UTF-8: every byte but continuation bytes).
fn starts_of_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&byte| byte & 0xc0 != 0x80).count()
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

    #[test]
    fn columns_on_long_lines_match_a_count_from_the_line_start() {
        let text = format!("x\n{}\n{}", "aé𝄞\tb".repeat(300), "ü".repeat(700));
        let index = LineIndex::new(&text);
        for offset in 0..=text.len() {
            let line_start = text.as_bytes()[..offset]
                .iter()
                .rposition(|&byte| byte == b'\n')
                .map_or(0, |at| at + 1);
            let column = text[line_start..]
                .char_indices()
                .take_while(|(at, c)| line_start + at + c.len_utf8() <= offset)
                .count()
                + 1;
            assert_eq!(index.locate(offset).column, column, "at {offset}");
        }
    }
}
