//! The single place where byte spans meet LSP positions, and analysis values become LSP values.
//!
//! Positions are resolved against a [`Rope`] of the same version the spans were computed on, by
//! the protocol-free [`crate::text`], which these functions wrap: every conversion is total.

use dockwise_analysis::{self as analysis, Span};
use ropey::Rope;
use tower_lsp_server::ls_types as lsp;

use crate::text;

pub use crate::text::Encoding;

/// The protocol's name for an encoding.
pub trait EncodingKind {
    fn kind(self) -> lsp::PositionEncodingKind;
}

impl EncodingKind for Encoding {
    fn kind(self) -> lsp::PositionEncodingKind {
        match self {
            Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
            Encoding::Utf32 => lsp::PositionEncodingKind::UTF32,
        }
    }
}

fn from_lsp(position: lsp::Position) -> text::Position {
    text::Position::new(position.line, position.character)
}

pub fn position_to_offset(rope: &Rope, position: lsp::Position, encoding: Encoding) -> usize {
    text::position_to_offset(rope, from_lsp(position), encoding)
}

pub fn offset_to_position(rope: &Rope, offset: usize, encoding: Encoding) -> lsp::Position {
    let position = text::offset_to_position(rope, offset, encoding);
    lsp::Position::new(position.line, position.character)
}

/// A range as a byte span; a reversed range becomes the empty span at its start.
pub fn range_to_span(rope: &Rope, range: lsp::Range, encoding: Encoding) -> Span {
    text::range_to_span(rope, from_lsp(range.start), from_lsp(range.end), encoding)
}

pub fn span_to_range(rope: &Rope, span: Span, encoding: Encoding) -> lsp::Range {
    lsp::Range::new(
        offset_to_position(rope, span.start, encoding),
        offset_to_position(rope, span.end.max(span.start), encoding),
    )
}

/// Replace `range` with `text` in `rope` (see [`text::apply_edit`]).
pub fn apply_change(
    rope: &mut Rope,
    change: &lsp::TextDocumentContentChangeEvent,
    encoding: Encoding,
) -> analysis::InputEdit {
    let range = change
        .range
        .map(|range| (from_lsp(range.start), from_lsp(range.end)));
    text::apply_edit(rope, range, &change.text, encoding)
}

pub fn diagnostic(
    rope: &Rope,
    encoding: Encoding,
    diagnostic: &analysis::Diagnostic,
) -> lsp::Diagnostic {
    let severity = match diagnostic.severity {
        analysis::Severity::Error => lsp::DiagnosticSeverity::ERROR,
        analysis::Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        analysis::Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        analysis::Severity::Hint => lsp::DiagnosticSeverity::HINT,
    };
    let tags: Vec<_> = diagnostic
        .tags
        .iter()
        .map(|tag| match tag {
            analysis::Tag::Deprecated => lsp::DiagnosticTag::DEPRECATED,
            analysis::Tag::Unnecessary => lsp::DiagnosticTag::UNNECESSARY,
        })
        .collect();
    lsp::Diagnostic {
        range: span_to_range(rope, diagnostic.span, encoding),
        severity: Some(severity),
        code: Some(lsp::NumberOrString::String(diagnostic.code.to_owned())),
        code_description: diagnostic.knowledge.and_then(knowledge_link),
        source: Some("dockwise".to_owned()),
        message: diagnostic.message.clone(),
        tags: (!tags.is_empty()).then_some(tags),
        ..lsp::Diagnostic::default()
    }
}

fn knowledge_link(id: &str) -> Option<lsp::CodeDescription> {
    let href = format!("https://dockwise.dev/knowledge/{id}")
        .parse()
        .ok()?;
    Some(lsp::CodeDescription { href })
}

pub fn text_edit(rope: &Rope, encoding: Encoding, edit: &analysis::TextEdit) -> lsp::TextEdit {
    lsp::TextEdit {
        range: span_to_range(rope, edit.span, encoding),
        new_text: edit.new_text.clone(),
    }
}

