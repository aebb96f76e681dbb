//! The `LanguageServer` implementation: protocol plumbing that hands each feature to its module.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use dockwise_analysis::{Config, FileKind};
use serde_json::Value;
use tower_lsp_server::jsonrpc::{self, Error};
use tower_lsp_server::ls_types::{self as lsp, MessageType};
use tower_lsp_server::{Client, LanguageServer};

use super::capabilities::{self, ClientFeatures};
use super::code_actions;
use super::completion;
use super::compose_jump;
use super::config::{self, ConfigStore};
use super::convert::{self, Encoding};
use super::debug::Holds;
use super::diagnostics_cache::DiagnosticsCache;
use super::documents::{self, Documents, Snapshot};
use super::explain;
use super::formatting;
use super::inlay_hints::{self, InlayHintSettings};
use super::panic::guarded;
use super::request::{internal_error, on_document};
use super::signature_help;
use super::workers::{self, Workers};
use super::{links, navigation, structure, tokens};
use crate::project::CONFIG_FILE;

pub struct Backend {
    client: Client,
    pub(super) documents: Arc<Documents>,
    diagnostics: Arc<DiagnosticsCache>,
    pub(super) config: Arc<ConfigStore>,
    pub(super) inlay_hint_settings: InlayHintSettings,
    /// Where requests and diagnostics are computed: off the thread that applies edits.
    pub(super) workers: Workers,
    /// For `dockwise/debugHold`.
    pub(super) debug_holds: Arc<Holds>,
    /// Completion documentation kept for `completionItem/resolve`.
    completion_documentation: Arc<completion::Deferred>,
    features: OnceLock<ClientFeatures>,
    /// Held from the staleness check until the notification is queued, so diagnostics for an
    /// older version can never reach the client after those for a newer one.
    publishing: tokio::sync::Mutex<()>,
    /// Set by `shutdown`: decides the exit code.
    shut_down: Arc<AtomicBool>,
}

impl Backend {
    pub fn new(client: Client, shut_down: Arc<AtomicBool>) -> Backend {
        Backend {
            client,
            documents: Arc::default(),
            diagnostics: Arc::default(),
            config: Arc::default(),
            inlay_hint_settings: InlayHintSettings::default(),
            workers: Workers::default(),
            debug_holds: Arc::default(),
            completion_documentation: Arc::default(),
            features: OnceLock::new(),
            publishing: tokio::sync::Mutex::new(()),
            shut_down,
        }
    }

    pub(super) fn features(&self) -> ClientFeatures {
        self.features
            .get()
            .copied()
            .unwrap_or(ClientFeatures::BASELINE)
    }

    pub(super) fn encoding(&self) -> Encoding {
        self.features().encoding
    }

    /// To stderr and the client's log. Never pass document text.
    async fn log(&self, level: MessageType, message: String) {
        let label = match level {
            MessageType::ERROR => "error",
            MessageType::WARNING => "warning",
            MessageType::INFO => "info",
            _ => "log",
        };
        eprintln!("dockwise: {label}: {message}");
        self.client.log_message(level, message).await;
    }

    async fn warn_user(&self, message: String) {
        self.log(MessageType::WARNING, message.clone()).await;
        self.client
            .show_message(MessageType::WARNING, message)
            .await;
    }

    /// The effective configuration for a document at `path` (`None`: not a local file).
    pub(super) async fn config_for(&self, path: Option<&Path>) -> Config {
        let resolved = self.config.resolve(path);
        if let Some(warning) = resolved.warning {
            self.warn_user(warning).await;
        }
        resolved.config
    }

    /// Whether diagnostics computed for `snapshot` under the configuration `generation` are
    /// still worth publishing.
    fn is_current(&self, snapshot: &Snapshot, generation: u64) -> bool {
        self.documents.is_current(snapshot) && self.config.generation() == generation
    }

