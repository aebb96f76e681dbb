//! The Compose Specification's structure, the single source of truth for validation, hovers
//! and (later) completion.
//!
//! `compose-spec.json` beside this file is the specification's JSON schema with every
//! description, title and comment removed (structure only: keys, types, enums, patterns,
//! required keys, unique items, `oneOf` shapes); see `NOTICE` for its licence. It is embedded
//! and compiled once into an arena of [`Shape`]s. The validator is ours, so that each error
//! lands on the offending key or value and a `oneOf` reports the alternative the user meant.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock};

use dockwise_syntax::Span;

use super::interpolate::{self, Env};
use super::yaml::{Node, ScalarKind, Style, Value, resolve_plain};

const SOURCE: &str = include_str!("compose-spec.json");

pub type ShapeId = usize;

pub const NULL: u8 = 1;
pub const BOOL: u8 = 2;
pub const INT: u8 = 4;
pub const NUMBER: u8 = 8;
pub const STRING: u8 = 16;
pub const ARRAY: u8 = 32;
pub const OBJECT: u8 = 64;
const ANY: u8 = 0x7f;

#[derive(Debug, Default)]
pub struct Shape {
    /// Allowed JSON types (`NUMBER` admits integers); `ANY` when unconstrained.
    pub types: u8,
    pub enum_values: Vec<String>,
    pub pattern: Option<String>,
    pub required: Vec<String>,
    pub properties: Vec<(String, ShapeId)>,
    pub pattern_properties: Vec<(String, ShapeId)>,
    /// `None`: any extra key; `Some(None)`: no extra key; `Some(Some(id))`: extra keys of a shape.
    pub additional: Option<Option<ShapeId>>,
    pub items: Option<ShapeId>,
    pub unique: bool,
    pub one_of: Vec<ShapeId>,
    pub reference: Option<ShapeId>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub deprecated: bool,
}

pub struct Catalogue {
    shapes: Vec<Shape>,
    pub root: ShapeId,
}

static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(Catalogue::load);

pub fn catalogue() -> &'static Catalogue {
    &CATALOGUE
}

impl Catalogue {
    fn load() -> Catalogue {
        let value: serde_json::Value =
            serde_json::from_str(SOURCE).unwrap_or(serde_json::Value::Null);
        let mut catalogue = Catalogue {
            shapes: Vec::new(),
            root: 0,
        };
        let mut definitions = HashMap::new();
        if let Some(defs) = value.get("definitions").and_then(|d| d.as_object()) {
            for name in defs.keys() {
                catalogue.shapes.push(Shape::default());
                definitions.insert(format!("#/definitions/{name}"), catalogue.shapes.len() - 1);
            }
            for (name, def) in defs {
                let id = definitions[&format!("#/definitions/{name}")];
                let shape = catalogue.build_shape(def, &definitions);
                catalogue.shapes[id] = shape;
            }
        }
        let root = catalogue.build(&value, &definitions);
        catalogue.root = root;
        catalogue
    }

    fn build(
        &mut self,
        value: &serde_json::Value,
        definitions: &HashMap<String, ShapeId>,
    ) -> ShapeId {
        let shape = self.build_shape(value, definitions);
        self.shapes.push(shape);
        self.shapes.len() - 1
    }

