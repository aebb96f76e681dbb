//! What the client offers and what we advertise. Advertise only what is implemented: a new
//! feature adds its provider here and its handler in its own module.

use tower_lsp_server::ls_types as lsp;

use super::code_actions;
use super::completion;
use super::convert::{Encoding, EncodingKind as _};
use super::explain;
use super::formatting;
use super::signature_help;
use super::tokens;

/// The client features the server adapts to, read once from `initialize`.
#[derive(Clone, Copy, Debug)]
pub struct ClientFeatures {
    pub encoding: Encoding,
    /// Settings can be pulled with `workspace/configuration`.
    pub configuration: bool,
    pub register_watched_files: bool,
    pub register_configuration_change: bool,
    /// Completion items may carry snippets (`completionItem.snippetSupport`).
    pub snippets: bool,
    /// Completion items may leave their documentation to `completionItem/resolve`.
    pub resolve_documentation: bool,
    /// `textDocument/documentSymbol` may answer with a tree.
    pub hierarchical_symbols: bool,
}

impl ClientFeatures {
    /// Before `initialize`, nothing is assumed beyond the protocol's defaults.
    pub const BASELINE: ClientFeatures = ClientFeatures {
        encoding: Encoding::Utf16,
        configuration: false,
        register_watched_files: false,
        register_configuration_change: false,
        snippets: false,
        resolve_documentation: false,
        hierarchical_symbols: false,
    };

    pub fn from_client(capabilities: &lsp::ClientCapabilities) -> ClientFeatures {
        let workspace = capabilities.workspace.as_ref();
        let dynamic = |registration: Option<bool>| registration == Some(true);
        let completion_item = capabilities
            .text_document
            .as_ref()
            .and_then(|text| text.completion.as_ref()?.completion_item.as_ref());
        ClientFeatures {
            encoding: negotiate_encoding(capabilities),
            configuration: workspace.and_then(|w| w.configuration) == Some(true),
            register_watched_files: dynamic(
                workspace.and_then(|w| w.did_change_watched_files.as_ref()?.dynamic_registration),
            ),
            register_configuration_change: dynamic(
                workspace.and_then(|w| w.did_change_configuration.as_ref()?.dynamic_registration),
            ),
            snippets: completion_item.and_then(|item| item.snippet_support) == Some(true),
            resolve_documentation: completion_item
                .and_then(|item| item.resolve_support.as_ref())
                .is_some_and(|resolve| resolve.properties.iter().any(|p| p == "documentation")),
            hierarchical_symbols: capabilities.text_document.as_ref().and_then(|t| {
                t.document_symbol
                    .as_ref()?
                    .hierarchical_document_symbol_support
            }) == Some(true),
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
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(strings(completion::TRIGGER_CHARACTERS)),
            // Documentation is left to `completionItem/resolve` for clients that ask for it.
            resolve_provider: Some(true),
            ..lsp::CompletionOptions::default()
        }),
        signature_help_provider: Some(lsp::SignatureHelpOptions {
            trigger_characters: Some(strings(signature_help::TRIGGER_CHARACTERS)),
            retrigger_characters: Some(strings(signature_help::RETRIGGER_CHARACTERS)),
            ..lsp::SignatureHelpOptions::default()
        }),
        definition_provider: Some(lsp::OneOf::Left(true)),
        references_provider: Some(lsp::OneOf::Left(true)),
        document_highlight_provider: Some(lsp::OneOf::Left(true)),
        rename_provider: Some(lsp::OneOf::Right(lsp::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: lsp::WorkDoneProgressOptions::default(),
        })),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        workspace_symbol_provider: Some(lsp::OneOf::Left(true)),
        folding_range_provider: Some(lsp::FoldingRangeProviderCapability::Simple(true)),
        selection_range_provider: Some(lsp::SelectionRangeProviderCapability::Simple(true)),
        semantic_tokens_provider: Some(tokens::options()),
        inlay_hint_provider: Some(lsp::OneOf::Left(true)),
        document_link_provider: Some(lsp::DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: lsp::WorkDoneProgressOptions::default(),
        }),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX, code_actions::FIX_ALL]),
                resolve_provider: Some(false),
                ..lsp::CodeActionOptions::default()
            },
        )),
        execute_command_provider: Some(lsp::ExecuteCommandOptions {
            commands: vec![
                explain::COMMAND.to_owned(),
                super::compose_jump::COMMAND.to_owned(),
            ],
            ..lsp::ExecuteCommandOptions::default()
        }),
        document_formatting_provider: Some(lsp::OneOf::Left(true)),
        document_range_formatting_provider: Some(lsp::OneOf::Left(true)),
        document_on_type_formatting_provider: Some(lsp::DocumentOnTypeFormattingOptions {
            first_trigger_character: formatting::TRIGGER.to_owned(),
            more_trigger_character: None,
        }),
        ..lsp::ServerCapabilities::default()
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|item| (*item).to_owned()).collect()
}
