//! Go to definition, references, document highlights and rename.

use std::collections::HashMap;

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types as lsp;

use super::convert;
use super::request::{on_document, request_failed};
use super::server::Backend;

pub async fn definition(
    backend: &Backend,
    params: lsp::GotoDefinitionParams,
) -> jsonrpc::Result<Option<lsp::GotoDefinitionResponse>> {
    let position = params.text_document_position_params;
    let uri = position.text_document.uri;
    on_document(
        backend,
        &uri.clone(),
        "definition",
        move |snapshot, document, encoding| {
            let offset = convert::position_to_offset(&snapshot.rope, position.position, encoding);
            let locations: Vec<lsp::Location> = document
                .definition(offset)
                .into_iter()
                .map(|span| lsp::Location {
                    uri: uri.clone(),
                    range: convert::span_to_range(&snapshot.rope, span, encoding),
                })
                .collect();
            (!locations.is_empty()).then_some(lsp::GotoDefinitionResponse::Array(locations))
        },
    )
    .await
}

pub async fn references(
    backend: &Backend,
    params: lsp::ReferenceParams,
) -> jsonrpc::Result<Option<Vec<lsp::Location>>> {
    let position = params.text_document_position;
    let uri = position.text_document.uri;
    let include_declaration = params.context.include_declaration;
    on_document(
        backend,
        &uri.clone(),
        "references",
        move |snapshot, document, encoding| {
            let offset = convert::position_to_offset(&snapshot.rope, position.position, encoding);
            let locations: Vec<lsp::Location> = document
                .references(offset, include_declaration)
                .into_iter()
                .map(|span| lsp::Location {
                    uri: uri.clone(),
                    range: convert::span_to_range(&snapshot.rope, span, encoding),
                })
                .collect();
            (!locations.is_empty()).then_some(locations)
        },
    )
    .await
}

pub async fn highlights(
    backend: &Backend,
    params: lsp::DocumentHighlightParams,
) -> jsonrpc::Result<Option<Vec<lsp::DocumentHighlight>>> {
    let position = params.text_document_position_params;
    on_document(
        backend,
        &position.text_document.uri,
        "highlights",
        move |snapshot, document, encoding| {
            let offset = convert::position_to_offset(&snapshot.rope, position.position, encoding);
            let highlights: Vec<lsp::DocumentHighlight> = document
                .highlights(offset)
                .into_iter()
                .map(|highlight| lsp::DocumentHighlight {
                    range: convert::span_to_range(&snapshot.rope, highlight.span, encoding),
                    kind: Some(if highlight.write {
                        lsp::DocumentHighlightKind::WRITE
                    } else {
                        lsp::DocumentHighlightKind::READ
                    }),
                })
                .collect();
            (!highlights.is_empty()).then_some(highlights)
        },
    )
    .await
}

/// The name's range and text, or an error whose message says why nothing here can be renamed
/// (clients show it).
pub async fn prepare_rename(
    backend: &Backend,
    params: lsp::TextDocumentPositionParams,
) -> jsonrpc::Result<Option<lsp::PrepareRenameResponse>> {
    let prepared = on_document(
        backend,
        &params.text_document.uri,
        "prepare rename",
        move |snapshot, document, encoding| {
            let offset = convert::position_to_offset(&snapshot.rope, params.position, encoding);
            Some(document.prepare_rename(offset).map(|target| {
                lsp::PrepareRenameResponse::RangeWithPlaceholder {
                    range: convert::span_to_range(&snapshot.rope, target.span, encoding),
                    placeholder: target.name,
                }
            }))
        },
    )
    .await?;
    match prepared {
        Some(Ok(response)) => Ok(Some(response)),
        Some(Err(refusal)) => Err(request_failed(refusal.0)),
        None => Ok(None),
    }
}

pub async fn rename(
    backend: &Backend,
    params: lsp::RenameParams,
) -> jsonrpc::Result<Option<lsp::WorkspaceEdit>> {
    let position = params.text_document_position;
    let uri = position.text_document.uri;
    let renamed = on_document(
        backend,
        &uri.clone(),
        "rename",
        move |snapshot, document, encoding| {
            let offset = convert::position_to_offset(&snapshot.rope, position.position, encoding);
            Some(document.rename(offset, &params.new_name).map(|edits| {
                let edits = edits
                    .iter()
                    .map(|edit| convert::text_edit(&snapshot.rope, encoding, edit))
                    .collect();
                lsp::WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    ..lsp::WorkspaceEdit::default()
                }
            }))
        },
    )
    .await?;
    match renamed {
        Some(Ok(edit)) => Ok(Some(edit)),
        Some(Err(refusal)) => Err(request_failed(refusal.0)),
        None => Ok(None),
    }
}
