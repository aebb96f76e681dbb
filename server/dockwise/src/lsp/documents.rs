//! Open documents: text in a rope (edited incrementally) and the analysed [`Document`].
//!
//! Every mutation happens under a std mutex and never awaits, so handlers that apply edits at
//! their start keep the client's order even though the server runs handlers concurrently.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use dockwise_analysis::{Document, FileKind, InputEdit};
use ropey::Rope;
use tower_lsp_server::ls_types as lsp;

use super::convert::{self, Encoding};
use super::panic::guarded;

/// One version of one open document, detached from the store: cheap to clone (the rope shares
/// its nodes, the document its parse).
#[derive(Clone)]
pub struct Snapshot {
    pub uri: lsp::Uri,
    pub version: i32,
    /// Store-wide change counter: tells versions apart even across close and reopen.
    pub revision: u64,
    pub rope: Rope,
    /// The local file, for `file:` URIs.
    pub path: Option<PathBuf>,
    /// `None` for files dockwise does not analyse (or, after an analysis panic, until the next
    /// change).
    pub document: Option<Document>,
}

struct Open {
    snapshot: Snapshot,
    kind: Option<FileKind>,
}

#[derive(Default)]
pub struct Documents {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    open: HashMap<lsp::Uri, Open>,
    revision: u64,
}

impl Inner {
    fn next_revision(&mut self) -> u64 {
        self.revision += 1;
        self.revision
    }
}

impl Documents {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn open(&self, item: lsp::TextDocumentItem) -> Snapshot {
        let uri = item.uri;
        let decoded_path = uri.path().decode().to_string_lossy().into_owned();
        let kind = FileKind::detect(Some(&decoded_path), Some(&item.language_id));
        let rope = Rope::from_str(&item.text);
        let document = kind.and_then(|kind| parse_new(kind, &rope));
        let mut inner = self.lock();
        let snapshot = Snapshot {
            path: file_path(&uri),
            uri: uri.clone(),
            version: item.version,
            revision: inner.next_revision(),
            rope,
            document,
        };
        inner.open.insert(
            uri,
            Open {
                snapshot: snapshot.clone(),
                kind,
            },
        );
        snapshot
    }

    /// Apply the changes in order; `None` when the document is not open.
    pub fn change(
        &self,
        params: lsp::DidChangeTextDocumentParams,
        encoding: Encoding,
    ) -> Option<Snapshot> {
        let mut inner = self.lock();
        let revision = inner.next_revision();
        let open = inner.open.get_mut(&params.text_document.uri)?;
        let snapshot = &mut open.snapshot;
        let edits: Vec<InputEdit> = params
            .content_changes
            .into_iter()
            .map(|change| apply(&mut snapshot.rope, change, encoding))
            .collect();
        snapshot.version = params.text_document.version;
        snapshot.revision = revision;
        snapshot.document = match (&snapshot.document, open.kind) {
            (Some(previous), _) => {
                let text: Arc<str> = snapshot.rope.to_string().into();
                guarded("reparse", || previous.edited(text, &edits)).ok()
            }
            // No previous tree to reuse (its parse panicked): start over.
            (None, Some(kind)) => parse_new(kind, &snapshot.rope),
            (None, None) => None,
        };
        Some(snapshot.clone())
    }

    pub fn close(&self, uri: &lsp::Uri) -> bool {
        self.lock().open.remove(uri).is_some()
    }

    pub fn get(&self, uri: &lsp::Uri) -> Option<Snapshot> {
        self.lock().open.get(uri).map(|open| open.snapshot.clone())
    }

    pub fn all(&self) -> Vec<Snapshot> {
        self.lock()
            .open
            .values()
            .map(|open| open.snapshot.clone())
            .collect()
    }

    pub fn is_open(&self, uri: &lsp::Uri) -> bool {
        self.lock().open.contains_key(uri)
    }

    /// Whether `snapshot` is still the latest state of its document.
    pub fn is_current(&self, snapshot: &Snapshot) -> bool {
        self.lock()
            .open
            .get(&snapshot.uri)
            .is_some_and(|open| open.snapshot.revision == snapshot.revision)
    }
}

fn parse_new(kind: FileKind, rope: &Rope) -> Option<Document> {
    let text: Arc<str> = rope.to_string().into();
    guarded("parse", || Document::new(kind, text)).ok()
}

pub fn file_path(uri: &lsp::Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|path| path.into_owned())
}

/// Apply one content change to the rope and describe it for tree-sitter.
fn apply(
    rope: &mut Rope,
    change: lsp::TextDocumentContentChangeEvent,
    encoding: Encoding,
) -> InputEdit {
    convert::apply_change(rope, &change, encoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> lsp::TextDocumentContentChangeEvent {
        lsp::TextDocumentContentChangeEvent {
            range: range.map(|((l1, c1), (l2, c2))| {
                lsp::Range::new(lsp::Position::new(l1, c1), lsp::Position::new(l2, c2))
            }),
            range_length: None,
            text: text.to_owned(),
        }
    }

    #[test]
    fn changes_apply_in_order_with_exact_byte_edits() {
        let mut rope = Rope::from_str("FROM é\r\nRUN x\n");
        let edit = apply(
            &mut rope,
            change(Some(((0, 5), (0, 6))), "𝄞"),
            Encoding::Utf16,
        );
        assert_eq!(rope.to_string(), "FROM 𝄞\r\nRUN x\n");
        assert_eq!(
            (edit.start_byte, edit.old_end_byte, edit.new_end_byte),
            (5, 7, 9)
        );
        let edit = apply(
            &mut rope,
            change(Some(((1, 4), (9, 9))), "y"),
            Encoding::Utf16,
        );
        assert_eq!(rope.to_string(), "FROM 𝄞\r\nRUN y");
        assert_eq!(
            edit.old_end_position,
            dockwise_analysis::Point { row: 2, column: 0 }
        );
        assert_eq!(
            edit.new_end_position,
            dockwise_analysis::Point { row: 1, column: 5 }
        );
        let edit = apply(&mut rope, change(None, "FROM a"), Encoding::Utf8);
        assert_eq!(rope.to_string(), "FROM a");
        assert_eq!(
            (edit.start_byte, edit.old_end_byte, edit.new_end_byte),
            (0, 16, 6)
        );
    }
}
