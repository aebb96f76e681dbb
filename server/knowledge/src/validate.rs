//! Parsing and validating entry files against the format of `knowledge/README.md`.
//!
//! `build.rs` includes this module through `#[path]` and the crate's tests include it too, so
//! what the tests check is exactly what the build enforces.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use crate::fence;

/// The front matter as written; unknown keys are errors so typos cannot hide.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub id: String,
    pub question: String,
    pub summary: String,
    #[serde(default)]
    pub applies_to: Vec<String>,
    #[serde(default)]
    pub rules: Vec<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub see_also: Vec<String>,
    #[serde(default)]
    pub references: Vec<Reference>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub title: String,
    pub url: String,
}

/// A valid entry file.
#[derive(Debug)]
pub struct Parsed {
    pub front: FrontMatter,
    pub body: String,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

pub const SUMMARY_MAX_CHARS: usize = 200;

const INSTRUCTIONS: &[&str] = &[
    "ADD",
    "ARG",
    "CMD",
    "COPY",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "FROM",
    "HEALTHCHECK",
    "LABEL",
    "MAINTAINER",
    "ONBUILD",
    "RUN",
    "SHELL",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
];
const MOUNT_TYPES: &[&str] = &["bind", "cache", "tmpfs", "secret", "ssh"];
const DIRECTIVES: &[&str] = &["syntax", "escape", "check"];

/// Splits a file into its front matter and body; the front matter sits between two `+++` lines
/// at the very top.
pub fn split(text: &str) -> Result<(&str, &str, usize), String> {
    let rest = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
        .ok_or("the file must start with a `+++` line opening the front matter")?;
    let mut offset = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "+++" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            // Line 1 opens the front matter, `index + 2` closes it.
            return Ok((front, body, index + 3));
        }
        offset += line.len();
    }
    Err("the front matter is not closed by a `+++` line".into())
}

/// Parses and checks one file on its own; `stem` is the file name without `.md`.
/// Returns every problem found, not just the first, so one build run shows them all.
pub fn parse(stem: &str, text: &str) -> Result<Parsed, Vec<String>> {
    let (front, body, body_line) = split(text).map_err(|e| vec![e])?;
    let front: FrontMatter =
        toml::from_str(front).map_err(|e| vec![format!("front matter: {}", e.message())])?;
    let mut problems = Vec::new();
    check_front(stem, &front, &mut problems);
    check_body(body, body_line, &mut problems);
    if problems.is_empty() {
        Ok(Parsed {
            front,
            body: body.to_owned(),
            body_line,
        })
    } else {
        Err(problems)
    }
}

fn check_front(stem: &str, front: &FrontMatter, problems: &mut Vec<String>) {
    for (key, value) in [
        ("id", &front.id),
        ("question", &front.question),
        ("summary", &front.summary),
    ] {
        if value.trim().is_empty() {
            problems.push(format!("`{key}` is empty"));
        }
    }
    if !front.id.is_empty() {
        if !is_kebab(&front.id) {
            problems.push(format!("id `{}` is not lowercase kebab-case", front.id));
        }
        if front.id != stem {
            problems.push(format!(
                "id `{}` differs from the file name `{stem}.md`",
                front.id
            ));
        }
    }
    if !front.question.trim().is_empty() && !front.question.trim_end().ends_with('?') {
        problems.push("question does not end with `?`".into());
    }
    if let Some(problem) = summary_problem(&front.summary) {
        problems.push(problem);
    }
    for key in &front.applies_to {
        if let Err(problem) = check_construct(key) {
            problems.push(format!("applies_to `{key}`: {problem}"));
        }
    }
    for rule in &front.rules {
        if !is_kebab(rule) {
            problems.push(format!("rule `{rule}` is not a kebab-case rule name"));
        }
    }
    for (key, list) in [
        ("applies_to", &front.applies_to),
        ("rules", &front.rules),
        ("keywords", &front.keywords),
        ("see_also", &front.see_also),
    ] {
        let mut seen = HashSet::new();
        for item in list {
            if item.trim().is_empty() {
                problems.push(format!("`{key}` holds an empty string"));
            } else if !seen.insert(item) {
                problems.push(format!("`{key}` lists `{item}` twice"));
            }
        }
    }
    if front.see_also.contains(&front.id) {
        problems.push("see_also names the entry itself".into());
    }
    if front.references.is_empty() {
        problems.push("no [[references]]: at least one is required".into());
    }
    for reference in &front.references {
        if reference.title.trim().is_empty() {
            problems.push(format!("reference `{}` has an empty title", reference.url));
        }
        if !is_https_url(&reference.url) {
            problems.push(format!(
                "reference url `{}` is not an https:// URL",
                reference.url
            ));
        }
    }
}

