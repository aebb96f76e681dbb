//! A conservative Dockerfile formatter: it changes layout only where Docker provably ignores it,
//! edits line by line (cursors and marks survive), and returns nothing when it cannot be sure.
//!
//! What it does:
//! - instruction keywords, `AS` in FROM and HEALTHCHECK's `CMD`/`NONE` in upper case (Docker
//!   compares them case-insensitively);
//! - no indentation before an instruction, one space between the keyword and what follows;
//! - continuation lines indented by one level (`FormatOptions::indent`) where whitespace only
//!   separates words (see [`joins`]): for FROM, COPY/ADD, ARG, ENV/LABEL `key=value` pairs,
//!   EXPOSE, VOLUME and every exec form, and comment lines inside their continuations;
//! - a RUN shell script keeps its author's layout: only continuation lines that start at column
//!   0 get one level, never a line already indented, and never when the shell may not be a POSIX
//!   one (`# escape=` backtick, or a SHELL instruction in the file);
//! - trailing spaces and tabs removed, runs of three or more blank lines cut to two, no blank
//!   lines at the start (one is kept before a leading comment, as it decides whether a
//!   `# directive` counts) or at the end, exactly one final line break.
//!
//! What it never touches: heredoc bodies and terminators, the words inside quotes and exec-form
//! strings, text Docker keeps verbatim (ONBUILD triggers, which the image stores as written;
//! shell-form CMD, ENTRYPOINT and HEALTHCHECK commands; USER, WORKDIR, STOPSIGNAL, MAINTAINER and
//! legacy `ENV key value` values, where whitespace is part of the value). A file with syntax
//! errors, an unknown instruction or a carriage return that does not end a line is left as is,
//! and every result is reparsed and compared with the original ([`verify`]) before it is offered.

// The parent module allows unused variables while its siblings are filled in; not here.
#![warn(unused_variables)]

mod joins;
mod lines;
mod verify;

use std::sync::Arc;

use dockwise_syntax::{
    Arguments, Dockerfile, InputEdit, Instruction, InstructionKind, Parse, Point, Span,
};

use crate::ide::{FormatOptions, FormatRefusal};
use crate::{TextEdit, apply_edits};
use joins::{Dialect, Join};
use lines::{Line, Role};

/// Blank lines kept in a row between two lines; longer runs are cut to this many.
const MAX_BLANK_LINES: usize = 2;

/// An edit and the span of what it belongs to (an instruction's lines, a comment line, a run of
/// blank lines): range formatting keeps the edits whose owner intersects the range.
struct Planned {
    owner: Span,
    edit: TextEdit,
}

pub(crate) fn format(file: &Parse, options: &FormatOptions) -> Vec<TextEdit> {
    try_format(file, options).unwrap_or_default()
}

pub(crate) fn try_format(
    file: &Parse,
    options: &FormatOptions,
) -> Result<Vec<TextEdit>, FormatRefusal> {
    let planned = plan(file, options).map_err(FormatRefusal)?;
    checked(file, planned.into_iter().map(|p| p.edit).collect()).map_err(FormatRefusal)
}

pub(crate) fn format_range(file: &Parse, range: Span, options: &FormatOptions) -> Vec<TextEdit> {
    let Ok(planned) = plan(file, options) else {
        return Vec::new();
    };
    let length = file.text().len();
    let edits = planned
        .into_iter()
        .filter(|p| intersects(p.owner, range, length))
        .map(|p| p.edit)
        .collect();
    checked(file, edits).unwrap_or_default()
}

/// After a line break: upper-case the keywords of the line just finished. Harmless whatever the
/// rest of the file holds, so it works while the file is being typed.
pub(crate) fn on_type(file: &Parse, offset: usize, typed: char) -> Vec<TextEdit> {
    let text = file.text();
    if typed != '\n' {
        return Vec::new();
    }
    let Some(before) = text.get(..offset.min(text.len())) else {
        return Vec::new();
    };
    let Some(line_break) = before.rfind('\n') else {
        return Vec::new();
    };
    let line_start = before
        .get(..line_break)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |n| n + 1);
    let finished = Span::new(line_start, line_break);
    let model = file.dockerfile();
    let mut edits = Vec::new();
    for (index, instruction) in model.instructions.iter().enumerate() {
        if !finished.contains(instruction.keyword_span.start)
            || instruction.kind == InstructionKind::Unknown
        {
            continue;
        }
        let on_line = |span: Span| finished.contains(span.start) && finished.contains(span.end);
        edits.extend(keyword_edits(text, model, index, instruction, on_line));
    }
    edits
}

