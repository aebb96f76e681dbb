//! Compose files end to end: the server routes them to the Compose analysis for diagnostics,
//! hovers and quick fixes without any Compose-specific LSP code, and reads the Dockerfiles a
//! Compose file on disk builds for the cross-file checks.

mod support;

use serde_json::{Value, json};
use support::{Server, file_uri};

const URI: &str = "file:///project/compose.yaml";
const TEXT: &str = "version: \"3.8\"\nservices:\n  web:\n    imagee: nginx:1.27\n    ports:\n      - \"8080:80\"\n";

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
fn compose_diagnostics_hovers_and_fixes() {
    let server = Server::spawn();
    server.initialize(json!({}));
    server.open(URI, "dockercompose", 1, TEXT);
    let published = server.wait_for_diagnostics(URI, 1);
    assert_eq!(
        codes(&published),
        ["compose-schema", "compose-version-obsolete"]
    );
    let diagnostics = published["diagnostics"].as_array().unwrap();
    let schema = diagnostics
        .iter()
        .find(|d| d["code"] == "compose-schema")
        .unwrap();
    assert_eq!(
        schema["range"],
        json!({"start": {"line": 3, "character": 4}, "end": {"line": 3, "character": 10}})
    );
    assert!(
        schema["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `image`")
    );

    let hover = server
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 5, "character": 10}}),
        )
        .expect("hover answers");
    let text = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        text.contains("host port 8080 to container port 80 over TCP"),
        "{text}"
    );

    let version: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "compose-version-obsolete")
        .collect();
    let actions = server
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": URI},
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                "context": {"diagnostics": version},
            }),
        )
        .expect("code actions");
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|action| action["title"].as_str().unwrap_or("").contains("version"))
        .expect("a quick fix removing version");
    let edits = &fix["edit"]["changes"][URI];
    assert_eq!(edits[0]["newText"], "");
    assert_eq!(
        edits[0]["range"],
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 0}})
    );
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

/// A project on disk: `compose.yaml` building `api/Dockerfile`, with a `target` typo, an
/// undeclared build argument and a literal password.
const PROJECT_COMPOSE: &str = "services:\n  api:\n    image: example/api:1.0\n    build:\n      context: ./api\n      target: runtme\n      args:\n        GO_VERSION: \"1.23\"\n        COMMIT: abc123\n    environment:\n      DB_PASSWORD: hunter2-hunter2\n";
const PROJECT_DOCKERFILE: &str = "ARG GO_VERSION=1.23\nFROM golang:${GO_VERSION} AS build\nRUN true\nFROM alpine:3.20 AS runtime\n";