    fn build_shape(
        &mut self,
        value: &serde_json::Value,
        definitions: &HashMap<String, ShapeId>,
    ) -> Shape {
        let mut shape = Shape {
            types: ANY,
            ..Shape::default()
        };
        let Some(object) = value.as_object() else {
            return shape;
        };
        if let Some(reference) = object.get("$ref").and_then(|r| r.as_str()) {
            shape.reference = definitions.get(reference).copied();
            return shape;
        }
        let type_bits = |name: &str| match name {
            "null" => NULL,
            "boolean" => BOOL,
            "integer" => INT,
            "number" => NUMBER | INT,
            "string" => STRING,
            "array" => ARRAY,
            "object" => OBJECT,
            _ => 0,
        };
        match object.get("type") {
            Some(serde_json::Value::String(name)) => shape.types = type_bits(name),
            Some(serde_json::Value::Array(names)) => {
                shape.types = names
                    .iter()
                    .filter_map(|n| n.as_str())
                    .map(type_bits)
                    .fold(0, |a, b| a | b)
            }
            _ => {}
        }
        if let Some(values) = object.get("enum").and_then(|e| e.as_array()) {
            shape.enum_values = values.iter().map(json_text).collect();
        }
        shape.pattern = object
            .get("pattern")
            .and_then(|p| p.as_str())
            .map(str::to_string);
        if let Some(required) = object.get("required").and_then(|r| r.as_array()) {
            shape.required = required
                .iter()
                .filter_map(|r| r.as_str().map(str::to_string))
                .collect();
        }
        if let Some(properties) = object.get("properties").and_then(|p| p.as_object()) {
            for (name, value) in properties {
                let id = self.build(value, definitions);
                shape.properties.push((name.clone(), id));
            }
        }
        if let Some(properties) = object.get("patternProperties").and_then(|p| p.as_object()) {
            for (pattern, value) in properties {
                let id = self.build(value, definitions);
                shape.pattern_properties.push((pattern.clone(), id));
            }
        }
        match object.get("additionalProperties") {
            Some(serde_json::Value::Bool(false)) => shape.additional = Some(None),
            Some(value @ serde_json::Value::Object(_)) => {
                shape.additional = Some(Some(self.build(value, definitions)))
            }
            _ => {}
        }
        if let Some(items) = object.get("items") {
            shape.items = Some(self.build(items, definitions));
        }
        shape.unique = object
            .get("uniqueItems")
            .and_then(|u| u.as_bool())
            .unwrap_or(false);
        for keyword in ["oneOf", "anyOf"] {
            if let Some(alternatives) = object.get(keyword).and_then(|o| o.as_array()) {
                for alternative in alternatives {
                    let id = self.build(alternative, definitions);
                    shape.one_of.push(id);
                }
            }
        }
        shape.minimum = object.get("minimum").and_then(|m| m.as_f64());
        shape.maximum = object.get("maximum").and_then(|m| m.as_f64());
        shape.deprecated = object
            .get("deprecated")
            .and_then(|d| d.as_bool())
            .unwrap_or(false);
        shape
    }

    /// The shape with its `$ref`s followed.
    pub fn shape(&self, id: ShapeId) -> &Shape {
        let mut id = id;
        for _ in 0..16 {
            match self.shapes[id].reference {
                Some(next) => id = next,
                None => break,
            }
        }
        &self.shapes[id]
    }

    /// The shape for a key of a mapping of this shape (looking into `oneOf` alternatives).
    pub fn property(&self, id: ShapeId, key: &str) -> Option<ShapeId> {
        let shape = self.shape(id);
        if let Some((_, id)) = shape.properties.iter().find(|(name, _)| name == key) {
            return Some(*id);
        }
        if let Some((_, id)) = shape
            .pattern_properties
            .iter()
            .find(|(p, _)| pattern_matches(p, key))
        {
            return Some(*id);
        }
        if let Some(Some(id)) = shape.additional {
            return Some(id);
        }
        shape.one_of.iter().find_map(|alt| {
            let alt_shape = self.shape(*alt);
            (alt_shape.types & OBJECT != 0)
                .then(|| self.property(*alt, key))
                .flatten()
        })
    }

    /// The shape of a list item of this shape (looking into `oneOf` alternatives).
    pub fn item(&self, id: ShapeId) -> Option<ShapeId> {
        let shape = self.shape(id);
        shape
            .items
            .or_else(|| shape.one_of.iter().find_map(|alt| self.item(*alt)))
    }

