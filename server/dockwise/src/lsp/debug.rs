//! Requests for tests and for debugging a live session; they only read state.
//!
//! - `dockwise/debugText {uri}` → `{text, version}` of the open document, or `null`.
//! - `dockwise/debugConfig {uri}` → `{rules}`: the effective rule configuration for that file
//!   (its `dockwise.toml` overlaid with the editor settings), in the settings' own shape.
//! - `dockwise/debugHold {uri}` → `{version, released}`, debug only: a request on the document
//!   that takes the path of every feature request (its snapshot, a worker) and, once on the
//!   worker, waits until a `dockwise/debugRelease` notification arrives after the request did,
//!   at most [`HOLD_LIMIT`]. `version` is the version it read, `released` whether the
//!   notification (rather than the limit) ended the wait; `null` for a document that is not open
//!   or not analysed. Tests use it to keep a request in progress for as long as they need,
//!   without timing anything.
//! - `dockwise/debugRelease` (a notification): ends every hold requested before it.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use dockwise_analysis::RuleOverride;
use serde::{Deserialize, Serialize};
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types as lsp;

use super::documents;
use super::request::on_document_on_worker;
use super::server::Backend;

pub const TEXT: &str = "dockwise/debugText";
pub const CONFIG: &str = "dockwise/debugConfig";
pub const HOLD: &str = "dockwise/debugHold";
pub const RELEASE: &str = "dockwise/debugRelease";

/// The longest a `dockwise/debugHold` waits: a client that never releases it costs one worker
/// for this long, never forever.
pub const HOLD_LIMIT: Duration = Duration::from_secs(10);

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
#[serde(rename_all = "camelCase")]
pub struct DebugConfig {
    rules: BTreeMap<String, &'static str>,
    /// The Compose services known to build this Dockerfile, once they were looked up.
    services_building: Option<Vec<String>>,
}

#[derive(Serialize)]
pub struct DebugHold {
    version: i32,
    released: bool,
}

/// The `dockwise/debugRelease` notifications received so far, for holds to wait on.
#[derive(Default)]
pub struct Holds {
    releases: Mutex<u64>,
    released: Condvar,
}

impl Holds {
    /// How many releases came so far: a hold taken now waits for one more.
    fn releases(&self) -> u64 {
        *self.releases.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn release(&self) {
        *self.releases.lock().unwrap_or_else(PoisonError::into_inner) += 1;
        self.released.notify_all();
    }

    /// Block until more than `seen` releases came (`true`) or `limit` passed (`false`).
    fn wait_past(&self, seen: u64, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        let mut releases = self.releases.lock().unwrap_or_else(PoisonError::into_inner);
        while *releases <= seen {
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            releases = self
                .released
                .wait_timeout(releases, deadline - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        true
    }
}

impl Backend {
    pub async fn debug_text(&self, params: UriParams) -> jsonrpc::Result<Option<DebugText>> {
        let snapshot = self.documents.get(&params.uri);
        Ok(snapshot.map(|snapshot| DebugText {
            text: snapshot.rope.to_string(),
            version: snapshot.version,
        }))
    }

    pub async fn debug_hold(&self, params: UriParams) -> jsonrpc::Result<Option<DebugHold>> {
        let holds = self.debug_holds.clone();
        // Counted on arrival, so that a release sent after this request always ends the hold,
        // even one that comes before the worker starts waiting.
        let seen = holds.releases();
        on_document_on_worker(self, &params.uri, "debug hold", move |snapshot, _, _| {
            let released = holds.wait_past(seen, HOLD_LIMIT);
            Some(DebugHold {
                version: snapshot.version,
                released,
            })
        })
        .await
    }

    pub async fn debug_release(&self) {
        self.debug_holds.release();
    }

    pub async fn debug_config(&self, params: UriParams) -> jsonrpc::Result<DebugConfig> {
        let path = documents::file_path(&params.uri);
        let config = self.config_for(path.as_deref()).await;
        let services_building = path
            .and_then(|path| self.config.cached_services_building(&path))
            .map(|services| {
                services
                    .iter()
                    .map(|service| service.name.clone())
                    .collect()
            });
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
        Ok(DebugConfig {
            rules,
            services_building,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::thread;

    use super::*;

    #[test]
    fn a_hold_ends_at_the_next_release_or_at_its_limit() {
        let holds = Arc::new(Holds::default());
        let seen = holds.releases();
        assert!(
            !holds.wait_past(seen, Duration::from_millis(1)),
            "no release yet"
        );
        let waiting = {
            let holds = holds.clone();
            thread::spawn(move || holds.wait_past(seen, Duration::from_secs(30)))
        };
        holds.release();
        assert!(waiting.join().unwrap());
        // Released before it waits: a hold never misses a release that came after it.
        assert!(holds.wait_past(seen, Duration::ZERO));
        assert!(!holds.wait_past(holds.releases(), Duration::ZERO));
    }
}
