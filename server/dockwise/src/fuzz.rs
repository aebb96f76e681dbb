//! The checks behind the fuzz targets in `fuzz/`, shared with the `cargo test` that replays
//! their saved corpus (`tests/fuzz_corpus.rs`), so CI runs the same assertions on stable.
//!
//! Each function takes arbitrary bytes and panics only when an invariant breaks: analysis must
//! not panic, every span it returns must lie on character boundaries of the text, incremental
//! edits must give the text a naive `String` model gives, and an incremental reparse must give
//! what a fresh parse gives.

use std::sync::Arc;

use dockwise_analysis::{
    Config, Diagnostic, Document, FileKind, InputEdit, Span, Surroundings, apply_edits,
    safe_fix_edits,
};
use ropey::Rope;

use crate::text::{self, Encoding, Position};

/// Parse and analyse `data` as a Dockerfile: every feature, at a few offsets.
pub fn dockerfile(data: &[u8]) {
    analyse(FileKind::Dockerfile, data);
}

/// Parse and analyse `data` as a Compose file: every feature, at a few offsets.
pub fn compose(data: &[u8]) {
    analyse(FileKind::Compose, data);
}

fn surroundings() -> Surroundings {
    Surroundings {
        known: true,
        dockerignore: Some(Arc::from("*\n!src\n**/*.log\n")),
        dotenv: Some(Arc::from("TAG=1\nIMAGE=alpine:${TAG}\nEMPTY=\n")),
        ..Surroundings::default()
    }
}

fn analyse(kind: FileKind, data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let document = Document::new(kind, Arc::from(&*text));
    let diagnostics = check_document(&document);
    // The text after `check --fix` must analyse too.
    let fixed = apply_edits(&text, &safe_fix_edits(&diagnostics));
    check_document(&Document::new(kind, Arc::from(fixed)));
}

/// Run every feature of `document` and check the spans it returns; its diagnostics.
fn check_document(document: &Document) -> Vec<Diagnostic> {
    let text = document.text();
    let diagnostics = document.diagnostics_with(&Config::default(), &surroundings());
    for diagnostic in &diagnostics {
        check_span(text, diagnostic.span, diagnostic.code);
        for fix in diagnostic
            .fixes
            .iter()
            .chain(&document.suppression_fixes(diagnostic))
        {
            for edit in &fix.edits {
                check_span(text, edit.span, diagnostic.code);
            }
        }
    }
    for symbol in document.symbols() {
        check_symbol(text, &symbol);
    }
    for fold in document.folds() {
        check_span(text, fold.span, "fold");
    }
    for token in document.tokens() {
        check_span(text, token.span, "token");
    }
    for offset in probe_offsets(text) {
        if let Some(hover) = document.hover(offset) {
            check_span(text, hover.span, "hover");
        }
        for completion in document.completions(offset, &surroundings()) {
            if let Some(span) = completion.replace {
                check_span(text, span, "completion");
            }
        }
        document.signature_help(offset);
        for span in document
            .definition(offset)
            .into_iter()
            .chain(document.references(offset, true))
        {
            check_span(text, span, "reference");
        }
        for highlight in document.highlights(offset) {
            check_span(text, highlight.span, "highlight");
        }
        if let Ok(target) = document.prepare_rename(offset) {
            check_span(text, target.span, "rename target");
        }
        if let Ok(edits) = document.rename(offset, "renamed") {
            for edit in edits {
                check_span(text, edit.span, "rename");
            }
        }
    }
    diagnostics
}

fn check_symbol(text: &str, symbol: &dockwise_analysis::ide::Symbol) {
    check_span(text, symbol.span, "symbol");
    check_span(text, symbol.selection, "symbol selection");
    for child in &symbol.children {
        check_symbol(text, child);
    }
}

fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "{what}: span {span:?} is not a character range of a {}-byte text",
        text.len()
    );
}

/// A few offsets spread over the text (boundaries or not: analysis must accept any offset).
fn probe_offsets(text: &str) -> Vec<usize> {
    const PROBES: usize = 12;
    let mut offsets: Vec<usize> = (0..=PROBES).map(|i| text.len() * i / PROBES).collect();
    // The start and end of each of the first lines, where most constructs begin.
    for (line_start, line) in line_starts(text).into_iter().take(8) {
        offsets.extend([line_start, line_start + 1, line_start + line.len() / 2]);
    }
    offsets.push(text.len() + 1);
    offsets.sort_unstable();
    offsets.dedup();
    offsets
}