fn check_body(body: &str, body_line: usize, problems: &mut Vec<String>) {
    if body.trim().is_empty() {
        problems.push("the body is empty: the explanation is missing".into());
    }
    let scan = fence::scan(body);
    let file_line = |line: usize| body_line + line - 1;
    for block in &scan.fences {
        if let Err(problem) = fence::classify(block.info) {
            problems.push(format!("line {}: {problem}", file_line(block.line)));
        }
    }
    if let Some(line) = scan.unclosed {
        problems.push(format!(
            "line {}: code block is never closed",
            file_line(line)
        ));
    }
    if scan.more.len() > 1 {
        problems.push(format!(
            "`{}` appears {} times; at most once",
            fence::MORE,
            scan.more.len()
        ));
    }
}

/// Lowercase words of letters and digits joined by single hyphens.
pub fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn is_https_url(url: &str) -> bool {
    url.strip_prefix("https://").is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        host.contains('.') && !url.chars().any(char::is_whitespace)
    })
}

/// A summary is shown as plain text in diagnostics, so Markdown would show up raw. Characters
/// that are only accidentally Markdown (`# syntax=` at the start, `<pattern>`) are fine: the
/// hover escapes them.
pub fn summary_problem(summary: &str) -> Option<String> {
    let trimmed = summary.trim();
    if trimmed.is_empty() {
        return None; // reported as an empty key
    }
    if summary.contains('\n') || summary.contains('\r') {
        return Some("summary spans more than one line".into());
    }
    let chars = summary.chars().count();
    if chars > SUMMARY_MAX_CHARS {
        return Some(format!(
            "summary is {chars} characters long; at most {SUMMARY_MAX_CHARS}"
        ));
    }
    markdown_in(trimmed).map(|what| format!("summary contains Markdown ({what}); plain text only"))
}

fn markdown_in(text: &str) -> Option<&'static str> {
    if text.contains('`') {
        return Some("backticks");
    }
    if text.contains("**") || text.contains("__") {
        return Some("bold markers");
    }
    if text.contains("](") {
        return Some("a link");
    }
    if has_html_tag(text) {
        return Some("an HTML tag");
    }
    if has_emphasis(text) {
        return Some("emphasis with `*` or `_`");
    }
    None
}

/// Real HTML: a comment, a closing tag, or an opening tag of a common element. Placeholders
/// such as `--exclude=<pattern>` are plain text (the hover escapes them).
fn has_html_tag(text: &str) -> bool {
    const ELEMENTS: &[&str] = &[
        "a", "b", "br", "code", "details", "div", "em", "i", "img", "kbd", "p", "pre", "span",
        "strong", "sub", "summary", "sup",
    ];
    text.match_indices('<').any(|(at, _)| {
        let rest = &text[at + 1..];
        let name: String = rest
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        let after = &rest[name.len()..];
        rest.starts_with("!--")
            || (rest.starts_with('/') && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()))
            || (ELEMENTS.contains(&name.to_ascii_lowercase().as_str())
                && after.starts_with(['>', ' ', '/']))
    })
}

/// `*word*` or `_word_` at word boundaries. Snake-case names such as `NODE_ENV` and glob
/// patterns such as `services.*.ports` are not emphasis and must stay allowed.
fn has_emphasis(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    for marker in ['*', '_'] {
        let mut open = None;
        for (i, &c) in chars.iter().enumerate() {
            if c != marker {
                continue;
            }
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            let space_or_edge =
                |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '.');
            if open.is_none() && space_or_edge(before) && word(after) {
                open = Some(i);
            } else if open.is_some() && word(before) && space_or_edge(after) {
                return true;
            }
        }
    }
    false
}

/// Checks an `applies_to` key against the documented construct forms.
pub fn check_construct(key: &str) -> Result<(), String> {
    let Some((namespace, rest)) = key.split_once(':') else {
        return Err("not of the form `<namespace>:...`".into());
    };
    match namespace {
        "dockerfile" => check_dockerfile_construct(rest),
        "compose" => check_compose_construct(rest),
        "topic" if is_kebab(rest) => Ok(()),
        "topic" => Err("a topic is one kebab-case word".into()),
        _ => Err(format!(
            "unknown namespace `{namespace}` (dockerfile, compose or topic)"
        )),
    }
}

