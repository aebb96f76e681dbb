//! Completion and signature help end to end: a realistic multi-stage Dockerfile, clients with
//! and without snippet support, and positions in UTF-16 after non-ASCII text.

mod support;

use serde_json::{Value, json};
use support::Server;

const URI: &str = "file:///project/Dockerfile";

const DOCKERFILE: &str = r#"# syntax=docker/dockerfile:1
ARG GO_VERSION=1.27
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build
ARG TARGETOS TARGETARCH
ENV CGO_ENABLED=0
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download
COPY . .
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./cmd/app

FROM alpine:3.24 AS runtime
RUN addgroup -S app && adduser -S -G app app

COPY --chown=app:app --from= /out/app /usr/local/bin/app
USER app
ENTRYPOINT ["/usr/local/bin/app"]
"#;

fn start(capabilities: Value, text: &str) -> Server {
    let server = Server::spawn();
    server.initialize(json!({ "capabilities": capabilities }));
    server.open(URI, "dockerfile", 1, text);
    server
}

fn snippet_client() -> Value {
    json!({"textDocument": {"completion": {"completionItem": {"snippetSupport": true}}}})
}

/// Line and UTF-16 column of the first `marker` in `text`, plus `shift` characters.
fn position_after(text: &str, marker: &str) -> (u32, u32) {
    let at = text.find(marker).expect("marker") + marker.len();
    let line_start = text[..at].rfind('\n').map_or(0, |newline| newline + 1);
    let line = text[..at].matches('\n').count();
    let column = text[line_start..at].encode_utf16().count();
    (line as u32, column as u32)
}

fn complete(server: &Server, (line, character): (u32, u32), context: Value) -> Value {
    server
        .request(
            "textDocument/completion",
            json!({
                "textDocument": {"uri": URI},
                "position": {"line": line, "character": character},
                "context": context,
            }),
        )
        .expect("completion answers")
}

fn items(result: &Value) -> Vec<Value> {
    result["items"].as_array().cloned().unwrap_or_default()
}