    /// The shape at a path of keys from the root (`*` segments are not needed: names match
    /// pattern properties).
    pub fn at_path<'p>(&self, path: impl IntoIterator<Item = PathSegment<'p>>) -> Option<ShapeId> {
        let mut id = self.root;
        for segment in path {
            id = match segment {
                PathSegment::Key(key) => self.property(id, key)?,
                PathSegment::Index => self.item(id)?,
            };
        }
        Some(id)
    }

    /// All the keys a mapping of this shape declares.
    pub fn keys(&self, id: ShapeId) -> Vec<&str> {
        let shape = self.shape(id);
        let mut keys: Vec<&str> = shape
            .properties
            .iter()
            .map(|(name, _)| name.as_str())
            .collect();
        for alt in &shape.one_of {
            for key in self.keys(*alt) {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
        keys
    }

    /// A short description of what a shape accepts: types and allowed values, no prose.
    pub fn describe(&self, id: ShapeId) -> String {
        self.describe_depth(id, 0)
    }

    fn describe_depth(&self, id: ShapeId, depth: usize) -> String {
        let shape = self.shape(id);
        if !shape.enum_values.is_empty() {
            return format!(
                "one of {}",
                shape
                    .enum_values
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        if !shape.one_of.is_empty() {
            let mut parts: Vec<String> = Vec::new();
            for alt in &shape.one_of {
                let text = self.describe_depth(*alt, depth + 1);
                if !parts.contains(&text) {
                    parts.push(text);
                }
            }
            return parts.join(" or ");
        }
        let mut names = type_names(shape.types);
        if shape.types & ARRAY != 0
            && depth < 2
            && let Some(items) = shape.items
        {
            let item = self.describe_depth(items, depth + 1);
            names = names.replace("a list", &format!("a list of ({item})"));
        }
        names
    }
}

#[derive(Clone, Copy, Debug)]
pub enum PathSegment<'a> {
    Key(&'a str),
    Index,
}

fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub fn type_names(types: u8) -> String {
    if types == ANY {
        return "any value".to_string();
    }
    let mut names = Vec::new();
    if types & STRING != 0 {
        names.push("a string");
    }
    if types & NUMBER != 0 {
        names.push("a number");
    } else if types & INT != 0 {
        names.push("an integer");
    }
    if types & BOOL != 0 {
        names.push("a boolean");
    }
    if types & ARRAY != 0 {
        names.push("a list");
    }
    if types & OBJECT != 0 {
        names.push("a mapping");
    }
    if types & NULL != 0 {
        names.push("null");
    }
    match names.len() {
        0 => "nothing".to_string(),
        1 => names[0].to_string(),
        n => format!("{} or {}", names[..n - 1].join(", "), names[n - 1]),
    }
}

/// The handful of patterns the specification uses (JSON-schema patterns are unanchored).
pub fn pattern_matches(pattern: &str, text: &str) -> bool {
    let name_chars = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    match pattern {
        "^x-" => text.starts_with("x-"),
        "^[a-zA-Z0-9._-]+$" => !text.is_empty() && text.chars().all(name_chars),
        "^[a-z]+$" => !text.is_empty() && text.chars().all(|c| c.is_ascii_lowercase()),
        "^.+$" | ".+" => !text.is_empty(),
        "[a-zA-Z0-9][a-zA-Z0-9_.-]+" => {
            let chars: Vec<char> = text.chars().collect();
            chars
                .windows(2)
                .any(|w| w[0].is_ascii_alphanumeric() && name_chars(w[1]))
        }
        p if p.starts_with("always|never|build") => {
            [
                "always",
                "never",
                "build",
                "if_not_present",
                "missing",
                "refresh",
                "daily",
                "weekly",
            ]
            .iter()
            .any(|w| text.contains(w))
                || text.match_indices("every_").any(|(i, _)| {
                    let rest = &text[i + 6..];
                    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                    digits > 0 && rest[digits..].starts_with(['w', 'd', 'h', 'm', 's'])
                })
        }
        _ => true,
    }
}

/// One schema violation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub span: Span,
    pub message: String,
    /// Harmless in practice (an exact duplicate entry): reported as a warning.
    pub minor: bool,
}

/// What a scalar is for validation, interpolation taken into account.
enum Judged<'n> {
    /// Types it can be, and its text (borrowed unless interpolation changed it).
    Known(u8, std::borrow::Cow<'n, str>),
    /// Interpolated with a variable whose value is unknown: not judged.
    Unknown,
}

fn kind_bits(kind: ScalarKind) -> u8 {
    match kind {
        ScalarKind::Null => NULL,
        ScalarKind::Bool(_) => BOOL,
        ScalarKind::Int(_) => INT | NUMBER,
        ScalarKind::Float(f) if f.fract() == 0.0 && f.is_finite() => INT | NUMBER,
        ScalarKind::Float(_) => NUMBER,
        ScalarKind::Str => STRING,
    }
}

fn judge<'n>(node: &'n Node, env: &Env) -> Judged<'n> {
    let Value::Scalar(scalar) = &node.value else {
        return Judged::Unknown;
    };
    if scalar.kind == ScalarKind::Str
        && scalar.text.contains('$')
        && interpolate::has_interpolation(&scalar.text)
    {
        return match interpolate::substitute(&scalar.text, env) {
            // Compose casts interpolated values to the type the key needs.
            Some(text) => Judged::Known(
                STRING | kind_bits(resolve_plain(&text)),
                std::borrow::Cow::Owned(text),
            ),
            None => Judged::Unknown,
        };
    }
    let mut bits = kind_bits(scalar.kind);
    if scalar.kind == ScalarKind::Str && matches!(scalar.style, Style::Plain) {
        // `$$` escapes only: still a string.
        bits |= STRING;
    }
    Judged::Known(bits, std::borrow::Cow::Borrowed(&scalar.text))
}