fn check_dockerfile_construct(rest: &str) -> Result<(), String> {
    let (kind, value) = rest
        .split_once(':')
        .ok_or("expected `dockerfile:<kind>:<value>`")?;
    let instruction = |name: &str| {
        if INSTRUCTIONS.contains(&name) {
            Ok(())
        } else {
            Err(format!(
                "`{name}` is not an uppercase Dockerfile instruction"
            ))
        }
    };
    let lower_word = |what: &str| {
        if is_lower_name(value) {
            Ok(())
        } else {
            Err(format!("{what} `{value}` is not a lowercase name"))
        }
    };
    match kind {
        "instruction" => instruction(value),
        "flag" => {
            let (name, flag) = value
                .split_once(':')
                .ok_or("expected `dockerfile:flag:<INSTRUCTION>:<flag>`")?;
            instruction(name)?;
            if is_lower_name(flag) {
                Ok(())
            } else {
                Err(format!(
                    "flag `{flag}` is not a lowercase flag name without dashes in front"
                ))
            }
        }
        "mount" if MOUNT_TYPES.contains(&value) => Ok(()),
        "mount" => Err(format!(
            "mount type `{value}` is not one of {}",
            MOUNT_TYPES.join(", ")
        )),
        "mount-key" => lower_word("mount key"),
        "directive" if DIRECTIVES.contains(&value) => Ok(()),
        "directive" => Err(format!(
            "directive `{value}` is not one of {}",
            DIRECTIVES.join(", ")
        )),
        "image" => lower_word("image aspect"),
        "variable" => {
            let mut chars = value.chars();
            let valid = chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
            if valid {
                Ok(())
            } else {
                Err(format!("`{value}` is not a variable name"))
            }
        }
        _ => Err(format!(
            "unknown dockerfile construct kind `{kind}` (instruction, flag, mount, mount-key, directive, image, variable)"
        )),
    }
}

fn check_compose_construct(rest: &str) -> Result<(), String> {
    let (kind, value) = rest
        .split_once(':')
        .ok_or("expected `compose:key:<path>` or `compose:value:<path>=<value>`")?;
    match kind {
        "key" => check_compose_path(value),
        "value" => {
            let (path, expected) = value
                .split_once('=')
                .ok_or("expected `compose:value:<path>=<value>`")?;
            check_compose_path(path)?;
            if expected.is_empty() || expected.trim() != expected {
                return Err(format!(
                    "value `{expected}` is empty or has surrounding spaces"
                ));
            }
            Ok(())
        }
        _ => Err(format!(
            "unknown compose construct kind `{kind}` (key, value)"
        )),
    }
}

/// Dot-separated keys, `*` standing for any one name (a service, a network...) and `x-*` for
/// any name with that prefix.
fn check_compose_path(path: &str) -> Result<(), String> {
    let valid = !path.is_empty()
        && path.split('.').all(|segment| {
            let segment = segment
                .strip_suffix('*')
                .filter(|prefix| !prefix.is_empty())
                .unwrap_or(segment);
            segment == "*"
                || (!segment.is_empty()
                    && segment
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
        });
    if valid {
        Ok(())
    } else {
        Err(format!(
            "`{path}` is not a dotted key path (names, or `*` for any name)"
        ))
    }
}

fn is_lower_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && s.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        })
}

/// Checks across files: unique ids, `see_also` targets that exist, each rule explained once.
/// `entries` pairs each file's display path with its parsed entry; `broken` holds the stems of
/// files that failed to parse, whose ids count as existing so one mistake is reported once.
pub fn check_set(entries: &[(String, Parsed)], broken: &[&str]) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    let mut ids: HashMap<&str, &str> = HashMap::new();
    let mut rules: HashMap<&str, &str> = HashMap::new();
    for (path, entry) in entries {
        let first = *ids.entry(&entry.front.id).or_insert(path);
        if first != path {
            problems.push((
                path.clone(),
                format!("duplicate id `{}`, also used by {first}", entry.front.id),
            ));
        }
        for rule in &entry.front.rules {
            let first = *rules.entry(rule).or_insert(path);
            if first != path {
                problems.push((
                    path.clone(),
                    format!("rule `{rule}` is already explained by {first}"),
                ));
            }
        }
    }
    for (path, entry) in entries {
        for id in &entry.front.see_also {
            if !ids.contains_key(id.as_str()) && !broken.contains(&id.as_str()) {
                problems.push((path.clone(), format!("see_also names unknown id `{id}`")));
            }
        }
    }
    problems
}