fn intersects(owner: Span, range: Span, length: usize) -> bool {
    if range.is_empty() {
        owner.start <= range.start
            && (range.start < owner.end || (range.start == owner.end && owner.end == length))
    } else {
        owner.start < range.end && range.start < owner.end
    }
}

/// Reparses the formatted text and compares builds: the edits, or why none are offered.
fn checked(file: &Parse, edits: Vec<TextEdit>) -> Result<Vec<TextEdit>, String> {
    if edits.is_empty() {
        return Ok(edits);
    }
    let formatted = apply_edits(file.text(), &edits);
    let after = file.reparse(Arc::from(formatted), &input_edits(file.text(), &edits));
    verify::same_build(file, &after).map_err(|what| {
        format!("formatting would change {what}, so dockwise left the file as it is")
    })?;
    Ok(edits)
}

/// The edits as tree-sitter sees them, last first so that each one's offsets (and points) are
/// those of the original text: the incremental reparse reuses the tree around them.
fn input_edits(text: &str, edits: &[TextEdit]) -> Vec<InputEdit> {
    let lines = lines::split(text);
    let point = |offset: usize| {
        let row = lines::line_of(&lines, offset);
        let start = lines.get(row).map_or(0, |line| line.start);
        Point {
            row,
            column: offset.saturating_sub(start),
        }
    };
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|edit| std::cmp::Reverse((edit.span.start, edit.span.end)));
    sorted
        .into_iter()
        .map(|edit| {
            let start_position = point(edit.span.start);
            let inserted_rows = edit.new_text.matches('\n').count();
            let last_line = edit.new_text.rsplit('\n').next().unwrap_or("").len();
            InputEdit {
                start_byte: edit.span.start,
                old_end_byte: edit.span.end,
                new_end_byte: edit.span.start + edit.new_text.len(),
                start_position,
                old_end_position: point(edit.span.end),
                new_end_position: if inserted_rows == 0 {
                    Point {
                        row: start_position.row,
                        column: start_position.column + last_line,
                    }
                } else {
                    Point {
                        row: start_position.row + inserted_rows,
                        column: last_line,
                    }
                },
            }
        })
        .collect()
}

fn line_number(text: &str, offset: usize) -> usize {
    text.get(..offset).map_or(0, |t| t.matches('\n').count()) + 1
}

/// What the formatter does not touch at all.
fn refusal(text: &str, model: &Dockerfile) -> Option<String> {
    if let Some(error) = model.errors.first() {
        return Some(format!(
            "the file has syntax errors (line {}: {})",
            line_number(text, error.span.start),
            error.message
        ));
    }
    if let Some(unknown) = model
        .instructions
        .iter()
        .find(|i| i.kind == InstructionKind::Unknown)
    {
        return Some(format!(
            "line {}: `{}` is not an instruction Docker knows",
            line_number(text, unknown.span.start),
            unknown.keyword
        ));
    }
    let lone_cr = text
        .match_indices('\r')
        .find(|&(at, _)| text.as_bytes().get(at + 1) != Some(&b'\n'));
    if let Some((at, _)) = lone_cr {
        return Some(format!(
            "line {}: a carriage return that does not end a line (Docker and editors disagree \
             on where such a line ends)",
            line_number(text, at)
        ));
    }
    None
}

fn plan(file: &Parse, options: &FormatOptions) -> Result<Vec<Planned>, String> {
    let text = file.text();
    let model = file.dockerfile();
    if let Some(why) = refusal(text, model) {
        return Err(why);
    }
    let lines = lines::split(text);
    let (roles, extents) = lines::classify(text, model, &lines)?;
    let mut planner = Planner {
        text,
        model,
        lines: &lines,
        roles: &roles,
        options,
        indent: options.indent.text(),
        posix_shell: model.escape == '\\'
            && !model
                .instructions
                .iter()
                .any(|i| i.kind == InstructionKind::Shell),
        owners: lines.iter().map(|line| line.span()).collect(),
        deleted: vec![false; lines.len()],
        planned: Vec::new(),
    };
    for (index, &(first, last)) in extents.iter().enumerate() {
        let owner = Span::new(
            lines.get(first).map_or(0, |l| l.start),
            lines.get(last).map_or(0, |l| l.end),
        );
        for slot in planner.owners.get_mut(first..=last).unwrap_or_default() {
            *slot = owner;
        }
        planner.instruction(index, first, last);
    }
    planner.blank_runs();
    if options.trim_trailing_whitespace {
        planner.trailing_whitespace();
    }
    planner.final_newline();
    let mut planned = planner.planned;
    planned.sort_by_key(|p| (p.edit.span.start, p.edit.span.end));
    Ok(planned)
}