pub fn hover(rope: &Rope, encoding: Encoding, hover: analysis::Hover) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: hover.markdown,
        }),
        range: Some(span_to_range(rope, hover.span, encoding)),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use Encoding::*;

    fn pos(line: u32, character: u32) -> lsp::Position {
        lsp::Position::new(line, character)
    }

    #[test]
    fn counts_columns_per_encoding() {
        // "a" 1 byte, "é" 2 bytes / 1 unit, "𝄞" 4 bytes / 2 UTF-16 units / 1 scalar.
        let rope = Rope::from_str("x\naé𝄞b");
        let offset_of_b = 2 + 1 + 2 + 4;
        assert_eq!(offset_to_position(&rope, offset_of_b, Utf8), pos(1, 7));
        assert_eq!(offset_to_position(&rope, offset_of_b, Utf16), pos(1, 4));
        assert_eq!(offset_to_position(&rope, offset_of_b, Utf32), pos(1, 3));
        assert_eq!(position_to_offset(&rope, pos(1, 7), Utf8), offset_of_b);
        assert_eq!(position_to_offset(&rope, pos(1, 4), Utf16), offset_of_b);
        assert_eq!(position_to_offset(&rope, pos(1, 3), Utf32), offset_of_b);
    }

    #[test]
    fn positions_inside_a_character_snap_back() {
        let rope = Rope::from_str("é𝄞");
        assert_eq!(position_to_offset(&rope, pos(0, 1), Utf8), 0);
        assert_eq!(position_to_offset(&rope, pos(0, 4), Utf8), 2);
        // Between the two surrogates of 𝄞.
        assert_eq!(position_to_offset(&rope, pos(0, 2), Utf16), 2);
        assert_eq!(offset_to_position(&rope, 3, Utf16), pos(0, 1));
    }

    #[test]
    fn line_breaks_are_lf_cr_and_crlf() {
        let rope = Rope::from_str("a\r\nb\rc\nd");
        assert_eq!(offset_to_position(&rope, 3, Utf16), pos(1, 0));
        assert_eq!(offset_to_position(&rope, 5, Utf16), pos(2, 0));
        assert_eq!(offset_to_position(&rope, 7, Utf16), pos(3, 0));
        // Between CR and LF: the end of the line's content.
        assert_eq!(offset_to_position(&rope, 2, Utf16), pos(0, 1));
        assert_eq!(position_to_offset(&rope, pos(0, 1), Utf16), 1);
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let rope = Rope::from_str("ab\r\ncd\n");
        assert_eq!(position_to_offset(&rope, pos(0, 99), Utf16), 2);
        assert_eq!(position_to_offset(&rope, pos(1, 99), Utf8), 6);
        assert_eq!(position_to_offset(&rope, pos(2, 5), Utf32), 7);
        assert_eq!(position_to_offset(&rope, pos(3, 0), Utf16), 7);
        assert_eq!(position_to_offset(&rope, pos(u32::MAX, u32::MAX), Utf16), 7);
        assert_eq!(offset_to_position(&rope, 1000, Utf16), pos(2, 0));
        let reversed = lsp::Range::new(pos(1, 1), pos(0, 1));
        assert_eq!(range_to_span(&rope, reversed, Utf16), Span::new(5, 5));
        let empty = Rope::new();
        assert_eq!(position_to_offset(&empty, pos(4, 4), Utf8), 0);
        assert_eq!(offset_to_position(&empty, 4, Utf8), pos(0, 0));
    }

    #[test]
    fn points_count_bytes() {
        let rope = Rope::from_str("é\r\n𝄞x");
        assert_eq!(text::point(&rope, 8), analysis::Point { row: 1, column: 4 });
    }

    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("a"),
            Just(" "),
            Just("é"),
            Just("中"),
            Just("𝄞"),
            Just("😀"),
            Just("\n"),
            Just("\r"),
            Just("\r\n"),
        ];
        proptest::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
    }

    fn encoding() -> impl Strategy<Value = Encoding> {
        prop_oneof![Just(Utf8), Just(Utf16), Just(Utf32)]
    }

    proptest! {
        #[test]
        fn offsets_round_trip(text in text(), raw in 0usize..300, encoding in encoding()) {
            let rope = Rope::from_str(&text);
            let position = offset_to_position(&rope, raw, encoding);
            let back = position_to_offset(&rope, position, encoding);
            // The offset comes back unless it was not a representable boundary, in which case it
            // snapped back by less than one character (or out of the middle of a CRLF).
            let clamped = raw.min(text.len());
            prop_assert!(back <= clamped && clamped - back < 4, "{raw} -> {position:?} -> {back}");
            prop_assert!(text.is_char_boundary(back));
            let representable = text.is_char_boundary(clamped)
                && !(text[..clamped].ends_with('\r') && text[clamped..].starts_with('\n'));
            if representable {
                prop_assert_eq!(back, clamped);
            }
            prop_assert_eq!(offset_to_position(&rope, back, encoding), position);
        }

        #[test]
        fn positions_never_panic_and_land_on_boundaries(
            text in text(), line in 0u32..40, character in 0u32..40, encoding in encoding()
        ) {
            let rope = Rope::from_str(&text);
            let offset = position_to_offset(&rope, pos(line, character), encoding);
            prop_assert!(offset <= text.len() && text.is_char_boundary(offset));
            prop_assert!(!(text[..offset].ends_with('\r') && text[offset..].starts_with('\n')));
        }
    }
}
