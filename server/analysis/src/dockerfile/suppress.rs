//! Suppression comments, and the fixes that write them.
//!
//! - `# dockwise ignore=rule[,rule]` on the comment lines directly above an instruction (no
//!   blank line between) silences those rules on that instruction (ONBUILD triggers included);
//!   `# dockwise ignore-file=rule[,rule]` anywhere silences them in the whole file.
//! - hadolint's `# hadolint ignore=DL3008,DL3015` (next instruction) and
//!   `# hadolint global ignore=...` (file), mapped through each rule's hadolint equivalents.
//! - BuildKit's `# check=skip=JSONArgsRecommended,...` directive (`skip=all`: every rule that has
//!   a BuildKit equivalent), mapped through the BuildKit equivalents.
//!
//! Unknown dockwise rule names are reported by `unknown-suppression`; unknown hadolint or
//! BuildKit codes are not (dockwise does not implement every check of those tools).

use dockwise_syntax::{Instruction, Span};

use crate::rule::Tool;
use crate::{Diagnostic, Fix, FixSafety, TextEdit};

use super::Context;

/// One rule name written in a suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    pub span: Span,
    pub tool: Option<Tool>,
}

/// What the comments of a file suppress.
#[derive(Debug, Default)]
pub struct Suppressions {
    /// (instruction span, rule names) for next-instruction comments.
    pub local: Vec<(Span, Vec<&'static str>)>,
    pub file: Vec<&'static str>,
    /// Every dockwise name written, for `unknown-suppression`.
    pub names: Vec<Name>,
}

impl Suppressions {
    pub fn read(cx: &Context) -> Suppressions {
        let mut suppressions = Suppressions::default();
        let rules: Vec<_> = super::rules::all().collect();
        let by_name = |name: &str| {
            rules
                .iter()
                .find(|rule| rule.name == name)
                .map(|rule| rule.name)
        };
        let by_code = |tool: Tool, code: &str| -> Vec<&'static str> {
            rules
                .iter()
                .filter(|rule| {
                    rule.equivalents
                        .iter()
                        .any(|e| e.tool == tool && e.code.eq_ignore_ascii_case(code))
                })
                .map(|rule| rule.name)
                .collect()
        };
        // The furthest end of the instructions up to each one (instructions are in source
        // order): whether an instruction holds a comment is then a binary search.
        let furthest_end: Vec<usize> = cx
            .file
            .instructions
            .iter()
            .scan(0, |furthest, instruction| {
                *furthest = instruction.span.end.max(*furthest);
                Some(*furthest)
            })
            .collect();
        for comment in &cx.file.comments {
            let Some(parsed) = parse_comment(&comment.text) else {
                continue;
            };
            // Comments inside an instruction (between continuation lines) suppress nothing.
            let starting_before = cx
                .file
                .instructions
                .partition_point(|i| i.span.start < comment.span.start);
            if starting_before
                .checked_sub(1)
                .and_then(|last| furthest_end.get(last))
                .is_some_and(|&end| comment.span.end <= end)
            {
                continue;
            }
            let body_start = comment.span.start + 1;
            let mut resolved: Vec<&'static str> = Vec::new();
            for (offset, name) in parsed.names {
                let span = Span::new(body_start + offset, body_start + offset + name.len());
                match parsed.tool {
                    None => {
                        if let Some(rule) = by_name(name) {
                            resolved.push(rule);
                        }
                        suppressions.names.push(Name {
                            text: name.to_string(),
                            span,
                            tool: None,
                        });
                    }
                    Some(tool) => resolved.extend(by_code(tool, name)),
                }
            }
            if parsed.file_wide {
                suppressions.file.extend(resolved);
            } else if let Some(instruction) = next_instruction(cx, comment.span) {
                suppressions.local.push((instruction.span, resolved));
            }
        }
        for directive in cx.file.directives.iter().filter(|d| d.name == "check") {
            for part in directive.value.split(';') {
                let Some((key, value)) = part.split_once('=') else {
                    continue;
                };
                if !key.trim().eq_ignore_ascii_case("skip") {
                    continue;
                }
                for code in value
                    .split(',')
                    .map(str::trim)
                    .filter(|code| !code.is_empty())
                {
                    if code.eq_ignore_ascii_case("all") {
                        suppressions.file.extend(
                            rules
                                .iter()
                                .filter(|rule| {
                                    rule.equivalents.iter().any(|e| e.tool == Tool::BuildKit)
                                })
                                .map(|rule| rule.name),
                        );
                    } else {
                        suppressions.file.extend(by_code(Tool::BuildKit, code));
                    }
                }
            }
        }
        suppressions
    }

    pub fn suppresses(&self, diagnostic: &Diagnostic) -> bool {
        if self.file.contains(&diagnostic.code) {
            return true;
        }
        // `local` follows the comments, so its instructions are in source order, and top-level
        // instructions do not overlap: those holding the diagnostic's start are the last ones
        // starting at or before it, found by a binary search rather than a look at every
        // comment per diagnostic.
        let at = diagnostic.span.start;
        let starting_before = self.local.partition_point(|(span, _)| span.start <= at);
        self.local[..starting_before]
            .iter()
            .rev()
            .take_while(|(span, _)| at <= span.end)
            .any(|(_, rules)| rules.contains(&diagnostic.code))
    }
}

