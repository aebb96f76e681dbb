#![allow(dead_code)] // each test binary uses part of the support module
//! Rendering diagnostics for snapshots: one line per diagnostic with its 1-based position.

use dockwise_analysis::{Config, Diagnostic, Document, FileKind, RuleOverride, Surroundings};
use std::sync::Arc;

pub fn analyse(kind: FileKind, text: &str, enable: &[&str]) -> Vec<Diagnostic> {
    analyse_with(kind, text, &enabling(enable), &Surroundings::default())
}

/// The default configuration with these rules turned on.
pub fn enabling(enable: &[&str]) -> Config {
    let mut config = Config::default();
    for rule in enable {
        config.rules.insert(rule.to_string(), RuleOverride::On);
    }
    config
}

pub fn analyse_with(
    kind: FileKind,
    text: &str,
    config: &Config,
    surroundings: &Surroundings,
) -> Vec<Diagnostic> {
    Document::new(kind, Arc::from(text)).diagnostics_with(config, surroundings)
}

pub fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

pub fn render(text: &str, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let (l1, c1) = position(text, d.span.start);
        let (l2, c2) = position(text, d.span.end);
        out.push_str(&format!(
            "{l1}:{c1}-{l2}:{c2} {} [{}] {}\n",
            d.severity.as_str(),
            d.code,
            d.message
        ));
        for fix in &d.fixes {
            let edits: Vec<String> = fix
                .edits
                .iter()
                .map(|e| format!("{}..{} => {:?}", e.span.start, e.span.end, e.new_text))
                .collect();
            out.push_str(&format!(
                "    fix ({:?}): {} [{}]\n",
                fix.safety,
                fix.title,
                edits.join(", ")
            ));
        }
    }
    if out.is_empty() {
        out.push_str("(no diagnostics)\n");
    }
    out
}

/// Surroundings for a Compose text whose services all build `dockerfile` (as if it sat at
/// every path they name).
pub fn with_dockerfile(compose: &str, dockerfile: &str) -> Surroundings {
    let parsed = dockwise_analysis::compose::Compose::new(Arc::from(compose));
    let mut surroundings = Surroundings {
        known: true,
        ..Surroundings::default()
    };
    for path in dockwise_analysis::compose::build::dockerfile_paths(&parsed, None) {
        surroundings.dockerfiles.insert(path, Arc::from(dockerfile));
    }
    surroundings
}

/// The files of `../shared/corpus/<relative>`, sorted; `None` when the corpus is not beside the
/// repository (the corpus tests then skip with a note).
pub fn corpus(relative: &str) -> Option<Vec<std::path::PathBuf>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../..")
        .join("shared/corpus")
        .join(relative);
    let entries = std::fs::read_dir(&dir).ok()?;
    let mut files: Vec<std::path::PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    Some(files)
}
