//! Docker's shell-word lexer, as used by the Dockerfile parser for non-shell arguments, and
//! variable references (`$NAME`, `${NAME:-word}`...) inside words.

use std::ops::Range;

/// BuildKit's `parseWords`: whitespace separates, quotes group, the escape character escapes the
/// next character (not inside single quotes). Returns byte ranges of the raw words in `text`.
pub(crate) fn split_words(text: &str, escape: char) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    let mut quote: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((index, ch)) = chars.next() {
        let Some(word_start) = start else {
            if !ch.is_whitespace() {
                start = Some(index);
                consume_word_char(ch, &mut quote, &mut chars, escape);
            }
            continue;
        };
        if quote.is_none() && ch.is_whitespace() {
            words.push(word_start..index);
            start = None;
            continue;
        }
        consume_word_char(ch, &mut quote, &mut chars, escape);
    }
    if let Some(word_start) = start {
        words.push(word_start..text.len());
    }
    words
}

fn consume_word_char(
    ch: char,
    quote: &mut Option<char>,
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    escape: char,
) {
    match *quote {
        None if ch == '\'' || ch == '"' => *quote = Some(ch),
        None if ch == escape => {
            chars.next();
        }
        Some(open) if ch == open => *quote = None,
        Some(open) if ch == escape && open != '\'' => {
            chars.next();
        }
        _ => {}
    }
}

/// The word's value as Docker's shell lexer sees it with nothing expanded: quotes removed, escapes
/// applied (inside double quotes the escape only escapes `"`, `$` and itself).
pub(crate) fn word_value(raw: &str, escape: char) -> String {
    if !raw.contains(['\'', '"', escape]) {
        // Nothing to remove or apply: the loop below would copy every character.
        return raw.to_string();
    }
    let mut value = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\'' => {
                for inner in chars.by_ref() {
                    if inner == '\'' {
                        break;
                    }
                    value.push(inner);
                }
            }
            '"' => {
                while let Some(inner) = chars.next() {
                    if inner == '"' {
                        break;
                    }
                    if inner == escape {
                        match chars.peek() {
                            Some(&next) if next == '"' || next == '$' || next == escape => {
                                value.push(next);
                                chars.next();
                            }
                            _ => value.push(inner),
                        }
                        continue;
                    }
                    value.push(inner);
                }
            }
            _ if ch == escape => {
                if let Some(next) = chars.next() {
                    value.push(next);
                }
            }
            _ => value.push(ch),
        }
    }
    value
}

/// A variable reference found in a word, with byte ranges relative to the word's raw text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawVar {
    pub range: Range<usize>,
    pub name: Range<usize>,
    pub braced: bool,
    pub modifier: Option<(String, String)>,
}

/// Problems found while scanning variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum VarProblem {
    /// `${` without its `}`: from the `$` to the end of the word.
    Unclosed(Range<usize>),
}

const OPERATORS: [&str; 12] = [
    ":-", ":+", ":?", "##", "%%", "//", "-", "+", "?", "#", "%", "/",
];

fn is_name_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_'
}

fn name_end(bytes: &[u8], start: usize) -> usize {
    if start >= bytes.len() || !is_name_start(bytes[start]) {
        return start;
    }
    let mut end = start + 1;
    while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_') {
        end += 1;
    }
    end
}

/// Finds the `}` closing a `${` whose content starts at `from`, counting nested braces.
fn closing_brace(bytes: &[u8], from: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (index, &byte) in bytes.iter().enumerate().skip(from) {
        match byte {
            b'{' => depth += 1,
            b'}' if depth == 0 => return Some(index),
            b'}' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// ARG/ENV references in a raw word: not inside single quotes, not escaped; `$1`, `$@`, `$(...)`
/// are shell syntax, not references.
pub(crate) fn scan_vars(raw: &str, escape: char) -> (Vec<RawVar>, Vec<VarProblem>) {
    if !raw.contains('$') {
        // Both results come only from a `$`.
        return (Vec::new(), Vec::new());
    }
    let bytes = raw.as_bytes();
    let mut vars = Vec::new();
    let mut problems = Vec::new();
    let mut in_single = false;
    let mut in_double = false;
    let mut index = 0;
    while index < bytes.len() {
        let ch = raw[index..].chars().next().unwrap_or('\0');
        let width = ch.len_utf8();
        if in_single {
            in_single = ch != '\'';
            index += width;
            continue;
        }
        if ch == escape {
            index += width;
            if let Some(next) = raw[index.min(raw.len())..].chars().next() {
                index += next.len_utf8();
            }
            continue;
        }
        match ch {
            '\'' if !in_double => in_single = true,
            '"' => in_double = !in_double,
            '$' => {
                if let Some(found) = var_at(raw, index, &mut problems) {
                    index = found.range.end;
                    vars.push(found);
                    continue;
                }
            }
            _ => {}
        }
        index += width;
    }
    (vars, problems)
}

fn var_at(raw: &str, dollar: usize, problems: &mut Vec<VarProblem>) -> Option<RawVar> {
    let bytes = raw.as_bytes();
    let after = dollar + 1;
    if bytes.get(after) == Some(&b'{') {
        let name_start = after + 1;
        let Some(close) = closing_brace(bytes, name_start) else {
            problems.push(VarProblem::Unclosed(dollar..raw.len()));
            return None;
        };
        let name_stop = name_end(bytes, name_start);
        if name_stop == name_start {
            return None;
        }
        let rest = &raw[name_stop..close];
        let modifier = if rest.is_empty() {
            None
        } else {
            let operator = OPERATORS.iter().find(|op| rest.starts_with(**op))?;
            Some((operator.to_string(), rest[operator.len()..].to_string()))
        };
        return Some(RawVar {
            range: dollar..close + 1,
            name: name_start..name_stop,
            braced: true,
            modifier,
        });
    }
    let name_stop = name_end(bytes, after);
    (name_stop > after).then_some(RawVar {
        range: dollar..name_stop,
        name: after..name_stop,
        braced: false,
        modifier: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        split_words(text, '\\')
            .into_iter()
            .map(|range| &text[range])
            .collect()
    }

    #[test]
    fn splits_like_docker() {
        assert_eq!(
            words(r#"  a "b c" d\ e 'f\'  "#),
            vec!["a", "\"b c\"", r"d\ e", r"'f\'"]
        );
        assert_eq!(words(r#"A="x y" B=1"#), vec![r#"A="x y""#, "B=1"]);
    }

    #[test]
    fn values_remove_quotes_and_escapes() {
        assert_eq!(
            word_value(r#""a \"b\" \n" 'c\' d\ e"#, '\\'),
            "a \"b\" \\n c\\ d e"
        );
        assert_eq!(word_value(r"\$HOME", '\\'), "$HOME");
    }

    #[test]
    fn finds_references_but_not_shell_syntax() {
        let (vars, problems) = scan_vars(r#"$A${B:-x}'$C'\$D$1$@"$(date)"${E/a/b}"#, '\\');
        let names: Vec<_> = vars.iter().map(|var| var.name.clone()).collect();
        assert_eq!(names, vec![1..2, 4..5, 31..32]);
        assert_eq!(vars[1].modifier, Some((":-".into(), "x".into())));
        assert_eq!(vars[2].modifier, Some(("/".into(), "a/b".into())));
        assert!(problems.is_empty());
        let (_, problems) = scan_vars("x${A", '\\');
        assert_eq!(problems, vec![VarProblem::Unclosed(1..4)]);
    }
}
