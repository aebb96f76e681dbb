//! Effective configuration per document: the nearest `dockwise.toml` overlaid with the editor's
//! `dockwise` settings (the editor wins).
//!
//! The only files ever read are `dockwise.toml`s in the document's ancestor directories, up to
//! the innermost workspace folder containing it (or the filesystem root when none does).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use dockwise_analysis::{Config, ConfigError, FileKind, Surroundings};

use crate::project;

#[derive(Default)]
pub struct ConfigStore {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// Counts the changes that can change an answer (settings, files, workspace folders).
    generation: u64,
    workspace_roots: Vec<PathBuf>,
    editor: Config,
    /// Document directory -> the `dockwise.toml` that governs it, if any.
    nearest: HashMap<PathBuf, Option<PathBuf>>,
    /// Parsed files; `None` for a broken one (it counts as empty).
    files: HashMap<PathBuf, Option<Config>>,
    /// Document directory -> the `.hadolint.yaml` that governs it, if any.
    nearest_hadolint: HashMap<PathBuf, Option<PathBuf>>,
    /// Document path -> the files around it (its `.dockerignore`).
    surroundings: HashMap<PathBuf, Surroundings>,
    /// Dockerfile path -> the Compose services that build it.
    building: HashMap<PathBuf, Arc<Vec<project::BuildingService>>>,
}

/// The configuration for one document, and a problem to tell the user about (once per read).
pub struct Resolved {
    pub config: Config,
    pub warning: Option<String>,
}

impl ConfigStore {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn set_workspace_roots(&self, roots: Vec<PathBuf>) {
        let mut inner = self.lock();
        inner.generation += 1;
        inner.workspace_roots = roots;
        inner.nearest.clear();
        inner.building.clear();
    }

    pub fn workspace_roots(&self) -> Vec<PathBuf> {
        self.lock().workspace_roots.clone()
    }

    pub fn set_editor(&self, editor: Config) {
        let mut inner = self.lock();
        inner.generation += 1;
        inner.editor = editor;
    }

    /// Changes whenever the configuration or the files around documents may have changed: what
    /// was computed under an older generation is out of date.
    pub fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// Forget every file read: one was created, changed or deleted.
    pub fn invalidate_files(&self) {
        let mut inner = self.lock();
        inner.generation += 1;
        inner.nearest.clear();
        inner.files.clear();
        inner.nearest_hadolint.clear();
        inner.surroundings.clear();
        inner.building.clear();
    }

    /// The Compose services that build the Dockerfile at `dockerfile` (looked for once until
    /// the files or workspace folders change: it reads and parses Compose files).
    pub fn services_building(&self, dockerfile: &Path) -> Arc<Vec<project::BuildingService>> {
        let (generation, roots) = {
            let inner = self.lock();
            if let Some(found) = inner.building.get(dockerfile) {
                return found.clone();
            }
            (inner.generation, inner.workspace_roots.clone())
        };
        // Read without the lock; keep the result only if nothing changed meanwhile.
        let found = Arc::new(project::services_building(dockerfile, &roots));
        let mut inner = self.lock();
        if inner.generation == generation {
            inner
                .building
                .insert(dockerfile.to_path_buf(), found.clone());
        }
        found
    }

    /// The Compose services that build `dockerfile`, if they were looked up already.
    pub fn cached_services_building(
        &self,
        dockerfile: &Path,
    ) -> Option<Arc<Vec<project::BuildingService>>> {
        self.lock().building.get(dockerfile).cloned()
    }

    /// The files around a document if they were read already (`None`: reading them is work).
    pub fn cached_surroundings(&self, document: Option<&Path>) -> Option<Surroundings> {
        match document {
            Some(path) => self.lock().surroundings.get(path).cloned(),
            None => Some(Surroundings::default()),
        }
    }

    /// The files around a document (read once until [`ConfigStore::invalidate_files`]); unknown
    /// for a document that is not a file on disk.
    pub fn surroundings(&self, document: Option<&Path>, kind: FileKind) -> Surroundings {
        let Some(path) = document else {
            return Surroundings::default();
        };
        let mut inner = self.lock();
        inner
            .surroundings
            .entry(path.to_path_buf())
            .or_insert_with(|| project::surroundings(path, kind))
            .clone()
    }

    pub fn resolve(&self, document: Option<&Path>) -> Resolved {
        let mut inner = self.lock();
        let mut warning = None;
        let hadolint = match document.and_then(|path| inner.nearest_hadolint_file(path)) {
            Some(file) => inner.load(
                &file,
                project::load_hadolint_config,
                "ignoring it",
                &mut warning,
            ),
            None => Config::default(),
        };
        let project = match document.and_then(|path| inner.nearest_file(path)) {
            Some(file) => inner.load(
                &file,
                project::load_config,
                "using the default rules",
                &mut warning,
            ),
            None => Config::default(),
        };
        Resolved {
            // Precedence: editor settings > dockwise.toml > .hadolint.yaml.
            config: hadolint.merged_with(&project).merged_with(&inner.editor),
            warning,
        }
    }
}

