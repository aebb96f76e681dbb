//! Where a YAML file can be cut into pieces that parse on their own.
//!
//! A Compose file is a mapping of a few top-level keys, one of which (`services`) maps hundreds
//! of names to their definitions. YAML makes indentation the structure: a line that starts a key
//! at column 0 ends whatever the previous top-level entry held, and a line that starts a key at
//! the indentation of a block mapping's first key ends that mapping's previous entry. No scalar,
//! quoted string, flow collection or block scalar can run across such a line: their continuation
//! lines must be indented deeper than the collection that holds them (YAML 1.2, 8.2.1 and 7.3).
//!
//! So the text is cut at those lines, two levels deep (each top-level entry, and each entry of a
//! top-level block mapping such as `services`), and each piece is parsed alone. A keystroke then
//! reparses one piece, not the file, and a syntax error stays inside the piece that has it instead
//! of sending the parser's error recovery through everything after it. In a valid file the pieces
//! put together are exactly the whole file's parse (tested); in a broken one, the error's damage
//! is confined to its piece, which is what a reader of the file expects.

use std::ops::Range;

/// One top-level entry, or the whole text when it cannot be cut.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// The whole entry; without `children`, the piece parsed alone.
    pub range: Range<usize>,
    /// For a `key:` line followed by a block mapping: the line(s) before the first entry of that
    /// mapping (parsed alone for the key), then one range per entry.
    pub split: Option<Split>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    pub header: Range<usize>,
    pub children: Vec<Range<usize>>,
}

/// What the lines after a top-level key may be.
#[derive(Clone, Copy, PartialEq)]
enum Expect {
    /// After a bare `key:`: the first entry of its mapping, which sets the children's indentation.
    FirstChild,
    /// Entries of the mapping at this indentation.
    Children(usize),
    /// Nothing to cut.
    Nothing,
}

/// The pieces of `text`, in order, covering it without gaps.
pub fn split(text: &str) -> Vec<Part> {
    let whole = || {
        vec![Part {
            range: 0..text.len(),
            split: None,
        }]
    };
    let mut parts: Vec<Part> = Vec::new();
    let mut expect = Expect::Nothing;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        let rest = &content[indent..];
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        if indent == 0 && looks_like_key(rest) {
            if let Some(last) = parts.last_mut() {
                last.range.end = start;
            }
            parts.push(Part {
                // The first part also holds the comments and blank lines before it.
                range: if parts.is_empty() { 0 } else { start }..text.len(),
                split: None,
            });
            expect = if bare_key(rest) {
                Expect::FirstChild
            } else {
                Expect::Nothing
            };
            continue;
        }
        // Directives, document markers, or a root that is not a plain-key mapping (a flow
        // mapping's lines may sit at column 0): parse the text whole.
        let Some(part) = parts.last_mut() else {
            return whole();
        };
        if indent == 0 {
            if rest.starts_with("---") || rest.starts_with("...") {
                return whole();
            }
            // Something else at column 0 (a sequence under `key:`, an explicit `? key`).
            expect = Expect::Nothing;
            continue;
        }
        match expect {
            Expect::FirstChild if looks_like_key(rest) => {
                expect = Expect::Children(indent);
                part.split = Some(Split {
                    header: part.range.start..start,
                    children: std::iter::once(start..text.len()).collect(),
                });
            }
            Expect::FirstChild => expect = Expect::Nothing,
            Expect::Children(children) if children == indent && looks_like_key(rest) => {
                if let Some(split) = &mut part.split {
                    if let Some(last) = split.children.last_mut() {
                        last.end = start;
                    }
                    split.children.push(start..text.len());
                }
            }
            _ => {}
        }
    }
    if parts.is_empty() {
        return whole();
    }
    // Each part's last child ends where the part ends.
    for part in &mut parts {
        let end = part.range.end;
        if let Some(last) = part.split.as_mut().and_then(|s| s.children.last_mut()) {
            last.end = end;
        }
    }
    parts
}

/// A plain key followed by `:` and nothing else (but a comment).
fn bare_key(line: &str) -> bool {
    let Some(colon) = key_colon(line) else {
        return false;
    };
    let after = line[colon + 1..].trim_start_matches([' ', '\t']);
    after.is_empty() || after.starts_with('#')
}

/// Whether a line (without its indentation) starts a plain `key: ...` entry.
fn looks_like_key(rest: &str) -> bool {
    key_colon(rest).is_some()
}

/// The offset of the `:` ending a plain key at the start of `rest`: a key that starts with a
/// letter, digit or `_`, holds none of the characters that would make it a comment, a flow
/// collection or a quoted string, and is followed by `: ` or the end of the line.
fn key_colon(rest: &str) -> Option<usize> {
    let first = rest.bytes().next()?;
    if !(first.is_ascii_alphanumeric() || first == b'_') {
        return None;
    }
    let bytes = rest.as_bytes();
    for (index, &byte) in bytes.iter().enumerate() {
        match byte {
            b':' if matches!(bytes.get(index + 1), None | Some(b' ' | b'\t')) => {
                return Some(index);
            }
            b'#' | b'{' | b'}' | b'[' | b']' | b'"' | b'\'' | b',' | b'\t' => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<(String, Vec<String>)> {
        split(text)
            .into_iter()
            .map(|part| {
                let children = part
                    .split
                    .iter()
                    .flat_map(|s| {
                        std::iter::once(&s.header)
                            .chain(&s.children)
                            .map(|r| text[r.clone()].to_string())
                    })
                    .collect();
                (text[part.range].to_string(), children)
            })
            .collect()
    }

    #[test]
    fn cuts_top_level_entries_and_the_entries_of_their_mappings() {
        let text = "# head\nname: x\nservices:\n  # web\n  web:\n    image: a\n\n  db:\n    image: b\n  - oops\nvolumes:\n  - not a mapping\nx: &a\n  k: v\n";
        assert_eq!(
            pieces(text),
            vec![
                ("# head\nname: x\n".into(), vec![]),
                (
                    "services:\n  # web\n  web:\n    image: a\n\n  db:\n    image: b\n  - oops\n"
                        .into(),
                    vec![
                        "services:\n  # web\n".into(),
                        "  web:\n    image: a\n\n".into(),
                        "  db:\n    image: b\n  - oops\n".into()
                    ]
                ),
                ("volumes:\n  - not a mapping\n".into(), vec![]),
                ("x: &a\n  k: v\n".into(), vec![]),
            ]
        );
    }

    #[test]
    fn texts_that_are_not_a_plain_key_mapping_stay_whole() {
        for text in [
            "{\nservices: {}\n}\n",
            "- a\nb: c\n",
            "a: 1\n---\nb: 2\n",
            "%YAML 1.2\n---\na: 1\n",
            "",
            "# only a comment\n",
        ] {
            assert_eq!(split(text).len(), 1, "{text:?}");
            assert_eq!(split(text)[0].range, 0..text.len());
        }
    }

    #[test]
    fn keys_are_recognised_conservatively() {
        assert!(looks_like_key("web:"));
        assert!(looks_like_key("web: {}"));
        assert!(looks_like_key("x-defaults: &d"));
        assert!(looks_like_key("a.b/c-d_e: 1"));
        assert!(!looks_like_key("\"quoted\": 1"));
        assert!(!looks_like_key("- a: 1"));
        assert!(!looks_like_key("url:http"));
        assert!(!looks_like_key("a # b: c"));
        assert!(!looks_like_key("? complex"));
        assert!(bare_key("services:"));
        assert!(bare_key("services:   # the apps"));
        assert!(!bare_key("services: {}"));
        assert!(!bare_key("x: &anchor"));
    }
}