#[test]
fn compose_checks_the_dockerfiles_it_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join("api")).unwrap();
    std::fs::write(root.join("api/Dockerfile"), PROJECT_DOCKERFILE).unwrap();
    let compose = root.join("compose.yaml");
    std::fs::write(&compose, PROJECT_COMPOSE).unwrap();
    let uri = file_uri(&compose);

    let server = Server::spawn();
    server.initialize(json!({"workspaceFolders": [{"uri": file_uri(&root), "name": "project"}]}));
    server.open(&uri, "dockercompose", 1, PROJECT_COMPOSE);
    let published = server.wait_for_diagnostics(&uri, 1);
    let codes = codes(&published);
    assert!(
        codes.contains(&"compose-build-target-unknown".to_string())
            && codes.contains(&"compose-build-arg-undeclared".to_string()),
        "{codes:?}"
    );
    let diagnostics = published["diagnostics"].as_array().unwrap();
    let target = diagnostics
        .iter()
        .find(|d| d["code"] == "compose-build-target-unknown")
        .unwrap();
    assert_eq!(
        target["range"],
        json!({"start": {"line": 5, "character": 14}, "end": {"line": 5, "character": 20}})
    );
    assert!(
        target["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `runtime`")
    );
    let arg = diagnostics
        .iter()
        .find(|d| d["code"] == "compose-build-arg-undeclared")
        .unwrap();
    assert_eq!(arg["range"]["start"], json!({"line": 8, "character": 8}));

    // Hover on `build` lists the Dockerfile's stages.
    let hover = server
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": 6}}),
        )
        .expect("hover answers");
    let text = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(text.contains("`build`, `runtime`"), "{text}");

    // The literal password can be moved to a secret, one reviewed fix at a time.
    let secret: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "compose-secret-in-environment")
        .collect();
    assert_eq!(secret.len(), 1);
    let actions = server
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": secret[0]["range"],
                "context": {"diagnostics": secret},
            }),
        )
        .expect("code actions");
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|action| {
            action["title"]
                .as_str()
                .unwrap_or("")
                .contains("to the secret `db_password`")
        })
        .expect("a fix moving the password to a secret");
    let edits = fix["edit"]["changes"][&uri].as_array().unwrap();
    assert_eq!(edits.len(), 3, "{edits:?}");
    assert_eq!(
        edits[0]["newText"],
        "DB_PASSWORD_FILE: /run/secrets/db_password"
    );
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn compose_build_outside_the_project_is_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().canonicalize().unwrap();
    let project = root.join("project");
    std::fs::create_dir_all(&project).unwrap();
    // The Dockerfile sits above the Compose file's directory: it is not read, so no check.
    std::fs::write(root.join("Dockerfile"), PROJECT_DOCKERFILE).unwrap();
    let text = "services:\n  api:\n    image: example/api:1.0\n    build:\n      context: ..\n      target: nowhere\n";
    let compose = project.join("compose.yaml");
    std::fs::write(&compose, text).unwrap();
    let uri = file_uri(&compose);
    let server = Server::spawn();
    server.initialize(json!({"workspaceFolders": [{"uri": file_uri(&root), "name": "root"}]}));
    server.open(&uri, "dockercompose", 1, text);
    let published = server.wait_for_diagnostics(&uri, 1);
    assert!(
        !codes(&published).contains(&"compose-build-target-unknown".to_string()),
        "{published}"
    );
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_dockerfile_opens_the_compose_service_that_builds_it() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join("api")).unwrap();
    let dockerfile_text = "# api\nFROM alpine:3.20 AS base\nRUN true\n";
    let dockerfile = root.join("api/Dockerfile");
    std::fs::write(&dockerfile, dockerfile_text).unwrap();
    let compose_text = "services:\n  web:\n    image: nginx:1.27\n  api:\n    build: ./api\n";
    let compose = root.join("compose.yaml");
    std::fs::write(&compose, compose_text).unwrap();
    let uri = file_uri(&dockerfile);

    let server = Server::spawn();
    server.initialize(json!({"workspaceFolders": [{"uri": file_uri(&root), "name": "project"}]}));
    server.open(&uri, "dockerfile", 1, dockerfile_text);
    server.wait_for_diagnostics(&uri, 1);
    // Looked up on open, before any code action asks: the first lightbulb reads no file.
    let services_known = |names: Value| {
        server.eventually("dockwise/debugConfig", json!({"uri": uri}), |config| {
            config["servicesBuilding"] == names
        })
    };
    services_known(json!(["api"]));
    let actions_at = |line: u32| {
        server
            .request(
                "textDocument/codeAction",
                json!({
                    "textDocument": {"uri": uri},
                    "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}},
                    "context": {"diagnostics": []},
                }),
            )
            .expect("code actions answer")
    };
    let on_from = actions_at(1);
    let action = on_from
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Open compose service `api` (compose.yaml)")
        .unwrap_or_else(|| panic!("{on_from}"))
        .clone();
    let on_run = actions_at(2);
    assert!(
        !on_run.to_string().contains("Open compose service"),
        "offered on FROM lines only: {on_run}"
    );

    let command = &action["command"];
    let result = server.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    assert_eq!(result, Ok(Value::Null));
    let shown = server.wait_for_server_request("window/showDocument");
    assert_eq!(shown["uri"], file_uri(&compose));
    assert_eq!(
        shown["selection"],
        json!({"start": {"line": 3, "character": 2}, "end": {"line": 3, "character": 5}})
    );

    // The services are looked for once per state of the files; a change on disk is seen.
    std::fs::write(&compose, "services:\n  backend:\n    build: ./api\n").unwrap();
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&compose), "type": 2}]}),
    );
    services_known(json!(["backend"]));
    let after = actions_at(1);
    assert!(
        after.to_string().contains("Open compose service `backend`")
            && !after.to_string().contains("`api`"),
        "{after}"
    );
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}
