//! Comment lines: parser directives (`# syntax=`, `# escape=`, `# check=`) where Docker reads
//! them, at the top of the file, and the rule names of suppression comments anywhere
//! (`# dockwise ignore=`, `# hadolint ignore=`).

use dockwise_syntax::Span;

use super::{CompletionExt, Items, item, knowledge};
use crate::dockerfile::Context;
use crate::ide::CompletionKind;
use crate::rule::Tool;

const DIRECTIVES: &[(&str, &str)] = &[
    (
        "syntax",
        "the Dockerfile frontend image that builds this file",
    ),
    ("escape", "the escape character: \\ (default) or `"),
    ("check", "configure BuildKit's build checks"),
];

pub fn complete(cx: &Context, line_start: usize, offset: usize, out: &mut Items) {
    let text = cx.text;
    let line = text.get(line_start..offset).unwrap_or("");
    let Some(hash) = line.find('#') else {
        return;
    };
    let body_start = line_start + hash + 1;
    let body = text.get(body_start..offset).unwrap_or("");
    let name_start = body_start + (body.len() - body.trim_start().len());
    if in_directive_block(cx, line_start) {
        directive(cx, line_start, name_start, offset, out);
    } else {
        suppression(cx, name_start, offset, out);
    }
}

/// Docker reads directives only in the comment lines that open the file, before any other
/// comment, blank line or instruction.
fn in_directive_block(cx: &Context, line_start: usize) -> bool {
    if cx
        .file
        .instructions
        .first()
        .is_some_and(|first| first.span.start < line_start)
    {
        return false;
    }
    let mut position = 0;
    while position < line_start {
        let Some(directive) = cx.file.directives.iter().find(|d| d.span.start == position) else {
            return false;
        };
        let rest = cx.text.get(directive.span.end..).unwrap_or("");
        let Some(newline) = rest.find('\n') else {
            return false;
        };
        position = directive.span.end + newline + 1;
    }
    position == line_start
}

/// End of the run of non-blank characters at `offset`.
fn word_end(text: &str, offset: usize) -> usize {
    let rest = text.get(offset..).unwrap_or("");
    offset + rest.find(char::is_whitespace).unwrap_or(rest.len())
}

fn directive(cx: &Context, line_start: usize, name_start: usize, offset: usize, out: &mut Items) {
    let text = cx.text;
    let typed = text.get(name_start..offset).unwrap_or("");
    let Some(equals) = typed.find('=') else {
        if !typed.chars().all(|c| c.is_ascii_alphanumeric()) {
            return; // Prose: an ordinary comment.
        }
        let replace = Span::new(name_start, word_end(text, offset));
        for (rank, (name, detail)) in DIRECTIVES.iter().enumerate() {
            let elsewhere = cx
                .file
                .directives
                .iter()
                .any(|d| d.name == *name && d.span.start != line_start);
            if elsewhere {
                continue;
            }
            out.push(
                item(*name, CompletionKind::Keyword, replace)
                    .insert(format!("{name}="))
                    .detail(*detail)
                    .documentation(knowledge(&format!("dockerfile:directive:{name}")))
                    .sort(u32::try_from(rank).unwrap_or(0)),
            );
        }
        return;
    };
    let name = typed
        .get(..equals)
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let value = typed.get(equals + 1..).unwrap_or("");
    let value_start = name_start + equals + 1 + (value.len() - value.trim_start().len());
    let replace = Span::new(value_start, word_end(text, offset));
    let push_all = |values: &[(&str, &str)], replace: Span, out: &mut Items| {
        for (rank, (value, detail)) in values.iter().enumerate() {
            out.push(
                item(*value, CompletionKind::Value, replace)
                    .detail(*detail)
                    .sort(u32::try_from(rank).unwrap_or(0)),
            );
        }
    };
    match name.as_str() {
        "syntax" => push_all(
            &[
                (
                    "docker/dockerfile:1",
                    "the latest stable 1.x frontend (recommended)",
                ),
                (
                    "docker/dockerfile:1-labs",
                    "1.x with the experimental (labs) features",
                ),
            ],
            replace,
            out,
        ),
        "escape" => push_all(
            &[
                ("\\", "backslash, the default"),
                ("`", "backtick: Windows paths keep their \\"),
            ],
            replace,
            out,
        ),
        "check" => check(cx, value_start, offset, out),
        _ => {}
    }
}

