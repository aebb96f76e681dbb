//! Completion, for files that are usually half-typed: the cursor's place in the mapping tree is
//! read from the indentation of the lines above (the parse of an unfinished line is not
//! reliable), then keys come from the specification's catalogue, values from its enums and
//! types, and names from the model (services, volumes, networks, secrets, configs), the YAML
//! anchors, and the stages of the Dockerfile a service builds.

use dockwise_syntax::Span;

use super::names;
use crate::Surroundings;
use crate::compose::build::DockerfileFacts;
use crate::compose::interpolate::Env;
use crate::compose::model::{Model, RefKind};
use crate::compose::schema::{BOOL, PathSegment, ShapeId, catalogue};
use crate::compose::{Compose, build};
use crate::ide::{Completion, CompletionKind};

/// A step of the path from the root to the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Key(String),
    Item,
}

/// What the line reads up to the cursor.
#[derive(Debug)]
enum Position {
    /// A key being typed (or a scalar list item, when `item` is true).
    Key { item: bool },
    /// A value after `key: `.
    Value { key: String, from: usize },
    /// An element of a flow sequence after `key: [`.
    FlowItem { key: String },
}

pub fn completions(file: &Compose, surroundings: &Surroundings, offset: usize) -> Vec<Completion> {
    let text = file.text();
    let Some(before) = text.get(..offset) else {
        return Vec::new();
    };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let prefix = &before[line_start..];
    let trimmed = prefix.trim_start();
    if trimmed.starts_with('#') || trimmed.contains(" #") {
        return Vec::new();
    }
    let word_start = offset - word_len(prefix);
    let replace = Span::new(word_start, offset);
    // `*name`: an alias of an anchor defined above.
    if before[..word_start].ends_with('*') {
        return anchors(file, offset, replace);
    }
    let Some((position, column, item_column)) = classify(prefix) else {
        return Vec::new();
    };
    let lines = Lines::new(text, line_start);
    let mut path = parent_path(&lines, column, item_column);
    let env = surroundings
        .dotenv
        .as_deref()
        .map(Env::from_dotenv)
        .unwrap_or_default();
    let model = file.model(surroundings.dotenv.as_ref(), &env);
    let replace = match position {
        // The whole value typed so far (`service:d` is replaced by `service:db`).
        Position::Value { from, .. } => Span::new(line_start + from, offset),
        _ => replace,
    };
    let completer = Completer {
        model: &model,
        surroundings,
        env: &env,
        replace,
    };
    let mut out = Vec::new();
    match position {
        Position::Key { item } => {
            if item {
                path.push(Step::Item);
                completer.item_values(&path, &mut out);
            }
            let siblings = sibling_keys(&lines, column, item_column);
            let before = out.len();
            completer.keys(&path, &siblings, &mut out);
            if before > 0 {
                // A list of names that also has a long syntax: the names first.
                for completion in &mut out[before..] {
                    completion.sort_key += 10;
                }
            }
        }
        Position::Value { key, .. } => {
            if item_column.is_some() {
                path.push(Step::Item);
            }
            path.push(Step::Key(key));
            completer.values(&path, &mut out);
        }
        Position::FlowItem { key } => {
            if item_column.is_some() {
                path.push(Step::Item);
            }
            path.push(Step::Key(key));
            path.push(Step::Item);
            completer.item_values(&path, &mut out);
        }
    }
    out.sort_by(|a, b| (a.sort_key, &a.label).cmp(&(b.sort_key, &b.label)));
    out.dedup_by(|a, b| a.label == b.label);
    out
}

/// Bytes of the name being typed just before the cursor.
fn word_len(prefix: &str) -> usize {
    prefix
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'))
        .map(char::len_utf8)
        .sum()
}

