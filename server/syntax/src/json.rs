//! Exec form: the arguments are a JSON array of strings (as Go's `encoding/json` decodes it).

use std::ops::Range;

/// The array's strings (range including quotes, decoded value), or `None` when `text` is not
/// exactly one JSON array of strings (surrounding whitespace allowed).
pub(crate) fn parse_string_array(text: &str) -> Option<Vec<(Range<usize>, String)>> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        at: 0,
    };
    reader.space();
    reader.expect(b'[')?;
    let mut elements = Vec::new();
    reader.space();
    if reader.peek() == Some(b']') {
        reader.at += 1;
    } else {
        loop {
            reader.space();
            elements.push(reader.string()?);
            reader.space();
            match reader.peek()? {
                b',' => reader.at += 1,
                b']' => {
                    reader.at += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    reader.space();
    (reader.at == text.len()).then_some(elements)
}

struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.at += 1;
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.at..self.at + 4)?;
        let value = u32::from_str_radix(digits, 16).ok()?;
        if !digits.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return None;
        }
        self.at += 4;
        Some(value)
    }

    fn string(&mut self) -> Option<(Range<usize>, String)> {
        let start = self.at;
        self.expect(b'"')?;
        let mut value = String::new();
        loop {
            let ch = self.text[self.at..].chars().next()?;
            self.at += ch.len_utf8();
            match ch {
                '"' => return Some((start..self.at, value)),
                '\\' => {
                    let escaped = self.peek()?;
                    self.at += 1;
                    match escaped {
                        b'"' => value.push('"'),
                        b'\\' => value.push('\\'),
                        b'/' => value.push('/'),
                        b'b' => value.push('\u{8}'),
                        b'f' => value.push('\u{c}'),
                        b'n' => value.push('\n'),
                        b'r' => value.push('\r'),
                        b't' => value.push('\t'),
                        b'u' => value.push(self.unicode_escape()?),
                        _ => return None,
                    }
                }
                ch if (ch as u32) < 0x20 => return None,
                ch => value.push(ch),
            }
        }
    }

    /// `\uXXXX`, combining surrogate pairs; a lone surrogate decodes to U+FFFD as in Go.
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) && self.text[self.at..].starts_with("\\u") {
            let saved = self.at;
            self.at += 2;
            if let Some(second) = self.hex4()
                && (0xDC00..0xE000).contains(&second)
            {
                let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return Some(char::from_u32(combined).unwrap_or('\u{FFFD}'));
            }
            self.at = saved;
        }
        Some(char::from_u32(first).unwrap_or('\u{FFFD}'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Option<Vec<String>> {
        parse_string_array(text).map(|elements| elements.into_iter().map(|(_, v)| v).collect())
    }

    #[test]
    fn decodes_arrays() {
        assert_eq!(
            values(r#" ["a", "b\"c\\\u00e9\n"] "#),
            Some(vec!["a".into(), "b\"c\\é\n".into()])
        );
        assert_eq!(values("[]"), Some(vec![]));
        assert_eq!(values(r#"["\ud83d\ude00"]"#), Some(vec!["😀".into()]));
    }

    #[test]
    fn rejects_what_docker_runs_as_shell() {
        for text in [
            r#"['a']"#,
            r#"["a",]"#,
            r#"[1]"#,
            r#"["a"] x"#,
            "[ -f x ]",
            r#"["a	"]"#,
        ] {
            assert_eq!(values(text), None, "{text}");
        }
    }
}
