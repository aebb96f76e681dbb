//! Direct lookups: by id, by construct key (hovers), by rule name (diagnostics).

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::{Entry, entries};

static BY_ID: LazyLock<HashMap<&'static str, &'static Entry>> =
    LazyLock::new(|| entries().iter().map(|e| (e.id, e)).collect());

static BY_RULE: LazyLock<HashMap<&'static str, &'static Entry>> = LazyLock::new(|| {
    entries()
        .iter()
        .flat_map(|e| e.rules.iter().map(move |rule| (*rule, e)))
        .collect()
});

/// The entry with this id.
pub fn get(id: &str) -> Option<&'static Entry> {
    BY_ID.get(id).copied()
}

/// The entry that explains a rule (each rule is listed by exactly one entry).
pub fn for_rule(rule: &str) -> Option<&'static Entry> {
    BY_RULE.get(rule).copied()
}

/// The entries by construct key: exact keys (normalised, see [`normalized`]), and the keys
/// written with `*` by [`PatternShape`], matched one by one within a shape.
struct ByConstruct {
    exact: HashMap<String, Vec<usize>>,
    patterns: HashMap<PatternShape, Vec<(usize, &'static str)>>,
}

/// What a key and a pattern that matches it share: the same kind and number of path segments,
/// and the last segment unless the pattern's has a `*`.
#[derive(PartialEq, Eq, Hash)]
struct PatternShape {
    kind: &'static str,
    segments: usize,
    last: Option<String>,
}

impl PatternShape {
    /// The shape of `key`, with its last segment kept or not.
    fn of(key: &str, keep_last: bool) -> Option<PatternShape> {
        let (kind, rest) = ["compose:key:", "compose:value:"]
            .into_iter()
            .find_map(|kind| Some((kind, key.strip_prefix(kind)?)))?;
        let (path, _) = split_value(rest);
        let last = path.rsplit('.').next().unwrap_or(path);
        Some(PatternShape {
            kind,
            segments: path.split('.').count(),
            last: keep_last.then(|| last.to_owned()),
        })
    }

    fn of_pattern(pattern: &str) -> Option<PatternShape> {
        let (path, _) = split_value(pattern);
        PatternShape::of(pattern, !path.rsplit('.').next()?.contains('*'))
    }
}

static BY_CONSTRUCT: LazyLock<ByConstruct> = LazyLock::new(|| {
    let mut index = ByConstruct {
        exact: HashMap::new(),
        patterns: HashMap::new(),
    };
    for (at, entry) in entries().iter().enumerate() {
        for key in entry.applies_to.iter() {
            let slot = index.exact.entry(normalized(key).into_owned()).or_default();
            if slot.last() != Some(&at) {
                slot.push(at);
            }
            // A key without `*` matches as a pattern only what it matches exactly.
            if key.contains('*')
                && let Some(shape) = PatternShape::of_pattern(key)
            {
                index.patterns.entry(shape).or_default().push((at, key));
            }
        }
    }
    index
});

/// The entries whose `applies_to` names this construct key, exact matches first.
///
/// A Compose key path with concrete names (`compose:key:services.web.depends_on`) also
/// matches the patterns written with `*` (`compose:key:services.*.depends_on`), and so does
/// a `compose:value:` key. Dockerfile instruction keywords match in any case, as in Dockerfiles.
pub fn for_construct(key: &str) -> Vec<&'static Entry> {
    let index = &*BY_CONSTRUCT;
    let mut found = index
        .exact
        .get(normalized(key).as_ref())
        .cloned()
        .unwrap_or_default();
    let exact = found.len();
    let shapes = [true, false].map(|keep_last| PatternShape::of(key, keep_last));
    let candidates = shapes
        .iter()
        .flatten()
        .filter_map(|shape| index.patterns.get(shape))
        .flatten();
    for &(at, pattern) in candidates {
        if !found.contains(&at) && pattern_matches(pattern, key) {
            found.push(at);
        }
    }
    // Within each group, in the order of the entries.
    found[exact..].sort_unstable();
    found
        .into_iter()
        .filter_map(|at| entries().get(at))
        .collect()
}

/// A construct key as [`same_key`] compares it: an instruction keyword in upper case.
fn normalized(key: &str) -> std::borrow::Cow<'_, str> {
    for prefix in ["dockerfile:instruction:", "dockerfile:flag:"] {
        if let Some(rest) = key.strip_prefix(prefix) {
            let (keyword, flag) = match rest.split_once(':') {
                Some((keyword, flag)) => (keyword, Some(flag)),
                None => (rest, None),
            };
            if keyword.bytes().any(|b| b.is_ascii_lowercase()) {
                let keyword = keyword.to_ascii_uppercase();
                return match flag {
                    Some(flag) => format!("{prefix}{keyword}:{flag}").into(),
                    None => format!("{prefix}{keyword}").into(),
                };
            }
        }
    }
    key.into()
}

