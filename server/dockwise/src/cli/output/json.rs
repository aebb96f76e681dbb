//! `--format json`, schema `dockwise-check/1`: documented in README.md; additive changes only.

use serde::Serialize;

use super::{display_path, knowledge_url, region};
use crate::cli::check::Checked;
use crate::cli::location::{LineColumn, LineIndex};

#[derive(Serialize)]
struct Report {
    schema: &'static str,
    files: usize,
    diagnostics: Vec<JsonDiagnostic>,
}

#[derive(Serialize)]
struct JsonDiagnostic {
    file: String,
    start: LineColumn,
    end: LineColumn,
    severity: &'static str,
    code: &'static str,
    message: String,
    knowledge: Option<&'static str>,
    url: Option<String>,
    fixable: bool,
}

pub fn render(files: &[Checked]) -> String {
    let mut diagnostics = Vec::new();
    for file in files {
        let index = LineIndex::new(&file.text);
        for diagnostic in &file.diagnostics {
            let region = region(&index, diagnostic.span);
            diagnostics.push(JsonDiagnostic {
                file: display_path(&file.path),
                start: region.start,
                end: region.end,
                severity: diagnostic.severity.as_str(),
                code: diagnostic.code,
                message: diagnostic.message.clone(),
                knowledge: diagnostic.knowledge,
                url: diagnostic.knowledge.map(knowledge_url),
                fixable: !diagnostic.fixes.is_empty(),
            });
        }
    }
    let report = Report {
        schema: "dockwise-check/1",
        files: files.len(),
        diagnostics,
    };
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}
