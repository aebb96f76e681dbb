//! `textDocument/completion`: the analysis' candidates as protocol items, with the replaced
//! range converted in the negotiated encoding and snippets only for clients that take them.
//! For clients that resolve items, the documentation (a knowledge entry: most of a list's bytes)
//! is kept back and sent by `completionItem/resolve` for the item the user looks at.

use std::sync::Mutex;

use dockwise_analysis::ide::{Completion, CompletionKind};
use dockwise_analysis::{Document, Surroundings};
use ropey::Rope;
use serde_json::json;
use tower_lsp_server::ls_types as lsp;

use super::convert::{self, Encoding};

/// What starts a completion as it is typed: flags (`-`), values (`=`, `:`, `,`, `/`),
/// variables (`$`, `{`), a directive (`#`), and the next word (space: the analysis answers
/// with nothing where nothing fits, so the client shows no list).
pub const TRIGGER_CHARACTERS: &[&str] = &["-", "=", "$", "{", " ", ":", ",", "/", "#", "["];

pub struct Request<'a> {
    pub document: &'a Document,
    pub surroundings: &'a Surroundings,
    pub rope: &'a Rope,
    pub encoding: Encoding,
    pub position: lsp::Position,
    /// The client accepts snippet syntax in `insertText`/`textEdit`.
    pub snippets: bool,
    /// Where documentation waits for `completionItem/resolve`, for clients that resolve it.
    pub deferred: Option<&'a Deferred>,
}

pub fn completion(request: &Request) -> Option<lsp::CompletionResponse> {
    let offset = convert::position_to_offset(request.rope, request.position, request.encoding);
    let candidates = request.document.completions(offset, request.surroundings);
    if candidates.is_empty() {
        return None;
    }
    let mut items: Vec<_> = candidates
        .into_iter()
        .map(|candidate| item(request, candidate))
        .collect();
    if let Some(deferred) = request.deferred {
        deferred.keep(&mut items);
    }
    Some(lsp::CompletionResponse::List(lsp::CompletionList {
        is_incomplete: false,
        items,
    }))
}

/// The documentation of the latest list sent without it. Clients resolve items of the list they
/// show, the latest; an item of an older one resolves to itself.
#[derive(Default)]
pub struct Deferred(Mutex<List>);

#[derive(Default)]
struct List {
    id: u64,
    documentation: Vec<Option<lsp::Documentation>>,
}

impl Deferred {
    /// Take the documentation out of `items`, a new list, and keep it: each documented item
    /// carries `[list id, index]` as its data.
    fn keep(&self, items: &mut [lsp::CompletionItem]) {
        let mut list = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        list.id += 1;
        let id = list.id;
        list.documentation = items
            .iter_mut()
            .enumerate()
            .map(|(index, item)| {
                let documentation = item.documentation.take();
                if documentation.is_some() {
                    item.data = Some(json!([id, index]));
                }
                documentation
            })
            .collect();
    }

    /// `item` with the documentation kept back for it, if it is of the latest list.
    pub fn resolve(&self, mut item: lsp::CompletionItem) -> lsp::CompletionItem {
        let Some([list_id, index]) = item
            .data
            .as_ref()
            .and_then(|data| serde_json::from_value::<[u64; 2]>(data.clone()).ok())
        else {
            return item;
        };
        let list = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let documentation = usize::try_from(index)
            .ok()
            .filter(|_| list.id == list_id)
            .and_then(|index| list.documentation.get(index)?.clone());
        if documentation.is_some() {
            item.documentation = documentation;
        }
        item
    }
}

fn item(request: &Request, candidate: Completion) -> lsp::CompletionItem {
    let (text, format) = match (&candidate.insert, candidate.snippet) {
        (Some(snippet), true) if request.snippets => {
            (snippet.clone(), lsp::InsertTextFormat::SNIPPET)
        }
        (Some(snippet), true) => (
            plain_text(snippet).unwrap_or_else(|| candidate.label.clone()),
            lsp::InsertTextFormat::PLAIN_TEXT,
        ),
        (Some(text), false) => (text.clone(), lsp::InsertTextFormat::PLAIN_TEXT),
        (None, _) => (candidate.label.clone(), lsp::InsertTextFormat::PLAIN_TEXT),
    };
    let (text_edit, insert_text) = match candidate.replace {
        Some(span) => (
            Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
                range: convert::span_to_range(request.rope, span, request.encoding),
                new_text: text,
            })),
            None,
        ),
        None => (None, Some(text)),
    };
    lsp::CompletionItem {
        sort_text: Some(format!("{:05}:{}", candidate.sort_key, candidate.label)),
        label: candidate.label,
        kind: Some(kind(candidate.kind)),
        detail: candidate.detail,
        documentation: candidate.documentation.map(|markdown| {
            lsp::Documentation::MarkupContent(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: markdown,
            })
        }),
        insert_text_format: Some(format),
        insert_text,
        text_edit,
        ..lsp::CompletionItem::default()
    }
}

fn kind(kind: CompletionKind) -> lsp::CompletionItemKind {
    match kind {
        CompletionKind::Keyword => lsp::CompletionItemKind::KEYWORD,
        CompletionKind::Flag | CompletionKind::Property => lsp::CompletionItemKind::PROPERTY,
        CompletionKind::Value => lsp::CompletionItemKind::VALUE,
        CompletionKind::Variable => lsp::CompletionItemKind::VARIABLE,
        CompletionKind::Reference | CompletionKind::Anchor => lsp::CompletionItemKind::REFERENCE,
        CompletionKind::File => lsp::CompletionItemKind::FILE,
        CompletionKind::Snippet => lsp::CompletionItemKind::SNIPPET,
    }
}

/// A snippet for a client without snippet support: the text before the first placeholder
/// (unescaped). A placeholder that opens a quoted or bracketed value is cut back to the word
/// boundary so that no half construct is inserted (`CMD ["${1:x}"]` gives `CMD `,
/// `--network=${1|a,b|}` gives `--network=`). `None` when nothing useful is left.
pub fn plain_text(snippet: &str) -> Option<String> {
    let mut text = String::new();
    let mut chars = snippet.chars().peekable();
    let mut cut = false;
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => match chars.peek() {
                Some(&next @ ('$' | '}' | '\\')) => {
                    text.push(next);
                    chars.next();
                }
                _ => text.push(ch),
            },
            '$' if chars
                .peek()
                .is_some_and(|next| *next == '{' || next.is_ascii_digit()) =>
            {
                cut = true;
                break;
            }
            _ => text.push(ch),
        }
    }
    if cut && text.ends_with(['"', '\'', '[', '(', '{']) {
        let keep = text.rfind(char::is_whitespace).map_or(0, |space| space + 1);
        text.truncate(keep);
    }
    (!text.trim().is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn snippets_become_plain_text_without_placeholders() {
        let cases = [
            ("COPY ${1:src} ${2:dest}", Some("COPY ")),
            ("CMD [\"${1:executable}\"]", Some("CMD ")),
            ("--network=${1|default,none,host|}", Some("--network=")),
            (
                "HEALTHCHECK --interval=${1:30s} CMD ${2:command}",
                Some("HEALTHCHECK --interval="),
            ),
            ("ONBUILD ", Some("ONBUILD ")),
            ("AS ${1:name}", Some("AS ")),
            ("image: ${1:name}", Some("image: ")),
            ("${1:key}", None),
            ("a\\$b$0", Some("a$b")),
        ];
        for (snippet, plain) in cases {
            assert_eq!(plain_text(snippet).as_deref(), plain, "{snippet}");
        }
    }
}