/// `# check=skip=A,B;error=true;experimental=all`.
fn check(cx: &Context, value_start: usize, offset: usize, out: &mut Items) {
    let text = cx.text;
    let typed = text.get(value_start..offset).unwrap_or("");
    let part_start = value_start + typed.rfind(';').map_or(0, |semicolon| semicolon + 1);
    let part = text.get(part_start..offset).unwrap_or("");
    let end = word_end(text, offset);
    let Some(equals) = part.find('=') else {
        let replace = Span::new(part_start, end);
        let keys = [
            ("skip=", "build checks not to run (or all)"),
            (
                "error=true",
                "fail the build when a check reports a problem",
            ),
            ("experimental=", "experimental checks to run (or all)"),
        ];
        for (rank, (key, detail)) in keys.into_iter().enumerate() {
            out.push(
                item(key, CompletionKind::Property, replace)
                    .detail(detail)
                    .sort(u32::try_from(rank).unwrap_or(0)),
            );
        }
        return;
    };
    let key = part.get(..equals).unwrap_or("").trim().to_ascii_lowercase();
    let list = part.get(equals + 1..).unwrap_or("");
    let item_start = part_start + equals + 1 + list.rfind(',').map_or(0, |comma| comma + 1);
    let replace = Span::new(item_start, end);
    match key.as_str() {
        "skip" => {
            let listed: Vec<&str> = list.split(',').map(str::trim).collect();
            out.push(
                item("all", CompletionKind::Value, replace)
                    .detail("every check")
                    .sort(0),
            );
            for (code, rule) in tool_codes(Tool::BuildKit) {
                if !listed.contains(&code) {
                    out.push(
                        item(code, CompletionKind::Value, replace)
                            .detail(format!("dockwise rule `{}`", rule.name))
                            .sort(1),
                    );
                }
            }
        }
        "error" => {
            for (rank, value) in ["true", "false"].into_iter().enumerate() {
                out.push(
                    item(value, CompletionKind::Value, replace)
                        .sort(u32::try_from(rank).unwrap_or(0)),
                );
            }
        }
        "experimental" => {
            out.push(item("all", CompletionKind::Value, replace).detail("every experimental check"))
        }
        _ => {}
    }
}

/// The codes of another tool that dockwise rules match, each with (the first) such rule.
fn tool_codes(tool: Tool) -> Vec<(&'static str, &'static crate::dockerfile::DockerfileRule)> {
    let mut codes: Vec<(&'static str, &'static crate::dockerfile::DockerfileRule)> = Vec::new();
    for rule in crate::dockerfile::rules::all() {
        for equivalent in rule.equivalents.iter().filter(|e| e.tool == tool) {
            if !codes.iter().any(|(code, _)| *code == equivalent.code) {
                codes.push((equivalent.code, rule));
            }
        }
    }
    codes
}

/// `# dockwise ignore=rule,...`, `# dockwise ignore-file=...`, `# hadolint ignore=DL3008,...`,
/// `# hadolint global ignore=...`: the names after `=`.
fn suppression(cx: &Context, body_start: usize, offset: usize, out: &mut Items) {
    let text = cx.text;
    let typed = text.get(body_start..offset).unwrap_or("");
    let Some(equals) = typed.find('=') else {
        return;
    };
    let head: Vec<&str> = typed
        .get(..equals)
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let tool = match head.as_slice() {
        ["dockwise", "ignore" | "ignore-file"] => None,
        ["hadolint", "ignore"] | ["hadolint", "global", "ignore"] => Some(Tool::Hadolint),
        _ => return,
    };
    let list = typed.get(equals + 1..).unwrap_or("");
    if list.contains(char::is_whitespace) {
        return;
    }
    let listed: Vec<&str> = list.split(',').collect();
    let item_start = body_start + equals + 1 + list.rfind(',').map_or(0, |comma| comma + 1);
    let replace = Span::new(item_start, word_end(text, offset));
    match tool {
        None => {
            for rule in crate::dockerfile::rules::all() {
                if !listed.contains(&rule.name) {
                    out.push(item(rule.name, CompletionKind::Value, replace).detail(rule.summary));
                }
            }
        }
        Some(tool) => {
            for (code, rule) in tool_codes(tool) {
                if !listed.contains(&code) {
                    out.push(
                        item(code, CompletionKind::Value, replace)
                            .detail(format!("dockwise rule `{}`: {}", rule.name, rule.summary)),
                    );
                }
            }
        }
    }
}
