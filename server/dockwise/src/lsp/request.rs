//! The common shape of a read-only request on one open document: take its current snapshot,
//! run the feature on a worker with panics contained (see [`super::workers`]), and answer `null`
//! for documents dockwise does not analyse.

use dockwise_analysis::Document;
use tower_lsp_server::jsonrpc::{self, Error, ErrorCode};
use tower_lsp_server::ls_types as lsp;

use super::convert::Encoding;
use super::documents::Snapshot;
use super::server::Backend;

/// Run `feature` on the document at `uri`; `what` names it in errors.
///
/// The snapshot is the document as it is when the request arrives; edits that arrive while the
/// feature runs are applied meanwhile and do not change it.
pub async fn on_document<T: Send + 'static>(
    backend: &Backend,
    uri: &lsp::Uri,
    what: &'static str,
    feature: impl FnOnce(&Snapshot, &Document, Encoding) -> Option<T> + Send + 'static,
) -> jsonrpc::Result<Option<T>> {
    let Some(snapshot) = backend.documents.get(uri) else {
        return Ok(None);
    };
    if snapshot.document.is_none() {
        return Ok(None);
    }
    let encoding = backend.encoding();
    backend
        .workers
        .request(what, move || {
            let document = snapshot.document.as_ref()?;
            feature(&snapshot, document, encoding)
        })
        .await
        .map_err(internal_error)
}

/// JSON-RPC's `InternalError`, for a feature that panicked.
pub fn internal_error(message: String) -> Error {
    Error {
        code: ErrorCode::InternalError,
        message: message.into(),
        data: None,
    }
}

/// LSP's `RequestFailed`: the request was valid but cannot be done; `message` says why.
pub fn request_failed(message: String) -> Error {
    Error {
        code: ErrorCode::ServerError(-32803),
        message: message.into(),
        data: None,
    }
}
