//! Formatting end to end over JSON-RPC: whole document, range and on-type, with the editor's
//! options, positions in UTF-16, and nothing offered for files that cannot be formatted safely.

mod support;

use serde_json::{Value, json};
use support::Server;

const URI: &str = "file:///project/Dockerfile";

fn server_with(uri: &str, language: &str, text: &str) -> Server {
    let server = Server::spawn();
    server.initialize(json!({}));
    server.open(uri, language, 1, text);
    server
}

/// Byte offset of an LSP position (UTF-16 columns).
fn offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (index, ch) in text[start..].char_indices() {
        if units >= character || ch == '\n' || ch == '\r' {
            return start + index;
        }
        units += ch.len_utf16();
    }
    text.len()
}

/// The text after applying the edits, as a client does (all ranges refer to the original).
fn apply(text: &str, edits: &Value) -> String {
    let mut edits: Vec<(usize, usize, String)> = edits
        .as_array()
        .expect("an array of edits")
        .iter()
        .map(|edit| {
            (
                offset(text, &edit["range"]["start"]),
                offset(text, &edit["range"]["end"]),
                edit["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|(start, end, _)| (*start, *end));
    let mut out = text.to_string();
    for (start, end, new_text) in edits.into_iter().rev() {
        out.replace_range(start..end, &new_text);
    }
    out
}

fn options(tab_size: u32, insert_spaces: bool) -> Value {
    json!({"tabSize": tab_size, "insertSpaces": insert_spaces})
}

#[test]
fn formats_the_whole_document_with_utf16_positions() {
    let text = "from alpine as build\nenv GREETING=\"héllo wörld\" \\\n  NAME=x\nlabel note=\"🐳 ok\"   \nrun echo hi   \n\n\n\n";
    let server = server_with(URI, "dockerfile", text);
    let edits = server
        .request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": URI}, "options": options(4, true)}),
        )
        .expect("formatting succeeds");
    assert_eq!(
        apply(text, &edits),
        "FROM alpine AS build\nENV GREETING=\"héllo wörld\" \\\n    NAME=x\nLABEL note=\"🐳 ok\"\nRUN echo hi\n"
    );
    // Per-line edits, not a replacement of the document.
    assert!(edits.as_array().unwrap().len() >= 5, "{edits}");
    for edit in edits.as_array().unwrap() {
        let range = &edit["range"];
        let spans_lines = range["start"]["line"] != range["end"]["line"];
        assert!(!spans_lines || edit["newText"] == "", "{edit}");
    }
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn editor_options_choose_the_indentation_and_final_lines() {
    let text = "FROM a\nENV A=1 \\\nB=2   \n\n";
    let server = server_with(URI, "dockerfile", text);
    let tabs = json!({
        "tabSize": 4, "insertSpaces": false,
        "trimTrailingWhitespace": false, "trimFinalNewlines": false
    });
    let edits = server
        .request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": URI}, "options": tabs}),
        )
        .unwrap();
    assert_eq!(apply(text, &edits), "FROM a\nENV A=1 \\\n\tB=2   \n\n");
    let edits = server
        .request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": URI}, "options": options(2, true)}),
        )
        .unwrap();
    assert_eq!(apply(text, &edits), "FROM a\nENV A=1 \\\n  B=2\n");
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn range_formatting_touches_only_the_selected_instructions() {
    let text = "from a\nrun x   \ncopy a \\\nb\ncmd y\n";
    let server = server_with(URI, "dockerfile", text);
    let range = json!({"start": {"line": 2, "character": 2}, "end": {"line": 3, "character": 1}});
    let edits = server
        .request(
            "textDocument/rangeFormatting",
            json!({"textDocument": {"uri": URI}, "range": range, "options": options(4, true)}),
        )
        .unwrap();
    assert_eq!(
        apply(text, &edits),
        "from a\nrun x   \nCOPY a \\\n    b\ncmd y\n"
    );
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn on_type_upper_cases_the_line_just_finished() {
    let text = "from alpine as build\nrun echo hi\n";
    let server = server_with(URI, "dockerfile", text);
    let edits = server
        .request(
            "textDocument/onTypeFormatting",
            json!({
                "textDocument": {"uri": URI},
                "position": {"line": 1, "character": 0},
                "ch": "\n",
                "options": options(4, true)
            }),
        )
        .unwrap();
    assert_eq!(apply(text, &edits), "FROM alpine AS build\nrun echo hi\n");
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn nothing_is_offered_when_formatting_is_not_safe_or_not_supported() {
    let broken = "from a\nrunn x   \n";
    let server = server_with(URI, "dockerfile", broken);
    let edits = server
        .request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": URI}, "options": options(4, true)}),
        )
        .unwrap();
    assert_eq!(edits, json!([]));
    let compose = "file:///project/compose.yaml";
    server.open(
        compose,
        "yaml",
        1,
        "services:\n  web:\n    image: nginx   \n",
    );
    let edits = server
        .request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": compose}, "options": options(2, true)}),
        )
        .unwrap();
    assert!(edits.is_null() || edits == json!([]), "{edits}");
    let unknown = server
        .request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": "file:///nowhere/Dockerfile"}, "options": options(4, true)}),
        )
        .unwrap();
    assert!(unknown.is_null());
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}
