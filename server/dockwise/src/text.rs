//! Open-document text without protocol types: a [`Rope`], positions as (line, character) in a
//! negotiated [`Encoding`], and incremental edits. `lsp::convert` and `lsp::documents` wrap this
//! with LSP types; the fuzz targets (`fuzz/`) drive it directly against a naive model.
//!
//! Every conversion is total: positions past the end of a line or of the document clamp, and a
//! position inside a multi-byte character (or between the CR and LF of a CRLF) snaps back to the
//! previous boundary.

use dockwise_analysis::{InputEdit, Point, Span};
use ropey::{Rope, RopeSlice};

/// What a position's `character` counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    fn len(self, text: RopeSlice<'_>) -> usize {
        match self {
            Encoding::Utf8 => text.len_bytes(),
            Encoding::Utf16 => text.len_utf16_cu(),
            Encoding::Utf32 => text.len_chars(),
        }
    }
}

/// A zero-based line and a column counted in some [`Encoding`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

impl Position {
    pub fn new(line: u32, character: u32) -> Position {
        Position { line, character }
    }
}

/// Byte range of line `line`'s content, without its line break (LF, CR or CRLF).
fn line_content(rope: &Rope, line: usize) -> (usize, usize) {
    let start = rope.line_to_byte(line);
    let slice = rope.line(line);
    let mut end = slice.len_bytes();
    if end > 0 && slice.byte(end - 1) == b'\n' {
        end -= 1;
    }
    if end > 0 && slice.byte(end - 1) == b'\r' {
        end -= 1;
    }
    (start, start + end)
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

pub fn position_to_offset(rope: &Rope, position: Position, encoding: Encoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let (start, end) = line_content(rope, line);
    let content = rope.byte_slice(start..end);
    let column = (position.character as usize).min(encoding.len(content));
    // Each `*_to_char` maps an index inside a character to that character: the snap-back.
    let char_index = match encoding {
        Encoding::Utf8 => content.byte_to_char(column),
        Encoding::Utf16 => content.utf16_cu_to_char(column),
        Encoding::Utf32 => column,
    };
    start + content.char_to_byte(char_index)
}

pub fn offset_to_position(rope: &Rope, offset: usize, encoding: Encoding) -> Position {
    let offset = snap(rope, offset);
    let line = rope.byte_to_line(offset);
    let (start, end) = line_content(rope, line);
    let column = encoding.len(rope.byte_slice(start..offset.min(end)));
    Position::new(to_u32(line), to_u32(column))
}

/// The nearest character boundary at or before `offset`, within the text.
fn snap(rope: &Rope, offset: usize) -> usize {
    rope.char_to_byte(rope.byte_to_char(offset.min(rope.len_bytes())))
}

/// A range as a byte span; a reversed range becomes the empty span at its start.
pub fn range_to_span(rope: &Rope, start: Position, end: Position, encoding: Encoding) -> Span {
    let start = position_to_offset(rope, start, encoding);
    let end = position_to_offset(rope, end, encoding).max(start);
    Span::new(start, end)
}

/// A tree-sitter point: (line, byte column), which is what tree-sitter counts.
pub fn point(rope: &Rope, offset: usize) -> Point {
    let offset = snap(rope, offset);
    let row = rope.byte_to_line(offset);
    Point {
        row,
        column: offset - rope.line_to_byte(row),
    }
}

/// Replace `range` (the whole text when `None`) with `text`, and describe the change for
/// tree-sitter.
pub fn apply_edit(
    rope: &mut Rope,
    range: Option<(Position, Position)>,
    text: &str,
    encoding: Encoding,
) -> InputEdit {
    let (start, old_end) = match range {
        Some((start, end)) => {
            let span = range_to_span(rope, start, end, encoding);
            (span.start, span.end)
        }
        None => (0, rope.len_bytes()),
    };
    let start_position = point(rope, start);
    let old_end_position = point(rope, old_end);
    let start_char = rope.byte_to_char(start);
    rope.remove(start_char..rope.byte_to_char(old_end));
    rope.insert(start_char, text);
    let new_end = start + text.len();
    InputEdit {
        start_byte: start,
        old_end_byte: old_end,
        new_end_byte: new_end,
        start_position,
        old_end_position,
        new_end_position: point(rope, new_end),
    }
}
