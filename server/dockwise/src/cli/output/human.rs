//! The default report: one block per diagnostic with a code frame and the one-line answer of
//! its knowledge entry, then a summary.

use std::fmt::Write;
use std::io::IsTerminal;

use dockwise_analysis::Severity;

use dockwise_syntax::Span;

use super::{Region, display_path, region};
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
            frame(&mut out, &style, &index, &region, diagnostic.span);
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

/// Lines longer than this many bytes are shown as a window around the range: the whole line
/// once per finding made the report of a long line with many findings quadratic in its length.
const LONG_LINE: usize = 1_000;
/// The bytes of a long line shown before the range, and in all.
const WINDOW_BEFORE: usize = 60;
const WINDOW: usize = 240;

/// The source line with the range underlined (first line of a multi-line range).
fn frame(out: &mut String, style: &Style, index: &LineIndex, region: &Region, span: Span) {
    let (start, end) = (region.start, region.end);
    let line = index.line_text(start.line);
    if line.len() > LONG_LINE {
        let offset = span.start.saturating_sub(index.line_start(start.line));
        return long_line_frame(out, style, start.line, line, offset, span.len());
    }
    let width = if end.line == start.line {
        end.column.saturating_sub(start.column).max(1)
    } else {
        line.chars().count().saturating_sub(start.column - 1).max(1)
    };
    let lead = line.chars().take(start.column - 1);
    underline(out, style, start.line, line, lead, width);
}

/// Line `number`'s text `shown` in the gutter, and below it `width` carets under the character
/// after `lead`, the characters shown before the range.
fn underline(
    out: &mut String,
    style: &Style,
    number: usize,
    shown: &str,
    lead: impl Iterator<Item = char>,
    width: usize,
) {
    // Tabs keep their width so the caret lines up.
    let indent: String = lead.map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
    let gutter = number.to_string();
    let pad = " ".repeat(gutter.len());
    let _ = writeln!(out, "{pad} {}", style.paint("34", "|"));
    let _ = writeln!(
        out,
        "{} {} {shown}",
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

/// The part of a long line around the range at byte `offset` of it, with `…` where it is cut.
fn long_line_frame(
    out: &mut String,
    style: &Style,
    number: usize,
    line: &str,
    offset: usize,
    len: usize,
) {
    let floor = |mut at: usize| {
        at = at.min(line.len());
        while !line.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let at = floor(offset);
    let from = floor(at.saturating_sub(WINDOW_BEFORE));
    let to = floor(from + WINDOW);
    let (before, after) = (
        if from > 0 { "…" } else { "" },
        if to < line.len() { "…" } else { "" },
    );
    let shown = format!("{before}{}{after}", &line[from..to]);
    let lead = before.chars().chain(line[from..at].chars());
    let width = line[at..floor(at + len).max(at)]
        .chars()
        .count()
        .min(line[at..to].chars().count())
        .max(1);
    underline(out, style, number, &shown, lead, width);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_shown_as_a_window_around_the_range() {
        let line = format!("RUN {}curl x | sh{}", "é".repeat(3_000), " a".repeat(3_000));
        let offset = line.find("curl").unwrap();
        let mut out = String::new();
        long_line_frame(&mut out, &Style { color: false }, 7, &line, offset, 4);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3, "{out}");
        assert!(lines[1].len() < 2 * WINDOW, "{out}");
        assert!(
            lines[1].starts_with("7 | …é") && lines[1].ends_with('…'),
            "{out}"
        );
        // The carets sit under `curl`, counted in characters.
        let shown: Vec<char> = lines[1].chars().collect();
        let caret = lines[2].chars().position(|c| c == '^').unwrap();
        assert_eq!(shown[caret..caret + 4].iter().collect::<String>(), "curl");
        assert_eq!(lines[2].matches('^').count(), 4);
    }
}