struct Parsed<'t> {
    tool: Option<Tool>,
    file_wide: bool,
    /// (byte offset in the comment text, name).
    names: Vec<(usize, &'t str)>,
}

/// `text` is the comment after `#`.
fn parse_comment(text: &str) -> Option<Parsed<'_>> {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    let (tool, rest, rest_at) = if let Some(rest) = strip_word(trimmed, "dockwise") {
        (None, rest, lead + trimmed.len() - rest.len())
    } else if let Some(rest) = strip_word(trimmed, "hadolint") {
        (
            Some(Tool::Hadolint),
            rest,
            lead + trimmed.len() - rest.len(),
        )
    } else {
        return None;
    };
    let after_ws = rest.trim_start();
    let mut at = rest_at + rest.len() - after_ws.len();
    let mut rest = after_ws;
    let file_wide;
    let list = match tool {
        None => {
            if let Some(list) = rest.strip_prefix("ignore-file=") {
                file_wide = true;
                at += "ignore-file=".len();
                list
            } else if let Some(list) = rest.strip_prefix("ignore=") {
                file_wide = false;
                at += "ignore=".len();
                list
            } else {
                return None;
            }
        }
        Some(_) => {
            file_wide = match strip_word(rest, "global") {
                Some(after) => {
                    let after_trimmed = after.trim_start();
                    at += rest.len() - after_trimmed.len();
                    rest = after_trimmed;
                    true
                }
                None => false,
            };
            let list = rest.strip_prefix("ignore=")?;
            at += "ignore=".len();
            list
        }
    };
    // Names separated by commas (spaces allowed around them); anything after is a remark.
    let bytes = list.as_bytes();
    let mut names = Vec::new();
    let mut index = 0;
    loop {
        while index < bytes.len() && bytes[index] == b' ' {
            index += 1;
        }
        let start = index;
        while index < bytes.len()
            && (bytes[index].is_ascii_alphanumeric() || matches!(bytes[index], b'-' | b'_'))
        {
            index += 1;
        }
        if index > start {
            names.push((at + start, &list[start..index]));
        }
        while index < bytes.len() && bytes[index] == b' ' {
            index += 1;
        }
        if index < bytes.len() && bytes[index] == b',' {
            index += 1;
        } else {
            break;
        }
    }
    Some(Parsed {
        tool,
        file_wide,
        names,
    })
}

fn strip_word<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    let rest = text.strip_prefix(word)?;
    (rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some(rest)
}

/// The instruction a comment ending at `comment` stands directly above: only comment lines
/// and indentation may come between (no blank line).
fn next_instruction<'a>(cx: &Context<'a>, comment: Span) -> Option<&'a Instruction> {
    // Instructions are in source order.
    let next = cx
        .file
        .instructions
        .partition_point(|i| i.span.start < comment.end);
    let instruction = cx.file.instructions.get(next)?;
    let between = cx.text.get(comment.end..instruction.span.start)?;
    let mut lines = between.split('\n');
    lines.next(); // the rest of the comment's own line
    let mut between_lines: Vec<&str> = lines.collect();
    between_lines.pop(); // the instruction's own indentation
    between_lines
        .iter()
        .all(|line| line.trim_start().starts_with('#'))
        .then_some(instruction)
}

/// Drop suppressed diagnostics.
pub fn apply(cx: &Context, diagnostics: &mut Vec<Diagnostic>) {
    let suppressions = Suppressions::read(cx);
    if suppressions.file.is_empty() && suppressions.local.is_empty() {
        return;
    }
    diagnostics.retain(|diagnostic| !suppressions.suppresses(diagnostic));
}