impl Inner {
    /// A project file, parsed once until the files change; a broken one counts as empty and
    /// sets `warning` (`fallback` says what happens instead).
    fn load(
        &mut self,
        file: &Path,
        parse: fn(&Path) -> Result<Config, ConfigError>,
        fallback: &str,
        warning: &mut Option<String>,
    ) -> Config {
        self.files
            .entry(file.to_path_buf())
            .or_insert_with(|| match parse(file) {
                Ok(config) => Some(config),
                Err(err) => {
                    *warning = Some(format!("{err}; {fallback}"));
                    None
                }
            })
            .clone()
            .unwrap_or_default()
    }

    fn nearest_hadolint_file(&mut self, document: &Path) -> Option<PathBuf> {
        let dir = document.parent()?;
        if let Some(cached) = self.nearest_hadolint.get(dir) {
            return cached.clone();
        }
        let found = project::find_hadolint_config(dir, self.stop_at(dir));
        self.nearest_hadolint
            .insert(dir.to_path_buf(), found.clone());
        found
    }

    fn nearest_file(&mut self, document: &Path) -> Option<PathBuf> {
        let dir = document.parent()?;
        if let Some(cached) = self.nearest.get(dir) {
            return cached.clone();
        }
        let found = project::find_config(dir, self.stop_at(dir));
        self.nearest.insert(dir.to_path_buf(), found.clone());
        found
    }

    /// Where the upward search from `dir` ends: the innermost workspace folder holding it; for a
    /// document outside every workspace folder, its own directory (nothing above it is read);
    /// without workspace folders (single-file clients), nowhere.
    fn stop_at<'a>(&'a self, dir: &'a Path) -> Option<&'a Path> {
        let boundary = self
            .workspace_roots
            .iter()
            .filter(|root| dir.starts_with(root))
            .max_by_key(|root| root.components().count());
        match boundary {
            Some(root) => Some(root.as_path()),
            None if !self.workspace_roots.is_empty() => Some(dir),
            None => None,
        }
    }
}

/// The `dockwise` settings section (from `workspace/configuration`, a pushed
/// `didChangeConfiguration` or `initializationOptions`); `null` means "nothing set".
pub fn parse_settings(section: &serde_json::Value) -> Result<Config, String> {
    if section.is_null() {
        return Ok(Config::default());
    }
    Config::from_json(section).map_err(|err| err.to_string())
}

#[cfg(test)]
mod tests {
    use dockwise_analysis::{RuleOverride, Severity};

    use super::*;
    use crate::project::CONFIG_FILE;

    #[test]
    fn nearest_file_within_the_workspace_wins_and_editor_settings_override() {
        let tmp = tempfile::tempdir().unwrap();
        let outer = tmp.path();
        let root = outer.join("ws");
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::create_dir_all(root.join("c")).unwrap();
        std::fs::write(outer.join(CONFIG_FILE), "[rules]\nouter = \"error\"\n").unwrap();
        std::fs::write(
            root.join(CONFIG_FILE),
            "[rules]\nroot = \"error\"\nshared = \"hint\"\n",
        )
        .unwrap();
        std::fs::write(root.join("a").join(CONFIG_FILE), "[rules]\na = \"off\"\n").unwrap();

        let store = ConfigStore::default();
        store.set_workspace_roots(vec![root.clone()]);
        store.set_editor(
            Config::from_json(&serde_json::json!({"rules": {"shared": "error"}})).unwrap(),
        );
        let rules = |path: PathBuf| {
            store
                .resolve(Some(&path))
                .config
                .rules
                .into_keys()
                .collect::<Vec<_>>()
        };
        assert_eq!(rules(root.join("a/b/Dockerfile")), ["a", "shared"]);
        assert_eq!(rules(root.join("c/Dockerfile")), ["root", "shared"]);
        let resolved = store.resolve(Some(&root.join("c/Dockerfile")));
        assert_eq!(
            resolved.config.rule("shared"),
            Some(RuleOverride::Severity(Severity::Error))
        );

        // Outside every workspace folder only the document's own directory is read: never
        // the `dockwise.toml` above it.
        std::fs::create_dir_all(outer.join("elsewhere")).unwrap();
        assert_eq!(rules(outer.join("elsewhere/Dockerfile")), ["shared"]);

        std::fs::remove_file(root.join(CONFIG_FILE)).unwrap();
        assert_eq!(
            rules(root.join("c/Dockerfile")),
            ["root", "shared"],
            "cached until invalidated"
        );
        store.invalidate_files();
        assert_eq!(
            rules(root.join("c/Dockerfile")),
            ["shared"],
            "the outer file is outside the workspace"
        );
    }

    #[test]
    fn a_broken_file_warns_once_per_read_and_counts_as_empty() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join(CONFIG_FILE), "[rules\n").unwrap();
        let store = ConfigStore::default();
        store.set_workspace_roots(vec![tmp.path().to_path_buf()]);
        let document = tmp.path().join("Dockerfile");
        let first = store.resolve(Some(&document));
        assert!(first.warning.is_some_and(|w| w.contains(CONFIG_FILE)));
        assert_eq!(first.config, Config::default());
        assert!(store.resolve(Some(&document)).warning.is_none());
        store.invalidate_files();
        assert!(store.resolve(Some(&document)).warning.is_some());
    }
}