    /// Compute and publish the diagnostics of `snapshot`, unless a newer version (or newer
    /// settings) made them stale.
    ///
    /// The analysis of a document bigger than [`workers::INLINE_BYTES`] runs on a worker (the
    /// diagnostics lane of [`Workers`]), not inline: on a big file it takes long enough that,
    /// inline, the next `didChange`s and every request would wait for it, only to find its result
    /// stale. Off the runtime thread, later edits are applied meanwhile; a version that waited
    /// for its turn while a newer one arrived is skipped before being analysed, and one analysed
    /// meanwhile is dropped at the end. Order still holds:
    /// diagnostics are published only for the current revision and configuration, checked
    /// under `publishing` until the notification is queued, so an older version's can never
    /// follow a newer one's (a newer configuration is published by `publish_all`, which every
    /// change of it triggers).
    async fn publish(&self, snapshot: Snapshot) {
        if snapshot.document.is_none() {
            return;
        }
        // In a burst of edits only the latest version is worth analysing.
        if !self.documents.is_current(&snapshot) {
            return;
        }
        let generation = self.config.generation();
        let config = self.config_for(snapshot.path.as_deref()).await;
        let encoding = self.encoding();
        let (store, cache, documents, job) = (
            self.config.clone(),
            self.diagnostics.clone(),
            self.documents.clone(),
            snapshot.clone(),
        );
        let analyse = move || {
            let document = job.document.as_ref()?;
            let surroundings = store.surroundings(job.path.as_deref(), document.kind());
            let diagnostics =
                cache.get_or_compute_while_open(&documents, &job, document, &config, &surroundings);
            let diagnostics = diagnostics
                .iter()
                .map(|d| convert::diagnostic(&job.rope, encoding, d))
                .collect::<Vec<_>>();
            Some(diagnostics)
        };
        // A small document is analysed inline: it is quick, and a worker would only add latency.
        let diagnostics = if snapshot.rope.len_bytes() <= workers::INLINE_BYTES {
            guarded("diagnostics", analyse)
        } else {
            let turn = self.workers.diagnostics_turn().await;
            if !self.is_current(&snapshot, generation) {
                return;
            }
            turn.run("diagnostics", analyse).await
        };
        let diagnostics = match diagnostics {
            Ok(Some(diagnostics)) => diagnostics,
            Ok(None) => return,
            Err(message) => return self.log(MessageType::ERROR, message).await,
        };
        let _turn = self.publishing.lock().await;
        if self.is_current(&snapshot, generation) {
            self.client
                .publish_diagnostics(snapshot.uri, diagnostics, Some(snapshot.version))
                .await;
        }
    }

    async fn publish_all(&self) {
        for snapshot in self.documents.all() {
            self.publish(snapshot).await;
        }
    }

    async fn apply_settings(&self, section: &Value) {
        self.inlay_hint_settings.apply(section);
        match config::parse_settings(section) {
            Ok(editor) => self.config.set_editor(editor),
            Err(message) => {
                self.config.set_editor(Config::default());
                self.warn_user(format!(
                    "dockwise settings: {message}; using the default rules"
                ))
                .await;
            }
        }
    }

    /// Ask the client for the `dockwise` section; a failed request keeps the current settings.
    async fn pull_settings(&self) {
        let item = lsp::ConfigurationItem {
            scope_uri: None,
            section: Some("dockwise".to_owned()),
        };
        match self.client.configuration(vec![item]).await {
            Ok(values) => {
                self.apply_settings(values.first().unwrap_or(&Value::Null))
                    .await
            }
            Err(err) => {
                let message = format!(
                    "workspace/configuration failed ({}); keeping the current settings",
                    err.message
                );
                self.log(MessageType::WARNING, message).await;
            }
        }
    }