fn line_starts(text: &str) -> Vec<(usize, &str)> {
    let mut start = 0;
    text.split_inclusive('\n')
        .map(|line| {
            let at = start;
            start += line.len();
            (at, line)
        })
        .collect()
}

/// Pieces of text the sync target builds documents and edits from: line breaks of each kind,
/// characters of 1 to 4 bytes (two UTF-16 units for the astral ones), and syntax of both kinds.
const PIECES: [&str; 32] = [
    "a",
    " ",
    "é",
    "中",
    "𝄞",
    "😀",
    "\n",
    "\r",
    "\r\n",
    "\r\n",
    "\n",
    "FROM alpine",
    "RUN x ",
    "\\\n",
    "services:\n",
    "  web:\n",
    "    image: x\n",
    "<<EOF\n",
    "EOF\n",
    "${A}",
    "\"",
    "[",
    "]",
    ":",
    "- ",
    "#",
    "\t",
    "`",
    "ARG A=1\n",
    "  ",
    "&a ",
    "*a",
];

/// Bytes in, values out; zeros once the input is used up.
struct Cursor<'a>(&'a [u8]);

impl Cursor<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&first, rest)) => {
                self.0 = rest;
                first
            }
            None => 0,
        }
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn text(&mut self, max_pieces: u8) -> String {
        let count = self.byte() % (max_pieces + 1);
        (0..count)
            .map(|_| PIECES[usize::from(self.byte()) % PIECES.len()])
            .collect()
    }

    fn position(&mut self, lines: usize) -> Position {
        // Mostly real lines, sometimes past the end; columns up to 255, often past line ends.
        let line = usize::from(self.byte()) % (lines + 2);
        Position::new(line as u32, u32::from(self.byte()))
    }
}

/// Random batches of incremental edits, in one of the three encodings, applied to the rope
/// model of `lsp::documents` and to a naive `String`; after each batch the texts must agree, the
/// tree-sitter edits must match the naive offsets, and the incrementally reparsed document must
/// equal a fresh parse.
pub fn text_sync(data: &[u8]) {
    let mut cursor = Cursor(data);
    let flags = cursor.byte();
    let encoding = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32][usize::from(flags % 3)];
    let kind = if flags & 4 == 0 {
        FileKind::Dockerfile
    } else {
        FileKind::Compose
    };
    let initial = cursor.text(40);
    let mut rope = Rope::from_str(&initial);
    let mut naive = initial;
    let mut document = Document::new(kind, Arc::from(naive.as_str()));
    check_positions(&rope, &naive, encoding);
    while !cursor.is_empty() {
        let batch = 1 + cursor.byte() % 4;
        let mut edits = Vec::new();
        for _ in 0..batch {
            let op = cursor.byte();
            let inserted = cursor.text(6);
            let range = (op % 16 != 0).then(|| {
                let lines = naive_lines(&naive).len();
                (cursor.position(lines), cursor.position(lines))
            });
            let before = naive.clone();
            let edit = text::apply_edit(&mut rope, range, &inserted, encoding);
            let expected = naive_apply(&mut naive, range, &inserted, encoding);
            assert_eq!(
                (edit.start_byte, edit.old_end_byte, edit.new_end_byte),
                expected,
                "edit {range:?} {inserted:?} in {encoding:?}"
            );
            assert_eq!(rope.to_string(), naive, "after {range:?} {inserted:?}");
            check_points(&before, &naive, &edit);
            edits.push(edit);
        }
        check_positions(&rope, &naive, encoding);
        let text: Arc<str> = Arc::from(naive.as_str());
        let edited = document.edited(text.clone(), &edits);
        let fresh = Document::new(kind, text);
        assert_same_analysis(&edited, &fresh);
        document = edited;
    }
}

fn assert_same_analysis(edited: &Document, fresh: &Document) {
    if let (Some(edited), Some(fresh)) = (edited.dockerfile(), fresh.dockerfile()) {
        assert_eq!(
            dockwise_syntax::tree_sexp(edited.tree()),
            dockwise_syntax::tree_sexp(fresh.tree()),
            "incremental reparse differs from a fresh parse of {:?}",
            fresh.text()
        );
    }
    if let (Some(edited), Some(fresh)) = (edited.compose(), fresh.compose()) {
        assert_eq!(
            format!("{:?}", edited.yaml()),
            format!("{:?}", fresh.yaml()),
            "reused pieces differ from a fresh parse of {:?}",
            fresh.text()
        );
    }
    let config = Config::default();
    assert_eq!(
        edited.diagnostics_with(&config, &surroundings()),
        fresh.diagnostics_with(&config, &surroundings()),
        "incremental analysis differs from a fresh one of {:?}",
        fresh.text()
    );
    assert_eq!(edited.symbols(), fresh.symbols());
    assert_eq!(edited.tokens(), fresh.tokens());
}