/// Reads the line up to the cursor: what is typed, the column of the mapping key it belongs
/// to, and the column of the `-` when it is a list item.
fn classify(prefix: &str) -> Option<(Position, usize, Option<usize>)> {
    let indent = prefix.len() - prefix.trim_start_matches(' ').len();
    let mut rest = &prefix[indent..];
    let mut column = indent;
    let mut item_column = None;
    // `- ` (possibly `- - `): the content starts after the last dash.
    while let Some(after) = rest.strip_prefix('-')
        && (after.starts_with(' ') || after.is_empty())
    {
        if after.is_empty() {
            return None;
        }
        item_column = Some(column);
        let spaces = after.len() - after.trim_start_matches(' ').len();
        column += 1 + spaces;
        rest = &after[spaces..];
    }
    match rest.find(": ") {
        Some(colon) => {
            let key = unquote(&rest[..colon]);
            let value = rest[colon + 1..].trim_start();
            if key.is_empty() || key.contains(' ') && !rest.starts_with(['"', '\'']) {
                return None;
            }
            let key = key.to_string();
            if let Some(flow) = value.strip_prefix('[') {
                let last = flow.rsplit(',').next().unwrap_or(flow).trim_start();
                let last = last.trim_start_matches(['"', '\'']);
                if flow.contains(']') || !is_word(last) {
                    return None;
                }
                return Some((Position::FlowItem { key }, column, item_column));
            }
            let value = value.trim_start_matches(['"', '\'']);
            if value.contains(": ") || value.contains(['{', '[', '#']) {
                return None;
            }
            let from = prefix.len() - value.len();
            Some((Position::Value { key, from }, column, item_column))
        }
        None => {
            let word = rest.trim_start_matches(['"', '\'']);
            if !is_word(word) {
                return None;
            }
            Some((
                Position::Key {
                    item: item_column.is_some(),
                },
                column,
                item_column,
            ))
        }
    }
}

fn is_word(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'))
}

fn unquote(key: &str) -> &str {
    key.trim().trim_matches(['"', '\''])
}

/// The lines above and below the cursor's line, as indentation and content.
struct Lines<'t> {
    text: &'t str,
    line_start: usize,
}

/// A meaningful line: its indentation, the column of its `-` if it is a list item, the column
/// of its content, and the key it starts with, if any.
struct Line<'t> {
    indent: usize,
    dash: Option<usize>,
    content: usize,
    key: Option<&'t str>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str, line_start: usize) -> Lines<'t> {
        Lines { text, line_start }
    }

    /// The lines above, nearest first. Walks skip, by [`indent_of`] alone, the lines indented
    /// deeper than any they look for: the walk up to `services:` crosses every line of every
    /// service before the cursor's.
    fn above(&self) -> impl Iterator<Item = &'t str> {
        self.text.get(..self.line_start).unwrap_or("").lines().rev()
    }

    fn below(&self) -> impl Iterator<Item = &'t str> {
        let rest = self.text.get(self.line_start..).unwrap_or("");
        rest.lines().skip(1)
    }
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