fn labels(result: &Value) -> Vec<String> {
    items(result)
        .iter()
        .map(|item| item["label"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn find(result: &Value, label: &str) -> Value {
    items(result)
        .into_iter()
        .find(|item| item["label"] == label)
        .unwrap_or_else(|| panic!("no `{label}` in {:?}", labels(result)))
}

const INVOKED: fn() -> Value = || json!({"triggerKind": 1});

#[test]
fn advertises_completion_and_signature_help() {
    let server = Server::spawn();
    let result = server.initialize(json!({}));
    let completion = &result["capabilities"]["completionProvider"];
    let triggers: Vec<&str> = completion["triggerCharacters"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for expected in ["-", "=", "$", "{", " ", ":"] {
        assert!(triggers.contains(&expected), "{expected:?} in {triggers:?}");
    }
    assert_eq!(
        result["capabilities"]["signatureHelpProvider"]["triggerCharacters"],
        json!([" "])
    );
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn stages_flags_and_mounts_in_a_multi_stage_file() {
    let server = start(snippet_client(), DOCKERFILE);
    // `COPY --from=` in the runtime stage: the build stage, never the current one.
    let at = position_after(DOCKERFILE, "--from=");
    let result = complete(
        &server,
        at,
        json!({"triggerKind": 2, "triggerCharacter": "="}),
    );
    assert_eq!(labels(&result), ["build"]);
    let build = find(&result, "build");
    assert_eq!(build["kind"], 18, "a reference");
    assert_eq!(
        build["textEdit"],
        json!({"range": {"start": {"line": at.0, "character": at.1}, "end": {"line": at.0, "character": at.1}}, "newText": "build"})
    );

    // A second `--` on the same COPY: the remaining flags, not --chown or --from again.
    let text = DOCKERFILE.replace("--from= ", "--from=build --");
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": text}]}),
    );
    let at = position_after(&text, "--from=build --");
    let result = complete(
        &server,
        at,
        json!({"triggerKind": 2, "triggerCharacter": "-"}),
    );
    let offered = labels(&result);
    assert!(offered.contains(&"--link".to_string()), "{offered:?}");
    assert!(
        !offered.contains(&"--chown".to_string()) && !offered.contains(&"--from".to_string()),
        "{offered:?}"
    );
    let link = find(&result, "--link");
    assert_eq!(
        link["textEdit"]["range"]["start"]["character"],
        at.1 - 2,
        "replaces the typed `--`"
    );

    // Mount keys after the comma, `target` being present already.
    let at = position_after(&text, "--mount=type=cache,target=/go/pkg/mod");
    let text = text.replacen("target=/go/pkg/mod \\", "target=/go/pkg/mod, \\", 1);
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 3}, "contentChanges": [{"text": text}]}),
    );
    let result = complete(
        &server,
        (at.0, at.1 + 1),
        json!({"triggerKind": 2, "triggerCharacter": ","}),
    );
    let offered = labels(&result);
    assert!(
        offered.contains(&"sharing".to_string()) && offered.contains(&"id".to_string()),
        "{offered:?}"
    );
    assert!(!offered.contains(&"target".to_string()), "{offered:?}");
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn snippets_only_for_clients_that_support_them() {
    let text = "FROM alpine:3.24\n\n";
    let with = start(snippet_client(), text);
    let copy = find(&complete(&with, (1, 0), INVOKED()), "COPY");
    assert_eq!(copy["insertTextFormat"], 2);
    assert_eq!(copy["textEdit"]["newText"], "COPY ${1:src} ${2:dest}");
    assert_eq!(copy["kind"], 14, "a keyword");
    assert!(
        copy["documentation"]["value"]
            .as_str()
            .unwrap_or_default()
            .contains("COPY"),
        "documented from the knowledge base: {copy}"
    );
    assert_eq!(with.shutdown_and_exit().code(), Some(0));

    let without = start(json!({}), text);
    let result = complete(&without, (1, 0), INVOKED());
    let copy = find(&result, "COPY");
    assert_eq!(copy["insertTextFormat"], 1);
    assert_eq!(copy["textEdit"]["newText"], "COPY ");
    for item in items(&result) {
        let inserted = item["textEdit"]["newText"].as_str().unwrap_or_default();
        assert!(
            !inserted.contains("${"),
            "no placeholder for a plain-text client: {item}"
        );
    }
    assert_eq!(without.shutdown_and_exit().code(), Some(0));
}

#[test]
fn utf16_positions_after_non_ascii_text() {
    let text = "FROM alpine AS base\nENV HOME_DIR=/home/app\nRUN echo \"Zoë 😀\" $HO\n";
    let server = start(json!({}), text);
    let at = position_after(text, "$HO");
    // 😀 is two UTF-16 units and ë one: the column is not the byte or character count.
    assert_eq!(at, (2, 21));
    let result = complete(&server, at, json!({"triggerKind": 1}));
    let home = find(&result, "HOME_DIR");
    assert_eq!(
        home["textEdit"]["range"],
        json!({"start": {"line": 2, "character": 19}, "end": {"line": 2, "character": 21}})
    );
    assert_eq!(home["textEdit"]["newText"], "HOME_DIR");
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn nothing_on_a_space_where_nothing_fits() {
    let text = "FROM alpine:3.24 \nRUN apk add --no-cache curl \n";
    let server = start(snippet_client(), text);
    let result = complete(
        &server,
        (1, 28),
        json!({"triggerKind": 2, "triggerCharacter": " "}),
    );
    assert_eq!(result, Value::Null);
    // A space after FROM's image does have a continuation: `AS`.
    let result = complete(
        &server,
        (0, 17),
        json!({"triggerKind": 2, "triggerCharacter": " "}),
    );
    assert_eq!(labels(&result), ["AS"]);
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn base_images_and_tags_after_from() {
    let text = "FROM python:3.1\n";
    let server = start(json!({}), text);
    let result = complete(&server, (0, 15), json!({"triggerKind": 1}));
    let slim = find(&result, "3.15-slim");
    assert_eq!(
        slim["textEdit"]["range"],
        json!({"start": {"line": 0, "character": 12}, "end": {"line": 0, "character": 15}})
    );
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn signature_help_follows_the_cursor() {
    let text = "FROM golang AS build\nFROM alpine\nCOPY --from=build /out/app \n";
    let server = start(json!({}), text);
    let help = |line: u32, character: u32| {
        server
            .request(
                "textDocument/signatureHelp",
                json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}}),
            )
            .expect("signature help answers")
    };
    let result = help(2, 27);
    let signature = &result["signatures"][0];
    let label = signature["label"].as_str().unwrap();
    assert!(
        label.starts_with("COPY [--from=<stage|image|context>] [--chown=<user>:<group>]"),
        "{label}"
    );
    let active = result["activeParameter"].as_u64().unwrap() as usize;
    assert_eq!(signature["parameters"][active]["label"], "<dest>");
    let result = help(2, 8);
    let active = result["activeParameter"].as_u64().unwrap() as usize;
    assert_eq!(
        result["signatures"][0]["parameters"][active]["label"],
        "[--from=<stage|image|context>]"
    );
    let result = help(0, 5);
    let active = result["activeParameter"].as_u64().unwrap() as usize;
    assert_eq!(
        result["signatures"][0]["parameters"][active]["label"],
        "<image>[:<tag>|@<digest>]"
    );
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn compose_files_go_through_the_same_request() {
    let server = Server::spawn();
    server.initialize(json!({}));
    let uri = "file:///project/compose.yaml";
    server.open(
        uri,
        "yaml",
        1,
        "services:\n  web:\n    image: nginx\n    \n",
    );
    let result = server.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": 4}}),
    );
    assert!(result.is_ok(), "answered without error: {result:?}");
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn documentation_waits_for_resolve_when_the_client_resolves_it() {
    let text = "FROM alpine:3.24\n\n";
    let resolving = json!({"textDocument": {"completion": {"completionItem": {
        "resolveSupport": {"properties": ["documentation", "detail"]}}}}});
    let server = start(resolving, text);
    let first = complete(&server, (1, 0), INVOKED());
    let copy = find(&first, "COPY");
    assert!(copy.get("documentation").is_none(), "kept back: {copy}");
    let resolved = server
        .request("completionItem/resolve", copy.clone())
        .expect("resolve answers");
    assert!(
        resolved["documentation"]["value"]
            .as_str()
            .unwrap_or_default()
            .contains("COPY"),
        "{resolved}"
    );
    assert_eq!(resolved["label"], "COPY");
    assert_eq!(
        resolved["textEdit"], copy["textEdit"],
        "the rest is unchanged"
    );

    // An item of a list the client no longer shows resolves to itself.
    complete(&server, (1, 0), INVOKED());
    let stale = server
        .request("completionItem/resolve", copy.clone())
        .expect("resolve answers");
    assert_eq!(stale, copy);
    // So does an item the server did not make.
    let foreign = json!({"label": "x", "data": "not ours"});
    assert_eq!(
        server.request("completionItem/resolve", foreign.clone()),
        Ok(foreign)
    );
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}
