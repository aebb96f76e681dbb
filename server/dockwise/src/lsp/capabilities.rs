//! What the client offers and what we advertise. Advertise only what is implemented: a new
//! feature adds its provider here and its handler in its own module.

use tower_lsp_server::ls_types as lsp;

use super::code_actions;
use super::convert::{Encoding, EncodingKind as _};
use super::explain;

/// The client features the server adapts to, read once from `initialize`.
#[derive(Clone, Copy, Debug)]
pub struct ClientFeatures {
    pub encoding: Encoding,
    /// Settings can be pulled with `workspace/configuration`.
    pub configuration: bool,
    pub register_watched_files: bool,
    pub register_configuration_change: bool,
}

impl ClientFeatures {
    /// Before `initialize`, nothing is assumed beyond the protocol's defaults.
    pub const BASELINE: ClientFeatures = ClientFeatures {
        encoding: Encoding::Utf16,
        configuration: false,
        register_watched_files: false,
        register_configuration_change: false,
    };

    pub fn from_client(capabilities: &lsp::ClientCapabilities) -> ClientFeatures {
        let workspace = capabilities.workspace.as_ref();
        let dynamic = |registration: Option<bool>| registration == Some(true);
        ClientFeatures {
            encoding: negotiate_encoding(capabilities),
            configuration: workspace.and_then(|w| w.configuration) == Some(true),
            register_watched_files: dynamic(
                workspace.and_then(|w| w.did_change_watched_files.as_ref()?.dynamic_registration),
            ),
            register_configuration_change: dynamic(
                workspace.and_then(|w| w.did_change_configuration.as_ref()?.dynamic_registration),
            ),
        }
    }
}

/// UTF-8 when offered (no conversion work), else UTF-32 when offered, else the mandatory UTF-16.
fn negotiate_encoding(capabilities: &lsp::ClientCapabilities) -> Encoding {
    let offered = capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_deref())
        .unwrap_or_default();
    [Encoding::Utf8, Encoding::Utf32]
        .into_iter()
        .find(|encoding| offered.contains(&encoding.kind()))
        .unwrap_or(Encoding::Utf16)
}

pub fn server_capabilities(features: &ClientFeatures) -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(features.encoding.kind()),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                // Saves of a dockwise.toml refresh the configuration.
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..lsp::TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX, code_actions::FIX_ALL]),
                resolve_provider: Some(false),
                ..lsp::CodeActionOptions::default()
            },
        )),
        execute_command_provider: Some(lsp::ExecuteCommandOptions {
            commands: vec![explain::COMMAND.to_owned()],
            ..lsp::ExecuteCommandOptions::default()
        }),
        ..lsp::ServerCapabilities::default()
    }
}