impl<'t> Line<'t> {
    fn read(line: &'t str) -> Option<Line<'t>> {
        let indent = indent_of(line);
        let mut rest = &line[indent..];
        if rest.is_empty() || rest.starts_with('#') || rest.starts_with("---") {
            return None;
        }
        let mut content = indent;
        let mut dash = None;
        while let Some(after) = rest.strip_prefix('-')
            && (after.starts_with(' ') || after.is_empty())
        {
            dash = Some(content);
            let spaces = after.len() - after.trim_start_matches(' ').len();
            content += 1 + spaces;
            rest = &after[spaces..];
        }
        let key = key_of(rest);
        Some(Line {
            indent,
            dash,
            content,
            key,
        })
    }
}

/// The key a line's content starts with (`key:` followed by a space or the end).
fn key_of(content: &str) -> Option<&str> {
    let colon = content
        .match_indices(':')
        .map(|(i, _)| i)
        .find(|&i| matches!(content.as_bytes().get(i + 1), None | Some(b' ')))?;
    let key = unquote(&content[..colon]);
    (!key.is_empty() && !key.starts_with(['[', '{', '&', '*'])).then_some(key)
}

/// The keys from the root down to the mapping (or list) holding the cursor.
fn parent_path(lines: &Lines, column: usize, item_column: Option<usize>) -> Vec<Step> {
    let mut path = Vec::new();
    // Looking for the owner of a mapping whose keys sit at `want_map`, or of a list whose
    // dashes sit at `want_seq`.
    let mut want_map = item_column.is_none().then_some(column);
    let mut want_seq = item_column;
    for line in lines.above() {
        // Deeper than the owner looked for: a line inside a sibling.
        if want_seq
            .or(want_map)
            .is_some_and(|limit| indent_of(line) > limit)
        {
            continue;
        }
        let Some(line) = Line::read(line) else {
            continue;
        };
        if let Some(dashes) = want_seq {
            // The owner of a list: a key line at or left of the dashes (not a sibling item).
            if line.indent > dashes || line.dash == Some(dashes) && line.indent == dashes {
                continue;
            }
            if line.dash.is_some() && line.indent == dashes {
                continue;
            }
            let Some(key) = line.key else {
                return Vec::new();
            };
            path.push(Step::Key(key.to_string()));
            want_seq = None;
            match line.dash {
                Some(dash) => {
                    path.push(Step::Item);
                    want_seq = Some(dash);
                }
                None if line.indent == 0 => break,
                None => want_map = Some(line.indent),
            }
        } else if let Some(keys_at) = want_map {
            if line.content >= keys_at {
                // A sibling, or deeper; but the first key of a list item at our column is the
                // item itself.
                if line.content == keys_at
                    && let Some(dash) = line.dash
                {
                    path.push(Step::Item);
                    want_map = None;
                    want_seq = Some(dash);
                }
                continue;
            }
            let Some(key) = line.key else {
                return Vec::new();
            };
            path.push(Step::Key(key.to_string()));
            match line.dash {
                Some(dash) => {
                    path.push(Step::Item);
                    want_map = None;
                    want_seq = Some(dash);
                }
                None if line.indent == 0 => break,
                None => want_map = Some(line.indent),
            }
        } else {
            break;
        }
    }
    path.reverse();
    path
}

/// Keys already present in the mapping holding the cursor.
fn sibling_keys<'t>(lines: &Lines<'t>, column: usize, item_column: Option<usize>) -> Vec<&'t str> {
    let mut keys = Vec::new();
    let same_mapping = |line: &Line<'t>| -> Option<bool> {
        // Some(true): a sibling key; Some(false): deeper or unrelated; None: the mapping ended.
        if line.content < column || line.dash.is_some_and(|d| Some(d) == item_column) {
            return None;
        }
        Some(line.content == column)
    };
    // Deeper than `column`: a line inside a sibling's value.
    let at_most_column = |line: &&'t str| indent_of(line) <= column;
    for line in lines.above().filter(at_most_column).filter_map(Line::read) {
        // The first key of our list item sits on the dash line.
        if item_column.is_none()
            && line.content == column
            && line.dash.is_some()
            && let Some(key) = line.key
        {
            keys.push(key);
            break;
        }
        match same_mapping(&line) {
            None => break,
            Some(true) => keys.extend(line.key),
            Some(false) => {}
        }
    }
    for line in lines.below().filter(at_most_column).filter_map(Line::read) {
        match same_mapping(&line) {
            None => break,
            Some(true) => keys.extend(line.key),
            Some(false) => {}
        }
    }
    keys
}

struct Completer<'a> {
    model: &'a Model,
    surroundings: &'a Surroundings,
    env: &'a Env,
    replace: Span,
}

/// The path as the catalogue reads it.
fn shape_at(path: &[Step]) -> Option<ShapeId> {
    catalogue().at_path(path.iter().map(|step| match step {
        Step::Key(key) => PathSegment::Key(key),
        Step::Item => PathSegment::Index,
    }))
}

/// `services.web.build` for the knowledge base (list items are not part of its keys).
fn construct(path: &[Step]) -> String {
    path.iter()
        .filter_map(|step| match step {
            Step::Key(key) => Some(key.as_str()),
            Step::Item => None,
        })
        .collect::<Vec<_>>()
        .join(".")
}

fn knowledge(construct: &str) -> Option<String> {
    dockwise_knowledge::for_construct(construct)
        .into_iter()
        .next()
        .map(|entry| entry.short_markdown())
}

fn keys_of(path: &[Step]) -> Vec<&str> {
    path.iter()
        .map(|step| match step {
            Step::Key(key) => key.as_str(),
            Step::Item => "[]",
        })
        .collect()
}

