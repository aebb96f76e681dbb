//! YAML text to a small owned tree with byte spans, through tree-sitter-yaml.
//!
//! Anchors, aliases and `<<` merge keys are resolved while lowering: an alias shares the
//! anchored node (`Arc`), so its spans point back at the anchor's source. Scalars carry their
//! decoded value and their YAML 1.2 core type. A broken line is blanked out and the text
//! reparsed (a few times at most), so the rest of the file is still modelled; each blanked line
//! becomes a syntax error. The text is parsed in pieces (a top-level entry, or one entry of a
//! top-level mapping such as a service; see [`segments`]), each kept for the next version while
//! its text is unchanged.

use std::collections::HashMap;
use std::sync::Arc;

use dockwise_syntax::Span;

use super::segments;

#[derive(Debug)]
pub struct Node {
    /// The whole node (for a scalar: the value with its quotes or block header).
    pub span: Span,
    pub value: Value,
    /// `!reset`, `!override`, `!!str`...
    pub tag: Option<String>,
}

#[derive(Debug)]
pub enum Value {
    Map(Vec<Entry>),
    Seq(Vec<Arc<Node>>),
    Scalar(Scalar),
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub key: Key,
    pub value: Arc<Node>,
    /// Brought in by a `<<` merge key rather than written in this mapping.
    pub merged: bool,
}

#[derive(Clone, Debug)]
pub struct Key {
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    Single,
    Double,
    Literal,
    Folded,
}

/// YAML 1.2 core-schema type of a scalar (quoted and block scalars are always strings).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ScalarKind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str,
}

#[derive(Debug)]
pub struct Scalar {
    pub text: String,
    pub style: Style,
    pub kind: ScalarKind,
}

#[derive(Clone, Debug)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug)]
pub struct Anchor {
    pub name: String,
    /// The `&name` token.
    pub span: Span,
    pub node: Arc<Node>,
}

#[derive(Clone, Debug)]
pub struct AliasUse {
    pub name: String,
    /// The `*name` token.
    pub span: Span,
    /// Index into [`Yaml::anchors`].
    pub anchor: Option<usize>,
}

/// One parsed YAML document (the first of the stream).
#[derive(Debug, Default)]
pub struct Yaml {
    pub root: Option<Arc<Node>>,
    pub errors: Vec<SyntaxError>,
    pub anchors: Vec<Anchor>,
    pub aliases: Vec<AliasUse>,
}

impl Node {
    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Arc<Node>]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.value {
            Value::Scalar(scalar) => Some(scalar),
            _ => None,
        }
    }

    /// The text of a non-null scalar.
    pub fn as_str(&self) -> Option<&str> {
        self.as_scalar()
            .filter(|s| s.kind != ScalarKind::Null)
            .map(|s| s.text.as_str())
    }

    pub fn is_null(&self) -> bool {
        matches!(
            &self.value,
            Value::Scalar(Scalar {
                kind: ScalarKind::Null,
                ..
            })
        )
    }

    pub fn get(&self, key: &str) -> Option<&Arc<Node>> {
        self.entry(key).map(|entry| &entry.value)
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.as_map()?.iter().find(|entry| entry.key.text == key)
    }

    /// The span of the scalar's content, inside its quotes (for a plain scalar, the span itself).
    pub fn content_span(&self) -> Span {
        match &self.value {
            Value::Scalar(Scalar {
                style: Style::Single | Style::Double,
                ..
            }) if self.span.len() >= 2 => Span::new(self.span.start + 1, self.span.end - 1),
            _ => self.span,
        }
    }
}

const MAX_REPARSES: usize = 6;

pub fn parse(text: &str) -> Yaml {
    parse_pieces(text, None).0
}

/// One piece of the text (see [`segments`]) parsed alone, with offsets from its start. The next
/// version of the file reuses it when the piece's text is unchanged.
pub struct PieceParse {
    nodes: Vec<FlatNode>,
    /// The document's root node in `nodes` (none when the text could not be parsed).
    root: Option<u32>,
    /// The piece's text with its broken lines blanked, when it needed that.
    repaired: Option<String>,
    errors: Vec<SyntaxError>,
}

impl PieceParse {
    fn root(&self) -> Option<N<'_>> {
        self.root.map(|index| N {
            nodes: &self.nodes,
            index,
        })
    }

    /// Whether the piece is a block mapping (what the pieces of a cut file must be).
    fn is_block_mapping(&self) -> bool {
        self.root().is_some_and(|root| {
            let content = if root.kind() == "block_node" {
                root.named_children().find(|n| n.kind() != "comment")
            } else {
                Some(root)
            };
            content.is_some_and(|c| c.kind() == "block_mapping")
        })
    }
}

/// The parsed pieces of one version, by their text, and their lowering, by their offset.
#[derive(Default)]
pub struct Pieces {
    parsed: HashMap<Box<str>, Arc<PieceParse>>,
    lowered: LoweredPieces,
}

impl std::fmt::Debug for Pieces {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pieces")
            .field("count", &self.parsed.len())
            .finish_non_exhaustive()
    }
}

/// What to lower, in order: pieces parsed alone and put back together.
enum Plan {
    /// A piece whose root mapping's entries are entries of the root.
    Whole(usize, Arc<PieceParse>),
    /// A `key:` piece (`header`) whose mapping's entries are the entries of `children`.
    Split {
        header: (usize, Arc<PieceParse>),
        children: Vec<(usize, Arc<PieceParse>)>,
    },
}

