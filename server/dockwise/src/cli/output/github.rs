//! `--format github`: workflow commands that GitHub Actions turns into annotations.

use dockwise_analysis::Severity;

use super::{display_path, region};
use crate::cli::check::Checked;
use crate::cli::location::LineIndex;

pub fn render(files: &[Checked]) -> String {
    let mut out = String::new();
    for file in files {
        let index = LineIndex::new(&file.text);
        let path = display_path(&file.path);
        for diagnostic in &file.diagnostics {
            let region = region(&index, diagnostic.span);
            let command = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            let mut message = diagnostic.message.clone();
            if let Some(id) = diagnostic.knowledge {
                message.push_str(&format!("\nWhy: dockwise explain {id}"));
            }
            out.push_str(&format!(
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                escape_property(&path),
                region.start.line,
                region.start.column,
                region.end.line,
                region.end.column,
                escape_property(&format!("dockwise {}", diagnostic.code)),
                escape_data(&message),
            ));
        }
    }
    out
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_workflow_command_syntax() {
        assert_eq!(super::escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(super::escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