/// Each line as (content start, content end, next line's start); a break is CRLF, CR or LF, and
/// the last line has none.
fn naive_lines(text: &str) -> Vec<(usize, usize, usize)> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                lines.push((start, i, i + 2));
                i += 2;
                start = i;
            }
            b'\r' | b'\n' => {
                lines.push((start, i, i + 1));
                i += 1;
                start = i;
            }
            _ => i += 1,
        }
    }
    lines.push((start, text.len(), text.len()));
    lines
}

fn units(c: char, encoding: Encoding) -> usize {
    match encoding {
        Encoding::Utf8 => c.len_utf8(),
        Encoding::Utf16 => c.len_utf16(),
        Encoding::Utf32 => 1,
    }
}

fn naive_offset(text: &str, position: Position, encoding: Encoding) -> usize {
    let lines = naive_lines(text);
    let Some(&(start, end, _)) = lines.get(position.line as usize) else {
        return text.len();
    };
    let mut counted = 0;
    for (index, c) in text[start..end].char_indices() {
        counted += units(c, encoding);
        // A column inside a character (or at its start) is that character's start.
        if counted > position.character as usize {
            return start + index;
        }
    }
    end
}

fn naive_position(text: &str, offset: usize, encoding: Encoding) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let lines = naive_lines(text);
    let line = lines
        .iter()
        .position(|&(_, _, next)| offset < next)
        .unwrap_or(lines.len() - 1);
    let (start, end, _) = lines[line];
    let character: usize = text[start..offset.min(end)]
        .chars()
        .map(|c| units(c, encoding))
        .sum();
    Position::new(line as u32, character as u32)
}

fn naive_point(text: &str, offset: usize) -> dockwise_analysis::Point {
    let position = naive_position(text, offset, Encoding::Utf8);
    let line_start = naive_lines(text)[position.line as usize].0;
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    dockwise_analysis::Point {
        row: position.line as usize,
        column: offset - line_start,
    }
}

/// Apply the edit to the naive model; the (start, old end, new end) byte offsets.
fn naive_apply(
    text: &mut String,
    range: Option<(Position, Position)>,
    inserted: &str,
    encoding: Encoding,
) -> (usize, usize, usize) {
    let (start, end) = match range {
        Some((start, end)) => {
            let start = naive_offset(text, start, encoding);
            (start, naive_offset(text, end, encoding).max(start))
        }
        None => (0, text.len()),
    };
    text.replace_range(start..end, inserted);
    (start, end, start + inserted.len())
}

/// The tree-sitter points of an edit: (line, byte column) in the text before and after it.
fn check_points(before: &str, after: &str, edit: &InputEdit) {
    assert_eq!(edit.start_position, naive_point(before, edit.start_byte));
    assert_eq!(
        edit.old_end_position,
        naive_point(before, edit.old_end_byte)
    );
    assert_eq!(edit.new_end_position, naive_point(after, edit.new_end_byte));
}

/// Offsets to positions and back, in every encoding, against the naive model.
fn check_positions(rope: &Rope, naive: &str, encoding: Encoding) {
    let lines = naive_lines(naive);
    assert_eq!(rope.len_lines(), lines.len(), "line count of {naive:?}");
    let step = (naive.len() / 64).max(1);
    for offset in (0..=naive.len() + 2).step_by(step) {
        let position = text::offset_to_position(rope, offset, encoding);
        assert_eq!(
            position,
            naive_position(naive, offset, encoding),
            "offset {offset} of {naive:?} in {encoding:?}"
        );
        let back = text::position_to_offset(rope, position, encoding);
        assert_eq!(back, naive_offset(naive, position, encoding));
        assert_eq!(text::point(rope, offset), naive_point(naive, offset));
    }
    for line in 0..lines.len() + 1 {
        for character in [0, 1, 2, 3, 5, 8, 300] {
            let position = Position::new(line as u32, character);
            assert_eq!(
                text::position_to_offset(rope, position, encoding),
                naive_offset(naive, position, encoding),
                "{position:?} of {naive:?} in {encoding:?}"
            );
        }
    }
}
