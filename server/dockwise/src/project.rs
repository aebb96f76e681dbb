//! Finding and reading the files dockwise reads on its own besides documents: the nearest
//! `dockwise.toml` and `.hadolint.yaml` above a document, and the `.dockerignore` beside a
//! Dockerfile; and checking that a file a document links to exists inside the workspace.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use dockwise_analysis::{Config, ConfigError, FileKind, Surroundings};

pub const CONFIG_FILE: &str = "dockwise.toml";
/// hadolint's project configuration, honoured for compatibility (below `dockwise.toml`).
pub const HADOLINT_FILES: [&str; 2] = [".hadolint.yaml", ".hadolint.yml"];

/// Whether a file name is one whose change affects analysis (config or ignore files, and what
/// Compose files read: their `.env`, the Dockerfiles they build, themselves).
pub fn is_project_file_name(name: &str) -> bool {
    name == CONFIG_FILE
        || HADOLINT_FILES.contains(&name)
        || name == ".dockerignore"
        || name.ends_with(".dockerignore")
        || name == ".env"
        || FileKind::detect(Some(name), None).is_some()
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
                ..Surroundings::default()
            }
        }
        FileKind::Compose => {
            let dotenv = read(dir.join(".env"));
            let dockerfiles = read(path.to_path_buf())
                .map(|text| built_dockerfiles(dir, text, dotenv.as_deref()))
                .unwrap_or_default();
            Surroundings {
                known: true,
                dotenv,
                dockerfiles,
                ..Surroundings::default()
            }
        }
    }
}

/// A Dockerfile larger than this is not read for cross-file checks.
const MAX_DOCKERFILE_BYTES: u64 = 1 << 20;
/// At most this many Dockerfiles are read for one Compose file.
const MAX_DOCKERFILES: usize = 64;

/// The Dockerfiles the services of a Compose file (`text`, in `dir`) build, read only when they
/// lie inside `dir`'s tree once symbolic links are resolved, and when small enough.
fn built_dockerfiles(
    dir: &Path,
    text: Arc<str>,
    dotenv: Option<&str>,
) -> BTreeMap<String, Arc<str>> {
    let mut out = BTreeMap::new();
    let Ok(root) = dir.canonicalize() else {
        return out;
    };
    let compose = dockwise_analysis::compose::Compose::new(text);
    for relative in dockwise_analysis::compose::build::dockerfile_paths(&compose, dotenv)
        .into_iter()
        .take(MAX_DOCKERFILES)
    {
        if let Some(content) = read_inside(&root, &relative) {
            out.insert(relative, content);
        }
    }
    out
}

/// `relative` under `root` (canonical), refusing anything a symlink leads out of the tree, and
/// anything that is not a regular file of bounded size.
fn read_inside(root: &Path, relative: &str) -> Option<Arc<str>> {
    let real = root.join(relative).canonicalize().ok()?;
    if !real.starts_with(root) {
        return None;
    }
    let metadata = std::fs::metadata(&real).ok()?;
    if !metadata.is_file() || metadata.len() > MAX_DOCKERFILE_BYTES {
        return None;
    }
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut std::io::Read::take(std::fs::File::open(&real).ok()?, MAX_DOCKERFILE_BYTES),
        &mut text,
    )
    .ok()?;
    Some(Arc::from(text))
}

/// A Compose service that builds a given Dockerfile.
pub struct BuildingService {
    /// The Compose file.
    pub file: PathBuf,
    pub text: Arc<str>,
    pub name: String,
    /// The service's name in `text`.
    pub span: dockwise_analysis::Span,
}

/// At most this many Compose files are read when looking for the services building a Dockerfile.
const MAX_COMPOSE_FILES: usize = 16;

