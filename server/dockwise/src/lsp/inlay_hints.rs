//! Inlay hints, off unless the `dockwise.inlayHints.argValues` setting turns them on: the value
//! a global ARG has where a FROM line uses it.

use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::Value;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types as lsp;

use super::convert;
use super::request::on_document;
use super::server::Backend;

/// The inlay hint settings in force.
#[derive(Default)]
pub struct InlayHintSettings {
    arg_values: AtomicBool,
}

impl InlayHintSettings {
    /// Read from the `dockwise` settings section: `{"inlayHints": {"argValues": true}}`.
    /// Anything else (missing, not a boolean) means off.
    pub fn apply(&self, section: &Value) {
        let arg_values = section
            .pointer("/inlayHints/argValues")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        self.arg_values.store(arg_values, Ordering::SeqCst);
    }

    fn arg_values(&self) -> bool {
        self.arg_values.load(Ordering::SeqCst)
    }
}

pub async fn inlay_hints(
    backend: &Backend,
    params: lsp::InlayHintParams,
) -> jsonrpc::Result<Option<Vec<lsp::InlayHint>>> {
    if !backend.inlay_hint_settings.arg_values() {
        return Ok(Some(Vec::new()));
    }
    on_document(
        backend,
        &params.text_document.uri,
        "inlay hints",
        move |snapshot, document, encoding| {
            let range = convert::range_to_span(&snapshot.rope, params.range, encoding);
            let hints = document
                .inlay_hints(range)
                .into_iter()
                .map(|hint| lsp::InlayHint {
                    position: convert::offset_to_position(&snapshot.rope, hint.offset, encoding),
                    label: lsp::InlayHintLabel::String(hint.label),
                    kind: None,
                    text_edits: None,
                    tooltip: hint.tooltip.map(lsp::InlayHintTooltip::String),
                    padding_left: Some(true),
                    padding_right: None,
                    data: None,
                })
                .collect();
            Some(hints)
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn arg_values_is_off_unless_set_to_true() {
        let settings = InlayHintSettings::default();
        assert!(!settings.arg_values());
        settings.apply(&json!({"inlayHints": {"argValues": true}}));
        assert!(settings.arg_values());
        settings.apply(&json!({"inlayHints": {"argValues": "yes"}}));
        assert!(!settings.arg_values());
        settings.apply(&json!({"inlayHints": {"argValues": true}}));
        settings.apply(&Value::Null);
        assert!(!settings.arg_values());
    }
}
