//! What a user sees in the editor, end to end against the real binary: explained diagnostics,
//! hovers from the knowledge base, quick fixes and fix-all.

mod support;

use serde_json::{Value, json};
use support::Server;

const URI: &str = "file:///project/Dockerfile";
const TEXT: &str = "ARG VERSION=1.2\nFROM alpine:3.20 as build\nMAINTAINER Jane <jane@example.com>\nRUNN echo $VERSION\nCMD ['app']\n";

fn server_with(text: &str) -> Server {
    let server = Server::spawn();
    server.initialize(json!({}));
    server.open(URI, "dockerfile", 1, text);
    server
}

fn codes(diagnostics: &Value) -> Vec<String> {
    let mut codes: Vec<String> = diagnostics["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect();
    codes.sort();
    codes
}

#[test]
fn diagnostics_are_explained_and_precise() {
    let server = server_with(TEXT);
    let published = server.wait_for_diagnostics(URI, 1);
    assert_eq!(
        codes(&published),
        [
            "from-as-casing",
            "maintainer-deprecated",
            "malformed-exec-form",
            "unknown-instruction"
        ]
    );
    let unknown = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "unknown-instruction")
        .unwrap();
    assert_eq!(
        unknown["range"],
        json!({"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 4}})
    );
    assert_eq!(unknown["severity"], 1);
    assert_eq!(unknown["source"], "dockwise");
    assert!(
        unknown["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `RUN`")
    );
    let href = unknown["codeDescription"]["href"].as_str().unwrap();
    assert!(
        href.starts_with("https://dockwise.dev/knowledge/"),
        "{href}"
    );
    let deprecated = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "maintainer-deprecated")
        .unwrap();
    assert_eq!(deprecated["tags"], json!([2]), "rendered struck through");
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn hovers_explain_instructions_variables_and_stages() {
    let server = server_with(
        "ARG VERSION=1.2\nFROM alpine:3.20 AS build\nARG VERSION\nENV APP_VERSION=$VERSION\n",
    );
    server.wait_for_diagnostics(URI, 1);
    let hover = |line: u32, character: u32| {
        let result = server
            .request(
                "textDocument/hover",
                json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}}),
            )
            .expect("hover answers");
        result["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let from = hover(1, 1);
    assert!(from.contains("FROM"), "{from}");
    let variable = hover(3, 18);
    assert!(
        variable.contains("**VERSION**: ARG declared on line 3"),
        "{variable}"
    );
    let stage = hover(1, 23);
    assert!(stage.contains("stage `build`"), "{stage}");
    assert!(hover(0, 0).contains("ARG"), "the ARG keyword");
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn quick_fixes_arrive_as_changes_and_fix_all_applies_only_safe_ones() {
    let server = server_with(TEXT);
    let published = server.wait_for_diagnostics(URI, 1);
    let maintainer: Vec<Value> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "maintainer-deprecated")
        .cloned()
        .collect();
    let actions = server
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": URI},
                "range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}},
                "context": {"diagnostics": maintainer},
            }),
        )
        .expect("code actions");
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|action| action["title"].as_str().unwrap_or("").contains("LABEL"))
        .expect("a LABEL quick fix");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    let edits = &fix["edit"]["changes"][URI];
    assert_eq!(
        edits[0]["newText"],
        "LABEL org.opencontainers.image.authors=\"Jane <jane@example.com>\""
    );
    assert!(
        fix["edit"].get("documentChanges").is_none(),
        "Neovim 0.7 cannot apply documentChanges"
    );

    let fix_all = server
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": URI},
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 0}},
                "context": {"diagnostics": [], "only": ["source.fixAll.dockwise"]},
            }),
        )
        .expect("fix all");
    let fix_all = &fix_all.as_array().unwrap()[0];
    let new_texts: Vec<&str> = fix_all["edit"]["changes"][URI]
        .as_array()
        .unwrap()
        .iter()
        .map(|edit| edit["newText"].as_str().unwrap())
        .collect();
    // `as` -> `AS` and MAINTAINER -> LABEL are safe; the RUNN and exec-form fixes are not.
    assert_eq!(
        new_texts,
        [
            "AS",
            "LABEL org.opencontainers.image.authors=\"Jane <jane@example.com>\""
        ]
    );
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn diagnostics_follow_edits() {
    let server = server_with("FROM alpine:3.20\nRUNN echo\n");
    assert_eq!(
        codes(&server.wait_for_diagnostics(URI, 1)),
        ["unknown-instruction"]
    );
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": URI, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 1, "character": 3}, "end": {"line": 1, "character": 4}}, "text": ""}],
        }),
    );
    assert!(codes(&server.wait_for_diagnostics(URI, 2)).is_empty());
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}