    async fn register_watchers(&self) {
        let features = self.features();
        let mut registrations = Vec::new();
        if features.register_watched_files {
            let options = lsp::DidChangeWatchedFilesRegistrationOptions {
                watchers: [
                    format!("**/{CONFIG_FILE}"),
                    "**/.hadolint.{yaml,yml}".to_owned(),
                    "**/*.dockerignore".to_owned(),
                    "**/.dockerignore".to_owned(),
                    // Read by Compose files: the Dockerfiles they build, their `.env`.
                    "**/{Dockerfile,Containerfile}{,.*}".to_owned(),
                    "**/*.{Dockerfile,dockerfile,Containerfile}".to_owned(),
                    "**/.env".to_owned(),
                    // Read for a Dockerfile: the Compose files whose services build it.
                    "**/{compose,docker-compose}*.{yml,yaml}".to_owned(),
                ]
                .into_iter()
                .map(|glob| lsp::FileSystemWatcher {
                    glob_pattern: lsp::GlobPattern::String(glob),
                    kind: None,
                })
                .collect(),
            };
            registrations.push(lsp::Registration {
                id: "dockwise-toml".to_owned(),
                method: "workspace/didChangeWatchedFiles".to_owned(),
                register_options: serde_json::to_value(options).ok(),
            });
        }
        if features.register_configuration_change {
            registrations.push(lsp::Registration {
                id: "dockwise-settings".to_owned(),
                method: "workspace/didChangeConfiguration".to_owned(),
                register_options: None,
            });
        }
        if registrations.is_empty() {
            return;
        }
        if let Err(err) = self.client.register_capability(registrations).await {
            self.log(
                MessageType::WARNING,
                format!("client/registerCapability failed: {}", err.message),
            )
            .await;
        }
    }

    async fn project_files_changed(&self) {
        self.config.invalidate_files();
        self.publish_all().await;
        for snapshot in self.documents.all() {
            self.look_up_compose_services(&snapshot).await;
        }
    }

    /// The code action on a Dockerfile's FROM line lists the Compose services that build it.
    /// Finding them reads the Compose files around it: do that now, on a worker, so that the
    /// first lightbulb on that line finds them known instead of reading files while it waits.
    async fn look_up_compose_services(&self, snapshot: &Snapshot) {
        let is_dockerfile = snapshot
            .document
            .as_ref()
            .is_some_and(|document| document.kind() == FileKind::Dockerfile);
        let Some(path) = snapshot.path.clone().filter(|_| is_dockerfile) else {
            return;
        };
        let store = self.config.clone();
        let job = move || drop(store.services_building(&path));
        if let Err(message) = self.workers.request("compose service lookup", job).await {
            self.log(MessageType::ERROR, message).await;
        }
    }
}

fn is_project_file(uri: &lsp::Uri) -> bool {
    documents::file_path(uri).is_some_and(|path| {
        path.file_name()
            .and_then(|name| name.to_str())
            .is_some_and(crate::project::is_project_file_name)
    })
}

fn workspace_roots(params: &lsp::InitializeParams) -> Vec<PathBuf> {
    match &params.workspace_folders {
        Some(folders) => folders
            .iter()
            .filter_map(|folder| documents::file_path(&folder.uri))
            .collect(),
        #[allow(deprecated)] // Clients without workspace folders still send a root.
        None => params
            .root_uri
            .iter()
            .filter_map(documents::file_path)
            .collect(),
    }
}