fn node_bits(node: &Node, env: &Env) -> Option<u8> {
    match &node.value {
        Value::Map(_) => Some(OBJECT),
        Value::Seq(_) => Some(ARRAY),
        Value::Scalar(_) => match judge(node, env) {
            Judged::Known(bits, _) => Some(bits),
            Judged::Unknown => None,
        },
    }
}

fn found_name(node: &Node) -> &'static str {
    match &node.value {
        Value::Map(_) => "a mapping",
        Value::Seq(_) => "a list",
        Value::Scalar(scalar) => match scalar.kind {
            ScalarKind::Null => "nothing",
            ScalarKind::Bool(_) => "a boolean",
            ScalarKind::Int(_) => "an integer",
            ScalarKind::Float(_) => "a number",
            ScalarKind::Str => "a string",
        },
    }
}

/// A step of the path to the node being validated; turned into words only for messages.
#[derive(Clone, Copy)]
enum Seg<'n> {
    Key(&'n str),
    Index(usize),
}

fn words(path: &[Seg]) -> Vec<String> {
    path.iter()
        .map(|segment| match segment {
            Seg::Key(key) => key.to_string(),
            Seg::Index(index) => format!("[{index}]"),
        })
        .collect()
}

pub struct Validator<'a> {
    catalogue: &'a Catalogue,
    env: &'a Env,
    seen: HashSet<(usize, ShapeId)>,
    budget: usize,
}

