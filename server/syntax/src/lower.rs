//! Lowering of the tree into the model: the tree gives the structure (directives, comments,
//! instruction boundaries, heredoc bodies, syntax errors); each instruction's arguments are then
//! read from its logical line exactly as BuildKit reads them.

use tree_sitter::{Node, Tree};

use crate::instruction::{InstructionReader, StageHead};
use crate::logical::LogicalLine;
use crate::model::*;

pub(crate) fn lower(src: &str, tree: &Tree) -> Dockerfile {
    let root = tree.root_node();
    let mut dockerfile = Dockerfile {
        escape: '\\',
        ..Dockerfile::default()
    };
    let mut errors = Vec::new();
    directives(src, root, &mut dockerfile, &mut errors);

    let mut instruction_nodes = Vec::new();
    walk(
        src,
        root,
        &mut instruction_nodes,
        &mut dockerfile.comments,
        &mut errors,
    );

    let mut heads: Vec<(usize, StageHead)> = Vec::new();
    for node in instruction_nodes {
        let (instruction, head) = instruction(src, node, dockerfile.escape, &mut errors);
        if let Some(head) = head {
            heads.push((dockerfile.instructions.len(), head));
        }
        dockerfile.instructions.push(instruction);
    }
    let count = dockerfile.instructions.len();
    for (index, (from, head)) in heads.iter().enumerate() {
        let end = heads.get(index + 1).map_or(count, |(next, _)| *next);
        let StageHead {
            image,
            name,
            as_keyword,
        } = head;
        dockerfile.stages.push(Stage {
            index,
            from: *from,
            instructions: *from..end,
            image: image.clone(),
            name: name.clone(),
            as_keyword: as_keyword.clone(),
        });
    }
    errors.sort_by_key(|error| (error.span.start, error.span.end));
    dockerfile.errors = errors;
    dockerfile
}

fn span(node: Node) -> Span {
    Span::new(node.start_byte(), node.end_byte())
}

fn node_text<'a>(src: &'a str, node: Node) -> &'a str {
    src.get(node.byte_range()).unwrap_or("")
}

fn directives(src: &str, root: Node, dockerfile: &mut Dockerfile, errors: &mut Vec<SyntaxError>) {
    let mut cursor = root.walk();
    for node in root
        .named_children(&mut cursor)
        .filter(|node| node.kind() == "directive")
    {
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
            span: span(node),
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

/// Collects top-level instruction nodes (ONBUILD triggers stay nested), comments and syntax
/// errors, in source order.
fn walk<'t>(
    src: &str,
    root: Node<'t>,
    instructions: &mut Vec<Node<'t>>,
    comments: &mut Vec<Comment>,
    errors: &mut Vec<SyntaxError>,
) {
    let mut cursor = root.walk();
    let mut instruction_depth = 0usize;
    loop {
        let node = cursor.node();
        let is_instruction = node.kind().ends_with("_instruction");
        let mut descend = true;
        if node.kind() == "comment" {
            let text = node_text(src, node);
            comments.push(Comment {
                span: span(node),
                text: text.get(1..).unwrap_or("").to_string(),
            });
        } else if node.is_error() {
            if !node.parent().is_some_and(|parent| parent.is_error()) {
                errors.push(error_at(src, node));
            }
        } else if node.is_missing() {
            errors.push(SyntaxError {
                span: span(node),
                code: "syntax-error",
                message: format!("missing {}", node.kind()),
            });
        } else if is_instruction && instruction_depth == 0 {
            instructions.push(node);
        }
        // Words and other leaves hold nothing of interest.
        if node.child_count() == 0 {
            descend = false;
        }
        if descend && cursor.goto_first_child() {
            if is_instruction {
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
            if cursor.node().kind().ends_with("_instruction") {
                instruction_depth -= 1;
            }
        }
    }
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

fn instruction(
    src: &str,
    node: Node,
    escape: char,
    errors: &mut Vec<SyntaxError>,
) -> (Instruction, Option<StageHead>) {
    let start = node.start_byte();
    let line = LogicalLine::read(src, start, escape);
    let mut reader = InstructionReader {
        line: &line,
        escape,
        errors,
    };
    let lowered = reader.read(0..line.text.len(), 0);
    let mut instruction = lowered.instruction;
    instruction.empty_continuation_lines = line.empty_continuation_lines.clone();
    instruction.heredocs = heredocs(src, node, errors);
    let end = instruction
        .heredocs
        .iter()
        .map(|heredoc| heredoc.end_span.unwrap_or(heredoc.body_span).end)
        .fold(line.end, usize::max);
    instruction.span = Span::new(start, end);
    (instruction, lowered.stage)
}

fn heredocs(src: &str, node: Node, errors: &mut Vec<SyntaxError>) -> Vec<Heredoc> {
    let mut markers = Vec::new();
    let mut bodies = Vec::new();
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        match child.kind() {
            "heredoc" => bodies.push(child),
            "shell_command" => {
                let mut inner = child.walk();
                markers.extend(
                    child
                        .named_children(&mut inner)
                        .filter(|n| n.kind() == "heredoc_marker"),
                );
            }
            "heredoc_marker" => markers.push(child),
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
