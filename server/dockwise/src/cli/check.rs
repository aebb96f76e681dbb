//! `dockwise check PATH...`: analyse files and report for terminals and CI.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use dockwise_analysis::{Config, Diagnostic, Document, FileKind, Severity, Surroundings};

use super::output::{self, Format};
use crate::project;

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Files or directories (directories are walked, honouring .gitignore).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Apply every safe fix to the files, then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// Use this configuration file instead of the nearest dockwise.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// One analysed file, ready to report.
pub struct Checked {
    pub path: PathBuf,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn run(args: CheckArgs) -> ExitCode {
    let mut problems = Vec::new();
    let files = collect(&args.paths, &mut problems);
    let mut configs = ConfigCache::new(args.config.clone());
    let mut checked = Vec::new();
    for (path, kind) in files {
        let text = match read_text(&path) {
            Ok(text) => text,
            Err(message) => {
                problems.push(message);
                continue;
            }
        };
        let config = match configs.for_file(&path) {
            Ok(config) => config,
            Err(message) => {
                problems.push(message);
                continue;
            }
        };
        let surroundings = project::surroundings(&path, kind);
        let mut text = text;
        if args.fix {
            match fix_file(&path, kind, &text, &config, &surroundings) {
                Ok(fixed) => text = fixed,
                Err(message) => problems.push(message),
            }
        }
        let diagnostics =
            Document::new(kind, Arc::from(text.as_str())).diagnostics_with(&config, &surroundings);
        checked.push(Checked {
            path,
            text,
            diagnostics,
        });
    }
    output::write(args.format, &checked);
    for problem in &problems {
        eprintln!("dockwise: {problem}");
    }
    if !problems.is_empty() {
        ExitCode::from(2)
    } else if checked
        .iter()
        .flat_map(|file| &file.diagnostics)
        .any(|d| d.severity == Severity::Error)
    {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The files to check: explicit files whatever their name, and Dockerfiles and Compose files
/// found under directories.
pub(crate) fn collect(paths: &[PathBuf], problems: &mut Vec<String>) -> Vec<(PathBuf, FileKind)> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_file() {
            files.push((path.clone(), kind_of_explicit(path)));
        } else if path.is_dir() {
            let walker = ignore::WalkBuilder::new(path)
                .hidden(false)
                .filter_entry(|entry| entry.file_name() != ".git")
                .follow_links(false)
                // The user's global git configuration lies outside the given paths.
                .git_global(false)
                .build();
            let mut found: Vec<_> = walker
                .filter_map(Result::ok)
                .filter(|entry| entry.file_type().is_some_and(|kind| kind.is_file()))
                .filter_map(|entry| {
                    let kind = FileKind::detect(entry.file_name().to_str(), None)?;
                    Some((entry.into_path(), kind))
                })
                .collect();
            found.sort_by(|a, b| a.0.cmp(&b.0));
            files.extend(found);
        } else {
            problems.push(format!("{}: no such file or directory", path.display()));
        }
    }
    files
}

fn kind_of_explicit(path: &Path) -> FileKind {
    let name = path.file_name().and_then(|name| name.to_str());
    FileKind::detect(name, None).unwrap_or_else(|| {
        let yaml = name.is_some_and(|name| name.ends_with(".yml") || name.ends_with(".yaml"));
        if yaml {
            FileKind::Compose
        } else {
            FileKind::Dockerfile
        }
    })
}

pub(crate) fn read_text(path: &Path) -> Result<String, String> {
    let bytes =
        std::fs::read(path).map_err(|err| format!("{}: cannot read: {err}", path.display()))?;
    String::from_utf8(bytes).map_err(|err| {
        format!(
            "{}: not UTF-8 text (invalid byte at offset {}); dockwise reads UTF-8 files only",
            path.display(),
            err.utf8_error().valid_up_to()
        )
    })
}

/// Apply safe fixes until none is left (a fix can make room for another), at most a few rounds.
fn fix_file(
    path: &Path,
    kind: FileKind,
    text: &str,
    config: &Config,
    surroundings: &Surroundings,
) -> Result<String, String> {
    let mut current = text.to_string();
    for _ in 0..8 {
        let diagnostics =
            Document::new(kind, Arc::from(current.as_str())).diagnostics_with(config, surroundings);
        let edits = dockwise_analysis::safe_fix_edits(&diagnostics);
        if edits.is_empty() {
            break;
        }
        current = dockwise_analysis::apply_edits(&current, &edits);
    }
    if current != text {
        std::fs::write(path, &current)
            .map_err(|err| format!("{}: cannot write fixes: {err}", path.display()))?;
    }
    Ok(current)
}

/// Configuration per directory, read once.
struct ConfigCache {
    explicit: Option<PathBuf>,
    by_dir: HashMap<PathBuf, Result<Config, String>>,
}

impl ConfigCache {
    fn new(explicit: Option<PathBuf>) -> ConfigCache {
        ConfigCache {
            explicit,
            by_dir: HashMap::new(),
        }
    }

    fn for_file(&mut self, path: &Path) -> Result<Config, String> {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        let explicit = self.explicit.clone();
        self.by_dir
            .entry(dir.clone())
            .or_insert_with(|| {
                let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
                // dockwise.toml wins over .hadolint.yaml.
                let hadolint = match project::find_hadolint_config(&dir, None) {
                    Some(file) => {
                        project::load_hadolint_config(&file).map_err(|err| err.message)?
                    }
                    None => Config::default(),
                };
                let own = match explicit.or_else(|| project::find_config(&dir, None)) {
                    Some(file) => project::load_config(&file).map_err(|err| err.message)?,
                    None => Config::default(),
                };
                Ok(hadolint.merged_with(&own))
            })
            .clone()
    }
}
