//! Lowering of the tree into the model: the tree gives the structure (directives, comments,
//! instruction boundaries, heredoc bodies, syntax errors); each instruction's arguments are then
//! read from its logical line exactly as BuildKit reads them.

use std::sync::OnceLock;

use tree_sitter::{Node, Tree};

use crate::instruction::{InstructionReader, StageHead};
use crate::logical::LogicalLine;
use crate::model::*;
use crate::shift::Shift;

/// What lowering one top-level instruction produced besides the instruction itself, kept with
/// the parse so that the next version can reuse the instruction if an edit leaves it alone.
#[derive(Clone)]
pub(crate) struct Lowered {
    /// The tree node's start, end and kind id.
    node_start: usize,
    node_end: usize,
    node_kind: u16,
    /// The node's text has `<<`: lowering read heredoc nodes of the tree, not only the text.
    mentions_heredoc: bool,
    /// Just after the last byte the lowering read (the newline ending its last line, heredoc
    /// bodies and skipped comment lines included; one past the end of the text if it read to
    /// the end): an edit from here on leaves the instruction as it is.
    read_end: usize,
    stage: Option<StageHead>,
    /// The syntax errors this instruction's lowering reported, in the order it reported them.
    errors: Vec<SyntaxError>,
}

/// The per-instruction side of a lowering, parallel to `Dockerfile::instructions`.
#[derive(Clone, Default)]
pub(crate) struct Lowering {
    escape: char,
    instructions: Vec<Lowered>,
    /// How many instructions were reused from the previous version (for tests).
    pub reused: usize,
}

/// All edits between two versions as one: bytes `start..old_end` of the old text became
/// `start..new_end` of the new one; everything before is unchanged, everything after moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Envelope {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

impl Envelope {
    /// The envelope of `edits` applied in order (each in the coordinates left by the previous
    /// ones); `None` for no edit or an inconsistent one.
    pub fn of(edits: &[tree_sitter::InputEdit]) -> Option<Envelope> {
        let mut envelope: Option<Envelope> = None;
        for edit in edits {
            if edit.start_byte > edit.old_end_byte || edit.start_byte > edit.new_end_byte {
                return None;
            }
            envelope = Some(match envelope {
                None => Envelope {
                    start: edit.start_byte,
                    old_end: edit.old_end_byte,
                    new_end: edit.new_end_byte,
                },
                Some(previous) => {
                    // Past `previous.new_end`, the current text is the old one moved by a
                    // constant: an edit reaching further extends the old end by as much.
                    let current_end = previous.new_end.max(edit.old_end_byte);
                    Envelope {
                        start: previous.start.min(edit.start_byte),
                        old_end: previous.old_end + (current_end - previous.new_end),
                        new_end: (current_end + edit.new_end_byte)
                            .checked_sub(edit.old_end_byte)?,
                    }
                }
            });
        }
        envelope
    }

    fn delta(self) -> isize {
        self.new_end as isize - self.old_end as isize
    }
}

/// The previous version, for an incremental lowering.
pub(crate) struct Previous<'p> {
    pub dockerfile: &'p Dockerfile,
    pub lowering: &'p Lowering,
    pub edit: Envelope,
}

impl Previous<'_> {
    /// The old instruction (and its side data) that lowering `node` would give again, moved to
    /// where it now is. Without heredocs, lowering an instruction reads only the text from its
    /// node's start (to the end of its logical line) and the escape character, never the tree
    /// below the node: it is reused when the tree has a node of the same kind at the same place
    /// (moved by the edit), the edit left the text it read alone, and the escape is the same.
    /// Instructions that mention a heredoc read their heredoc nodes too and are always lowered
    /// again.
    fn reuse(&self, node: Node) -> Option<(Instruction, Lowered)> {
        let (start, end) = (node.start_byte(), node.end_byte());
        let edit = self.edit;
        let before = start < edit.start;
        let (old_start, delta) = if before {
            (start, 0)
        } else if start > edit.new_end {
            (start - edit.new_end + edit.old_end, edit.delta())
        } else {
            return None;
        };
        let index = self
            .lowering
            .instructions
            .binary_search_by_key(&old_start, |lowered| lowered.node_start)
            .ok()?;
        let lowered = self.lowering.instructions.get(index)?;
        if lowered.node_end.wrapping_add_signed(delta) != end
            || lowered.node_kind != node.kind_id()
            || lowered.mentions_heredoc
            || (before && lowered.read_end > edit.start)
        {
            return None;
        }
        let read_end = lowered.read_end.wrapping_add_signed(delta);
        let mut instruction = self.dockerfile.instructions.get(index)?.clone();
        let mut lowered = lowered.clone();
        if delta != 0 {
            instruction.shift(delta);
            lowered.node_start = start;
            lowered.node_end = end;
            lowered.read_end = read_end;
            lowered.stage.shift(delta);
            lowered.errors.shift(delta);
        }
        Some((instruction, lowered))
    }
}

