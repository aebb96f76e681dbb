//! Finding and reading the files dockwise reads on its own besides documents: the nearest
//! `dockwise.toml` and `.hadolint.yaml` above a document, and the `.dockerignore` beside a
//! Dockerfile.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use dockwise_analysis::{Config, ConfigError, FileKind, Surroundings};

pub const CONFIG_FILE: &str = "dockwise.toml";
/// hadolint's project configuration, honoured for compatibility (below `dockwise.toml`).
pub const HADOLINT_FILES: [&str; 2] = [".hadolint.yaml", ".hadolint.yml"];

/// Whether a file name is one whose change affects analysis (config or ignore files).
pub fn is_project_file_name(name: &str) -> bool {
    name == CONFIG_FILE
        || HADOLINT_FILES.contains(&name)
        || name == ".dockerignore"
        || name.ends_with(".dockerignore")
}

/// A regular file, not a symlink: a link could lead out of the workspace, and dockwise reads
/// nothing outside it on its own.
fn is_plain_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|metadata| metadata.file_type().is_file())
}

/// The nearest `.hadolint.yaml` (or `.yml`) in `dir` or its ancestors, within `stop_at`.
pub fn find_hadolint_config(dir: &Path, stop_at: Option<&Path>) -> Option<PathBuf> {
    for ancestor in dir.ancestors() {
        for name in HADOLINT_FILES {
            let candidate = ancestor.join(name);
            if is_plain_file(&candidate) {
                return Some(candidate);
            }
        }
        if stop_at.is_some_and(|stop| ancestor == stop) {
            break;
        }
    }
    None
}

pub fn load_hadolint_config(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|err| ConfigError {
        message: format!("cannot read {}: {err}", path.display()),
    })?;
    Config::from_hadolint_yaml(&text).map_err(|err| ConfigError {
        message: format!("{}: {}", path.display(), err.message),
    })
}

/// The files around a document on disk. For a Dockerfile, the build context is assumed to be
/// the Dockerfile's directory (the common `docker build .` layout): its ignore file is
/// `<Dockerfile name>.dockerignore` when that exists (Docker prefers it), else `.dockerignore`.
/// For a Compose file, the `.env` of its directory (the project directory Compose reads it from).
pub fn surroundings(path: &Path, kind: FileKind) -> Surroundings {
    if !path.is_file() {
        return Surroundings::default();
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let read = |file: PathBuf| {
        is_plain_file(&file)
            .then(|| std::fs::read_to_string(file).ok().map(Arc::from))
            .flatten()
    };
    match kind {
        FileKind::Dockerfile => {
            let specific = path
                .file_name()
                .map(|name| dir.join(format!("{}.dockerignore", name.to_string_lossy())));
            let dockerignore = specific
                .into_iter()
                .chain([dir.join(".dockerignore")])
                .find(|candidate| is_plain_file(candidate))
                .and_then(read);
            Surroundings {
                known: true,
                dockerignore,
                dotenv: None,
            }
        }
        FileKind::Compose => Surroundings {
            known: true,
            dockerignore: None,
            dotenv: read(dir.join(".env")),
        },
    }
}

/// The nearest `dockwise.toml` in `dir` or its ancestors, not looking above `stop_at` (when
/// `dir` is inside it).
pub fn find_config(dir: &Path, stop_at: Option<&Path>) -> Option<PathBuf> {
    for ancestor in dir.ancestors() {
        let candidate = ancestor.join(CONFIG_FILE);
        if is_plain_file(&candidate) {
            return Some(candidate);
        }
        if stop_at.is_some_and(|stop| ancestor == stop) {
            break;
        }
    }
    None
}

/// Read and parse a `dockwise.toml`; errors name the file.
pub fn load_config(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|err| ConfigError {
        message: format!("cannot read {}: {err}", path.display()),
    })?;
    Config::from_toml(&text).map_err(|err| ConfigError {
        message: format!("{}: {}", path.display(), err.message),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_nearest_config_within_bounds() {
        let root = std::env::temp_dir().join(format!("dockwise-project-{}", std::process::id()));
        let nested = root.join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(root.join(CONFIG_FILE), "[rules]\n").unwrap();
        assert_eq!(find_config(&nested, None), Some(root.join(CONFIG_FILE)));
        assert_eq!(find_config(&nested, Some(&root.join("a"))), None);
        std::fs::write(nested.join(CONFIG_FILE), "[rules]\nx = \"off\"\n").unwrap();
        assert_eq!(find_config(&nested, None), Some(nested.join(CONFIG_FILE)));
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn symlinked_project_files_are_not_followed() {
        let root = std::env::temp_dir().join(format!("dockwise-links-{}", std::process::id()));
        let outside = root.join("outside");
        let workspace = root.join("workspace");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::create_dir_all(&workspace).unwrap();
        std::fs::write(outside.join("secret"), "[rules]\n").unwrap();
        for name in [CONFIG_FILE, ".hadolint.yaml", ".dockerignore", ".env"] {
            std::os::unix::fs::symlink(outside.join("secret"), workspace.join(name)).unwrap();
        }
        std::fs::write(workspace.join("Dockerfile"), "FROM a\n").unwrap();
        assert_eq!(find_config(&workspace, Some(&workspace)), None);
        assert_eq!(find_hadolint_config(&workspace, Some(&workspace)), None);
        let dockerfile = surroundings(&workspace.join("Dockerfile"), FileKind::Dockerfile);
        assert!(dockerfile.dockerignore.is_none());
        let compose = surroundings(&workspace.join("Dockerfile"), FileKind::Compose);
        assert!(compose.dotenv.is_none());
        std::fs::remove_dir_all(&root).unwrap();
    }
}