impl LanguageServer for Backend {
    async fn initialize(
        &self,
        params: lsp::InitializeParams,
    ) -> jsonrpc::Result<lsp::InitializeResult> {
        let features = *self
            .features
            .get_or_init(|| ClientFeatures::from_client(&params.capabilities));
        self.config.set_workspace_roots(workspace_roots(&params));
        if let Some(options) = &params.initialization_options {
            self.apply_settings(options).await;
        }
        let client = params
            .client_info
            .as_ref()
            .map_or("an unnamed client", |info| info.name.as_str());
        let message = format!(
            "dockwise {} serving {client}, positions in {:?}",
            env!("CARGO_PKG_VERSION"),
            features.encoding
        );
        self.log(MessageType::INFO, message).await;
        Ok(lsp::InitializeResult {
            capabilities: capabilities::server_capabilities(&features),
            server_info: Some(lsp::ServerInfo {
                name: "dockwise".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
            ..lsp::InitializeResult::default()
        })
    }

    async fn initialized(&self, _: lsp::InitializedParams) {
        if self.features().configuration {
            self.pull_settings().await;
            self.publish_all().await;
        }
        self.register_watchers().await;
    }

    async fn shutdown(&self) -> jsonrpc::Result<()> {
        self.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: lsp::DidOpenTextDocumentParams) {
        let snapshot = self.documents.open(params.text_document);
        self.publish(snapshot.clone()).await;
        self.look_up_compose_services(&snapshot).await;
    }

    async fn did_change(&self, params: lsp::DidChangeTextDocumentParams) {
        // Applied before the first await: a later change cannot overtake this one.
        let uri = params.text_document.uri.clone();
        match self.documents.change(params, self.encoding()) {
            Some(snapshot) => self.publish(snapshot).await,
            None => {
                self.log(
                    MessageType::WARNING,
                    format!("ignoring a change to {} which is not open", uri.as_str()),
                )
                .await
            }
        }
    }

    async fn did_save(&self, params: lsp::DidSaveTextDocumentParams) {
        if is_project_file(&params.text_document.uri) {
            self.project_files_changed().await;
        }
    }

    async fn did_close(&self, params: lsp::DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.diagnostics.forget(&uri);
        if self.documents.close(&uri) {
            let _turn = self.publishing.lock().await;
            // Reopened meanwhile: its own diagnostics stand.
            if self.documents.get(&uri).is_none() {
                self.client.publish_diagnostics(uri, Vec::new(), None).await;
            }
        }
    }

    async fn did_change_configuration(&self, params: lsp::DidChangeConfigurationParams) {
        if self.features().configuration {
            self.pull_settings().await;
        } else {
            self.apply_settings(params.settings.get("dockwise").unwrap_or(&Value::Null))
                .await;
        }
        self.publish_all().await;
    }

    async fn did_change_watched_files(&self, params: lsp::DidChangeWatchedFilesParams) {
        if params
            .changes
            .iter()
            .any(|change| is_project_file(&change.uri))
        {
            self.project_files_changed().await;
        }
    }

    async fn hover(&self, params: lsp::HoverParams) -> jsonrpc::Result<Option<lsp::Hover>> {
        let position = params.text_document_position_params;
        let config = self.config.clone();
        on_document(
            self,
            &position.text_document.uri,
            "hover",
            move |snapshot, document, encoding| {
                let surroundings = config.surroundings(snapshot.path.as_deref(), document.kind());
                let offset =
                    convert::position_to_offset(&snapshot.rope, position.position, encoding);
                document
                    .hover_with(offset, &surroundings)
                    .map(|hover| convert::hover(&snapshot.rope, encoding, hover))
            },
        )
        .await
    }

    async fn completion(
        &self,
        params: lsp::CompletionParams,
    ) -> jsonrpc::Result<Option<lsp::CompletionResponse>> {
        let position = params.text_document_position;
        let features = self.features();
        let deferred = features
            .resolve_documentation
            .then(|| self.completion_documentation.clone());
        let config = self.config.clone();
        on_document(
            self,
            &position.text_document.uri,
            "completion",
            move |snapshot, document, encoding| {
                let surroundings = config.surroundings(snapshot.path.as_deref(), document.kind());
                completion::completion(&completion::Request {
                    document,
                    surroundings: &surroundings,
                    rope: &snapshot.rope,
                    encoding,
                    position: position.position,
                    snippets: features.snippets,
                    deferred: deferred.as_deref(),
                })
            },
        )
        .await
    }

    async fn completion_resolve(
        &self,
        item: lsp::CompletionItem,
    ) -> jsonrpc::Result<lsp::CompletionItem> {
        Ok(self.completion_documentation.resolve(item))
    }

    async fn signature_help(
        &self,
        params: lsp::SignatureHelpParams,
    ) -> jsonrpc::Result<Option<lsp::SignatureHelp>> {
        let position = params.text_document_position_params;
        on_document(
            self,
            &position.text_document.uri,
            "signature help",
            move |snapshot, document, encoding| {
                signature_help::signature_help(
                    document,
                    &snapshot.rope,
                    encoding,
                    position.position,
                )
            },
        )
        .await
    }

    async fn goto_definition(
        &self,
        params: lsp::GotoDefinitionParams,
    ) -> jsonrpc::Result<Option<lsp::GotoDefinitionResponse>> {
        navigation::definition(self, params).await
    }

    async fn references(
        &self,
        params: lsp::ReferenceParams,
    ) -> jsonrpc::Result<Option<Vec<lsp::Location>>> {
        navigation::references(self, params).await
    }

    async fn document_highlight(
        &self,
        params: lsp::DocumentHighlightParams,
    ) -> jsonrpc::Result<Option<Vec<lsp::DocumentHighlight>>> {
        navigation::highlights(self, params).await
    }

    async fn prepare_rename(
        &self,
        params: lsp::TextDocumentPositionParams,
    ) -> jsonrpc::Result<Option<lsp::PrepareRenameResponse>> {
        navigation::prepare_rename(self, params).await
    }

    async fn rename(
        &self,
        params: lsp::RenameParams,
    ) -> jsonrpc::Result<Option<lsp::WorkspaceEdit>> {
        navigation::rename(self, params).await
    }

    async fn document_symbol(
        &self,
        params: lsp::DocumentSymbolParams,
    ) -> jsonrpc::Result<Option<lsp::DocumentSymbolResponse>> {
        structure::document_symbols(self, params).await
    }

    async fn symbol(
        &self,
        params: lsp::WorkspaceSymbolParams,
    ) -> jsonrpc::Result<Option<lsp::WorkspaceSymbolResponse>> {
        structure::workspace_symbols(self, params).await
    }

    async fn folding_range(
        &self,
        params: lsp::FoldingRangeParams,
    ) -> jsonrpc::Result<Option<Vec<lsp::FoldingRange>>> {
        structure::folding_ranges(self, params).await
    }

    async fn selection_range(
        &self,
        params: lsp::SelectionRangeParams,
    ) -> jsonrpc::Result<Option<Vec<lsp::SelectionRange>>> {
        structure::selection_ranges(self, params).await
    }

    async fn semantic_tokens_full(
        &self,
        params: lsp::SemanticTokensParams,
    ) -> jsonrpc::Result<Option<lsp::SemanticTokensResult>> {
        tokens::full(self, params).await
    }

    async fn semantic_tokens_range(
        &self,
        params: lsp::SemanticTokensRangeParams,
    ) -> jsonrpc::Result<Option<lsp::SemanticTokensRangeResult>> {
        tokens::range(self, params).await
    }

    async fn inlay_hint(
        &self,
        params: lsp::InlayHintParams,
    ) -> jsonrpc::Result<Option<Vec<lsp::InlayHint>>> {
        inlay_hints::inlay_hints(self, params).await
    }

    async fn document_link(
        &self,
        params: lsp::DocumentLinkParams,
    ) -> jsonrpc::Result<Option<Vec<lsp::DocumentLink>>> {
        links::document_links(self, params).await
    }

    async fn code_action(
        &self,
        params: lsp::CodeActionParams,
    ) -> jsonrpc::Result<Option<lsp::CodeActionResponse>> {
        let Some(snapshot) = self.documents.get(&params.text_document.uri) else {
            return Ok(None);
        };
        if snapshot.document.is_none() {
            return Ok(None);
        }
        let config = self.config_for(snapshot.path.as_deref()).await;
        let encoding = self.encoding();
        let (store, cache, documents) = (
            self.config.clone(),
            self.diagnostics.clone(),
            self.documents.clone(),
        );
        // Answered from the last publish's diagnostics (the usual case: editors ask on every
        // cursor move), the work is small whatever the document's size: no worker needed.
        let cached = self
            .config
            .cached_surroundings(snapshot.path.as_deref())
            .and_then(|surroundings| self.diagnostics.cached(&snapshot, &config, &surroundings));
        let bytes = if cached.is_some() {
            0
        } else {
            snapshot.rope.len_bytes()
        };
        self.workers
            .request_sized("code actions", bytes, move || {
                let document = snapshot.document.as_ref()?;
                let surroundings = store.surroundings(snapshot.path.as_deref(), document.kind());
                let request = code_actions::Request {
                    uri: &snapshot.uri,
                    rope: &snapshot.rope,
                    encoding,
                    span: convert::range_to_span(&snapshot.rope, params.range, encoding),
                    only: params.context.only.as_deref(),
                };
                let diagnostics = match cached {
                    Some(diagnostics) => diagnostics,
                    None => cache.get_or_compute_while_open(
                        &documents,
                        &snapshot,
                        document,
                        &config,
                        &surroundings,
                    ),
                };
                let mut actions = code_actions::code_actions(&request, &diagnostics);
                actions.extend(code_actions::suppression_actions(
                    &request,
                    &diagnostics,
                    |d| document.suppression_fixes(d),
                ));
                if let Some(path) = snapshot.path.as_deref() {
                    actions.extend(compose_jump::actions(
                        document,
                        &snapshot.rope,
                        path,
                        params.range.start.line as usize,
                        request.only,
                        |path| store.services_building(path),
                        encoding,
                    ));
                }
                Some(actions)
            })
            .await
            .map_err(internal_error)
    }

    async fn formatting(
        &self,
        params: lsp::DocumentFormattingParams,
    ) -> jsonrpc::Result<Option<Vec<lsp::TextEdit>>> {
        on_document(
            self,
            &params.text_document.uri,
            "formatting",
            move |snapshot, _, encoding| formatting::document(snapshot, encoding, &params.options),
        )
        .await
    }

    async fn range_formatting(
        &self,
        params: lsp::DocumentRangeFormattingParams,
    ) -> jsonrpc::Result<Option<Vec<lsp::TextEdit>>> {
        on_document(
            self,
            &params.text_document.uri,
            "range formatting",
            move |snapshot, _, encoding| {
                formatting::range(snapshot, encoding, params.range, &params.options)
            },
        )
        .await
    }

    async fn on_type_formatting(
        &self,
        params: lsp::DocumentOnTypeFormattingParams,
    ) -> jsonrpc::Result<Option<Vec<lsp::TextEdit>>> {
        let position = params.text_document_position;
        on_document(
            self,
            &position.text_document.uri,
            "on-type formatting",
            move |snapshot, _, encoding| {
                formatting::on_type(snapshot, encoding, position.position, &params.ch)
            },
        )
        .await
    }

    async fn execute_command(
        &self,
        params: lsp::ExecuteCommandParams,
    ) -> jsonrpc::Result<Option<Value>> {
        if params.command == compose_jump::COMMAND {
            let show = compose_jump::show_document_params(&params.arguments)
                .map_err(Error::invalid_params)?;
            if let Err(err) = self.client.show_document(show).await {
                self.log(
                    MessageType::WARNING,
                    format!("window/showDocument failed: {}", err.message),
                )
                .await;
            }
            return Ok(None);
        }
        if params.command != explain::COMMAND {
            return Err(Error::invalid_params(format!(
                "unknown command `{}`",
                params.command
            )));
        }
        let Some(query) = params
            .arguments
            .first()
            .and_then(Value::as_str)
            .map(str::to_owned)
        else {
            return Err(Error::invalid_params(
                "dockwise.explain takes one argument: a knowledge id or a question",
            ));
        };
        let markdown = self
            .workers
            .request("explain", move || explain::explain_markdown(&query))
            .await
            .map_err(internal_error)?;
        Ok(markdown.map(Value::String))
    }
}