pub(crate) fn lower(src: &str, tree: &Tree, previous: Option<Previous>) -> (Dockerfile, Lowering) {
    let root = tree.root_node();
    let mut dockerfile = Dockerfile {
        escape: '\\',
        ..Dockerfile::default()
    };
    let mut directive_nodes = Vec::new();
    let mut instruction_nodes = Vec::new();
    let mut walk_errors = Vec::new();
    walk(
        src,
        root,
        &mut Found {
            directives: &mut directive_nodes,
            instructions: &mut instruction_nodes,
            comments: &mut dockerfile.comments,
            errors: &mut walk_errors,
        },
    );
    // Directive errors first, then the tree's, then the instructions': the final sort is stable.
    let mut errors = Vec::new();
    directives(src, &directive_nodes, &mut dockerfile, &mut errors);
    errors.append(&mut walk_errors);

    // A different escape character changes how every line is read.
    let previous = previous.filter(|previous| previous.lowering.escape == dockerfile.escape);
    let mut lowering = Lowering {
        escape: dockerfile.escape,
        instructions: Vec::with_capacity(instruction_nodes.len()),
        reused: 0,
    };
    dockerfile
        .instructions
        .reserve_exact(instruction_nodes.len());
    for node in instruction_nodes {
        let (instruction, lowered) =
            match previous.as_ref().and_then(|previous| previous.reuse(node)) {
                Some(reused) => {
                    lowering.reused += 1;
                    reused
                }
                None => instruction(src, node, dockerfile.escape),
            };
        errors.extend(lowered.errors.iter().cloned());
        dockerfile.instructions.push(instruction);
        lowering.instructions.push(lowered);
    }
    let count = dockerfile.instructions.len();
    let mut heads = lowering
        .instructions
        .iter()
        .enumerate()
        .filter_map(|(index, lowered)| Some((index, lowered.stage.clone()?)))
        .enumerate()
        .peekable();
    while let Some((index, (from, head))) = heads.next() {
        let end = heads.peek().map_or(count, |(_, (next, _))| *next);
        let StageHead {
            image,
            name,
            as_keyword,
        } = head;
        dockerfile.stages.push(Stage {
            index,
            from,
            instructions: from..end,
            image,
            name,
            as_keyword,
        });
    }
    errors.sort_by_key(|error| (error.span.start, error.span.end));
    dockerfile.errors = errors;
    (dockerfile, lowering)
}

/// What lowering needs to know about a node kind.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Other,
    Comment,
    Directive,
    Instruction,
    Heredoc,
    HeredocMarker,
    ShellCommand,
}

/// `Kind` by node kind id: comparing ids avoids looking names up (and UTF-8 checking them) for
/// every node.
fn kind(node: Node) -> Kind {
    static KINDS: OnceLock<Vec<Kind>> = OnceLock::new();
    let kinds = KINDS.get_or_init(|| {
        let language = tree_sitter::Language::new(dockwise_grammar::LANGUAGE);
        (0..language.node_kind_count())
            .map(|id| {
                match u16::try_from(id)
                    .ok()
                    .and_then(|id| language.node_kind_for_id(id))
                {
                    Some("comment") => Kind::Comment,
                    Some("directive") => Kind::Directive,
                    Some("heredoc") => Kind::Heredoc,
                    Some("heredoc_marker") => Kind::HeredocMarker,
                    Some("shell_command") => Kind::ShellCommand,
                    Some(name) if name.ends_with("_instruction") => Kind::Instruction,
                    _ => Kind::Other,
                }
            })
            .collect()
    });
    kinds
        .get(usize::from(node.kind_id()))
        .copied()
        .unwrap_or(Kind::Other)
}

fn span(node: Node) -> Span {
    Span::new(node.start_byte(), node.end_byte())
}

fn node_text<'a>(src: &'a str, node: Node) -> &'a str {
    src.get(node.byte_range()).unwrap_or("")
}

fn directives(
    src: &str,
    nodes: &[Node],
    dockerfile: &mut Dockerfile,
    errors: &mut Vec<SyntaxError>,
) {
    for node in nodes {
        let (Some(name), Some(value)) = (
            node.child_by_field_name("name"),
            node.child_by_field_name("value"),
        ) else {
            continue;
        };
        let directive = Directive {
            name: node_text(src, name).to_ascii_lowercase(),
            name_span: span(name),
            value: node_text(src, value).to_string(),
            value_span: span(value),
            span: span(*node),
        };
        if dockerfile
            .directives
            .iter()
            .any(|seen| seen.name == directive.name)
        {
            errors.push(SyntaxError {
                span: directive.span,
                code: "duplicate-directive",
                message: format!("only one {} parser directive can be used", directive.name),
            });
        }
        if directive.name == "escape" {
            match directive.value.as_str() {
                "\\" => dockerfile.escape = '\\',
                "`" => dockerfile.escape = '`',
                other => errors.push(SyntaxError {
                    span: directive.value_span,
                    code: "invalid-escape",
                    message: format!("invalid escape token '{other}' does not match ` or \\"),
                }),
            }
        }
        dockerfile.directives.push(directive);
    }
}

