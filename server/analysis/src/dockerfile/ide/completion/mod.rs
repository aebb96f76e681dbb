//! Dockerfile completion. What fits at the cursor is decided from the parsed model (the
//! instruction, its flags and arguments, the stages and declarations) and from the text of the
//! word being typed, because the file is usually half-typed while completion runs.
//!
//! Each context has its own module: `keywords` (instructions), `flags` (`--flag`, their values,
//! `RUN --mount` options), `variables` (`$NAME`, `${NAME}`, ARG names), `images` (FROM: stages,
//! base images, tags), `comments` (parser directives, suppression comments), `values`
//! (STOPSIGNAL, EXPOSE, SHELL, HEALTHCHECK).

mod comments;
mod flags;
mod images;
mod keywords;
mod values;
mod variables;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use dockwise_syntax::{Arguments, Instruction, InstructionKind, Parse, Span};

use crate::Surroundings;
use crate::dockerfile::Context;
use crate::ide::{Completion, CompletionKind};

pub fn completions(parse: &Parse, surroundings: &Surroundings, offset: usize) -> Vec<Completion> {
    let text = parse.text();
    if offset > text.len() || !text.is_char_boundary(offset) {
        return Vec::new();
    }
    let cx = Context::new(parse, surroundings);
    let mut out = Items::default();
    complete(&cx, offset, &mut out);
    let mut items = out.items;
    items.sort_by(|a, b| (a.sort_key, &a.label).cmp(&(b.sort_key, &b.label)));
    items
}

/// The candidates found so far.
#[derive(Default)]
pub(super) struct Items {
    items: Vec<Completion>,
}

impl Items {
    pub fn push(&mut self, item: Completion) {
        self.items.push(item);
    }
}

/// A candidate with the common fields filled: the label is what is inserted over `replace`.
pub(super) fn item(label: impl Into<String>, kind: CompletionKind, replace: Span) -> Completion {
    Completion {
        label: label.into(),
        kind,
        detail: None,
        documentation: None,
        insert: None,
        snippet: false,
        replace: Some(replace),
        sort_key: 0,
    }
}

pub(super) trait CompletionExt {
    fn detail(self, detail: impl Into<String>) -> Self;
    fn documentation(self, markdown: Option<String>) -> Self;
    fn insert(self, text: impl Into<String>) -> Self;
    fn snippet(self, text: impl Into<String>) -> Self;
    fn sort(self, key: u32) -> Self;
}

impl CompletionExt for Completion {
    fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
    fn documentation(mut self, markdown: Option<String>) -> Self {
        self.documentation = markdown;
        self
    }
    fn insert(mut self, text: impl Into<String>) -> Self {
        self.insert = Some(text.into());
        self.snippet = false;
        self
    }
    fn snippet(mut self, text: impl Into<String>) -> Self {
        self.insert = Some(text.into());
        self.snippet = true;
        self
    }
    fn sort(mut self, key: u32) -> Self {
        self.sort_key = key;
        self
    }
}

/// The short markdown of the first knowledge entry for a construct key.
pub(super) fn knowledge(construct: &str) -> Option<String> {
    cached(construct, || {
        dockwise_knowledge::for_construct(construct)
            .first()
            .map(|entry| entry.short_markdown())
    })
}

/// Documentation rendered once per key: a list shows the same entries on every keystroke, and
/// looking an entry up and rendering it costs more than the rest of the completion.
pub(super) fn cached(key: &str, render: impl FnOnce() -> Option<String>) -> Option<String> {
    static CACHE: OnceLock<Mutex<HashMap<String, Option<String>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Mutex::default);
    if let Some(hit) = cache.lock().ok().and_then(|cache| cache.get(key).cloned()) {
        return hit;
    }
    let rendered = render();
    if let Ok(mut cache) = cache.lock() {
        cache.insert(key.to_string(), rendered.clone());
    }
    rendered
}