/// Parse `text`, reusing the pieces of `previous` (the last version) whose text is unchanged, so
/// that a keystroke reparses one service, not the file. Returns the pieces for the next version.
pub fn parse_pieces(text: &str, previous: Option<&Pieces>) -> (Yaml, Pieces) {
    if let Some(error) = too_deep(text) {
        let yaml = Yaml {
            errors: vec![error],
            ..Yaml::default()
        };
        return (yaml, Pieces::default());
    }
    let mut parser = tree_sitter::Parser::new();
    if parser
        .set_language(&tree_sitter_yaml::LANGUAGE.into())
        .is_err()
    {
        return (Yaml::default(), Pieces::default());
    }
    let mut pieces = Pieces::default();
    let mut piece = |range: std::ops::Range<usize>| -> (usize, Arc<PieceParse>) {
        let key = &text[range.clone()];
        let parsed = match pieces.parsed.get(key) {
            Some(parsed) => parsed.clone(),
            None => {
                let parsed = previous
                    .and_then(|previous| previous.parsed.get(key).cloned())
                    .unwrap_or_else(|| Arc::new(parse_piece(&mut parser, key)));
                pieces.parsed.insert(key.into(), parsed.clone());
                parsed
            }
        };
        (range.start, parsed)
    };
    let mut plan = Vec::new();
    for part in segments::split(text) {
        let split = part.split.and_then(|split| {
            let header = piece(split.header);
            let children: Vec<_> = split.children.into_iter().map(&mut piece).collect();
            (header.1.is_block_mapping() && children.iter().all(|c| c.1.is_block_mapping()))
                .then_some(Plan::Split { header, children })
        });
        plan.push(split.unwrap_or_else(|| {
            let (start, parsed) = piece(part.range);
            Plan::Whole(start, parsed)
        }));
    }
    let cut = plan.len() > 1 || matches!(plan.first(), Some(Plan::Split { .. }));
    let mappings = plan
        .iter()
        .all(|p| !matches!(p, Plan::Whole(_, parsed) if !parsed.is_block_mapping()));
    if cut && !mappings {
        // A piece that is not a mapping: the cut was wrong, parse the text whole.
        plan = vec![Plan::Whole(0, piece(0..text.len()).1)];
    }
    let mut cache = LoweredCache {
        previous: previous.map(|previous| &previous.lowered),
        next: HashMap::new(),
    };
    let yaml = lower(text, &plan, &mut cache);
    pieces.lowered = cache.next;
    (yaml, pieces)
}

/// Parse `text` in one piece, never cut: what the pieces must add up to.
#[cfg(test)]
pub(crate) fn parse_uncut(text: &str) -> Yaml {
    if let Some(error) = too_deep(text) {
        return Yaml {
            errors: vec![error],
            ..Yaml::default()
        };
    }
    let mut parser = tree_sitter::Parser::new();
    let _ = parser.set_language(&tree_sitter_yaml::LANGUAGE.into());
    let parsed = Arc::new(parse_piece(&mut parser, text));
    lower(
        text,
        &[Plan::Whole(0, parsed)],
        &mut LoweredCache::default(),
    )
}

/// Parse one piece, blanking broken lines (a few at most) so that the rest is still modelled.
fn parse_piece(parser: &mut tree_sitter::Parser, text: &str) -> PieceParse {
    let failed = |errors| PieceParse {
        nodes: Vec::new(),
        root: None,
        repaired: None,
        errors,
    };
    let Some(mut tree) = parser.parse(text, None) else {
        return failed(Vec::new());
    };
    let mut working: Option<String> = None;
    let mut errors = Vec::new();
    for attempt in 0..=MAX_REPARSES {
        let current = working.as_deref().unwrap_or(text);
        let root = tree.root_node();
        if !root.has_error() || attempt == MAX_REPARSES {
            if root.has_error()
                && let Some(span) = first_error_line(root, current)
            {
                push_error(&mut errors, current, span);
            }
            let mut nodes = flatten(&tree);
            // At the end of its input the parser closes open collections after the last line
            // break; in the whole text they end with their last line, before its break.
            let last = current.trim_end().len();
            let end = last + current[last..].find(['\n', '\r']).unwrap_or(0);
            for node in &mut nodes {
                node.end = node.end.min(end).max(node.start);
            }
            let root = flat_document_root(N {
                nodes: &nodes,
                index: 0,
            })
            .map(|n| n.index);
            return PieceParse {
                nodes,
                root,
                repaired: working,
                errors,
            };
        }
        let Some(line) = first_error_line(root, current) else {
            break;
        };
        push_error(&mut errors, current, line);
        let mut blanked = current.to_string();
        // Keep offsets: replace the line's bytes by spaces (multi-byte characters included).
        let replacement = " ".repeat(line.len());
        blanked.replace_range(line.range(), &replacement);
        let start = point_at(&blanked, line.start);
        let end = point_at(&blanked, line.end);
        tree.edit(&tree_sitter::InputEdit {
            start_byte: line.start,
            old_end_byte: line.end,
            new_end_byte: line.end,
            start_position: start,
            old_end_position: end,
            new_end_position: end,
        });
        let Some(next) = parser.parse(&blanked, Some(&tree)) else {
            break;
        };
        tree = next;
        working = Some(blanked);
    }
    failed(errors)
}