impl Completer<'_> {
    fn item(&self, label: String, kind: CompletionKind, detail: Option<String>) -> Completion {
        Completion {
            label,
            kind,
            detail,
            documentation: None,
            insert: None,
            snippet: false,
            replace: Some(self.replace),
            sort_key: 0,
        }
    }

    /// Keys of the mapping at `path`, those not written yet.
    fn keys(&self, path: &[Step], siblings: &[&str], out: &mut Vec<Completion>) {
        let keys = keys_of(path);
        match keys.as_slice() {
            ["services", service, "depends_on"] => {
                self.names(RefKind::Service, Some(service), siblings, ":", out);
                return;
            }
            ["services", _, "networks"] => {
                self.names(RefKind::Network, None, siblings, ":", out);
                return;
            }
            _ => {}
        }
        let Some(shape) = shape_at(path) else { return };
        let catalogue = catalogue();
        let parent = construct(path);
        for key in catalogue.keys(shape) {
            if siblings.contains(&key) {
                continue;
            }
            let Some(id) = catalogue.property(shape, key) else {
                continue;
            };
            let deprecated = catalogue.shape(id).deprecated;
            let construct = if parent.is_empty() {
                key.to_string()
            } else {
                format!("{parent}.{key}")
            };
            let mut completion = self.item(
                key.to_string(),
                CompletionKind::Property,
                Some(if deprecated {
                    format!("deprecated: {}", catalogue.describe(id))
                } else {
                    catalogue.describe(id)
                }),
            );
            completion.documentation = knowledge(&format!("compose:key:{construct}"));
            completion.insert = Some(format!("{key}: "));
            completion.sort_key = if deprecated { 20 } else { 0 };
            out.push(completion);
        }
    }

    /// Values of a list item at `path` (which ends with an item step): names, enum values.
    fn item_values(&self, path: &[Step], out: &mut Vec<Completion>) {
        let keys = keys_of(path);
        match keys.as_slice() {
            [
                "services",
                service,
                "depends_on" | "links" | "volumes_from",
                "[]",
            ] => {
                self.names(RefKind::Service, Some(service), &[], "", out);
            }
            ["services", _, "networks", "[]"] => self.names(RefKind::Network, None, &[], "", out),
            ["services", _, "volumes", "[]"] => self.names(RefKind::Volume, None, &[], ":", out),
            ["services", _, "secrets", "[]"] => self.names(RefKind::Secret, None, &[], "", out),
            ["services", _, "configs", "[]"] => self.names(RefKind::Config, None, &[], "", out),
            _ => self.schema_values(path, out),
        }
    }

    /// Values after `key: `.
    fn values(&self, path: &[Step], out: &mut Vec<Completion>) {
        let keys = keys_of(path);
        match keys.as_slice() {
            ["services", service, "extends"] | ["services", service, "extends", "service"] => {
                self.names(RefKind::Service, Some(service), &[], "", out);
            }
            ["services", service, "network_mode"] => {
                for mode in ["host", "none", "bridge"] {
                    out.push(self.item(
                        mode.to_string(),
                        CompletionKind::Value,
                        Some("network mode".to_string()),
                    ));
                }
                for named in &self.model.services {
                    if named.name != *service {
                        let mut completion = self.item(
                            format!("service:{}", named.name),
                            CompletionKind::Reference,
                            Some("share this service's network stack".to_string()),
                        );
                        completion.sort_key = 1;
                        out.push(completion);
                    }
                }
            }
            ["services", _, "volumes", "[]", "source"] => {
                self.names(RefKind::Volume, None, &[], "", out);
            }
            ["services", _, "secrets", "[]", "source"] => {
                self.names(RefKind::Secret, None, &[], "", out);
            }
            ["services", _, "configs", "[]", "source"] => {
                self.names(RefKind::Config, None, &[], "", out);
            }
            ["services", service, "build", "target"] => self.stages(service, out),
            ["services", _, "restart"] => {
                for (policy, detail) in [
                    ("\"no\"", "never restart (the default)"),
                    ("always", "restart whenever it stops"),
                    ("on-failure", "restart after a non-zero exit"),
                    ("unless-stopped", "restart unless stopped by hand"),
                ] {
                    let mut completion = self.item(
                        policy.to_string(),
                        CompletionKind::Value,
                        Some(detail.to_string()),
                    );
                    completion.documentation = knowledge(&format!(
                        "compose:value:{}={}",
                        construct(path),
                        policy.trim_matches('"')
                    ));
                    out.push(completion);
                }
            }
            _ => self.schema_values(path, out),
        }
    }

    /// Enum values and booleans the specification allows at `path`.
    fn schema_values(&self, path: &[Step], out: &mut Vec<Completion>) {
        let Some(id) = shape_at(path) else { return };
        let catalogue = catalogue();
        let mut shapes = vec![id];
        shapes.extend(catalogue.shape(id).one_of.iter().copied());
        let construct = construct(path);
        for id in shapes {
            let shape = catalogue.shape(id);
            for value in &shape.enum_values {
                let mut completion = self.item(
                    value.clone(),
                    CompletionKind::Value,
                    Some("value".to_string()),
                );
                completion.documentation = knowledge(&format!("compose:value:{construct}={value}"));
                out.push(completion);
            }
            if shape.types & BOOL != 0 {
                for value in ["true", "false"] {
                    out.push(self.item(
                        value.to_string(),
                        CompletionKind::Value,
                        Some("boolean".to_string()),
                    ));
                }
            }
        }
    }

    /// The names defined for `kind`, except `exclude` and those already written.
    fn names(
        &self,
        kind: RefKind,
        exclude: Option<&str>,
        written: &[&str],
        suffix: &str,
        out: &mut Vec<Completion>,
    ) {
        for named in self.model.definitions(kind) {
            if Some(named.name.as_str()) == exclude || written.contains(&named.name.as_str()) {
                continue;
            }
            let detail = match kind {
                RefKind::Service => named
                    .node
                    .get("image")
                    .and_then(|image| image.as_str())
                    .map_or_else(
                        || "service".to_string(),
                        |image| format!("service ({image})"),
                    ),
                _ => kind.noun().to_string(),
            };
            let mut completion =
                self.item(named.name.clone(), CompletionKind::Reference, Some(detail));
            if !suffix.is_empty() {
                completion.insert = Some(format!("{}{suffix}", named.name));
            }
            completion.documentation = Some(format!(
                "{} defined under `{}:`",
                kind.noun(),
                kind.section()
            ));
            out.push(completion);
        }
    }

    /// The named stages of the Dockerfile the service builds.
    fn stages(&self, service: &str, out: &mut Vec<Completion>) {
        let Some(named) = self.model.service(service) else {
            return;
        };
        let Some(path) = build::build_of(&named.node, self.env) else {
            return;
        };
        let Some(text) = self.surroundings.dockerfiles.get(&path) else {
            return;
        };
        let facts = DockerfileFacts::read(&path, text);
        for (index, stage) in facts.stages.iter().enumerate() {
            let mut completion = self.item(
                stage.clone(),
                CompletionKind::Reference,
                Some(format!("stage of {path}")),
            );
            completion.sort_key = index as u32;
            out.push(completion);
        }
    }
}

/// Anchors defined before the cursor, for `*`.
fn anchors(file: &Compose, offset: usize, replace: Span) -> Vec<Completion> {
    let yaml = file.yaml();
    let mut out: Vec<Completion> = yaml
        .anchors
        .iter()
        .filter(|anchor| anchor.span.end <= offset)
        .map(|anchor| Completion {
            label: anchor.name.clone(),
            kind: CompletionKind::Anchor,
            detail: Some("YAML anchor".to_string()),
            documentation: file
                .text()
                .get(names::line_of(file.text(), anchor.span.start))
                .map(|line| format!("```yaml\n{}\n```", line.trim())),
            insert: None,
            snippet: false,
            replace: Some(replace),
            sort_key: 0,
        })
        .collect();
    out.sort_by(|a, b| a.label.cmp(&b.label));
    out.dedup_by(|a, b| a.label == b.label);
    out
}
