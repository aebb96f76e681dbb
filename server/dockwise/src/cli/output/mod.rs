//! Report formats of `dockwise check`. Each writes the whole report to stdout.

mod github;
mod human;
mod json;
mod sarif;

use std::io::Write;

use super::check::Checked;
use super::location::LineIndex;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Code frames and explanations for people.
    Human,
    /// The stable JSON schema (see README).
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
}

pub fn write(format: Format, files: &[Checked]) {
    let text = match format {
        Format::Human => human::render(files, human::use_color()),
        Format::Json => json::render(files),
        Format::Sarif => sarif::render(files),
        Format::Github => github::render(files),
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

/// A diagnostic's location in 1-based lines and character columns.
pub struct Region {
    pub start: super::location::LineColumn,
    pub end: super::location::LineColumn,
}

pub fn region(index: &LineIndex, span: dockwise_syntax::Span) -> Region {
    Region {
        start: index.locate(span.start),
        end: index.locate(span.end),
    }
}

/// The path as shown in reports: relative to the current directory when possible, `/`-separated.
pub fn display_path(path: &std::path::Path) -> String {
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(|p| p.to_path_buf()))
        .unwrap_or_else(|| path.to_path_buf());
    let shown = shown
        .strip_prefix("./")
        .map(|p| p.to_path_buf())
        .unwrap_or(shown);
    shown.to_string_lossy().replace('\\', "/")
}

/// Where a knowledge entry is published.
pub fn knowledge_url(id: &str) -> String {
    format!("https://dockwise.dev/knowledge/{id}")
}
