//! `textDocument/formatting`, `rangeFormatting` and `onTypeFormatting`: the analysis formatter's
//! byte edits as protocol edits, laid out with the editor's `FormattingOptions`.

use dockwise_analysis::ide::{FormatOptions, Indent};
use tower_lsp_server::ls_types as lsp;

use super::convert::{self, Encoding};
use super::documents::Snapshot;

/// On-type formatting runs when a line is finished.
pub const TRIGGER: &str = "\n";

/// The editor's options: `tabSize`/`insertSpaces` give the continuation indentation; the
/// optional flags override dockwise's defaults (all on) when the editor sends them.
pub fn options(options: &lsp::FormattingOptions) -> FormatOptions {
    let defaults = FormatOptions::default();
    let indent = if options.insert_spaces {
        Indent::Spaces(u8::try_from(options.tab_size.clamp(1, 16)).unwrap_or(4))
    } else {
        Indent::Tab
    };
    FormatOptions {
        indent,
        trim_trailing_whitespace: options
            .trim_trailing_whitespace
            .unwrap_or(defaults.trim_trailing_whitespace),
        insert_final_newline: options
            .insert_final_newline
            .unwrap_or(defaults.insert_final_newline),
        trim_final_newlines: options
            .trim_final_newlines
            .unwrap_or(defaults.trim_final_newlines),
    }
}

fn to_lsp(
    snapshot: &Snapshot,
    encoding: Encoding,
    edits: &[dockwise_analysis::TextEdit],
) -> Vec<lsp::TextEdit> {
    edits
        .iter()
        .map(|edit| convert::text_edit(&snapshot.rope, encoding, edit))
        .collect()
}

pub fn document(
    snapshot: &Snapshot,
    encoding: Encoding,
    formatting: &lsp::FormattingOptions,
) -> Option<Vec<lsp::TextEdit>> {
    let document = snapshot.document.as_ref()?;
    let edits = document.format_with(&options(formatting));
    Some(to_lsp(snapshot, encoding, &edits))
}

pub fn range(
    snapshot: &Snapshot,
    encoding: Encoding,
    range: lsp::Range,
    formatting: &lsp::FormattingOptions,
) -> Option<Vec<lsp::TextEdit>> {
    let document = snapshot.document.as_ref()?;
    let span = convert::range_to_span(&snapshot.rope, range, encoding);
    let edits = document.format_range(span, &options(formatting));
    Some(to_lsp(snapshot, encoding, &edits))
}

pub fn on_type(
    snapshot: &Snapshot,
    encoding: Encoding,
    position: lsp::Position,
    typed: &str,
) -> Option<Vec<lsp::TextEdit>> {
    let document = snapshot.document.as_ref()?;
    let typed = typed.chars().next()?;
    let offset = convert::position_to_offset(&snapshot.rope, position, encoding);
    let edits = document.format_on_type(offset, typed);
    Some(to_lsp(snapshot, encoding, &edits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_options_map_to_format_options() {
        let tabs = lsp::FormattingOptions {
            tab_size: 8,
            insert_spaces: false,
            trim_final_newlines: Some(false),
            ..lsp::FormattingOptions::default()
        };
        let mapped = options(&tabs);
        assert_eq!(mapped.indent, Indent::Tab);
        assert!(!mapped.trim_final_newlines);
        assert!(mapped.trim_trailing_whitespace && mapped.insert_final_newline);
        let spaces = lsp::FormattingOptions {
            tab_size: 0,
            insert_spaces: true,
            ..lsp::FormattingOptions::default()
        };
        assert_eq!(options(&spaces).indent, Indent::Spaces(1));
    }
}
