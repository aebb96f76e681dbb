//! Requests for tests and for debugging a live session; they only read state.
//!
//! - `dockwise/debugText {uri}` → `{text, version}` of the open document, or `null`.
//! - `dockwise/debugConfig {uri}` → `{rules}`: the effective rule configuration for that file
//!   (its `dockwise.toml` overlaid with the editor settings), in the settings' own shape.

use std::collections::BTreeMap;

use dockwise_analysis::RuleOverride;
use serde::{Deserialize, Serialize};
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types as lsp;

use super::documents;
use super::server::Backend;

pub const TEXT: &str = "dockwise/debugText";
pub const CONFIG: &str = "dockwise/debugConfig";

#[derive(Deserialize)]
pub struct UriParams {
    uri: lsp::Uri,
}

#[derive(Serialize)]
pub struct DebugText {
    text: String,
    version: i32,
}

#[derive(Serialize)]
pub struct DebugConfig {
    rules: BTreeMap<String, &'static str>,
}

impl Backend {
    pub async fn debug_text(&self, params: UriParams) -> jsonrpc::Result<Option<DebugText>> {
        let snapshot = self.documents.get(&params.uri);
        Ok(snapshot.map(|snapshot| DebugText {
            text: snapshot.rope.to_string(),
            version: snapshot.version,
        }))
    }

    pub async fn debug_config(&self, params: UriParams) -> jsonrpc::Result<DebugConfig> {
        let config = self
            .config_for(documents::file_path(&params.uri).as_deref())
            .await;
        let rules = config
            .rules
            .into_iter()
            .map(|(name, value)| {
                let value = match value {
                    RuleOverride::Off => "off",
                    RuleOverride::On => "on",
                    RuleOverride::Severity(severity) => severity.as_str(),
                };
                (name, value)
            })
            .collect();
        Ok(DebugConfig { rules })
    }
}