/// What the walk collects, in source order.
struct Found<'f, 't> {
    /// Directive nodes that are children of the root.
    directives: &'f mut Vec<Node<'t>>,
    /// Top-level instruction nodes (ONBUILD triggers stay nested).
    instructions: &'f mut Vec<Node<'t>>,
    comments: &'f mut Vec<Comment>,
    errors: &'f mut Vec<SyntaxError>,
}

/// Collects directives, top-level instruction nodes, comments and syntax errors, in source order.
///
/// Below the root, only subtrees with an error are entered (`ERROR` and `MISSING` nodes count in
/// `has_error`, and instructions nest below the root only inside `ERROR` nodes or as ONBUILD
/// triggers). Other subtrees can only hold comments: those are looked up where the text has one.
fn walk<'t>(src: &str, root: Node<'t>, found: &mut Found<'_, 't>) {
    let mut cursor = root.walk();
    let mut depth = 0usize;
    let mut instruction_depth = 0usize;
    loop {
        let node = cursor.node();
        let node_kind = kind(node);
        if node_kind == Kind::Comment {
            let text = node_text(src, node);
            found.comments.push(Comment {
                span: span(node),
                text: text.get(1..).unwrap_or("").to_string(),
            });
        } else if node.is_error() {
            if !node.parent().is_some_and(|parent| parent.is_error()) {
                found.errors.push(error_at(src, node));
            }
        } else if node.is_missing() {
            found.errors.push(SyntaxError {
                span: span(node),
                code: "syntax-error",
                message: format!("missing {}", node.kind()),
            });
        } else if node_kind == Kind::Instruction && instruction_depth == 0 {
            found.instructions.push(node);
        } else if node_kind == Kind::Directive && depth == 1 {
            found.directives.push(node);
        }
        // Words and other leaves hold nothing of interest.
        let has_children = node.child_count() > 0;
        let descend = has_children && (depth == 0 || node.has_error());
        if has_children && !descend {
            let start = node.start_byte();
            let candidates: Vec<usize> = comment_candidates(node_text(src, node))
                .map(|hash| start + hash)
                .collect();
            if !candidates.is_empty() {
                comments_at(src, node, &candidates, found);
            }
        }
        if descend && cursor.goto_first_child() {
            depth += 1;
            if node_kind == Kind::Instruction {
                instruction_depth += 1;
            }
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
            depth -= 1;
            if kind(cursor.node()) == Kind::Instruction {
                instruction_depth -= 1;
            }
        }
    }
}