/// Lower the planned pieces into one document, in order (anchors resolve across pieces as they
/// would in the whole text).
fn lower(text: &str, plan: &[Plan], cache: &mut LoweredCache<'_>) -> Yaml {
    let mut lowering = Lowering {
        text,
        base: 0,
        log: Vec::new(),
        anchors: HashMap::new(),
        yaml: Yaml::default(),
    };
    let mut errors = Vec::new();
    let mut lowered = Vec::new();
    for step in plan {
        match step {
            Plan::Whole(start, parsed) => lowered.push(lower_piece(
                &mut lowering,
                &mut errors,
                cache,
                text,
                *start,
                parsed,
            )),
            Plan::Split { header, children } => {
                let header_node =
                    lower_piece(&mut lowering, &mut errors, cache, text, header.0, &header.1);
                let children: Vec<_> = children
                    .iter()
                    .filter_map(|(start, parsed)| {
                        lower_piece(&mut lowering, &mut errors, cache, text, *start, parsed)
                    })
                    .collect();
                lowered.push(header_node.map(|header| {
                    let value = joined(&children);
                    let entries = header
                        .as_map()
                        .map(|entries| {
                            entries
                                .iter()
                                .map(|entry| Entry {
                                    key: entry.key.clone(),
                                    value: value.clone().unwrap_or_else(|| entry.value.clone()),
                                    merged: entry.merged,
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    let end = value.as_ref().map_or(header.span.end, |v| v.span.end);
                    Arc::new(Node {
                        span: Span::new(header.span.start, end),
                        value: Value::Map(entries),
                        tag: None,
                    })
                }));
            }
        }
    }
    let mut yaml = lowering.yaml;
    yaml.root = match plan {
        [Plan::Whole(..)] => lowered.pop().flatten(),
        _ => joined(&lowered.into_iter().flatten().collect::<Vec<_>>()),
    };
    errors.append(&mut yaml.errors);
    errors.sort_by_key(|e: &SyntaxError| e.span);
    yaml.errors = errors;
    yaml
}

/// Lower one piece's root, with its syntax errors, or take the previous version's lowering of
/// it when that is still exact.
fn lower_piece<'t>(
    lowering: &mut Lowering<'t>,
    errors: &mut Vec<SyntaxError>,
    cache: &mut LoweredCache<'_>,
    text: &'t str,
    start: usize,
    parsed: &'t Arc<PieceParse>,
) -> Option<Arc<Node>> {
    errors.extend(parsed.errors.iter().map(|e| SyntaxError {
        span: Span::new(e.span.start + start, e.span.end + start),
        message: e.message.clone(),
    }));
    let previous = cache
        .previous
        .and_then(|previous| previous.get(&start))
        .filter(|(piece, _)| Arc::ptr_eq(piece, parsed))
        .map(|(_, lowered)| lowered.clone());
    if let Some(lowered) = previous
        && lowering.replay(&lowered)
    {
        let root = lowered.root.clone();
        cache.next.insert(start, (parsed.clone(), lowered));
        return root;
    }
    lowering.base = start;
    lowering.text = match &parsed.repaired {
        Some(repaired) => repaired,
        None => &text[start..],
    };
    let (log, errors_before) = (lowering.log.len(), lowering.yaml.errors.len());
    let root = parsed.root().and_then(|root| lowering.node(root));
    let events = lowering.log[log..]
        .iter()
        .map(|event| match *event {
            Event::Anchor(index) => Recorded::Anchor(lowering.yaml.anchors[index].clone()),
            Event::Alias(index) => {
                let alias = &lowering.yaml.aliases[index];
                Recorded::Alias {
                    name: alias.name.clone(),
                    span: alias.span,
                    resolved: alias
                        .anchor
                        .map(|anchor| lowering.yaml.anchors[anchor].node.clone()),
                }
            }
        })
        .collect();
    let lowered = Arc::new(LoweredPiece {
        root: root.clone(),
        events,
        errors: lowering.yaml.errors[errors_before..].to_vec(),
    });
    cache.next.insert(start, (parsed.clone(), lowered));
    root
}

/// What lowering one piece gave, to reuse while the piece is unchanged and at the same offset.
struct LoweredPiece {
    root: Option<Arc<Node>>,
    /// The anchors it defined and the aliases it used, in order.
    events: Vec<Recorded>,
    /// Its lowering errors (unknown anchors).
    errors: Vec<SyntaxError>,
}

enum Recorded {
    Anchor(Anchor),
    Alias {
        name: String,
        span: Span,
        /// The node the alias stood for: the lowering holds it, so it must not have changed.
        resolved: Option<Arc<Node>>,
    },
}

/// A step of the lowering's log.
enum Event {
    Anchor(usize),
    Alias(usize),
}

/// Lowered pieces by their start offset, with the parse they came from.
type LoweredPieces = HashMap<usize, (Arc<PieceParse>, Arc<LoweredPiece>)>;

/// The lowered pieces of the previous version and of this one.
#[derive(Default)]
struct LoweredCache<'p> {
    previous: Option<&'p LoweredPieces>,
    next: LoweredPieces,
}

impl Lowering<'_> {
    /// Take a previous lowering of a piece if every alias in it still stands for the same node,
    /// adding its anchors, aliases and errors to the document as lowering it again would.
    fn replay(&mut self, lowered: &LoweredPiece) -> bool {
        let mut own: Vec<(&str, &Arc<Node>)> = Vec::new();
        for event in &lowered.events {
            match event {
                Recorded::Anchor(anchor) => own.push((&anchor.name, &anchor.node)),
                Recorded::Alias { name, resolved, .. } => {
                    let now = own
                        .iter()
                        .rev()
                        .find(|(own, _)| own == name)
                        .map(|(_, node)| *node)
                        .or_else(|| {
                            let index = *self.anchors.get(name)?;
                            Some(&self.yaml.anchors[index].node)
                        });
                    let same = match (now, resolved) {
                        (Some(now), Some(then)) => Arc::ptr_eq(now, then),
                        (None, None) => true,
                        _ => false,
                    };
                    if !same {
                        return false;
                    }
                }
            }
        }
        for event in &lowered.events {
            match event {
                Recorded::Anchor(anchor) => {
                    self.yaml.anchors.push(anchor.clone());
                    self.anchors
                        .insert(anchor.name.clone(), self.yaml.anchors.len() - 1);
                    self.log.push(Event::Anchor(self.yaml.anchors.len() - 1));
                }
                Recorded::Alias { name, span, .. } => {
                    let anchor = self.anchors.get(name).copied();
                    self.yaml.aliases.push(AliasUse {
                        name: name.clone(),
                        span: *span,
                        anchor,
                    });
                    self.log.push(Event::Alias(self.yaml.aliases.len() - 1));
                }
            }
        }
        self.yaml.errors.extend(lowered.errors.iter().cloned());
        true
    }
}

/// The mappings of consecutive pieces as one mapping: their own entries in order, then the
/// entries merged in (`<<`) that no piece wrote itself, as one mapping's `<<` would give.
fn joined(maps: &[Arc<Node>]) -> Option<Arc<Node>> {
    let (first, last) = (maps.first()?, maps.last()?);
    let all = || maps.iter().filter_map(|m| m.as_map()).flatten();
    let mut entries: Vec<Entry> = all().filter(|e| !e.merged).cloned().collect();
    for entry in all().filter(|e| e.merged) {
        if !entries.iter().any(|own| own.key.text == entry.key.text) {
            entries.push(entry.clone());
        }
    }
    Some(Arc::new(Node {
        span: Span::new(first.span.start, last.span.end),
        value: Value::Map(entries),
        tag: None,
    }))
}

fn point_at(text: &str, offset: usize) -> tree_sitter::Point {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let row = before.iter().filter(|b| **b == b'\n').count();
    let column = before.len()
        - before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
    tree_sitter::Point { row, column }
}

/// How deeply a Compose file may nest. Real files nest a few levels; the limit keeps the
/// recursion of lowering, validation and hover far from the stack's end, and the indentation
/// stack of tree-sitter-yaml's scanner below the 1 KiB it can save (beyond ~250 levels the C
/// runtime aborts the process). The estimate below can count half the scanner's levels (a
/// sequence at its parent key's indentation), hence the margin.
pub const MAX_NESTING: usize = 64;

/// A file nested deeper than [`MAX_NESTING`] is not parsed: the error names the first line that
/// goes too deep. Conservative upper bounds, computed without parsing: block nesting from the
/// indentation of lines (and `- `, `? `, `: ` indicators opening nested nodes on one line),
/// flow nesting from unclosed brackets.
fn too_deep(text: &str) -> Option<SyntaxError> {
    let mut block: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    let mut scalar_parent: Option<usize> = None;
    let mut line_start = 0;
    for line in text.split_inclusive(['\n', '\r']) {
        let start = line_start;
        line_start += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        let mut rest = &content[indent..];
        let blank = rest.trim().is_empty();
        // The lines of a block scalar (`|`, `>-`, ...) are text, however they are indented.
        if let Some(parent) = scalar_parent {
            if blank || indent > parent {
                continue;
            }
            scalar_parent = None;
        }
        if !blank && !rest.starts_with('#') {
            if opens_block_scalar(rest) {
                scalar_parent = Some(indent);
            }
            while block.last().is_some_and(|&top| top >= indent) {
                block.pop();
            }
            block.push(indent);
            let mut column = indent;
            while let Some(after) = ["- ", "? ", ": "]
                .iter()
                .find_map(|indicator| rest.strip_prefix(indicator))
            {
                let spaces = after.len() - after.trim_start_matches(' ').len();
                column += 2 + spaces;
                block.push(column);
                rest = &after[spaces..];
            }
        }
        let (after, peak) = flow_depth(content, flow);
        flow = after;
        if block.len() + peak > MAX_NESTING {
            return Some(SyntaxError {
                span: Span::new(start + indent, start + content.len()),
                message: format!(
                    "YAML nested more than {MAX_NESTING} levels deep: dockwise does not analyse \
                     this file"
                ),
            });
        }
    }
    None
}

/// Whether a line ends with a block scalar header: `|` or `>`, maybe with chomping and
/// indentation indicators, maybe followed by a comment.
fn opens_block_scalar(line: &str) -> bool {
    let code = line.split(" #").next().unwrap_or(line).trim_end();
    let header = code.trim_end_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit());
    // Only right after `key:` or `-` (or alone): elsewhere `|` is part of a plain scalar.
    let Some(before) = header
        .strip_suffix('|')
        .or_else(|| header.strip_suffix('>'))
    else {
        return false;
    };
    before.is_empty() || before.ends_with(": ") || before.ends_with("- ") || before == "-"
}