impl<'a> Validator<'a> {
    pub fn new(env: &'a Env) -> Validator<'a> {
        Validator {
            catalogue: catalogue(),
            env,
            seen: HashSet::new(),
            budget: 500_000,
        }
    }

    pub fn validate_root(&mut self, root: &Node) -> Vec<Issue> {
        let mut issues = Vec::new();
        let mut path = Vec::new();
        self.validate(
            root,
            self.catalogue.root,
            None,
            &mut path,
            &mut issues,
            false,
        );
        issues
    }

    /// `label`: the key or the path element that holds the node, for messages.
    fn validate<'n>(
        &mut self,
        node: &'n Node,
        id: ShapeId,
        key_span: Option<Span>,
        path: &mut Vec<Seg<'n>>,
        issues: &mut Vec<Issue>,
        trial: bool,
    ) {
        if self.budget == 0 {
            return;
        }
        self.budget -= 1;
        if node
            .tag
            .as_deref()
            .is_some_and(|t| t == "!reset" || t == "!override")
        {
            return;
        }
        if !trial && matches!(node.value, Value::Map(_) | Value::Seq(_)) {
            let key = (node as *const Node as usize, id);
            if !self.seen.insert(key) {
                return;
            }
        }
        let catalogue = self.catalogue;
        let shape = catalogue.shape(id);
        let here = || {
            if node.span.is_empty() {
                key_span.unwrap_or(node.span)
            } else {
                node.span
            }
        };
        if !shape.one_of.is_empty() {
            self.one_of(node, &shape.one_of, key_span, path, issues, trial);
        }
        // Types.
        let judged = judge(node, self.env);
        let bits = node_bits(node, self.env);
        if shape.types != ANY {
            match bits {
                Some(bits) if bits & shape.types == 0 => {
                    issues.push(Issue {
                        minor: false,
                        span: here(),
                        message: format!(
                            "{} must be {}, not {}",
                            label(&words(path)),
                            type_names(shape.types),
                            found_name(node)
                        ),
                    });
                    return;
                }
                _ => {}
            }
        }
        match &node.value {
            Value::Scalar(_) => {
                let Judged::Known(bits, text) = judged else {
                    return;
                };
                if !shape.enum_values.is_empty()
                    && bits & (STRING | INT | NUMBER | BOOL) != 0
                    && !shape.enum_values.iter().any(|v| *v == *text)
                {
                    let suggestion =
                        super::did_you_mean(&text, shape.enum_values.iter().map(String::as_str));
                    issues.push(Issue {
                        minor: false,
                        span: node.content_span(),
                        message: format!(
                            "{} cannot be `{text}`: use one of {}{}",
                            label(&words(path)),
                            shape
                                .enum_values
                                .iter()
                                .map(|v| format!("`{v}`"))
                                .collect::<Vec<_>>()
                                .join(", "),
                            super::suggestion_suffix(suggestion)
                        ),
                    });
                }
                if let Some(pattern) = &shape.pattern
                    && bits & STRING != 0
                    && !pattern_matches(pattern, &text)
                {
                    issues.push(Issue {
                        minor: false,
                        span: node.content_span(),
                        message: format!(
                            "{} cannot be `{text}`: it must match `{pattern}`",
                            label(&words(path))
                        ),
                    });
                }
                if let Ok(number) = text.parse::<f64>()
                    && (shape.minimum.is_some_and(|m| number < m)
                        || shape.maximum.is_some_and(|m| number > m))
                {
                    issues.push(Issue {
                        minor: false,
                        span: node.content_span(),
                        message: format!(
                            "{} must be between {} and {}",
                            label(&words(path)),
                            shape.minimum.map_or("-∞".to_string(), |m| m.to_string()),
                            shape.maximum.map_or("∞".to_string(), |m| m.to_string())
                        ),
                    });
                }
            }
            Value::Seq(items) => {
                if let Some(item_shape) = shape.items {
                    for (index, item) in items.iter().enumerate() {
                        path.push(Seg::Index(index));
                        self.validate(item, item_shape, None, path, issues, trial);
                        path.pop();
                    }
                }
                if shape.unique {
                    let mut seen: Vec<String> = Vec::new();
                    for item in items {
                        if let Some(text) = item
                            .as_str()
                            .or_else(|| item.as_scalar().map(|s| s.text.as_str()))
                        {
                            if seen.iter().any(|s| s == text) {
                                issues.push(Issue {
                                    minor: true,
                                    span: item.span,
                                    message: format!(
                                        "{} lists `{text}` twice; remove the duplicate",
                                        label(&words(path))
                                    ),
                                });
                            } else {
                                seen.push(text.to_string());
                            }
                        }
                    }
                }
            }
            Value::Map(entries) => {
                for entry in entries {
                    let key = entry.key.text.as_str();
                    let child = shape
                        .properties
                        .iter()
                        .find(|(name, _)| name == key)
                        .map(|(_, id)| Some(*id))
                        .or_else(|| {
                            shape
                                .pattern_properties
                                .iter()
                                .find(|(p, _)| pattern_matches(p, key))
                                .map(|(_, id)| Some(*id))
                        })
                        .or(shape.additional);
                    match child {
                        Some(Some(child)) => {
                            path.push(Seg::Key(key));
                            self.validate(
                                &entry.value,
                                child,
                                Some(entry.key.span),
                                path,
                                issues,
                                trial,
                            );
                            path.pop();
                        }
                        Some(None) => {
                            issues.push(self.unknown_key(shape, key, entry.key.span, path))
                        }
                        None => {}
                    }
                }
                for required in &shape.required {
                    if !entries.iter().any(|e| &e.key.text == required) {
                        issues.push(Issue {
                            minor: false,
                            span: key_span.unwrap_or(node.span),
                            message: format!(
                                "{} is missing the required key `{required}`",
                                label(&words(path))
                            ),
                        });
                    }
                }
            }
        }
    }

    fn unknown_key(&self, shape: &Shape, key: &str, span: Span, path: &[Seg]) -> Issue {
        let path = &words(path)[..];
        let names: Vec<&str> = shape.properties.iter().map(|(n, _)| n.as_str()).collect();
        let suggestion = super::did_you_mean(key, names.iter().copied());
        let name_pattern = shape.pattern_properties.iter().find(|(p, _)| p != "^x-");
        let message = match (name_pattern, path.len()) {
            (Some((pattern, _)), _) if shape.properties.is_empty() => format!(
                "`{key}` is not a valid name here: it must match `{pattern}` (letters, digits, `.`, `_`, `-`)"
            ),
            (_, 0) => format!(
                "`{key}` is not a top-level Compose key{}; custom keys must start with `x-`",
                super::suggestion_suffix(suggestion)
            ),
            _ => format!(
                "`{key}` is not a valid key in {}{}",
                where_label(path),
                super::suggestion_suffix(suggestion)
            ),
        };
        Issue {
            span,
            message,
            minor: false,
        }
    }

