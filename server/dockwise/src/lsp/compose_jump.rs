//! From a Dockerfile to the Compose services that build it: on a FROM line, a code action
//! "Open compose service `api`" whose command asks the client to show that service
//! (`window/showDocument`). The other direction is a document link on `build:` in Compose files.

use std::sync::Arc;

use dockwise_analysis::{Document, FileKind};
use ropey::Rope;
use serde_json::{Value, json};
use tower_lsp_server::ls_types as lsp;

use super::convert::{self, Encoding};
use crate::project;

pub const COMMAND: &str = "dockwise.openComposeService";

/// The actions for a request at `line` of a Dockerfile on disk (`path`); none elsewhere.
pub fn actions(
    document: &Document,
    rope: &Rope,
    path: &std::path::Path,
    line: usize,
    only: Option<&[lsp::CodeActionKind]>,
    services_building: impl FnOnce(&std::path::Path) -> Arc<Vec<project::BuildingService>>,
    encoding: Encoding,
) -> Vec<lsp::CodeActionOrCommand> {
    // Offered only when the client lists no kinds: this is navigation, not a fix.
    if document.kind() != FileKind::Dockerfile || only.is_some() {
        return Vec::new();
    }
    let on_from = rope
        .get_line(line)
        .map(|text| text.to_string())
        .is_some_and(|text| {
            text.trim_start()
                .get(..4)
                .is_some_and(|keyword| keyword.eq_ignore_ascii_case("FROM"))
        });
    if !on_from {
        return Vec::new();
    }
    services_building(path)
        .iter()
        .filter_map(|service| {
            let uri = lsp::Uri::from_file_path(&service.file)?;
            let compose_rope = Rope::from_str(&service.text);
            let range = convert::span_to_range(&compose_rope, service.span, encoding);
            let file_name = service
                .file
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            let title = format!("Open compose service `{}` ({file_name})", service.name);
            Some(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: title.clone(),
                command: Some(lsp::Command {
                    title,
                    command: COMMAND.to_owned(),
                    arguments: Some(vec![json!(uri.as_str()), json!(range)]),
                }),
                ..lsp::CodeAction::default()
            }))
        })
        .collect()
}

/// The `window/showDocument` parameters of a command built by [`actions`].
pub fn show_document_params(arguments: &[Value]) -> Result<lsp::ShowDocumentParams, String> {
    let usage = || format!("{COMMAND} takes a file URI and a range");
    let uri = arguments
        .first()
        .and_then(Value::as_str)
        .and_then(|uri| uri.parse::<lsp::Uri>().ok())
        .ok_or_else(usage)?;
    let range: lsp::Range = arguments
        .get(1)
        .cloned()
        .and_then(|range| serde_json::from_value(range).ok())
        .ok_or_else(usage)?;
    Ok(lsp::ShowDocumentParams {
        uri,
        external: None,
        take_focus: Some(true),
        selection: Some(range),
    })
}
