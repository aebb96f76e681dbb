//! Compose files end to end: the server routes them to the Compose analysis for diagnostics,
//! hovers and quick fixes without any Compose-specific LSP code.

mod support;

use serde_json::{Value, json};
use support::Server;

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