    fn one_of<'n>(
        &mut self,
        node: &'n Node,
        alternatives: &[ShapeId],
        key_span: Option<Span>,
        path: &mut Vec<Seg<'n>>,
        issues: &mut Vec<Issue>,
        trial: bool,
    ) {
        let catalogue = self.catalogue;
        let Some(bits) = node_bits(node, self.env) else {
            return;
        };
        let matching: Vec<ShapeId> = alternatives
            .iter()
            .copied()
            .filter(|alt| {
                let shape = catalogue.shape(*alt);
                shape.types & bits != 0 || !shape.one_of.is_empty()
            })
            .collect();
        if matching.is_empty() {
            let all = alternatives
                .iter()
                .fold(0, |acc, alt| acc | catalogue.shape(*alt).types);
            issues.push(Issue {
                minor: false,
                span: if node.span.is_empty() {
                    key_span.unwrap_or(node.span)
                } else {
                    node.span
                },
                message: format!(
                    "{} must be {}, not {}",
                    label(&words(path)),
                    type_names(all),
                    found_name(node)
                ),
            });
            return;
        }
        let mut best: Option<Vec<Issue>> = None;
        for alt in matching {
            let mut found = Vec::new();
            self.validate(node, alt, key_span, path, &mut found, true);
            if found.is_empty() {
                best = Some(found);
                break;
            }
            if best.as_ref().is_none_or(|b| found.len() < b.len()) {
                best = Some(found);
            }
        }
        let best = best.unwrap_or_default();
        if !best.is_empty() && !trial {
            // Re-run for real so that shared nodes are remembered.
            issues.extend(best);
        } else {
            issues.extend(best);
        }
    }
}

fn label(path: &[String]) -> String {
    match path.last() {
        None => "the file".to_string(),
        Some(last) if last.starts_with('[') => {
            let key = path
                .iter()
                .rev()
                .find(|s| !s.starts_with('['))
                .map(String::as_str)
                .unwrap_or("list");
            format!("each item of `{key}`")
        }
        Some(last) => format!("`{last}`"),
    }
}

fn where_label(path: &[String]) -> String {
    match path {
        [first, name] if first == "services" => format!("service `{name}`"),
        [first, name]
            if matches!(
                first.as_str(),
                "volumes" | "networks" | "secrets" | "configs"
            ) =>
        {
            format!("{} `{name}`", first.trim_end_matches('s'))
        }
        _ => {
            let mut text = String::new();
            for segment in path {
                if !segment.starts_with('[') && !text.is_empty() {
                    text.push('.');
                }
                text.push_str(segment);
            }
            format!("`{text}`")
        }
    }
}

/// Validate a whole document.
pub fn validate(root: &Arc<Node>, env: &Env) -> Vec<Issue> {
    let mut validator = Validator::new(env);
    let mut issues = validator.validate_root(root);
    issues.sort_by(|a, b| (a.span, &a.message).cmp(&(b.span, &b.message)));
    issues.dedup();
    issues
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::yaml;

    fn check(text: &str) -> Vec<String> {
        let parsed = yaml::parse(text);
        validate(parsed.root.as_ref().unwrap(), &Env::default())
            .into_iter()
            .map(|i| format!("{} {}", &text[i.span.range()], i.message))
            .collect()
    }

    #[test]
    fn catalogue_loads() {
        let c = catalogue();
        let ports = c.at_path([
            PathSegment::Key("services"),
            PathSegment::Key("web"),
            PathSegment::Key("ports"),
        ]);
        assert!(ports.is_some());
        assert!(
            c.keys(
                c.at_path([PathSegment::Key("services"), PathSegment::Key("web")])
                    .unwrap()
            )
            .contains(&"image")
        );
    }

    #[test]
    fn reports_on_the_offending_key_or_value() {
        let out = check(
            "services:\n  web:\n    imagee: nginx\n    ports: 80\n    depends_on:\n      db:\n        condition: service_ready\n  db:\n    image: x\n",
        );
        assert_eq!(out.len(), 3, "{out:#?}");
        assert!(
            out[0].starts_with(
                "imagee `imagee` is not a valid key in service `web` (did you mean `image`?)"
            ),
            "{out:#?}"
        );
        assert!(out[1].starts_with("80 `ports` must be a list"), "{out:#?}");
        assert!(out[2].contains("service_healthy"), "{out:#?}");
    }

    #[test]
    fn interpolation_is_judged_after_defaults() {
        assert!(check("services:\n  web:\n    image: x\n    ports:\n      - ${PORT:-8080}:80\n    deploy:\n      replicas: ${N:-2}\n    restart: ${R}\n").is_empty());
    }
}
