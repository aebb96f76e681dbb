//! The common shape of a read-only request on one open document: find its current snapshot,
//! run the feature with panics contained, and answer `null` for documents dockwise does not
//! analyse.

use dockwise_analysis::Document;
use tower_lsp_server::jsonrpc::{self, Error, ErrorCode};
use tower_lsp_server::ls_types as lsp;

use super::convert::Encoding;
use super::documents::Snapshot;
use super::panic::guarded;
use super::server::Backend;

/// Run `feature` on the document at `uri`; `what` names it in errors.
pub fn on_document<T>(
    backend: &Backend,
    uri: &lsp::Uri,
    what: &str,
    feature: impl FnOnce(&Snapshot, &Document, Encoding) -> Option<T>,
) -> jsonrpc::Result<Option<T>> {
    let Some(snapshot) = backend.documents.get(uri) else {
        return Ok(None);
    };
    let Some(document) = &snapshot.document else {
        return Ok(None);
    };
    let encoding = backend.encoding();
    guarded(what, || feature(&snapshot, document, encoding)).map_err(|message| Error {
        code: ErrorCode::InternalError,
        message: message.into(),
        data: None,
    })
}

/// LSP's `RequestFailed`: the request was valid but cannot be done; `message` says why.
pub fn request_failed(message: String) -> Error {
    Error {
        code: ErrorCode::ServerError(-32803),
        message: message.into(),
        data: None,
    }
}