/// The depth of unclosed flow brackets after `line` and the deepest within it, ignoring quoted
/// strings and comments.
fn flow_depth(line: &str, mut depth: usize) -> (usize, usize) {
    let mut peak = depth;
    let mut quote: Option<u8> = None;
    let mut previous = b' ';
    let mut bytes = line.bytes();
    while let Some(byte) = bytes.next() {
        match (quote, byte) {
            (Some(b'"'), b'\\') => {
                bytes.next();
            }
            (Some(open), _) if byte == open => quote = None,
            (Some(_), _) => {}
            (None, b'#') if previous == b' ' => break,
            (None, b'"') => quote = Some(b'"'),
            (None, b'\'') if matches!(previous, b' ' | b'[' | b'{' | b',' | b':') => {
                quote = Some(b'\'')
            }
            (None, b'[' | b'{') => {
                depth += 1;
                peak = peak.max(depth);
            }
            (None, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        previous = byte;
    }
    (depth, peak)
}

fn push_error(errors: &mut Vec<SyntaxError>, text: &str, line: Span) {
    let content = text[line.range()].trim();
    let start = line.start
        + text[line.range()]
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(0);
    let span = Span::new(start, start + content.len());
    let message = if content.contains('\t') && text[line.range()].starts_with('\t') {
        "invalid YAML: tabs cannot indent YAML; use spaces".to_string()
    } else if !content.contains(':') && !content.starts_with('-') {
        format!(
            "invalid YAML: `{}` is not a `key: value` pair or a list item",
            shorten(content)
        )
    } else {
        "invalid YAML on this line (check the indentation, quotes and brackets)".to_string()
    };
    if !errors.iter().any(|e| e.span == span) {
        errors.push(SyntaxError { span, message });
    }
}

fn shorten(text: &str) -> String {
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text.to_string()
    }
}

/// The line where parsing went wrong: the first MISSING node, or for an ERROR node the first
/// line after what it still understood.
fn first_error_line(root: tree_sitter::Node, text: &str) -> Option<Span> {
    let error = find_error(root)?;
    let offset = if error.is_missing() {
        error.start_byte()
    } else {
        // Inside an ERROR node, the failure is where its last well-formed child stops.
        let mut cursor = error.walk();
        let children: Vec<_> = error.children(&mut cursor).collect();
        let last_good = children.iter().rev().find(|child| {
            !child.is_error() && !child.has_error() && child.kind() == "block_mapping_pair"
        });
        match (children.first(), last_good) {
            (Some(first), _)
                if first.is_error()
                    || first.kind() != "block_mapping_pair"
                        && error.start_position().row == error.end_position().row =>
            {
                error.start_byte()
            }
            (_, Some(good)) if good.end_byte() < error.end_byte() => {
                next_content(text, good.end_byte())
            }
            _ if error.start_position().row == error.end_position().row => error.start_byte(),
            _ => next_content(text, error.end_byte()).min(text.len()),
        }
    };
    let offset = if offset >= text.len() {
        error.start_byte()
    } else {
        offset
    };
    Some(line_at(text, offset))
}

fn next_content(text: &str, from: usize) -> usize {
    let rest = &text[from.min(text.len())..];
    from + rest
        .find(|c: char| !c.is_whitespace())
        .unwrap_or(rest.len())
}

fn find_error(node: tree_sitter::Node) -> Option<tree_sitter::Node> {
    if node.is_error() || node.is_missing() {
        // Prefer a smaller error inside.
        let mut cursor = node.walk();
        let inner = node
            .children(&mut cursor)
            .find(|c| c.is_error() || c.is_missing() || c.has_error());
        return inner.and_then(find_error).or(Some(node));
    }
    let mut cursor = node.walk();
    let children: Vec<_> = node.children(&mut cursor).collect();
    children
        .into_iter()
        .filter(|c| c.has_error() || c.is_missing())
        .find_map(find_error)
}

fn line_at(text: &str, offset: usize) -> Span {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    Span::new(start, end)
}

/// The syntax tree copied once, with one cursor walk, into a flat array: walking it afterwards
/// costs a few nanoseconds per node, where tree-sitter's `Node` API costs about a hundred.
struct FlatNode {
    kind: &'static str,
    field: Option<&'static str>,
    named: bool,
    start: usize,
    end: usize,
    first_child: u32,
    next_sibling: u32,
}

const NONE: u32 = u32::MAX;

struct Names {
    kinds: Vec<&'static str>,
    fields: Vec<Option<&'static str>>,
}

static NAMES: std::sync::LazyLock<Names> = std::sync::LazyLock::new(|| {
    let language: tree_sitter::Language = tree_sitter_yaml::LANGUAGE.into();
    let kinds = (0..language.node_kind_count() as u16)
        .map(|id| language.node_kind_for_id(id).unwrap_or(""))
        .collect();
    let fields = (0..=language.field_count() as u16)
        .map(|id| language.field_name_for_id(id))
        .collect();
    Names { kinds, fields }
});

fn flatten(tree: &tree_sitter::Tree) -> Vec<FlatNode> {
    let names = &*NAMES;
    let mut out: Vec<FlatNode> = Vec::with_capacity(64);
    let mut cursor = tree.walk();
    // For each open ancestor: its index and the index of its last child so far.
    let mut stack: Vec<(usize, u32)> = Vec::new();
    loop {
        let node = cursor.node();
        let index = out.len();
        let kind = if node.is_error() {
            "ERROR"
        } else {
            names
                .kinds
                .get(node.kind_id() as usize)
                .copied()
                .unwrap_or("")
        };
        // Only the children of a pair need their field (key or value).
        let in_pair = stack.last().is_some_and(|(parent, _)| {
            matches!(out[*parent].kind, "block_mapping_pair" | "flow_pair")
        });
        let field = if in_pair {
            cursor
                .field_id()
                .and_then(|id| names.fields.get(id.get() as usize).copied().flatten())
        } else {
            None
        };
        out.push(FlatNode {
            kind,
            field,
            named: node.is_named(),
            start: node.start_byte(),
            end: node.end_byte(),
            first_child: NONE,
            next_sibling: NONE,
        });
        if let Some((parent, last)) = stack.last_mut() {
            if *last == NONE {
                out[*parent].first_child = index as u32;
            } else {
                out[*last as usize].next_sibling = index as u32;
            }
            *last = index as u32;
        }
        // The insides of scalars, anchors, aliases and tags are never read: skip them.
        let leaf = matches!(
            kind,
            "plain_scalar"
                | "double_quote_scalar"
                | "single_quote_scalar"
                | "block_scalar"
                | "anchor"
                | "alias"
                | "tag"
                | "comment"
        );
        if !leaf && cursor.goto_first_child() {
            stack.push((index, NONE));
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return out;
            }
            stack.pop();
        }
    }
}

