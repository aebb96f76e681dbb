//! The handshake: advertised capabilities, position encoding, first diagnostics, commands.

mod support;

use serde_json::{Value, json};
use support::Server;

#[test]
fn advertises_exactly_what_is_implemented() {
    let server = Server::spawn();
    let result = server.initialize(json!({}));
    assert_eq!(result["serverInfo"]["name"], "dockwise");
    let capabilities = result["capabilities"].as_object().expect("capabilities");
    let mut advertised: Vec<&str> = capabilities.keys().map(String::as_str).collect();
    advertised.sort_unstable();
    assert_eq!(
        advertised,
        [
            "codeActionProvider",
            "completionProvider",
            "definitionProvider",
            "documentFormattingProvider",
            "documentHighlightProvider",
            "documentLinkProvider",
            "documentOnTypeFormattingProvider",
            "documentRangeFormattingProvider",
            "documentSymbolProvider",
            "executeCommandProvider",
            "foldingRangeProvider",
            "hoverProvider",
            "inlayHintProvider",
            "positionEncoding",
            "referencesProvider",
            "renameProvider",
            "selectionRangeProvider",
            "semanticTokensProvider",
            "signatureHelpProvider",
            "textDocumentSync",
            "workspaceSymbolProvider"
        ]
    );
    assert_eq!(
        capabilities["textDocumentSync"],
        json!({"openClose": true, "change": 2, "save": true})
    );
    assert_eq!(capabilities["hoverProvider"], true);
    assert_eq!(
        capabilities["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.dockwise"])
    );
    assert_eq!(
        capabilities["executeCommandProvider"]["commands"],
        json!(["dockwise.explain", "dockwise.openComposeService"])
    );
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn editors_may_start_it_with_stdio_flags() {
    for args in [&["--stdio"][..], &["lsp", "--stdio"]] {
        let server = Server::spawn_command(args, support::settings(Value::Null));
        let result = server.initialize(json!({}));
        assert_eq!(result["serverInfo"]["name"], "dockwise", "{args:?}");
        assert_eq!(server.shutdown_and_exit().code(), Some(0), "{args:?}");
    }
}

#[test]
fn negotiates_the_position_encoding() {
    let cases = [
        (json!(null), "utf-16"),
        (json!(["utf-16"]), "utf-16"),
        (json!(["utf-16", "utf-8"]), "utf-8"),
        (json!(["utf-32", "utf-16"]), "utf-32"),
        (json!(["utf-8", "utf-32"]), "utf-8"),
    ];
    for (offered, expected) in cases {
        let server = Server::spawn();
        let capabilities = match offered {
            Value::Null => json!({}),
            offered => json!({"general": {"positionEncodings": offered}}),
        };
        let result = server.initialize(json!({"capabilities": capabilities}));
        assert_eq!(
            result["capabilities"]["positionEncoding"], expected,
            "{capabilities}"
        );
    }
}

#[test]
fn opening_a_dockerfile_publishes_diagnostics_for_its_version_and_other_files_get_none() {
    let server = Server::spawn();
    server.initialize(json!({}));
    server.open("file:///project/README.md", "markdown", 3, "# hello\n");
    server.open(
        "file:///project/Dockerfile",
        "dockerfile",
        7,
        "FROM alpine:3.20\nRUN echo hi\n",
    );
    server.open("file:///project/compose.yaml", "yaml", 2, "services: {}\n");
    let published = server.wait_for_diagnostics("file:///project/Dockerfile", 7);
    assert!(published["diagnostics"].is_array());
    server.wait_for_diagnostics("file:///project/compose.yaml", 2);
    let for_readme = server
        .notifications("textDocument/publishDiagnostics")
        .into_iter()
        .filter(|params| params["uri"] == "file:///project/README.md")
        .count();
    assert_eq!(for_readme, 0);
    // Unanalysed files have no hover, and asking is not an error.
    let hover = json!({"textDocument": {"uri": "file:///project/README.md"}, "position": {"line": 0, "character": 2}});
    assert_eq!(server.request("textDocument/hover", hover), Ok(Value::Null));

    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": "file:///project/Dockerfile"}}),
    );
    server.wait_for_notification("textDocument/publishDiagnostics", |params| {
        params["uri"] == "file:///project/Dockerfile"
            && params["diagnostics"] == json!([])
            && params["version"].is_null()
    });
}

#[test]
fn explain_answers_with_the_knowledge_base() {
    let server = Server::spawn();
    server.initialize(json!({}));
    let explain = |arguments: Value| {
        server.request(
            "workspace/executeCommand",
            json!({"command": "dockwise.explain", "arguments": arguments}),
        )
    };
    for entry in dockwise_knowledge::entries().iter().take(5) {
        assert_eq!(
            explain(json!([entry.id])),
            Ok(Value::String(entry.full_markdown())),
            "{}",
            entry.id
        );
    }
    assert_eq!(
        explain(json!([])).expect_err("an argument is required")["code"],
        -32602
    );
    let unknown = server.request(
        "workspace/executeCommand",
        json!({"command": "dockwise.nope", "arguments": []}),
    );
    assert_eq!(unknown.expect_err("unknown command")["code"], -32602);
}