/// The comment nodes below `node` that start at one of `candidates` (ascending source offsets),
/// in source order. One walk that enters only the subtrees holding a candidate: a lookup from
/// `node` per candidate went through the children one by one each time, quadratic in a long
/// RUN made of many commented lines.
fn comments_at(src: &str, node: Node<'_>, candidates: &[usize], found: &mut Found<'_, '_>) {
    let mut cursor = node.walk();
    let mut next = 0;
    loop {
        let current = cursor.node();
        while candidates
            .get(next)
            .is_some_and(|&at| at < current.start_byte())
        {
            next += 1;
        }
        let Some(&at) = candidates.get(next) else {
            return;
        };
        if at < current.end_byte() {
            if kind(current) == Kind::Comment {
                if current.start_byte() == at {
                    found.comments.push(Comment {
                        span: span(current),
                        text: node_text(src, current).get(1..).unwrap_or("").to_string(),
                    });
                }
            } else if cursor.goto_first_child() {
                continue;
            }
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// Offsets in `text` where a comment node may start. The scanner only starts a comment at a `#`
/// preceded on its line by nothing but inline whitespace; bytes of non-ASCII characters count as
/// whitespace and the start of `text` as a line start, so no comment is missed.
fn comment_candidates(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    text.match_indices('#')
        .map(|(hash, _)| hash)
        .filter(move |&hash| {
            bytes[..hash]
                .iter()
                .rev()
                .find(|&&byte| byte < 0x80 && !matches!(byte, b' ' | b'\t' | b'\r' | 0x0b | 0x0c))
                .is_none_or(|&byte| byte == b'\n')
        })
}

fn error_at(src: &str, node: Node) -> SyntaxError {
    let text = node_text(src, node);
    let trimmed = text.trim_end();
    let span = Span::new(node.start_byte(), node.start_byte() + trimmed.len());
    let at_line_start = src[..node.start_byte()]
        .rsplit('\n')
        .next()
        .is_some_and(|before| before.trim().is_empty());
    let shown: String = trimmed
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .take(40)
        .collect();
    let message = if at_line_start {
        format!("expected an instruction keyword, found `{shown}`")
    } else {
        format!("unexpected `{shown}`")
    };
    SyntaxError {
        span,
        code: "syntax-error",
        message,
    }
}

fn instruction(src: &str, node: Node, escape: char) -> (Instruction, Lowered) {
    let start = node.start_byte();
    let mut errors = Vec::new();
    let mut line = LogicalLine::read(src, start, escape, node.end_byte() - start);
    let mut reader = InstructionReader {
        line: &line,
        escape,
        errors: &mut errors,
    };
    let lowered = reader.read(0..line.text.len(), 0);
    let mut instruction = lowered.instruction;
    instruction.empty_continuation_lines = std::mem::take(&mut line.empty_continuation_lines);
    // A heredoc marker's text always has `<<`: without one there are no markers and no bodies.
    let mentions_heredoc = node_text(src, node).contains("<<");
    if mentions_heredoc {
        instruction.heredocs = heredocs(src, node, &mut errors);
    }
    let end = instruction
        .heredocs
        .iter()
        .map(|heredoc| heredoc.end_span.unwrap_or(heredoc.body_span).end)
        .fold(line.end, usize::max);
    instruction.span = Span::new(start, end);
    let side = Lowered {
        node_start: start,
        node_end: node.end_byte(),
        node_kind: node.kind_id(),
        mentions_heredoc,
        read_end: line.scanned_end.max(node.end_byte()).max(end),
        stage: lowered.stage,
        errors,
    };
    (instruction, side)
}

fn heredocs(src: &str, node: Node, errors: &mut Vec<SyntaxError>) -> Vec<Heredoc> {
    let mut markers = Vec::new();
    let mut bodies = Vec::new();
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        match kind(child) {
            Kind::Heredoc => bodies.push(child),
            Kind::ShellCommand => {
                let mut inner = child.walk();
                markers.extend(
                    child
                        .named_children(&mut inner)
                        .filter(|n| kind(*n) == Kind::HeredocMarker),
                );
            }
            Kind::HeredocMarker => markers.push(child),
            _ => {}
        }
    }
    markers
        .into_iter()
        .enumerate()
        .map(|(index, marker)| {
            let mut heredoc = marker_heredoc(src, marker);
            let body_node = bodies.get(index).copied();
            let body = body_node.and_then(|node| node.child_by_field_name("body"));
            let end = body_node.and_then(|node| node.child_by_field_name("end"));
            heredoc.body_span = match (body, end) {
                (Some(body), _) => span(body),
                (None, Some(end)) => Span::new(end.start_byte(), end.start_byte()),
                (None, None) => Span::new(marker.end_byte(), marker.end_byte()),
            };
            heredoc.body = body_text(
                src.get(heredoc.body_span.range()).unwrap_or(""),
                heredoc.strip_tabs,
            );
            heredoc.end_span = end.map(span);
            if heredoc.end_span.is_none() {
                errors.push(SyntaxError {
                    span: heredoc.marker_span,
                    code: "unterminated-heredoc",
                    message: format!(
                        "unterminated heredoc: no line `{}` closes it before the end of the file",
                        heredoc.delimiter
                    ),
                });
            }
            heredoc
        })
        .collect()
}

/// BuildKit's `ParseHeredoc` on the marker word: `\d*<<-?` then the delimiter, quoted if lexing
/// removed quotes from it.
fn marker_heredoc(src: &str, marker: Node) -> Heredoc {
    let text = node_text(src, marker);
    let after_digits = text.trim_start_matches(|ch: char| ch.is_ascii_digit());
    let after_angles = after_digits.strip_prefix("<<").unwrap_or(after_digits);
    let (strip_tabs, rest) = match after_angles.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, after_angles),
    };
    let delimiter = crate::words::word_value(rest, '\\');
    let quotes = |text: &str| text.chars().filter(|ch| *ch == '"' || *ch == '\'').count();
    Heredoc {
        marker_span: span(marker),
        quoted: quotes(rest) != quotes(&delimiter),
        delimiter,
        strip_tabs,
        body_span: Span::default(),
        body: String::new(),
        end_span: None,
    }
}

/// The body as Docker hands it on: each line (CR LF read as LF) followed by `\n`, leading tabs
/// removed for `<<-`.
fn body_text(raw: &str, strip_tabs: bool) -> String {
    let mut body = String::with_capacity(raw.len());
    if raw.is_empty() {
        return body;
    }
    for line in raw.strip_suffix('\n').unwrap_or(raw).split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        body.push_str(if strip_tabs {
            line.trim_start_matches('\t')
        } else {
            line
        });
        body.push('\n');
    }
    body
}