/// Whether a written key names `key`: what [`normalized`] keys compare by (the tests check
/// the index against it).
#[cfg(test)]
fn same_key(written: &str, key: &str) -> bool {
    if written == key {
        return true;
    }
    // `dockerfile:instruction:copy` or `dockerfile:flag:copy:from` from a lowercase Dockerfile.
    let keyword_prefix = ["dockerfile:instruction:", "dockerfile:flag:"]
        .into_iter()
        .find(|prefix| written.starts_with(prefix) && key.starts_with(prefix));
    match keyword_prefix {
        Some(prefix) => {
            let (written, key) = (&written[prefix.len()..], &key[prefix.len()..]);
            match (written.split_once(':'), key.split_once(':')) {
                (Some((wk, wf)), Some((kk, kf))) => wk.eq_ignore_ascii_case(kk) && wf == kf,
                (None, None) => written.eq_ignore_ascii_case(key),
                _ => false,
            }
        }
        None => false,
    }
}

/// Whether a written compose key with `*` segments matches a concrete key.
fn pattern_matches(pattern: &str, key: &str) -> bool {
    for prefix in ["compose:key:", "compose:value:"] {
        if let (Some(pattern), Some(key)) = (pattern.strip_prefix(prefix), key.strip_prefix(prefix))
        {
            let ((pattern_path, pattern_value), (key_path, key_value)) =
                (split_value(pattern), split_value(key));
            return pattern_value == key_value && path_matches(pattern_path, key_path);
        }
    }
    false
}

fn split_value(key: &str) -> (&str, Option<&str>) {
    match key.split_once('=') {
        Some((path, value)) => (path, Some(value)),
        None => (key, None),
    }
}

fn path_matches(pattern: &str, path: &str) -> bool {
    let mut pattern = pattern.split('.');
    let mut path = path.split('.');
    loop {
        match (pattern.next(), path.next()) {
            (None, None) => return true,
            // `*` is any name; `x-*` any name with that prefix (extension fields).
            (Some(p), Some(s))
                if p == "*"
                    || p == s
                    || p.strip_suffix('*')
                        .is_some_and(|prefix| s.starts_with(prefix)) => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`for_construct`] answers, by a scan of every entry.
    fn for_construct_scan(key: &str) -> Vec<&'static Entry> {
        let mut exact = Vec::new();
        let mut patterned = Vec::new();
        for entry in entries() {
            if entry.applies_to.iter().any(|k| same_key(k, key)) {
                exact.push(entry);
            } else if entry.applies_to.iter().any(|k| pattern_matches(k, key)) {
                patterned.push(entry);
            }
        }
        exact.extend(patterned);
        exact
    }

    #[test]
    fn the_index_answers_as_a_scan_of_every_entry() {
        let mut keys: Vec<String> = entries()
            .iter()
            .flat_map(|entry| entry.applies_to.iter())
            .flat_map(|key| {
                [
                    key.to_string(),
                    key.replace('*', "web"),
                    key.replace("x-*", "x-common").replace('*', "db"),
                    key.to_ascii_lowercase(),
                ]
            })
            .collect();
        keys.extend(
            [
                "compose:key:services",
                "dockerfile:instruction:run",
                "nothing:at:all",
            ]
            .map(String::from),
        );
        for key in keys {
            let ids = |found: Vec<&Entry>| found.iter().map(|e| e.id).collect::<Vec<_>>();
            assert_eq!(
                ids(for_construct(&key)),
                ids(for_construct_scan(&key)),
                "{key}"
            );
        }
    }

    #[test]
    fn compose_paths_match_star_patterns() {
        let pattern = "compose:key:services.*.depends_on";
        assert!(pattern_matches(
            pattern,
            "compose:key:services.web.depends_on"
        ));
        assert!(!pattern_matches(pattern, "compose:key:services.web.ports"));
        assert!(!pattern_matches(
            pattern,
            "compose:key:services.web.depends_on.db"
        ));
        assert!(!pattern_matches(pattern, "compose:key:services"));
        let value = "compose:value:services.*.restart=always";
        assert!(pattern_matches(
            value,
            "compose:value:services.api.restart=always"
        ));
        assert!(!pattern_matches(
            value,
            "compose:value:services.api.restart=no"
        ));
        assert!(!pattern_matches(value, "compose:key:services.api.restart"));
        assert!(!pattern_matches(
            "dockerfile:instruction:RUN",
            "dockerfile:instruction:RUN"
        ));
    }

    #[test]
    fn instruction_keywords_ignore_case() {
        assert!(same_key(
            "dockerfile:instruction:COPY",
            "dockerfile:instruction:copy"
        ));
        assert!(same_key(
            "dockerfile:flag:COPY:from",
            "dockerfile:flag:Copy:from"
        ));
        assert!(!same_key(
            "dockerfile:flag:COPY:from",
            "dockerfile:flag:COPY:FROM"
        ));
        assert!(!same_key(
            "dockerfile:variable:TARGETOS",
            "dockerfile:variable:targetos"
        ));
        assert!(!same_key(
            "dockerfile:instruction:COPY",
            "dockerfile:instruction:ADD"
        ));
    }
}