/// A node of the flat tree, with the few methods the lowering uses.
#[derive(Clone, Copy)]
struct N<'f> {
    nodes: &'f [FlatNode],
    index: u32,
}

impl<'f> N<'f> {
    fn flat(&self) -> &'f FlatNode {
        &self.nodes[self.index as usize]
    }
    fn kind(&self) -> &'static str {
        self.flat().kind
    }
    fn start_byte(&self) -> usize {
        self.flat().start
    }
    fn end_byte(&self) -> usize {
        self.flat().end
    }
    fn byte_range(&self) -> std::ops::Range<usize> {
        self.start_byte()..self.end_byte()
    }
    fn children(&self) -> impl Iterator<Item = N<'f>> + 'f {
        let nodes = self.nodes;
        let mut next = self.flat().first_child;
        std::iter::from_fn(move || {
            if next == NONE {
                return None;
            }
            let node = N { nodes, index: next };
            next = nodes[next as usize].next_sibling;
            Some(node)
        })
    }
    fn named_children(&self) -> impl Iterator<Item = N<'f>> + 'f {
        self.children().filter(|n| n.flat().named)
    }
    fn named_child(&self, index: usize) -> Option<N<'f>> {
        self.named_children().nth(index)
    }
    fn child_by_field_name(&self, field: &str) -> Option<N<'f>> {
        self.children().find(|n| n.flat().field == Some(field))
    }
}

fn flat_document_root(stream: N) -> Option<N> {
    if stream.kind() == "ERROR" {
        return Some(stream);
    }
    let document = stream
        .named_children()
        .find(|n| n.kind() == "document" || n.kind() == "ERROR")?;
    if document.kind() == "ERROR" {
        return Some(document);
    }
    document.named_children().find(|n| n.kind() != "comment")
}

struct Lowering<'t> {
    /// The text of the piece being lowered (with its broken lines blanked).
    text: &'t str,
    /// Where that piece starts in the whole text.
    base: usize,
    /// Anchors defined and aliases used, in order (indices into `yaml`).
    log: Vec<Event>,
    anchors: HashMap<String, usize>,
    yaml: Yaml,
}

