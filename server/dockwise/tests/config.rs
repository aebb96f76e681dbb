//! Configuration: `dockwise.toml` discovery, editor settings on top, and broken files.

mod support;

use std::fs;
use std::path::Path;

use serde_json::{Value, json};
use support::{Server, file_uri, settings};

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn effective_rules(server: &Server, document: &Path) -> Value {
    server
        .request("dockwise/debugConfig", json!({"uri": file_uri(document)}))
        .expect("debugConfig")["rules"]
        .clone()
}

fn workspace(folders: &[&Path]) -> Value {
    let folders: Vec<Value> = folders
        .iter()
        .map(|path| json!({"uri": file_uri(path), "name": "ws"}))
        .collect();
    json!({
        "capabilities": {"workspace": {"configuration": true, "didChangeWatchedFiles": {"dynamicRegistration": true}}},
        "workspaceFolders": folders,
    })
}

#[test]
fn finds_the_nearest_dockwise_toml_within_the_workspace_under_editor_settings() {
    let tmp = tempfile::tempdir().unwrap();
    let (ws, other) = (
        tmp.path().join("outer/ws"),
        tmp.path().join("elsewhere/ws2"),
    );
    write(
        &tmp.path().join("outer/dockwise.toml"),
        "[rules]\nabove-the-workspace = \"error\"\n",
    );
    write(
        &tmp.path().join("elsewhere/dockwise.toml"),
        "[rules]\nabove-the-workspace = \"error\"\n",
    );
    write(
        &ws.join("dockwise.toml"),
        "[rules]\nroot = \"warning\"\nshared = \"error\"\n",
    );
    write(&ws.join("a/dockwise.toml"), "[rules]\nnested = \"off\"\n");
    fs::create_dir_all(ws.join("a/b")).unwrap();
    fs::create_dir_all(other.join("d")).unwrap();

    let server = Server::spawn_with(settings(json!({"rules": {"shared": "hint"}})));
    server.initialize(workspace(&[&ws, &other]));
    let deep = ws.join("a/b/Dockerfile");
    // The settings pull runs after `initialized`; wait for its effect.
    let rules = server.eventually(
        "dockwise/debugConfig",
        json!({"uri": file_uri(&deep)}),
        |result| result["rules"]["shared"] == "hint",
    );
    assert_eq!(rules["rules"], json!({"nested": "off", "shared": "hint"}));
    assert_eq!(
        effective_rules(&server, &ws.join("c/Dockerfile")),
        json!({"root": "warning", "shared": "hint"})
    );
    assert_eq!(
        effective_rules(&server, &other.join("d/Dockerfile")),
        json!({"shared": "hint"})
    );

    let registered = server.wait_for_server_request("client/registerCapability");
    assert_eq!(
        registered["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );

    // A watched-file event makes the server read the files again.
    write(&ws.join("a/dockwise.toml"), "[rules]\nnested = \"error\"\n");
    let event = json!({"changes": [{"uri": file_uri(&ws.join("a/dockwise.toml")), "type": 2}]});
    server.notify("workspace/didChangeWatchedFiles", event);
    assert_eq!(
        effective_rules(&server, &deep),
        json!({"nested": "error", "shared": "hint"})
    );

    // New editor settings are pulled on didChangeConfiguration, then diagnostics re-published.
    let uri = file_uri(&deep);
    server.open(&uri, "dockerfile", 1, "FROM alpine\n");
    server.wait_for_diagnostics(&uri, 1);
    server.set_handler(settings(json!({"rules": {"shared": "off"}})));
    let published = server
        .notifications("textDocument/publishDiagnostics")
        .len();
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    server.wait_for_notification_after("textDocument/publishDiagnostics", published, |params| {
        params["uri"] == uri.as_str() && params["version"] == 1
    });
    assert_eq!(
        effective_rules(&server, &deep),
        json!({"nested": "error", "shared": "off"})
    );
}

#[test]
fn a_broken_dockwise_toml_warns_once_and_the_defaults_apply() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    let toml = ws.join("dockwise.toml");
    write(&toml, "[rules\nbroken = ");
    let server = Server::spawn();
    server.initialize(workspace(&[&ws]));
    let document = ws.join("Dockerfile");
    server.open(&file_uri(&document), "dockerfile", 1, "FROM alpine\n");
    let warning = server.wait_for_notification("window/showMessage", |_| true);
    assert_eq!(warning["type"], 2);
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .contains("dockwise.toml"),
        "{warning}"
    );
    server.wait_for_diagnostics(&file_uri(&document), 1);
    assert_eq!(effective_rules(&server, &document), json!({}));
    let hover = json!({"textDocument": {"uri": file_uri(&document)}, "position": {"line": 0, "character": 1}});
    assert!(server.request("textDocument/hover", hover).is_ok());
    assert_eq!(server.notifications("window/showMessage").len(), 1);

    // Fixed and saved: read again.
    write(&toml, "[rules]\nfixed = \"info\"\n");
    server.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": file_uri(&toml)}}),
    );
    assert_eq!(
        effective_rules(&server, &document),
        json!({"fixed": "info"})
    );
    assert_eq!(server.notifications("window/showMessage").len(), 1);
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn pushed_settings_and_initialization_options_apply_when_the_client_cannot_be_asked() {
    let server = Server::spawn();
    server.initialize(json!({"initializationOptions": {"rules": {"from-init": "off"}}}));
    let untitled = "untitled:Untitled-1";
    let rules = |server: &Server| {
        server
            .request("dockwise/debugConfig", json!({"uri": untitled}))
            .unwrap()["rules"]
            .clone()
    };
    assert_eq!(rules(&server), json!({"from-init": "off"}));
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"dockwise": {"rules": {"pushed": "error"}}}}),
    );
    assert_eq!(rules(&server), json!({"pushed": "error"}));
    assert!(server.server_requests("workspace/configuration").is_empty());

    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"dockwise": {"rules": {"x": "loud"}}}}),
    );
    let warning = server.wait_for_notification("window/showMessage", |_| true);
    assert!(
        warning["message"].as_str().unwrap().contains("loud"),
        "{warning}"
    );
    assert_eq!(rules(&server), json!({}));
}