/// Where the cursor is, with the whitespace-delimited word it is in.
pub(super) struct Cursor<'a, 'cx> {
    pub cx: &'a Context<'cx>,
    pub offset: usize,
    /// The word around the cursor (may be empty, and may extend past the cursor).
    pub word: Span,
}

impl<'a, 'cx> Cursor<'a, 'cx> {
    fn new(cx: &'a Context<'cx>, offset: usize) -> Cursor<'a, 'cx> {
        let text = cx.text;
        let before = text.get(..offset).unwrap_or("");
        let start = before
            .char_indices()
            .rev()
            .find(|(_, ch)| ch.is_whitespace())
            .map_or(0, |(at, ch)| at + ch.len_utf8());
        let after = text.get(offset..).unwrap_or("");
        let end = offset + after.find(char::is_whitespace).unwrap_or(after.len());
        Cursor {
            cx,
            offset,
            word: Span::new(start, end),
        }
    }

    pub fn text(&self) -> &'cx str {
        self.cx.text
    }

    /// The part of the word before the cursor.
    pub fn typed(&self) -> &'cx str {
        self.text().get(self.word.start..self.offset).unwrap_or("")
    }

    /// The part of the word after the cursor.
    pub fn rest(&self) -> &'cx str {
        self.text().get(self.offset..self.word.end).unwrap_or("")
    }
}

/// Where an instruction sits in the file.
#[derive(Clone, Copy)]
pub(super) struct Site<'cx> {
    pub instruction: &'cx Instruction,
    /// The stage it belongs to; `None` before the first FROM.
    pub stage: Option<usize>,
    /// An ONBUILD trigger.
    pub trigger: bool,
}

fn complete(cx: &Context, offset: usize, out: &mut Items) {
    let text = cx.text;
    let line_start = text
        .get(..offset)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |newline| newline + 1);
    let line_before = text.get(line_start..offset).unwrap_or("");
    let site = instruction_at(cx, offset);
    if let Some(site) = site
        && site.instruction.heredocs.iter().any(|heredoc| {
            let end = heredoc
                .end_span
                .map_or(heredoc.body_span.end, |span| span.end);
            heredoc.body_span.start <= offset && offset <= end
        })
    {
        return; // A heredoc body is free text.
    }
    if line_before.trim_start().starts_with('#') {
        comments::complete(cx, line_start, offset, out);
        return;
    }
    let cursor = Cursor::new(cx, offset);
    if variables::complete(&cursor, site, out) {
        return;
    }
    match site {
        Some(site) => in_instruction(&cursor, site, out),
        None => {
            // A new instruction: only the keyword can be typed on this line so far.
            if line_before.trim_start() == cursor.typed() {
                keywords::complete(&cursor, None, false, out);
            }
        }
    }
}

fn in_instruction(cursor: &Cursor, site: Site, out: &mut Items) {
    let instruction = site.instruction;
    if cursor.offset <= instruction.keyword_span.end {
        keywords::complete(cursor, Some(instruction), site.trigger, out);
        return;
    }
    if instruction.kind == InstructionKind::Onbuild {
        match &instruction.trigger {
            Some(trigger) if cursor.offset >= trigger.keyword_span.start => {
                let site = Site {
                    instruction: trigger,
                    trigger: true,
                    ..site
                };
                in_instruction(cursor, site, out);
            }
            Some(_) => {}
            None => keywords::complete(cursor, None, true, out),
        }
        return;
    }
    let typed = cursor.typed();
    let in_flag_zone =
        first_argument_start(instruction).is_none_or(|start| start >= cursor.word.start);
    if in_flag_zone && typed.starts_with('-') {
        match typed.find('=') {
            Some(equals) => {
                let name = typed.get(2..equals).unwrap_or("");
                let value = Span::new(cursor.word.start + equals + 1, cursor.word.end);
                flags::value(cursor, site, name, value, out);
            }
            None => flags::names(cursor, instruction, 0, out),
        }
        return;
    }
    match instruction.kind {
        InstructionKind::From => images::complete(cursor, site, in_flag_zone, out),
        InstructionKind::Copy | InstructionKind::Add | InstructionKind::Run
            if in_flag_zone && typed.is_empty() =>
        {
            flags::names(cursor, instruction, 0, out)
        }
        InstructionKind::Healthcheck => values::healthcheck(cursor, instruction, out),
        InstructionKind::Stopsignal => values::stop_signal(cursor, instruction, out),
        InstructionKind::Expose => values::expose_protocol(cursor, out),
        InstructionKind::Shell => values::shell(cursor, instruction, out),
        InstructionKind::Arg => variables::arg_names(cursor, site, out),
        _ => {}
    }
}

