//! `textDocument/signatureHelp`: the synopsis of the instruction at the cursor.

use dockwise_analysis::Document;
use ropey::Rope;
use tower_lsp_server::ls_types as lsp;

use super::convert::{self, Encoding};

/// A space starts the next argument; `=` and `,` move inside a flag's value.
pub const TRIGGER_CHARACTERS: &[&str] = &[" "];
pub const RETRIGGER_CHARACTERS: &[&str] = &["=", ","];

pub fn signature_help(
    document: &Document,
    rope: &Rope,
    encoding: Encoding,
    position: lsp::Position,
) -> Option<lsp::SignatureHelp> {
    let offset = convert::position_to_offset(rope, position, encoding);
    let signature = document.signature_help(offset)?;
    // Parameters as substrings of the label (each is unique in it): every client supports
    // those, and they need no offset encoding.
    let parameters = signature
        .parameters
        .iter()
        .filter_map(|&(start, end)| signature.label.get(start..end))
        .map(|parameter| lsp::ParameterInformation {
            label: lsp::ParameterLabel::Simple(parameter.to_owned()),
            documentation: None,
        })
        .collect();
    let active = signature
        .active_parameter
        .and_then(|index| u32::try_from(index).ok());
    Some(lsp::SignatureHelp {
        signatures: vec![lsp::SignatureInformation {
            label: signature.label,
            documentation: signature.documentation.map(lsp::Documentation::String),
            parameters: Some(parameters),
            active_parameter: active,
        }],
        active_signature: Some(0),
        active_parameter: active,
    })
}