/// How an instruction's continuation lines may be indented.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Whitespace at the joins is part of what Docker keeps: no change.
    Verbatim,
    /// Words separated by whitespace: every safe continuation line gets one level.
    Aligned,
    /// A shell script: only continuation lines at column 0 get one level.
    FlushLeftOnly,
}

fn layout(instruction: &Instruction, posix_shell: bool) -> Layout {
    use InstructionKind as K;
    if !instruction.heredocs.is_empty() {
        return Layout::Verbatim;
    }
    match (&instruction.kind, &instruction.args) {
        (K::Onbuild | K::User | K::Workdir | K::Stopsignal | K::Maintainer | K::Unknown, _) => {
            Layout::Verbatim
        }
        (_, Arguments::Exec(_) | Arguments::None | Arguments::Words(_)) => Layout::Aligned,
        (K::Env | K::Label, Arguments::Pairs(pairs)) if pairs.iter().any(|p| p.legacy) => {
            Layout::Verbatim
        }
        (_, Arguments::Pairs(_)) => Layout::Aligned,
        (K::Run, Arguments::Shell(_)) if posix_shell => Layout::FlushLeftOnly,
        (_, Arguments::Shell(_)) => Layout::Verbatim,
    }
}

/// The keyword edits of one instruction: its keyword, `AS` of a FROM, HEALTHCHECK's type. Only
/// tokens written in one piece, where `allowed` says so.
fn keyword_edits(
    text: &str,
    model: &Dockerfile,
    index: usize,
    instruction: &Instruction,
    allowed: impl Fn(Span) -> bool,
) -> Vec<TextEdit> {
    let mut edits = Vec::new();
    let mut upper = |span: Span, written: &str| {
        let canonical = written.to_ascii_uppercase();
        if allowed(span) && text.get(span.range()) == Some(written) && canonical != written {
            edits.push(TextEdit {
                span,
                new_text: canonical,
            });
        }
    };
    upper(instruction.keyword_span, &instruction.keyword);
    if instruction.kind == InstructionKind::From
        && let Some((written, span)) = model
            .stages
            .iter()
            .find(|stage| stage.from == index)
            .and_then(|stage| stage.as_keyword.as_ref())
        && written.eq_ignore_ascii_case("as")
    {
        upper(*span, written);
    }
    if let Some((written, span)) = &instruction.healthcheck_kind
        && (written.eq_ignore_ascii_case("cmd") || written.eq_ignore_ascii_case("none"))
    {
        upper(*span, written);
    }
    edits
}

struct Planner<'a> {
    text: &'a str,
    model: &'a Dockerfile,
    lines: &'a [Line],
    roles: &'a [Role],
    options: &'a FormatOptions,
    indent: String,
    /// RUN scripts run in a POSIX shell: no `# escape=` backtick, no SHELL instruction.
    posix_shell: bool,
    /// Per line: the span of the unit it belongs to (its instruction, or itself).
    owners: Vec<Span>,
    /// Lines removed by a blank-run edit: nothing else may edit them.
    deleted: Vec<bool>,
    planned: Vec<Planned>,
}