/// The top-level instruction the cursor is in, including the blanks after its last word and
/// the lines it continues onto.
fn instruction_at<'cx>(cx: &Context<'cx>, offset: usize) -> Option<Site<'cx>> {
    let instructions = &cx.file.instructions;
    let index = instructions
        .partition_point(|instruction| instruction.span.start <= offset)
        .checked_sub(1)?;
    let instruction = instructions.get(index)?;
    let inside = offset <= instruction.span.end || {
        let gap = cx.text.get(instruction.span.end..offset)?;
        let continued = cx
            .text
            .get(..instruction.span.end)
            .is_some_and(|before| before.trim_end().ends_with(cx.file.escape));
        gap.trim().is_empty() && (!gap.contains('\n') || continued)
    };
    inside.then(|| Site {
        instruction,
        stage: stage_of(cx, index),
        trigger: false,
    })
}

pub(super) fn stage_of(cx: &Context, instruction: usize) -> Option<usize> {
    cx.file
        .stages
        .iter()
        .find(|stage| stage.instructions.contains(&instruction))
        .map(|stage| stage.index)
}

/// Where the arguments (after the flags) start.
fn first_argument_start(instruction: &Instruction) -> Option<usize> {
    let args = match &instruction.args {
        Arguments::None => None,
        Arguments::Exec(exec) => Some(exec.span.start),
        Arguments::Shell(shell) => Some(shell.span.start),
        Arguments::Words(words) => words.first().map(|word| word.span.start),
        Arguments::Pairs(pairs) => pairs.first().map(|pair| pair.span.start),
    };
    let kind = instruction
        .healthcheck_kind
        .as_ref()
        .map(|(_, span)| span.start);
    match (args, kind) {
        (Some(args), Some(kind)) => Some(args.min(kind)),
        (args, kind) => args.or(kind),
    }
}

/// Stages a reference at this point may name: those before the current one.
pub(super) fn earlier_stages(
    cursor: &Cursor,
    current: Option<usize>,
    replace: Span,
    out: &mut Items,
) {
    let cx = cursor.cx;
    let limit = current.unwrap_or(0);
    for stage in cx.file.stages.iter().take(limit) {
        let label = stage
            .name
            .as_ref()
            .map_or_else(|| stage.index.to_string(), |name| name.name.clone());
        let image = stage.image.as_ref().map_or("", |image| image.raw.as_str());
        // The nearest stage first: the usual reference is to the stage just before.
        let distance = u32::try_from(limit - stage.index).unwrap_or(u32::MAX / 2);
        out.push(
            item(label, CompletionKind::Reference, replace)
                .detail(format!("stage {} · FROM {image}", stage.index))
                .sort(distance),
        );
    }
}

/// The keyword casing the file uses: lower case when its first instruction is written so.
pub(super) fn lower_case_file(cx: &Context, except: Option<&Instruction>) -> bool {
    cx.file
        .instructions
        .iter()
        .filter(|instruction| except.is_none_or(|except| except.span != instruction.span))
        .find(|instruction| instruction.kind != InstructionKind::Unknown)
        .is_some_and(|instruction| !instruction.keyword.chars().any(|c| c.is_ascii_uppercase()))
}