/// The Compose services that build `dockerfile`, from the Compose files in its directory and the
/// directories above it, up to the innermost workspace folder holding it (only its own
/// directory when none does). Symbolic links and large files are skipped.
pub fn services_building(dockerfile: &Path, workspace_roots: &[PathBuf]) -> Vec<BuildingService> {
    let Some(dir) = dockerfile.parent() else {
        return Vec::new();
    };
    let boundary = workspace_roots
        .iter()
        .filter(|root| dir.starts_with(root))
        .max_by_key(|root| root.components().count())
        .map_or(dir, PathBuf::as_path);
    let mut found = Vec::new();
    let mut read = 0;
    for compose_dir in dir.ancestors() {
        let (Ok(entries), Ok(root)) = (std::fs::read_dir(compose_dir), compose_dir.canonicalize())
        else {
            break;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| {
                let name = path.file_name().and_then(|name| name.to_str());
                FileKind::detect(name, None) == Some(FileKind::Compose) && is_plain_file(path)
            })
            .collect();
        files.sort();
        for file in files {
            if read == MAX_COMPOSE_FILES {
                return found;
            }
            read += 1;
            let name = file.file_name().and_then(|name| name.to_str());
            let Some(text) = name.and_then(|name| read_inside(&root, name)) else {
                continue;
            };
            // A file that never says `build` builds nothing: not worth parsing (a Compose file
            // of hundreds of services can sit beside the Dockerfile).
            if !text.contains("build") {
                continue;
            }
            let Ok(relative) = dockerfile.strip_prefix(compose_dir) else {
                continue;
            };
            let relative: Vec<String> = relative
                .components()
                .map(|part| part.as_os_str().to_string_lossy().into_owned())
                .collect();
            let dotenv = read_inside(&root, ".env");
            let compose = dockwise_analysis::compose::Compose::new(text.clone());
            for (name, span) in dockwise_analysis::compose::build::services_building(
                &compose,
                dotenv.as_deref(),
                &relative.join("/"),
            ) {
                found.push(BuildingService {
                    file: file.clone(),
                    text: text.clone(),
                    name,
                    span,
                });
            }
        }
        if compose_dir == boundary {
            break;
        }
    }
    found
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

/// The file a document links to by a path relative to its directory (a COPY source), when it
/// exists and, symlinks resolved, lies inside the innermost workspace folder holding the document
/// (its own directory when no folder does). `.dockerignore` means the ignore file Docker reads
/// for this Dockerfile (see [`surroundings`]). Only metadata is read, never the file.
pub fn linked_file(
    document: &Path,
    relative: &str,
    workspace_roots: &[PathBuf],
) -> Option<PathBuf> {
    let dir = document.parent()?;
    let boundary = workspace_roots
        .iter()
        .filter(|root| dir.starts_with(root))
        .max_by_key(|root| root.components().count())
        .map_or(dir, PathBuf::as_path)
        .canonicalize()
        .ok()?;
    let candidates: Vec<PathBuf> = if relative == ".dockerignore" {
        let specific = document
            .file_name()
            .map(|name| dir.join(format!("{}.dockerignore", name.to_string_lossy())));
        specific.into_iter().chain([dir.join(relative)]).collect()
    } else {
        vec![dir.join(relative)]
    };
    candidates.into_iter().find_map(|candidate| {
        let resolved = candidate.canonicalize().ok()?;
        (resolved.starts_with(&boundary) && resolved.is_file()).then_some(resolved)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_only_to_existing_files_inside_the_workspace() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("ws");
        std::fs::create_dir_all(root.join("app/src")).unwrap();
        std::fs::write(root.join("app/package.json"), "{}").unwrap();
        std::fs::write(tmp.path().join("secret"), "x").unwrap();
        std::fs::write(root.join("app/Dockerfile.dockerignore"), "").unwrap();
        let document = root.join("app/Dockerfile");
        let roots = [root.clone()];
        let found = |relative: &str| linked_file(&document, relative, &roots);
        assert_eq!(
            found("package.json"),
            Some(root.join("app/package.json").canonicalize().unwrap())
        );
        assert_eq!(found("missing.txt"), None);
        assert_eq!(found("src"), None, "directories are not linked");
        assert_eq!(found("../../secret"), None, "outside the workspace");
        assert_eq!(
            found(".dockerignore"),
            Some(
                root.join("app/Dockerfile.dockerignore")
                    .canonicalize()
                    .unwrap()
            )
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(tmp.path().join("secret"), root.join("app/link")).unwrap();
            assert_eq!(found("link"), None, "a symlink leading outside");
        }
        // Without workspace folders the document's directory bounds the links.
        assert!(linked_file(&document, "../app/package.json", &[]).is_some());
    }

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

    #[test]
    fn compose_surroundings_read_built_dockerfiles_inside_only() {
        let root = std::env::temp_dir().join(format!("dockwise-built-{}", std::process::id()));
        let outside = root.join("outside");
        let project = root.join("project");
        std::fs::create_dir_all(project.join("api")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(project.join("api/Dockerfile"), "FROM alpine AS base\n").unwrap();
        std::fs::write(outside.join("Dockerfile"), "FROM secret\n").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, project.join("linked")).unwrap();
        let compose = project.join("compose.yaml");
        std::fs::write(
            &compose,
            "services:\n  api:\n    build: ./api\n  linked:\n    build: ./linked\n  up:\n    build: ..\n",
        )
        .unwrap();
        let surroundings = surroundings(&compose, FileKind::Compose);
        let keys: Vec<&String> = surroundings.dockerfiles.keys().collect();
        assert_eq!(keys, ["api/Dockerfile"]);
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