impl<'t> Lowering<'t> {
    fn slice(&self, node: N<'t>) -> &'t str {
        self.text.get(node.byte_range()).unwrap_or("")
    }

    /// A node's span in the whole text (nodes count from the start of their piece).
    fn span(&self, node: N<'t>) -> Span {
        Span::new(self.base + node.start_byte(), self.base + node.end_byte())
    }

    /// The empty span at the end of a node.
    fn end_of(&self, node: N<'t>) -> Span {
        Span::new(self.base + node.end_byte(), self.base + node.end_byte())
    }

    /// Lower a `block_node`/`flow_node` (or anything inside one).
    fn node(&mut self, node: N<'t>) -> Option<Arc<Node>> {
        match node.kind() {
            "block_node" | "flow_node" => {
                let mut anchor = None;
                let mut tag = None;
                let mut content = None;
                for child in node.named_children() {
                    match child.kind() {
                        "anchor" => anchor = Some(child),
                        "tag" => tag = Some(self.slice(child).to_string()),
                        "comment" => {}
                        _ => content = Some(child),
                    }
                }
                let lowered = match content {
                    Some(content) if content.kind() == "alias" => self.alias(content),
                    Some(content) => self.content(content, tag.as_deref()).map(|value| {
                        Arc::new(Node {
                            span: self.span(content),
                            value,
                            tag: tag.clone(),
                        })
                    }),
                    None => Some(Arc::new(Node {
                        span: self.end_of(node),
                        value: Value::Scalar(Scalar {
                            text: String::new(),
                            style: Style::Plain,
                            kind: ScalarKind::Null,
                        }),
                        tag: tag.clone(),
                    })),
                };
                if let (Some(anchor), Some(lowered)) = (anchor, &lowered) {
                    let name = anchor
                        .named_child(0)
                        .map(|n| self.slice(n).to_string())
                        .unwrap_or_else(|| self.slice(anchor).trim_start_matches('&').to_string());
                    self.yaml.anchors.push(Anchor {
                        name: name.clone(),
                        span: self.span(anchor),
                        node: lowered.clone(),
                    });
                    self.anchors.insert(name, self.yaml.anchors.len() - 1);
                    self.log.push(Event::Anchor(self.yaml.anchors.len() - 1));
                }
                lowered
            }
            "alias" => self.alias(node),
            _ => self.content(node, None).map(|value| {
                Arc::new(Node {
                    span: self.span(node),
                    value,
                    tag: None,
                })
            }),
        }
    }

    fn alias(&mut self, node: N<'t>) -> Option<Arc<Node>> {
        let name = node
            .named_child(0)
            .map(|n| self.slice(n).to_string())
            .unwrap_or_else(|| self.slice(node).trim_start_matches('*').to_string());
        let anchor = self.anchors.get(&name).copied();
        self.yaml.aliases.push(AliasUse {
            name,
            span: self.span(node),
            anchor,
        });
        self.log.push(Event::Alias(self.yaml.aliases.len() - 1));
        match anchor {
            Some(index) => Some(self.yaml.anchors[index].node.clone()),
            None => {
                self.yaml.errors.push(SyntaxError {
                    span: self.span(node),
                    message: format!("unknown YAML anchor `{}`", self.slice(node)),
                });
                None
            }
        }
    }

    fn content(&mut self, node: N<'t>, tag: Option<&str>) -> Option<Value> {
        match node.kind() {
            "block_mapping" | "flow_mapping" | "ERROR" => Some(Value::Map(self.mapping(node))),
            "block_sequence" | "flow_sequence" => {
                let mut items = Vec::new();
                for child in node.named_children() {
                    match child.kind() {
                        "block_sequence_item" => {
                            let value = child.named_children().find(|n| n.kind() != "comment");
                            match value {
                                Some(value) => items.extend(self.node(value)),
                                None => items.push(Arc::new(Node {
                                    span: self.end_of(child),
                                    value: Value::Scalar(Scalar {
                                        text: String::new(),
                                        style: Style::Plain,
                                        kind: ScalarKind::Null,
                                    }),
                                    tag: None,
                                })),
                            }
                        }
                        "flow_pair" => {
                            let entries = self.pairs(std::iter::once(child));
                            items.push(Arc::new(Node {
                                span: self.span(child),
                                value: Value::Map(entries),
                                tag: None,
                            }));
                        }
                        "flow_node" | "block_node" => items.extend(self.node(child)),
                        _ => {}
                    }
                }
                Some(Value::Seq(items))
            }
            "plain_scalar" | "double_quote_scalar" | "single_quote_scalar" | "block_scalar" => {
                Some(Value::Scalar(self.scalar(node, tag)))
            }
            _ => None,
        }
    }

    fn mapping(&mut self, node: N<'t>) -> Vec<Entry> {
        let pairs: Vec<_> = node
            .named_children()
            .filter(|n| matches!(n.kind(), "block_mapping_pair" | "flow_pair"))
            .collect();
        self.pairs(pairs.into_iter())
    }

    fn pairs(&mut self, pairs: impl Iterator<Item = N<'t>>) -> Vec<Entry> {
        let mut own: Vec<Entry> = Vec::new();
        let mut merges: Vec<Arc<Node>> = Vec::new();
        for pair in pairs {
            let Some(key_node) = pair.child_by_field_name("key") else {
                continue;
            };
            let key_span = self.span(key_node);
            // A plain key (the common case) is decoded directly, without building a node.
            let plain_key = (key_node.kind() == "flow_node")
                .then(|| {
                    let mut children = key_node.named_children();
                    let only = children.next()?;
                    (children.next().is_none() && only.kind().ends_with("scalar")).then_some(only)
                })
                .flatten();
            let key_text = match plain_key {
                Some(scalar) => self.scalar(scalar, None).text,
                None => match self.node(key_node) {
                    Some(key) => match &key.value {
                        Value::Scalar(scalar) => scalar.text.clone(),
                        _ => continue,
                    },
                    None => continue,
                },
            };
            let value = match pair.child_by_field_name("value") {
                Some(value) => self.node(value),
                None => Some(Arc::new(Node {
                    span: self.end_of(pair),
                    value: Value::Scalar(Scalar {
                        text: String::new(),
                        style: Style::Plain,
                        kind: ScalarKind::Null,
                    }),
                    tag: None,
                })),
            };
            let Some(value) = value else { continue };
            if key_text == "<<" && self.slice(key_node).trim() == "<<" {
                match &value.value {
                    Value::Seq(items) => merges.extend(items.iter().cloned()),
                    _ => merges.push(value),
                }
                continue;
            }
            // Key span: the scalar inside the key's flow_node (without its anchor or tag).
            let span = key_node
                .named_children()
                .find(|n| n.kind().ends_with("scalar"))
                .map(|scalar| self.span(scalar))
                .unwrap_or(key_span);
            own.push(Entry {
                key: Key {
                    text: key_text,
                    span,
                },
                value,
                merged: false,
            });
        }
        for merge in merges {
            if let Value::Map(entries) = &merge.value {
                for entry in entries {
                    if !own.iter().any(|e| e.key.text == entry.key.text) {
                        own.push(Entry {
                            key: entry.key.clone(),
                            value: entry.value.clone(),
                            merged: true,
                        });
                    }
                }
            }
        }
        own
    }

    fn scalar(&self, node: N<'t>, tag: Option<&str>) -> Scalar {
        let raw = self.slice(node);
        let (text, style) = match node.kind() {
            "double_quote_scalar" => (decode_double(raw), Style::Double),
            "single_quote_scalar" => (decode_single(raw), Style::Single),
            "block_scalar" => decode_block(raw),
            _ => (fold_plain(raw), Style::Plain),
        };
        let kind = match (style, tag) {
            (_, Some("!!str")) => ScalarKind::Str,
            (Style::Plain, _) => resolve_plain(&text),
            _ => ScalarKind::Str,
        };
        Scalar { text, style, kind }
    }
}

/// YAML 1.2 core schema.
pub fn resolve_plain(text: &str) -> ScalarKind {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return ScalarKind::Null,
        "true" | "True" | "TRUE" => return ScalarKind::Bool(true),
        "false" | "False" | "FALSE" => return ScalarKind::Bool(false),
        _ => {}
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return text
            .parse::<i64>()
            .map(ScalarKind::Int)
            .unwrap_or(ScalarKind::Float(text.parse().unwrap_or(0.0)));
    }
    if let Some(octal) = text.strip_prefix("0o")
        && let Ok(value) = i64::from_str_radix(octal, 8)
    {
        return ScalarKind::Int(value);
    }
    if let Some(hex) = text.strip_prefix("0x")
        && let Ok(value) = i64::from_str_radix(hex, 16)
    {
        return ScalarKind::Int(value);
    }
    match unsigned {
        ".inf" | ".Inf" | ".INF" => return ScalarKind::Float(f64::INFINITY),
        ".nan" | ".NaN" | ".NAN" => return ScalarKind::Float(f64::NAN),
        _ => {}
    }
    if is_float(unsigned)
        && let Ok(value) = text.parse::<f64>()
    {
        return ScalarKind::Float(value);
    }
    ScalarKind::Str
}

