//! The common shape of a read-only request on one open document: take its current snapshot,
//! run the feature with panics contained (inline on a small document, else on a worker: see
//! [`super::workers`]), and answer `null` for documents dockwise does not analyse.

use dockwise_analysis::Document;
use tower_lsp_server::jsonrpc::{self, Error, ErrorCode};
use tower_lsp_server::ls_types as lsp;

use super::convert::Encoding;
use super::documents::Snapshot;
use super::server::Backend;

/// Run `feature` on the document at `uri`; `what` names it in errors. On a small document it runs
/// inline, on a bigger one on a worker (see [`super::workers::INLINE_BYTES`]).
///
/// The snapshot is the document as it is when the request arrives; edits that arrive while the
/// feature runs are applied meanwhile and do not change it.
pub async fn on_document<T: Send + 'static>(
    backend: &Backend,
    uri: &lsp::Uri,
    what: &'static str,
    feature: impl FnOnce(&Snapshot, &Document, Encoding) -> Option<T> + Send + 'static,
) -> jsonrpc::Result<Option<T>> {
    on_document_in(backend, uri, what, false, feature).await
}

/// [`on_document`] always on a worker, as a request on a big document runs (for
/// `dockwise/debugHold`, which stands for slow work).
pub async fn on_document_on_worker<T: Send + 'static>(
    backend: &Backend,
    uri: &lsp::Uri,
    what: &'static str,
    feature: impl FnOnce(&Snapshot, &Document, Encoding) -> Option<T> + Send + 'static,
) -> jsonrpc::Result<Option<T>> {
    on_document_in(backend, uri, what, true, feature).await
}

async fn on_document_in<T: Send + 'static>(
    backend: &Backend,
    uri: &lsp::Uri,
    what: &'static str,
    on_worker: bool,
    feature: impl FnOnce(&Snapshot, &Document, Encoding) -> Option<T> + Send + 'static,
) -> jsonrpc::Result<Option<T>> {
    let Some(snapshot) = backend.documents.get(uri) else {
        return Ok(None);
    };
    if snapshot.document.is_none() {
        return Ok(None);
    }
    let encoding = backend.encoding();
    let bytes = if on_worker {
        usize::MAX
    } else {
        snapshot.rope.len_bytes()
    };
    backend
        .workers
        .request_sized(what, bytes, move || {
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
