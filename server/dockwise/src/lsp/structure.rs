//! The document's structure: outline (`documentSymbol`, hierarchical when the client supports it),
//! `workspace/symbol` across open documents, folding ranges and selection ranges.

use dockwise_analysis::ide::{self, FoldKind, SymbolKind};
use ropey::Rope;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types as lsp;

use super::convert::{self, Encoding};
use super::request::{internal_error, on_document};
use super::server::Backend;

/// At most this many answers to one `workspace/symbol` query.
const WORKSPACE_SYMBOL_LIMIT: usize = 1000;

pub async fn document_symbols(
    backend: &Backend,
    params: lsp::DocumentSymbolParams,
) -> jsonrpc::Result<Option<lsp::DocumentSymbolResponse>> {
    let uri = params.text_document.uri;
    let hierarchical = backend.features().hierarchical_symbols;
    on_document(
        backend,
        &uri.clone(),
        "document symbols",
        move |snapshot, document, encoding| {
            let symbols = document.symbols();
            Some(if hierarchical {
                lsp::DocumentSymbolResponse::Nested(
                    symbols
                        .iter()
                        .map(|symbol| nested(&snapshot.rope, encoding, symbol))
                        .collect(),
                )
            } else {
                let mut flat = Vec::new();
                flatten(&snapshot.rope, encoding, &uri, &symbols, None, &mut flat);
                lsp::DocumentSymbolResponse::Flat(flat)
            })
        },
    )
    .await
}

/// Symbols of every open document whose name contains the query's characters in order
/// (ignoring case); an empty query lists them all.
pub async fn workspace_symbols(
    backend: &Backend,
    params: lsp::WorkspaceSymbolParams,
) -> jsonrpc::Result<Option<lsp::WorkspaceSymbolResponse>> {
    let mut snapshots = backend.documents.all();
    snapshots.sort_by(|a, b| a.uri.as_str().cmp(b.uri.as_str()));
    let encoding = backend.encoding();
    // One job over the snapshots of every open document, taken now.
    let bytes = snapshots.iter().map(|s| s.rope.len_bytes()).sum();
    let found = backend
        .workers
        .request_sized("workspace symbols", bytes, move || {
            let mut found = Vec::new();
            for snapshot in &snapshots {
                let Some(document) = &snapshot.document else {
                    continue;
                };
                let mut flat = Vec::new();
                flatten(
                    &snapshot.rope,
                    encoding,
                    &snapshot.uri,
                    &document.symbols(),
                    None,
                    &mut flat,
                );
                found.extend(
                    flat.into_iter()
                        .filter(|symbol| matches_query(&symbol.name, &params.query)),
                );
                if found.len() >= WORKSPACE_SYMBOL_LIMIT {
                    found.truncate(WORKSPACE_SYMBOL_LIMIT);
                    break;
                }
            }
            found
        })
        .await
        .map_err(internal_error)?;
    Ok(Some(lsp::WorkspaceSymbolResponse::Flat(found)))
}

fn matches_query(name: &str, query: &str) -> bool {
    let mut name = name.chars().flat_map(char::to_lowercase);
    query
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .all(|wanted| name.any(|c| c == wanted))
}

fn kind(kind: SymbolKind) -> lsp::SymbolKind {
    match kind {
        SymbolKind::Stage => lsp::SymbolKind::CLASS,
        SymbolKind::Instruction => lsp::SymbolKind::FUNCTION,
        SymbolKind::Argument => lsp::SymbolKind::VARIABLE,
        SymbolKind::Environment => lsp::SymbolKind::CONSTANT,
        SymbolKind::Label => lsp::SymbolKind::PROPERTY,
        SymbolKind::Port => lsp::SymbolKind::NUMBER,
        SymbolKind::Service => lsp::SymbolKind::MODULE,
        SymbolKind::Volume => lsp::SymbolKind::PACKAGE,
        SymbolKind::Network => lsp::SymbolKind::INTERFACE,
        SymbolKind::Secret => lsp::SymbolKind::KEY,
        SymbolKind::Config => lsp::SymbolKind::FILE,
        SymbolKind::Key => lsp::SymbolKind::FIELD,
    }
}