fn is_float(text: &str) -> bool {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let digits = mantissa.bytes().filter(|b| b.is_ascii_digit()).count();
    let dots = mantissa.bytes().filter(|b| *b == b'.').count();
    let mantissa_ok =
        digits > 0 && dots <= 1 && mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    mantissa_ok && (dots == 1 || exponent.is_some()) && exponent_ok
}

/// Multi-line plain and quoted scalars: a line break becomes a space, an empty line a newline.
fn fold_lines(text: &str) -> String {
    if !text.contains('\n') {
        return text.to_string();
    }
    let mut out = String::new();
    let mut pending_breaks = 0;
    for (index, line) in text.split('\n').enumerate() {
        let line = if index == 0 {
            line.trim_end()
        } else {
            line.trim()
        };
        if index > 0 && line.is_empty() {
            pending_breaks += 1;
            continue;
        }
        if index > 0 {
            if pending_breaks > 0 {
                out.push_str(&"\n".repeat(pending_breaks));
            } else {
                out.push(' ');
            }
        }
        pending_breaks = 0;
        out.push_str(line);
    }
    out
}

fn fold_plain(raw: &str) -> String {
    fold_lines(raw.trim())
}

fn decode_single(raw: &str) -> String {
    let inner = raw.strip_prefix('\'').unwrap_or(raw);
    let inner = inner.strip_suffix('\'').unwrap_or(inner);
    fold_lines(&inner.replace("''", "'"))
}

fn decode_double(raw: &str) -> String {
    let inner = raw.strip_prefix('"').unwrap_or(raw);
    let inner = inner.strip_suffix('"').unwrap_or(inner);
    // Escaped line breaks join lines without a space; do that before folding.
    let mut joined = String::new();
    let mut lines = inner.split('\n').peekable();
    while let Some(line) = lines.next() {
        let escaped_break = line.ends_with('\\') && !line.ends_with("\\\\");
        if escaped_break && lines.peek().is_some() {
            joined.push_str(&line[..line.len() - 1]);
            let next = lines.next().unwrap_or("");
            joined.push_str(next.trim_start());
            if lines.peek().is_some() {
                joined.push('\n');
            }
        } else {
            joined.push_str(line);
            if lines.peek().is_some() {
                joined.push('\n');
            }
        }
    }
    let folded = fold_lines(&joined);
    let mut out = String::with_capacity(folded.len());
    let mut chars = folded.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else { break };
        let hex = |chars: &mut std::str::Chars, n: usize| {
            let digits: String = chars.by_ref().take(n).collect();
            u32::from_str_radix(&digits, 16)
                .ok()
                .and_then(char::from_u32)
        };
        match e {
            'n' => out.push('\n'),
            't' | '\t' => out.push('\t'),
            'r' => out.push('\r'),
            '0' => out.push('\0'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'e' => out.push('\x1b'),
            'f' => out.push('\x0c'),
            'v' => out.push('\x0b'),
            ' ' => out.push(' '),
            'N' => out.push('\u{85}'),
            '_' => out.push('\u{a0}'),
            'L' => out.push('\u{2028}'),
            'P' => out.push('\u{2029}'),
            'x' => out.extend(hex(&mut chars, 2)),
            'u' => out.extend(hex(&mut chars, 4)),
            'U' => out.extend(hex(&mut chars, 8)),
            other => out.push(other),
        }
    }
    out
}

