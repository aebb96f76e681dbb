//! `workspace/executeCommand dockwise.explain`: the knowledge base, in the editor.

use dockwise_knowledge as knowledge;

pub const COMMAND: &str = "dockwise.explain";

/// The full Markdown of the entry a query names — an entry id, a rule name — or else of the
/// best search hit for it.
pub fn explain_markdown(query: &str) -> Option<String> {
    let query = query.trim();
    if query.is_empty() {
        return None;
    }
    let entry = knowledge::get(query)
        .or_else(|| knowledge::for_rule(query))
        .or_else(|| knowledge::search(query, 1).first().map(|hit| hit.entry))?;
    Some(entry.full_markdown())
}
