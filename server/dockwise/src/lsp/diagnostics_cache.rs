//! The diagnostics last computed for each open document, so that code actions (which VS Code
//! asks for on every cursor move) reuse what the last publish computed instead of reanalysing
//! the whole file. An entry is reused only for the same document revision, configuration and
//! surroundings, so it can never be stale.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use dockwise_analysis::{Config, Diagnostic, Document, Surroundings};
use tower_lsp_server::ls_types as lsp;

use super::documents::{Documents, Snapshot};

#[derive(Default)]
pub struct DiagnosticsCache {
    entries: Mutex<HashMap<lsp::Uri, Entry>>,
}

struct Entry {
    revision: u64,
    config: Config,
    surroundings: Surroundings,
    diagnostics: Arc<Vec<Diagnostic>>,
}

impl DiagnosticsCache {
    /// The diagnostics of this snapshot's document under `config`, if they were computed.
    pub fn cached(
        &self,
        snapshot: &Snapshot,
        config: &Config,
        surroundings: &Surroundings,
    ) -> Option<Arc<Vec<Diagnostic>>> {
        self.lock()
            .get(&snapshot.uri)
            .filter(|entry| {
                entry.revision == snapshot.revision
                    && entry.config == *config
                    && entry.surroundings == *surroundings
            })
            .map(|entry| entry.diagnostics.clone())
    }

    /// The diagnostics of this snapshot's document under `config`, computed at most once.
    pub fn get_or_compute(
        &self,
        snapshot: &Snapshot,
        document: &Document,
        config: &Config,
        surroundings: &Surroundings,
    ) -> Arc<Vec<Diagnostic>> {
        if let Some(diagnostics) = self.cached(snapshot, config, surroundings) {
            return diagnostics;
        }
        // Computed without the lock: another document's request need not wait for this one.
        let diagnostics = Arc::new(document.diagnostics_with(config, surroundings));
        let mut entries = self.lock();
        let newer_cached = entries
            .get(&snapshot.uri)
            .is_some_and(|entry| entry.revision > snapshot.revision);
        if !newer_cached {
            entries.insert(
                snapshot.uri.clone(),
                Entry {
                    revision: snapshot.revision,
                    config: config.clone(),
                    surroundings: surroundings.clone(),
                    diagnostics: diagnostics.clone(),
                },
            );
        }
        diagnostics
    }

    /// [`DiagnosticsCache::get_or_compute`] on a worker, which may finish after `didClose`
    /// forgot the document: its entry must not stay behind.
    pub fn get_or_compute_while_open(
        &self,
        documents: &Documents,
        snapshot: &Snapshot,
        document: &Document,
        config: &Config,
        surroundings: &Surroundings,
    ) -> Arc<Vec<Diagnostic>> {
        let diagnostics = self.get_or_compute(snapshot, document, config, surroundings);
        // After the entry was stored: whichever of this and the close comes last forgets it.
        if !documents.is_open(&snapshot.uri) {
            self.forget(&snapshot.uri);
        }
        diagnostics
    }

    pub fn forget(&self, uri: &lsp::Uri) {
        self.lock().remove(uri);
    }

    /// A panic elsewhere while the lock was held leaves plain data behind: keep using it.
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<lsp::Uri, Entry>> {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use dockwise_analysis::{FileKind, RuleOverride};
    use ropey::Rope;

    use super::*;

    fn snapshot(revision: u64, text: &str) -> Snapshot {
        Snapshot {
            uri: lsp::Uri::from_str("file:///project/Dockerfile").unwrap(),
            version: 1,
            revision,
            rope: Rope::from_str(text),
            path: None,
            document: Some(Document::new(FileKind::Dockerfile, Arc::from(text))),
        }
    }

    fn codes(diagnostics: &[Diagnostic]) -> Vec<&str> {
        diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn reuses_only_for_the_same_revision_config_and_surroundings() {
        let cache = DiagnosticsCache::default();
        let surroundings = Surroundings::default();
        let first = snapshot(1, "FROM alpine:3.20\nMAINTAINER me\n");
        let document = first.document.clone().unwrap();
        let config = Config::default();
        let computed = cache.get_or_compute(&first, &document, &config, &surroundings);
        assert!(codes(&computed).contains(&"maintainer-deprecated"));
        let again = cache.get_or_compute(&first, &document, &config, &surroundings);
        assert!(
            Arc::ptr_eq(&computed, &again),
            "same revision and config: reused"
        );

        let mut quiet = Config::default();
        quiet
            .rules
            .insert("maintainer-deprecated".to_string(), RuleOverride::Off);
        let reconfigured = cache.get_or_compute(&first, &document, &quiet, &surroundings);
        assert!(!codes(&reconfigured).contains(&"maintainer-deprecated"));

        let edited = snapshot(2, "FROM alpine:3.20\n");
        let document = edited.document.clone().unwrap();
        let fresh = cache.get_or_compute(&edited, &document, &quiet, &surroundings);
        assert!(codes(&fresh).is_empty(), "{:?}", codes(&fresh));

        cache.forget(&edited.uri);
        assert!(cache.lock().is_empty());
    }

    #[test]
    fn a_computation_that_ends_after_the_close_leaves_no_entry() {
        let cache = DiagnosticsCache::default();
        let documents = Documents::default();
        let text = "FROM alpine:3.20\nMAINTAINER me\n";
        let opened = documents.open(lsp::TextDocumentItem {
            uri: lsp::Uri::from_str("file:///project/Dockerfile").unwrap(),
            language_id: "dockerfile".to_owned(),
            version: 1,
            text: text.to_owned(),
        });
        let document = opened.document.clone().unwrap();
        let (config, surroundings) = (Config::default(), Surroundings::default());
        cache.get_or_compute_while_open(&documents, &opened, &document, &config, &surroundings);
        assert_eq!(cache.lock().len(), 1, "open: kept for code actions");
        // `didClose` forgets the entry while a worker still computes; the worker ends after it.
        assert!(documents.close(&opened.uri));
        cache.forget(&opened.uri);
        let late = snapshot(opened.revision + 1, text);
        let computed =
            cache.get_or_compute_while_open(&documents, &late, &document, &config, &surroundings);
        assert!(codes(&computed).contains(&"maintainer-deprecated"));
        assert!(cache.lock().is_empty());
    }
}
