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

/// The entries whose `applies_to` names this construct key, exact matches first.
///
/// A Compose key path with concrete names (`compose:key:services.web.depends_on`) also
/// matches the patterns written with `*` (`compose:key:services.*.depends_on`), and so does
/// a `compose:value:` key. Dockerfile instruction keywords match in any case, as in Dockerfiles.
pub fn for_construct(key: &str) -> Vec<&'static Entry> {
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
