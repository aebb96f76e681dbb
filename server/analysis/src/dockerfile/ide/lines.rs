//! Line numbers for features that reason about lines (folding, messages). Lines break at LF, CR
//! and CRLF, as the protocol counts them.

pub struct Lines {
    /// Byte offset where each line starts.
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            at += 1;
            match byte {
                b'\n' => starts.push(at),
                b'\r' if bytes.get(at) != Some(&b'\n') => starts.push(at),
                _ => {}
            }
        }
        Lines { starts }
    }

    /// 0-based line of `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) - 1
    }
}

/// 1-based line of `offset`, for messages.
pub fn line_number(text: &str, offset: usize) -> usize {
    Lines::new(text.get(..offset).unwrap_or(text)).starts.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lf_cr_and_crlf() {
        let lines = Lines::new("a\r\nb\rc\nd");
        let found: Vec<usize> = (0..8).map(|offset| lines.line(offset)).collect();
        assert_eq!(found, [0, 0, 0, 1, 1, 2, 2, 3]);
        assert_eq!(line_number("a\nb\nc", 4), 3);
        assert_eq!(line_number("", 10), 1);
    }
}