/// "Ignore this rule on this line" and "in this file" for one diagnostic: comments to insert,
/// never applied in bulk.
pub fn fixes(cx: &Context, diagnostic: &Diagnostic) -> Vec<Fix> {
    let rule = diagnostic.code;
    let mut fixes = Vec::new();
    // Instructions are in source order and do not overlap: the first holding the diagnostic's
    // start is a binary search among those starting at or before it.
    let instructions = &cx.file.instructions;
    let at = diagnostic.span.start;
    let starting_before = instructions.partition_point(|i| i.span.start <= at);
    let holding = instructions[..starting_before].partition_point(|i| i.span.end < at);
    let instruction = instructions[..starting_before].get(holding);
    if let Some(instruction) = instruction {
        let line_start = cx.text[..instruction.span.start]
            .rfind('\n')
            .map_or(0, |nl| nl + 1);
        let indent = &cx.text[line_start..instruction.span.start];
        let indent: String = indent.chars().take_while(|c| c.is_whitespace()).collect();
        // Extend a `# dockwise ignore=` comment already directly above: one after the start of
        // the previous instruction (earlier ones stand above that one).
        let previous_start = holding
            .checked_sub(1)
            .and_then(|previous| instructions.get(previous))
            .map_or(0, |previous| previous.span.start);
        let comments = &cx.file.comments;
        let from = comments.partition_point(|comment| comment.span.start < previous_start);
        let to = comments.partition_point(|comment| comment.span.start < instruction.span.start);
        // The nearest such comment; if a line that is not a comment separates it from the
        // instruction, the same line separates every earlier one.
        let existing = comments[from..to.max(from)]
            .iter()
            .rev()
            .filter(|comment| comment.span.end < instruction.span.start)
            .find(|comment| {
                parse_comment(&comment.text)
                    .is_some_and(|parsed| parsed.tool.is_none() && !parsed.file_wide)
            })
            .filter(|comment| {
                next_instruction(cx, comment.span).is_some_and(|next| next.span == instruction.span)
            });
        let edit = match existing.and_then(|comment| {
            let parsed = parse_comment(&comment.text)?;
            let (offset, last) = parsed.names.last()?;
            Some(comment.span.start + 1 + offset + last.len())
        }) {
            Some(end) => TextEdit {
                span: Span::new(end, end),
                new_text: format!(",{rule}"),
            },
            None => TextEdit {
                span: Span::new(line_start, line_start),
                new_text: format!("{indent}# dockwise ignore={rule}\n"),
            },
        };
        fixes.push(Fix {
            title: format!("Ignore `{rule}` for this instruction"),
            safety: FixSafety::Unsafe,
            edits: vec![edit],
        });
    }
    // After the parser directives: a comment before them would end the directive block.
    let at = cx
        .file
        .directives
        .iter()
        .map(|directive| directive.span.end)
        .max()
        .map_or(0, |end| {
            cx.text[end..]
                .find('\n')
                .map_or(cx.text.len(), |nl| end + nl + 1)
        });
    let prefix = if at == cx.text.len() && !cx.text.is_empty() && !cx.text.ends_with('\n') {
        "\n"
    } else {
        ""
    };
    fixes.push(Fix {
        title: format!("Ignore `{rule}` in this file"),
        safety: FixSafety::Unsafe,
        edits: vec![TextEdit {
            span: Span::new(at, at),
            new_text: format!("{prefix}# dockwise ignore-file={rule}\n"),
        }],
    });
    fixes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_form_with_name_offsets() {
        let parsed = parse_comment(" dockwise ignore=a, b  because").unwrap();
        assert_eq!(parsed.tool, None);
        assert!(!parsed.file_wide);
        assert_eq!(parsed.names, vec![(17, "a"), (20, "b")]);
        let parsed = parse_comment(" dockwise ignore-file=x").unwrap();
        assert!(parsed.file_wide);
        let parsed = parse_comment(" hadolint global ignore=DL3008,DL3015").unwrap();
        assert_eq!(parsed.tool, Some(Tool::Hadolint));
        assert!(parsed.file_wide);
        assert_eq!(parsed.names.len(), 2);
        assert!(parse_comment(" hadolint ignore=DL3008").is_some_and(|p| !p.file_wide));
        assert!(parse_comment(" dockwiseignore=x").is_none());
        assert!(parse_comment(" just a comment").is_none());
    }
}

#[cfg(test)]
mod fix_tests {
    use std::sync::Arc;

    use crate::{Config, Document, FileKind, apply_edits};

    fn first_fixes(text: &str, rule: &str) -> Vec<String> {
        let document = Document::new(FileKind::Dockerfile, Arc::from(text));
        let diagnostic = document
            .diagnostics(&Config::default())
            .into_iter()
            .find(|d| d.code == rule)
            .expect("the rule fires");
        document
            .suppression_fixes(&diagnostic)
            .iter()
            .map(|fix| {
                assert_eq!(fix.safety, crate::FixSafety::Unsafe);
                apply_edits(text, &fix.edits)
            })
            .collect()
    }

    #[test]
    fn ignore_comments_are_inserted_and_then_silence_the_rule() {
        let text = "# syntax=docker/dockerfile:1\nFROM alpine:3.20 AS base\n  CMD /app/run\n";
        let fixed = first_fixes(text, "shell-form-cmd");
        assert_eq!(
            fixed[0],
            "# syntax=docker/dockerfile:1\nFROM alpine:3.20 AS base\n  # dockwise ignore=shell-form-cmd\n  CMD /app/run\n"
        );
        assert_eq!(
            fixed[1],
            "# syntax=docker/dockerfile:1\n# dockwise ignore-file=shell-form-cmd\nFROM alpine:3.20 AS base\n  CMD /app/run\n"
        );
        for text in &fixed {
            let document = Document::new(FileKind::Dockerfile, Arc::from(text.as_str()));
            assert!(
                document
                    .diagnostics(&Config::default())
                    .iter()
                    .all(|d| d.code != "shell-form-cmd"),
                "{text}"
            );
        }
        // An existing comment above is extended.
        let text = "FROM alpine:3.20\n# dockwise ignore=expose-ssh-port\nCMD /app/run\n";
        assert_eq!(
            first_fixes(text, "shell-form-cmd")[0],
            "FROM alpine:3.20\n# dockwise ignore=expose-ssh-port,shell-form-cmd\nCMD /app/run\n"
        );
    }
}