/// `|` and `>` scalars with their chomping (`-`, `+`) and indentation indicators.
fn decode_block(raw: &str) -> (String, Style) {
    let mut lines = raw.split('\n');
    let header = lines.next().unwrap_or("");
    let header = header.split(" #").next().unwrap_or(header).trim();
    let folded = header.starts_with('>');
    let strip = header.contains('-');
    let keep = header.contains('+');
    let explicit_indent = header
        .chars()
        .find(|c| c.is_ascii_digit())
        .and_then(|c| c.to_digit(10));
    let body: Vec<&str> = lines.collect();
    let indent = explicit_indent.map(|n| n as usize).unwrap_or_else(|| {
        body.iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.len() - l.trim_start_matches(' ').len())
            .next()
            .unwrap_or(0)
    });
    let content: Vec<&str> = body
        .iter()
        .map(|l| l.get(indent.min(l.len())..).unwrap_or(""))
        .collect();
    let mut out = String::new();
    if folded {
        let mut previous_more_indented = false;
        for (index, line) in content.iter().enumerate() {
            let more_indented = line.starts_with(' ') || line.starts_with('\t');
            if index > 0 {
                let previous_empty = content[index - 1].is_empty();
                if line.is_empty() || previous_empty || more_indented || previous_more_indented {
                    out.push('\n');
                } else {
                    out.push(' ');
                }
            }
            out.push_str(line);
            previous_more_indented = more_indented;
        }
    } else {
        out = content.join("\n");
    }
    let trimmed_len = out.trim_end_matches('\n').len();
    let trailing = out.len() - trimmed_len;
    out.truncate(trimmed_len);
    if !strip && !out.is_empty() {
        out.push('\n');
        if keep {
            out.push_str(&"\n".repeat(trailing));
        }
    }
    (
        out,
        if folded {
            Style::Folded
        } else {
            Style::Literal
        },
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn nesting_beyond_the_limit_is_an_error_not_a_crash() {
        let deep_block: String = (0..300)
            .map(|level| format!("{}k{level}:\n", " ".repeat(level)))
            .collect();
        let deep_sequence: String = (0..300)
            .map(|level| format!("{}-\n", " ".repeat(level)))
            .collect();
        let compact = format!("x:\n{}y\n", "- ".repeat(300));
        let flow = format!("x: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        let flow_maps = format!("x: {}1{}\n", "{a: ".repeat(10_000), "}".repeat(10_000));
        for text in [deep_block, deep_sequence, compact, flow, flow_maps] {
            let yaml = super::parse(&text);
            assert!(yaml.root.is_none());
            assert_eq!(yaml.errors.len(), 1);
            assert!(
                yaml.errors[0].message.contains("nested more than"),
                "{:?}",
                yaml.errors
            );
        }
    }

    #[test]
    fn ordinary_files_are_far_from_the_nesting_limit() {
        let literal = format!(
            "x:\n  script: |\n{}\n",
            (0..300)
                .map(|i| format!("{}line", " ".repeat(4 + i)))
                .collect::<Vec<_>>()
                .join("\n")
        );
        let text = format!(
            "services:\n  web:\n    command: [\"sh\", \"-c\", \"echo '[[[[' # [[[\"]\n    # {}\n    labels: {{a: '[[[[[['}}\n{literal}",
            "[".repeat(500)
        );
        let yaml = super::parse(&text);
        assert!(yaml.errors.is_empty(), "{:?}", yaml.errors);
        assert!(yaml.root.is_some());
    }

    use super::*;

    fn root(text: &str) -> Arc<Node> {
        parse(text).root.expect("a root")
    }

    #[test]
    fn scalars_decode() {
        let yaml = root(
            "a: 'it''s'\nb: \"x\\ty\"\nc: |\n  one\n  two\nd: >-\n  p\n  q\ne: 12\nf: yes\ng: 1.5\nh:\n",
        );
        assert_eq!(yaml.get("a").unwrap().as_str(), Some("it's"));
        assert_eq!(yaml.get("b").unwrap().as_str(), Some("x\ty"));
        assert_eq!(yaml.get("c").unwrap().as_str(), Some("one\ntwo\n"));
        assert_eq!(yaml.get("d").unwrap().as_str(), Some("p q"));
        assert_eq!(
            yaml.get("e").unwrap().as_scalar().unwrap().kind,
            ScalarKind::Int(12)
        );
        assert_eq!(
            yaml.get("f").unwrap().as_scalar().unwrap().kind,
            ScalarKind::Str
        );
        assert_eq!(
            yaml.get("g").unwrap().as_scalar().unwrap().kind,
            ScalarKind::Float(1.5)
        );
        assert!(yaml.get("h").unwrap().is_null());
    }

    #[test]
    fn merge_keys_and_aliases() {
        let text = "x: &base\n  restart: always\n  image: a\ns:\n  <<: *base\n  image: b\n";
        let yaml = root(text);
        let s = yaml.get("s").unwrap();
        assert_eq!(s.get("image").unwrap().as_str(), Some("b"));
        let restart = s.entry("restart").unwrap();
        assert!(restart.merged);
        assert_eq!(&text[restart.key.span.range()], "restart");
        assert!(restart.key.span.start < 20);
    }

    /// Files read in pieces give exactly what the whole file gives: the fixtures, and the corpus
    /// of real Compose files when it is present. (A broken file may differ: that is the point.)
    #[test]
    fn pieces_add_up_to_the_whole_file() {
        let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let directories = [
            manifest.join("tests/fixtures/compose"),
            manifest.join("tests/fixtures/compose-hover"),
            manifest.join("../../../shared/corpus/compose"),
            manifest.join("../../../shared/corpus/fixtures/compose"),
        ];
        let mut compared = 0;
        for directory in directories {
            let Ok(entries) = std::fs::read_dir(&directory) else {
                continue;
            };
            for entry in entries.flatten() {
                let Ok(text) = std::fs::read_to_string(entry.path()) else {
                    continue;
                };
                let whole = parse_uncut(&text);
                if !whole.errors.is_empty() {
                    continue;
                }
                let pieces = parse(&text);
                assert_eq!(
                    format!("{pieces:?}"),
                    format!("{whole:?}"),
                    "{}",
                    entry.path().display()
                );
                compared += 1;
            }
        }
        assert!(compared > 20, "only {compared} files compared");
    }

    #[test]
    fn a_broken_service_does_not_reach_the_next_one() {
        let text =
            "services:\n  web:\n    environment:x\n      A: 1\n  db:\n    image: postgres:16\n";
        let yaml = parse(text);
        assert_eq!(yaml.errors.len(), 1, "{:?}", yaml.errors);
        assert!(yaml.errors[0].span.start < text.find("  db:").unwrap());
        let services = yaml.root.unwrap();
        let db = services.get("services").unwrap().get("db").unwrap();
        assert_eq!(db.get("image").unwrap().as_str(), Some("postgres:16"));
    }

    #[test]
    fn broken_line_keeps_the_rest() {
        let text = "services:\n  web:\n    image: a\n  db\n    image: b\n  other:\n    image: c\n";
        let yaml = parse(text);
        assert!(!yaml.errors.is_empty());
        let services = yaml.root.unwrap();
        let services = services.get("services").unwrap();
        assert!(services.get("other").is_some(), "{services:#?}");
    }
}