impl Planner<'_> {
    fn edit(&mut self, line: usize, span: Span, new_text: &str) {
        if self.text.get(span.range()) == Some(new_text) {
            return;
        }
        let owner = self
            .owners
            .get(line)
            .copied()
            .unwrap_or(Span::new(span.start, span.end));
        self.planned.push(Planned {
            owner,
            edit: TextEdit {
                span,
                new_text: new_text.to_string(),
            },
        });
    }

    fn line(&self, index: usize) -> Line {
        self.lines.get(index).copied().unwrap_or(Line {
            start: 0,
            content_end: 0,
            end: 0,
        })
    }

    fn role(&self, index: usize) -> Role {
        self.roles.get(index).copied().unwrap_or(Role::Blank)
    }

    fn instruction(&mut self, index: usize, first: usize, last: usize) {
        let Some(instruction) = self.model.instructions.get(index) else {
            return;
        };
        let keyword_line = self.line(first);
        // No indentation before the keyword (a byte order mark stays).
        let bom = lines::without_bom(keyword_line.content(self.text), first);
        let line_start = keyword_line.content_end - bom.len();
        self.edit(first, Span::new(line_start, instruction.span.start), "");
        let on_keyword_line =
            |span: Span| keyword_line.start <= span.start && span.end <= keyword_line.content_end;
        let text = self.text;
        let on_plain_line = |span: Span| {
            // Within one line that is not a heredoc line.
            text.get(span.range()).is_some_and(|t| !t.contains('\n'))
        };
        let keyword_edits = if instruction.kind == InstructionKind::Onbuild {
            keyword_edits(text, self.model, index, instruction, on_keyword_line)
        } else {
            keyword_edits(text, self.model, index, instruction, on_plain_line)
        };
        for edit in keyword_edits {
            let line = lines::line_of(self.lines, edit.span.start);
            if self.role(line) != Role::Heredoc {
                self.edit(line, edit.span, &edit.new_text);
            }
        }
        // One space between the keyword and what follows it on the line.
        if on_keyword_line(instruction.keyword_span) {
            let after = instruction.keyword_span.end;
            let rest = text.get(after..keyword_line.content_end).unwrap_or("");
            let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            if gap > 0 && gap < rest.len() {
                self.edit(first, Span::new(after, after + gap), " ");
            }
        }
        match layout(instruction, self.posix_shell) {
            Layout::Verbatim => {}
            Layout::Aligned => self.indent_continuations(instruction, first, last, false),
            Layout::FlushLeftOnly => self.indent_continuations(instruction, first, last, true),
        }
    }

    /// Indents the continuation lines whose join is safe; `flush_left_only` for shell scripts.
    fn indent_continuations(
        &mut self,
        instruction: &Instruction,
        first: usize,
        last: usize,
        flush_left_only: bool,
    ) {
        let escape = self.model.escape;
        let Some(joined) = self.joined(instruction, first, last) else {
            return;
        };
        let dialect = if flush_left_only {
            Dialect::Shell
        } else {
            Dialect::Words { escape }
        };
        let safe = joins::safe_joins(&joined.text, &joined.joins, dialect);
        let indent = self.indent.clone();
        let text = self.text;
        let mut indented = Vec::new();
        for ((&line, join), safe) in joined.lines.iter().zip(&joined.joins).zip(safe) {
            let content = self.line(line).content(text);
            // A line that only closes an exec form keeps its author's placement.
            let closing = content.trim_start_matches([' ', '\t']).starts_with(']');
            let wanted = safe && !closing && !(flush_left_only && join.indentation > 0);
            if wanted {
                let start = self.line(line).start;
                self.edit(line, Span::new(start, start + join.indentation), &indent);
                indented.push(line);
            }
        }
        if flush_left_only {
            return;
        }
        // Docker drops comment lines inside a continuation whatever their indentation: they
        // follow the line after them, so that a comment inside a quoted value stays put.
        let index = index_of(self.roles, first);
        for line in first + 1..=last {
            if self.role(line) != Role::ContinuationComment(index) {
                continue;
            }
            let next = (line + 1..=last).find(|&l| self.role(l) == Role::Continuation(index));
            if !next.is_some_and(|next| indented.contains(&next)) {
                continue;
            }
            let line_span = self.line(line);
            let content = line_span.content(text);
            let indentation = content.len() - content.trim_start_matches([' ', '\t']).len();
            self.edit(
                line,
                Span::new(line_span.start, line_span.start + indentation),
                &indent,
            );
        }
    }

    /// The instruction's logical line as Docker joins it, with where each continuation line's
    /// piece starts; `None` when the lines do not chain as expected.
    fn joined(&self, instruction: &Instruction, first: usize, last: usize) -> Option<Joined> {
        let escape = self.model.escape;
        let mut joined = Joined {
            text: String::new(),
            joins: Vec::new(),
            lines: Vec::new(),
        };
        let keyword_line = self.line(first);
        let content = self
            .text
            .get(instruction.span.start..keyword_line.content_end)?;
        let mut continued = match strip_continuation(content, escape) {
            Some(piece) => {
                joined.text.push_str(piece);
                true
            }
            None => {
                joined.text.push_str(content);
                false
            }
        };
        for line in first + 1..=last {
            if self.role(line) != Role::Continuation(index_of(self.roles, first)) {
                continue;
            }
            if !continued {
                return None;
            }
            let content = self.line(line).content(self.text);
            let piece = match strip_continuation(content, escape) {
                Some(piece) => piece,
                None => {
                    continued = false;
                    content
                }
            };
            joined.joins.push(Join {
                offset: joined.text.len(),
                indentation: piece.len() - piece.trim_start_matches([' ', '\t']).len(),
            });
            joined.lines.push(line);
            joined.text.push_str(piece);
        }
        Some(joined)
    }

    fn blank_runs(&mut self) {
        let count = self.lines.len();
        let first_content = (0..count).find(|&i| self.role(i) != Role::Blank);
        let Some(first_content) = first_content else {
            return;
        };
        let last_content = (0..count)
            .rev()
            .find(|&i| self.role(i) != Role::Blank)
            .unwrap_or(first_content);
        let mut line = 0;
        while line < count {
            if self.role(line) != Role::Blank {
                line += 1;
                continue;
            }
            let start = line;
            while line < count && self.role(line) == Role::Blank {
                line += 1;
            }
            let end = line; // exclusive
            let keep = if start == 0 {
                // A blank line before a leading comment decides whether it can be a directive.
                usize::from(self.role(first_content) == Role::Comment)
            } else if start > last_content {
                if self.options.trim_final_newlines {
                    0
                } else {
                    end - start
                }
            } else {
                MAX_BLANK_LINES
            };
            if end - start <= keep {
                continue;
            }
            let from = start + keep;
            let span = Span::new(self.line(from).start, self.line(end - 1).end);
            let owner = Span::new(self.line(start).start, self.line(end - 1).end);
            for deleted in self.deleted.get_mut(from..end).unwrap_or_default() {
                *deleted = true;
            }
            self.planned.push(Planned {
                owner,
                edit: TextEdit {
                    span,
                    new_text: String::new(),
                },
            });
        }
    }

    fn trailing_whitespace(&mut self) {
        for index in 0..self.lines.len() {
            if self.deleted.get(index).copied().unwrap_or(true) {
                continue;
            }
            let verbatim = match self.role(index) {
                Role::Heredoc => true,
                Role::Keyword(i) | Role::Continuation(i) | Role::ContinuationComment(i) => self
                    .model
                    .instructions
                    .get(i)
                    .is_none_or(|instruction| instruction.kind == InstructionKind::Onbuild),
                Role::Blank | Role::Comment => false,
            };
            if verbatim {
                continue;
            }
            let line = self.line(index);
            let content = line.content(self.text);
            let kept = content.trim_end_matches([' ', '\t']).len();
            if kept < content.len() {
                self.edit(index, Span::new(line.start + kept, line.content_end), "");
            }
        }
    }

    fn final_newline(&mut self) {
        if !self.options.insert_final_newline {
            return;
        }
        let Some(last) = (0..self.lines.len())
            .rev()
            .find(|&i| !self.deleted.get(i).copied().unwrap_or(true))
        else {
            return;
        };
        let line = self.line(last);
        if line.has_break()
            || self
                .lines
                .iter()
                .all(|l| lines::is_blank(l.content(self.text)))
        {
            return;
        }
        let crlf = self
            .text
            .find('\n')
            .is_some_and(|at| self.text.get(..at).is_some_and(|t| t.ends_with('\r')));
        let end = self.text.len();
        self.planned.push(Planned {
            owner: Span::new(line.start, end),
            edit: TextEdit {
                span: Span::new(end, end),
                new_text: if crlf { "\r\n" } else { "\n" }.to_string(),
            },
        });
    }
}

/// The instruction index a keyword line belongs to.
fn index_of(roles: &[Role], keyword_line: usize) -> usize {
    match roles.get(keyword_line) {
        Some(Role::Keyword(index)) => *index,
        _ => usize::MAX,
    }
}

struct Joined {
    text: String,
    joins: Vec<Join>,
    /// The line of each join.
    lines: Vec<usize>,
}

/// The line without its continuation (`escape` and trailing spaces), if it continues. As
/// BuildKit's `lineContinuationRegex`: an escape preceded by another escape does not continue
/// the line, unless it is all the line holds.
fn strip_continuation(content: &str, escape: char) -> Option<&str> {
    let piece = content.trim_end_matches([' ', '\t']).strip_suffix(escape)?;
    if piece.ends_with(escape) {
        return None;
    }
    Some(piece)
}

#[cfg(test)]
mod tests;
