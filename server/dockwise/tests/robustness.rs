//! The server survives bad input, failed requests of its own and odd shutdowns.

mod support;

use serde_json::{Value, json};
use support::Server;

const URI: &str = "file:///work/Dockerfile";

fn hover_at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

fn code_action_params(uri: &str, start: (u32, u32), end: (u32, u32)) -> Value {
    json!({
        "textDocument": {"uri": uri},
        "range": {"start": {"line": start.0, "character": start.1}, "end": {"line": end.0, "character": end.1}},
        "context": {"diagnostics": []}
    })
}

/// `null` or `[]`: "nothing here".
fn is_nothing(value: &Value) -> bool {
    value.is_null() || value.as_array().is_some_and(Vec::is_empty)
}

#[test]
fn unknown_methods_and_malformed_params_are_errors_not_crashes() {
    let server = Server::spawn();
    server.initialize(json!({}));
    server.open(URI, "dockerfile", 1, "FROM alpine\n");

    let unknown = server
        .request("dockwise/noSuchMethod", json!({}))
        .expect_err("unknown method");
    assert_eq!(unknown["code"], -32601);
    let malformed = server
        .request("textDocument/hover", json!({"textDocument": 5}))
        .expect_err("bad params");
    assert_eq!(malformed["code"], -32602);
    // Malformed notifications have no one to answer to: they are dropped.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": "nope", "contentChanges": 1}),
    );
    server.notify("textDocument/didOpen", json!({}));
    server.notify("dockwise/unknownNotification", json!({}));

    assert!(
        server
            .request("textDocument/hover", hover_at(URI, 0, 2))
            .is_ok()
    );
    assert_eq!(
        server
            .request("dockwise/debugText", json!({"uri": URI}))
            .unwrap()["text"],
        "FROM alpine\n"
    );
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn requests_about_unknown_documents_return_nothing() {
    let server = Server::spawn();
    server.initialize(json!({}));
    let never_opened = "file:///nowhere/Dockerfile";
    assert_eq!(
        server.request("textDocument/hover", hover_at(never_opened, 0, 0)),
        Ok(Value::Null)
    );
    let actions = server.request(
        "textDocument/codeAction",
        code_action_params(never_opened, (0, 0), (0, 0)),
    );
    assert!(is_nothing(&actions.expect("codeAction")));
    assert_eq!(
        server.request("dockwise/debugText", json!({"uri": never_opened})),
        Ok(Value::Null)
    );

    let change = json!({"textDocument": {"uri": never_opened, "version": 2}, "contentChanges": [{"text": "x"}]});
    server.notify("textDocument/didChange", change);
    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": never_opened}}),
    );
    assert_eq!(
        server.request("dockwise/debugText", json!({"uri": never_opened})),
        Ok(Value::Null)
    );
}

#[test]
fn positions_past_the_end_clamp() {
    let server = Server::spawn();
    server.initialize(json!({}));
    server.open(URI, "dockerfile", 1, "FROM a\r\nRUN é\n");
    assert!(
        server
            .request("textDocument/hover", hover_at(URI, 99, 99))
            .is_ok()
    );
    assert!(
        server
            .request("textDocument/hover", hover_at(URI, 0, u32::MAX))
            .is_ok()
    );
    let actions = server.request(
        "textDocument/codeAction",
        code_action_params(URI, (50, 0), (99, 99)),
    );
    assert!(actions.expect("codeAction").is_array());

    let edit = |version: i64, start: (u32, u32), end: (u32, u32), text: &str| {
        let range = json!({"start": {"line": start.0, "character": start.1}, "end": {"line": end.0, "character": end.1}});
        let document = json!({"uri": URI, "version": version});
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": document, "contentChanges": [{"range": range, "text": text}]}),
        );
    };
    // Past the end of line 0 is its end (before the CRLF); past the document is its end.
    edit(2, (0, 40), (0, 99), "!");
    edit(3, (2, 99), (7, 7), "?");
    // A reversed range is an insertion at its start.
    edit(4, (1, 3), (0, 0), "_");
    let text = server
        .request("dockwise/debugText", json!({"uri": URI}))
        .unwrap();
    assert_eq!(text, json!({"text": "FROM a!\r\nRUN_ é\n?", "version": 4}));
    server.wait_for_diagnostics(URI, 4);
}

#[test]
fn a_failing_configuration_request_does_not_stop_the_server() {
    let server = Server::spawn_with(Box::new(|method, _| match method {
        "workspace/configuration" => {
            Err(json!({"code": -32603, "message": "settings are on fire"}))
        }
        _ => Ok(Value::Null),
    }));
    server.initialize(json!({"capabilities": {"workspace": {"configuration": true}}}));
    server.wait_for_server_request("workspace/configuration");
    server.open(URI, "dockerfile", 1, "FROM alpine\n");
    server.wait_for_diagnostics(URI, 1);

    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    server.wait_for_notification("window/logMessage", |params| {
        params["message"]
            .as_str()
            .is_some_and(|m| m.contains("workspace/configuration failed"))
    });
    assert_eq!(
        server
            .request("dockwise/debugConfig", json!({"uri": URI}))
            .map(|config| config["rules"].clone()),
        Ok(json!({}))
    );
    assert!(
        server
            .request("textDocument/hover", hover_at(URI, 0, 1))
            .is_ok()
    );
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn requests_after_shutdown_are_invalid_and_exit_then_succeeds() {
    let mut server = Server::spawn();
    server.initialize(json!({}));
    assert_eq!(server.request("shutdown", Value::Null), Ok(Value::Null));
    let refused = server
        .request("textDocument/hover", hover_at(URI, 0, 0))
        .expect_err("after shutdown");
    assert_eq!(refused["code"], -32600);
    server.notify("exit", Value::Null);
    assert_eq!(server.wait_for_exit().code(), Some(0));
}

#[test]
fn exit_without_shutdown_fails() {
    let mut server = Server::spawn();
    server.initialize(json!({}));
    server.notify("exit", Value::Null);
    assert_eq!(server.wait_for_exit().code(), Some(1));
}

#[test]
fn exit_before_initialize_fails() {
    let mut server = Server::spawn();
    server.notify("exit", Value::Null);
    assert_eq!(server.wait_for_exit().code(), Some(1));
}