fn tags(symbol: &ide::Symbol) -> Option<Vec<lsp::SymbolTag>> {
    symbol
        .is_deprecated()
        .then(|| vec![lsp::SymbolTag::DEPRECATED])
}

#[allow(deprecated)] // `deprecated` is a required field of the struct; `tags` carries it.
fn nested(rope: &Rope, encoding: Encoding, symbol: &ide::Symbol) -> lsp::DocumentSymbol {
    lsp::DocumentSymbol {
        name: non_empty(&symbol.name),
        detail: symbol.detail.clone(),
        kind: kind(symbol.kind),
        tags: tags(symbol),
        deprecated: None,
        range: convert::span_to_range(rope, symbol.span, encoding),
        selection_range: convert::span_to_range(rope, symbol.selection, encoding),
        children: (!symbol.children.is_empty()).then(|| {
            symbol
                .children
                .iter()
                .map(|child| nested(rope, encoding, child))
                .collect()
        }),
    }
}

#[allow(deprecated)] // as above
fn flatten(
    rope: &Rope,
    encoding: Encoding,
    uri: &lsp::Uri,
    symbols: &[ide::Symbol],
    container: Option<&str>,
    out: &mut Vec<lsp::SymbolInformation>,
) {
    for symbol in symbols {
        out.push(lsp::SymbolInformation {
            name: non_empty(&symbol.name),
            kind: kind(symbol.kind),
            tags: tags(symbol),
            deprecated: None,
            location: lsp::Location {
                uri: uri.clone(),
                range: convert::span_to_range(rope, symbol.span, encoding),
            },
            container_name: container.map(str::to_owned),
        });
        flatten(
            rope,
            encoding,
            uri,
            &symbol.children,
            Some(&symbol.name),
            out,
        );
    }
}

/// Clients reject symbols with an empty name.
fn non_empty(name: &str) -> String {
    if name.trim().is_empty() {
        "(unnamed)".to_owned()
    } else {
        name.to_owned()
    }
}

pub async fn folding_ranges(
    backend: &Backend,
    params: lsp::FoldingRangeParams,
) -> jsonrpc::Result<Option<Vec<lsp::FoldingRange>>> {
    on_document(
        backend,
        &params.text_document.uri,
        "folding ranges",
        move |snapshot, document, encoding| {
            let ranges = document
                .folds()
                .into_iter()
                .filter_map(|fold| {
                    let range = convert::span_to_range(&snapshot.rope, fold.span, encoding);
                    (range.end.line > range.start.line).then(|| lsp::FoldingRange {
                        start_line: range.start.line,
                        end_line: range.end.line,
                        kind: Some(match fold.kind {
                            FoldKind::Region => lsp::FoldingRangeKind::Region,
                            FoldKind::Comment => lsp::FoldingRangeKind::Comment,
                            FoldKind::Imports => lsp::FoldingRangeKind::Imports,
                        }),
                        ..lsp::FoldingRange::default()
                    })
                })
                .collect();
            Some(ranges)
        },
    )
    .await
}

pub async fn selection_ranges(
    backend: &Backend,
    params: lsp::SelectionRangeParams,
) -> jsonrpc::Result<Option<Vec<lsp::SelectionRange>>> {
    on_document(
        backend,
        &params.text_document.uri,
        "selection ranges",
        move |snapshot, document, encoding| {
            params
                .positions
                .iter()
                .map(|position| {
                    let offset = convert::position_to_offset(&snapshot.rope, *position, encoding);
                    let spans = document.selection_ranges(offset);
                    // Outermost first, each the parent of the next.
                    spans.iter().rev().fold(None, |parent, span| {
                        Some(lsp::SelectionRange {
                            range: convert::span_to_range(&snapshot.rope, *span, encoding),
                            parent: parent.map(Box::new),
                        })
                    })
                })
                .collect::<Option<Vec<_>>>()
        },
    )
    .await
}
