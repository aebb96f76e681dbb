//! Textual split of an image reference (`registry/path:tag@digest`), variables allowed anywhere.

use std::ops::Range;

/// Byte ranges, relative to the reference text, of its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImageParts {
    pub registry: Option<Range<usize>>,
    pub path: Range<usize>,
    pub tag: Option<Range<usize>>,
    pub digest: Option<Range<usize>>,
}

/// Positions of `/`, `:` and `@` outside `${...}`.
fn separators(raw: &str) -> Vec<(usize, u8)> {
    let bytes = raw.as_bytes();
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'$' if bytes.get(index + 1) == Some(&b'{') => {
                depth += 1;
                index += 1;
            }
            b'}' if depth > 0 => depth -= 1,
            byte @ (b'/' | b':' | b'@') if depth == 0 => found.push((index, byte)),
            _ => {}
        }
        index += 1;
    }
    found
}

pub(crate) fn split_image(raw: &str) -> ImageParts {
    let separators = separators(raw);
    let mut name_end = raw.len();
    let mut digest = None;
    if let Some(&(at, _)) = separators.iter().find(|(_, byte)| *byte == b'@') {
        digest = Some(at + 1..raw.len());
        name_end = at;
    }
    let last_slash = separators
        .iter()
        .filter(|(index, byte)| *byte == b'/' && *index < name_end)
        .map(|(index, _)| *index)
        .next_back();
    let mut tag = None;
    if let Some(&(colon, _)) = separators.iter().find(|(index, byte)| {
        *byte == b':' && *index < name_end && last_slash.is_none_or(|slash| *index > slash)
    }) {
        tag = Some(colon + 1..name_end);
        name_end = colon;
    }
    let mut path_start = 0;
    let mut registry = None;
    if let Some(&(slash, _)) = separators
        .iter()
        .find(|(index, byte)| *byte == b'/' && *index < name_end)
    {
        let first = &raw[..slash];
        if first.contains('.') || first.contains(':') || first == "localhost" {
            registry = Some(0..slash);
            path_start = slash + 1;
        }
    }
    ImageParts {
        registry,
        path: path_start..name_end,
        tag,
        digest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(raw: &str) -> (Option<&str>, &str, Option<&str>, Option<&str>) {
        let split = split_image(raw);
        (
            split.registry.map(|range| &raw[range]),
            &raw[split.path],
            split.tag.map(|range| &raw[range]),
            split.digest.map(|range| &raw[range]),
        )
    }

    #[test]
    fn splits_references() {
        assert_eq!(parts("alpine"), (None, "alpine", None, None));
        assert_eq!(
            parts("library/alpine:3.20"),
            (None, "library/alpine", Some("3.20"), None)
        );
        assert_eq!(
            parts("localhost:5000/a/b:t@sha256:abc"),
            (Some("localhost:5000"), "a/b", Some("t"), Some("sha256:abc"))
        );
        assert_eq!(parts("ghcr.io/x"), (Some("ghcr.io"), "x", None, None));
        assert_eq!(
            parts("$REGISTRY/app:${TAG:-latest}"),
            (None, "$REGISTRY/app", Some("${TAG:-latest}"), None)
        );
        assert_eq!(
            parts("localhost/app"),
            (Some("localhost"), "app", None, None)
        );
    }
}
