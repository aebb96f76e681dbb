//! The default report: one block per diagnostic with a code frame and the one-line answer of
//! its knowledge entry, then a summary.

use std::fmt::Write;
use std::io::IsTerminal;

use dockwise_analysis::Severity;

use super::{display_path, region};
use crate::cli::check::Checked;
use crate::cli::location::LineIndex;

/// Colours only on a terminal, and never when NO_COLOR is set (no-color.org).
pub fn use_color() -> bool {
    std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
}

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn severity(&self, severity: Severity) -> String {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
            Severity::Hint => "1;34",
        };
        self.paint(code, severity.as_str())
    }
}

pub fn render(files: &[Checked], color: bool) -> String {
    let style = Style { color };
    let mut out = String::new();
    let mut counts = [0usize; 4];
    for file in files {
        let index = LineIndex::new(&file.text);
        let path = display_path(&file.path);
        for diagnostic in &file.diagnostics {
            counts[diagnostic.severity as usize] += 1;
            let region = region(&index, diagnostic.span);
            let _ = writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                style.paint("1", &path),
                region.start.line,
                region.start.column,
                style.severity(diagnostic.severity),
                diagnostic.code,
                diagnostic.message
            );
            frame(&mut out, &style, &index, region.start, region.end);
            if let Some(entry) = diagnostic.knowledge.and_then(dockwise_knowledge::get) {
                let _ = writeln!(out, "  {} {}", style.paint("1;32", "why:"), entry.summary);
                let _ = writeln!(
                    out,
                    "  {} dockwise explain {}",
                    style.paint("1;32", "more:"),
                    entry.id
                );
            }
            if diagnostic
                .fixes
                .iter()
                .any(|fix| fix.safety == dockwise_analysis::FixSafety::Safe)
            {
                let _ = writeln!(
                    out,
                    "  {} `dockwise check --fix` can fix this",
                    style.paint("1;32", "fix:")
                );
            }
            out.push('\n');
        }
    }
    let [errors, warnings, infos, hints] = counts;
    let total = errors + warnings + infos + hints;
    let files_word = if files.len() == 1 { "file" } else { "files" };
    if total == 0 {
        let _ = writeln!(
            out,
            "{} no problems in {} {files_word}",
            style.paint("1;32", "✓"),
            files.len()
        );
    } else {
        let mut parts = Vec::new();
        for (count, word) in [
            (errors, "error"),
            (warnings, "warning"),
            (infos, "info"),
            (hints, "hint"),
        ] {
            if count > 0 {
                parts.push(format!(
                    "{count} {word}{}",
                    if count == 1 || word == "info" {
                        ""
                    } else {
                        "s"
                    }
                ));
            }
        }
        let _ = writeln!(out, "{} in {} {files_word}", parts.join(", "), files.len());
    }
    out
}

/// The source line with the range underlined (first line of a multi-line range).
fn frame(
    out: &mut String,
    style: &Style,
    index: &LineIndex,
    start: crate::cli::location::LineColumn,
    end: crate::cli::location::LineColumn,
) {
    let line = index.line_text(start.line);
    let gutter = start.line.to_string();
    let pad = " ".repeat(gutter.len());
    let width = if end.line == start.line {
        end.column.saturating_sub(start.column).max(1)
    } else {
        line.chars().count().saturating_sub(start.column - 1).max(1)
    };
    // Tabs keep their width so the caret lines up.
    let indent: String = line
        .chars()
        .take(start.column - 1)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let _ = writeln!(out, "{pad} {}", style.paint("34", "|"));
    let _ = writeln!(
        out,
        "{} {} {line}",
        style.paint("34", &gutter),
        style.paint("34", "|")
    );
    let _ = writeln!(
        out,
        "{pad} {} {indent}{}",
        style.paint("34", "|"),
        style.paint("1;31", &"^".repeat(width))
    );
}
