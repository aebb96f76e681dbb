//! Document links: URLs as the analysis gives them, and paths relative to the document kept only
//! when they name an existing file inside the workspace folder (see
//! [`crate::project::linked_file`]).

use dockwise_analysis::ide::LinkTarget;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types as lsp;

use super::convert;
use super::request::on_document;
use super::server::Backend;
use crate::project;

pub async fn document_links(
    backend: &Backend,
    params: lsp::DocumentLinkParams,
) -> jsonrpc::Result<Option<Vec<lsp::DocumentLink>>> {
    let roots = backend.config.workspace_roots();
    on_document(
        backend,
        &params.text_document.uri,
        "document links",
        move |snapshot, document, encoding| {
            let links = document
                .links()
                .into_iter()
                .filter_map(|link| {
                    let target = match &link.target {
                        LinkTarget::Url(url) => url.parse::<lsp::Uri>().ok()?,
                        LinkTarget::RelativePath(relative) => {
                            let path =
                                project::linked_file(snapshot.path.as_deref()?, relative, &roots)?;
                            lsp::Uri::from_file_path(path)?
                        }
                    };
                    Some(lsp::DocumentLink {
                        range: convert::span_to_range(&snapshot.rope, link.span, encoding),
                        target: Some(target),
                        tooltip: link.tooltip,
                        data: None,
                    })
                })
                .collect();
            Some(links)
        },
    )
    .await
}
