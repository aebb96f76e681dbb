//! JSON-RPC conformance against the spawned binary: malformed frames, wrong parameters, the
//! lifecycle (before `initialize`, after `shutdown`), cancellation, and failed replies to the
//! server's own requests. After each, the server must answer correctly and keep serving.

mod support;

use serde_json::{Value, json};
use support::Server;

const URI: &str = "file:///work/Dockerfile";

fn hover_at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Still serving: a request gets its answer.
fn assert_serving(server: &Server) {
    assert_eq!(
        server
            .request("dockwise/debugText", json!({"uri": URI}))
            .expect("debugText")["text"],
        "FROM alpine\n"
    );
}

/// The error the server sends for a frame it could not read (`id: null`, which the test client
/// files under -1).
fn null_id_error(server: &Server) -> Value {
    server
        .response(-1)
        .expect_err("an error for a malformed frame")
}

#[test]
fn malformed_frames_are_answered_with_errors_and_the_session_goes_on() {
    let server = Server::spawn();
    server.initialize(json!({}));
    server.open(URI, "dockerfile", 1, "FROM alpine\n");

    let cases: Vec<(&str, Vec<u8>, i64)> = vec![
        (
            "invalid JSON",
            frame(b"{\"jsonrpc\": \"2.0\", \"id\": "),
            -32700,
        ),
        ("not a message", frame(b"[1, 2, 3]"), -32600),
        (
            "a wrong version",
            frame(br#"{"jsonrpc":"1.0","id":5,"method":"x"}"#),
            -32600,
        ),
        (
            "no Content-Length",
            b"Content-Type: application/json\r\n\r\n{}".to_vec(),
            -32700,
        ),
        (
            "a bad Content-Length",
            b"Content-Length: -4\r\n\r\n{}".to_vec(),
            -32700,
        ),
        (
            "a header without colon",
            b"Content-Length 4\r\n\r\n{}{}".to_vec(),
            -32700,
        ),
        // Declares 100 MB and sends a few bytes: refused at once, not waited for.
        (
            "a 100 MB declared length",
            b"Content-Length: 104857600\r\n\r\n{\"jsonrpc\"".to_vec(),
            -32700,
        ),
    ];
    for (what, bytes, code) in cases {
        server.send_raw(&bytes);
        let error = null_id_error(&server);
        assert_eq!(error["code"], code, "{what}: {error}");
        assert_serving(&server);
    }

    // Truncated: the declared length runs into the next frame, which must still be read.
    server.send_raw(b"Content-Length: 300\r\n\r\n{\"jsonrpc\":\"2.0\",");
    let next = server.send_request("dockwise/debugText", json!({"uri": URI}));
    assert_eq!(null_id_error(&server)["code"], -32700);
    assert_eq!(server.response(next).unwrap()["text"], "FROM alpine\n");

    // Header names are case-insensitive and extra headers are allowed.
    let body = serde_json::to_vec(&json!({"jsonrpc": "2.0", "id": 900, "method": "dockwise/debugText", "params": {"uri": URI}})).unwrap();
    let mut raw = format!(
        "content-length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n",
        body.len()
    )
    .into_bytes();
    raw.extend(body);
    server.send_raw(&raw);
    assert_eq!(server.response(900).unwrap()["text"], "FROM alpine\n");

    assert!(
        !server.stderr().contains("FROM alpine"),
        "reports of bad frames never echo message contents"
    );
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_huge_body_is_skipped_without_being_held_in_memory() {
    let server = Server::spawn();
    server.initialize(json!({}));
    server.open(URI, "dockerfile", 1, "FROM alpine\n");
    let before = support::rss_kib(server.pid());
    let mut huge = b"Content-Length: 104857600\r\n\r\n".to_vec();
    huge.resize(huge.len() + (100 << 20), b'x');
    server.send_raw(&huge);
    assert_eq!(null_id_error(&server)["code"], -32700);
    assert_serving(&server);
    let after = support::rss_kib(server.pid());
    assert!(
        after < before + 32 * 1024,
        "RSS grew from {before} KiB to {after} KiB while skipping a 100 MB body"
    );
}

#[test]
fn wrong_parameter_types_are_invalid_params() {
    let server = Server::spawn();
    let refused = server
        .request("initialize", json!({"capabilities": 5}))
        .expect_err("bad initialize");
    assert_eq!(refused["code"], -32602);
    server.initialize(json!({}));
    server.open(URI, "dockerfile", 1, "FROM alpine\n");
    for params in [
        json!([1, 2]),
        json!({"textDocument": {"uri": URI}, "position": {"line": -1, "character": 0}}),
        json!({"textDocument": {"uri": URI}, "position": {"line": "zero", "character": 0}}),
        json!({"textDocument": {"uri": 42}, "position": {"line": 0, "character": 0}}),
        Value::Null,
    ] {
        let error = server
            .request("textDocument/hover", params.clone())
            .expect_err("bad hover params");
        assert_eq!(error["code"], -32602, "{params}: {error}");
    }
    let error = server
        .request(
            "workspace/executeCommand",
            json!({"command": "dockwise.explain", "arguments": [7]}),
        )
        .expect_err("bad argument");
    assert_eq!(error["code"], -32602);
    assert_serving(&server);
}

#[test]
fn unknown_methods_are_method_not_found_and_unknown_notifications_are_ignored() {
    let server = Server::spawn();
    server.initialize(json!({}));
    server.open(URI, "dockerfile", 1, "FROM alpine\n");
    for method in [
        "textDocument/noSuchThing",
        "dockwise/nope",
        "$/customRequest",
    ] {
        let error = server.request(method, json!({})).expect_err(method);
        assert_eq!(error["code"], -32601, "{method}");
    }
    server.notify("$/setTrace", json!({"value": "off"}));
    server.notify("$/unknownNotification", json!({}));
    assert_serving(&server);
}

#[test]
fn requests_before_initialize_are_refused_and_initialize_still_works() {
    let server = Server::spawn();
    let early = server
        .request("textDocument/hover", hover_at(URI, 0, 0))
        .expect_err("before initialize");
    assert_eq!(early["code"], -32002);
    let early = server
        .request("shutdown", Value::Null)
        .expect_err("shutdown before initialize");
    assert_eq!(early["code"], -32002);
    // Notifications before initialize are dropped (except exit).
    server.open(URI, "dockerfile", 1, "FROM ignored\n");
    server.initialize(json!({}));
    assert_eq!(
        server.request("dockwise/debugText", json!({"uri": URI})),
        Ok(Value::Null)
    );
    let again = server
        .request("initialize", json!({"capabilities": {}}))
        .expect_err("initialize twice");
    assert_eq!(again["code"], -32600);
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn notifications_after_shutdown_change_nothing_and_exit_succeeds() {
    let mut server = Server::spawn();
    server.initialize(json!({}));
    server.open(URI, "dockerfile", 1, "FROM alpine\n");
    assert_eq!(server.request("shutdown", Value::Null), Ok(Value::Null));
    server.open("file:///work/other/Dockerfile", "dockerfile", 1, "FROM x\n");
    let refused = server
        .request("dockwise/debugText", json!({"uri": URI}))
        .expect_err("after shutdown");
    assert_eq!(refused["code"], -32600);
    server.notify("exit", Value::Null);
    assert_eq!(server.wait_for_exit().code(), Some(0));
}

#[test]
fn cancelling_running_and_finished_requests() {
    let server = Server::spawn();
    server.initialize(json!({}));
    server.open(URI, "dockerfile", 1, "FROM alpine\n");
    // Finished: the cancellation arrives after the answer and is ignored.
    let done = server.send_request("textDocument/hover", hover_at(URI, 0, 1));
    assert!(server.response(done).is_ok());
    server.notify("$/cancelRequest", json!({"id": done}));
    // Unknown ids too.
    server.notify("$/cancelRequest", json!({"id": 123456}));
    server.notify("$/cancelRequest", json!({"id": "not-a-request"}));

    // Running: a request on a big document, cancelled at once. Either it completed first, or
    // it is answered with RequestCancelled; never silence, and the session goes on.
    let big = "FROM alpine\nRUN echo hi && \\\n  apk add curl\n".repeat(300);
    let big_uri = "file:///work/big/Dockerfile";
    server.open(big_uri, "dockerfile", 1, &big);
    let ids: Vec<i64> = (0..3)
        .map(|i| {
            let id = server.send_request(
                "textDocument/codeAction",
                json!({
                    "textDocument": {"uri": big_uri},
                    "range": {"start": {"line": i * 90, "character": 0}, "end": {"line": i * 90 + 3, "character": 0}},
                    "context": {"diagnostics": []}
                }),
            );
            server.notify("$/cancelRequest", json!({"id": id}));
            id
        })
        .collect();
    for id in ids {
        match server.response(id) {
            Ok(result) => assert!(result.is_array() || result.is_null(), "{result}"),
            Err(error) => assert_eq!(error["code"], -32800, "{error}"),
        }
    }
    assert_serving(&server);
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

/// Cancelling a request whose work is running answers it at once, although its worker cannot
/// be interrupted: `dockwise/debugHold` cannot finish before it is released, so the only
/// possible answer is RequestCancelled.
#[test]
fn a_request_cancelled_while_its_work_runs_is_answered_at_once() {
    let server = Server::spawn();
    server.initialize(json!({}));
    server.open(URI, "dockerfile", 1, "FROM alpine\n");
    let held = server.send_request("dockwise/debugHold", json!({"uri": URI}));
    server.notify("$/cancelRequest", json!({"id": held}));
    let error = server.response(held).expect_err("cancelled");
    assert_eq!(error["code"], -32800, "{error}");
    // The worker is still held; the session goes on, and so does the next hold once released.
    assert_serving(&server);
    let next = server.send_request("dockwise/debugHold", json!({"uri": URI}));
    server.notify("dockwise/debugRelease", Value::Null);
    assert_eq!(
        server.response(next),
        Ok(json!({"version": 1, "released": true}))
    );
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn error_replies_to_every_server_request_are_survived() {
    let server = Server::spawn_with(Box::new(|method, _| {
        Err(json!({"code": -32603, "message": format!("{method} refused")}))
    }));
    server.initialize(json!({
        "capabilities": {
            "workspace": {
                "configuration": true,
                "didChangeConfiguration": {"dynamicRegistration": true},
                "didChangeWatchedFiles": {"dynamicRegistration": true}
            }
        }
    }));
    server.wait_for_server_request("workspace/configuration");
    server.wait_for_server_request("client/registerCapability");
    server.open(URI, "dockerfile", 1, "FROM alpine\n");
    server.wait_for_diagnostics(URI, 1);
    assert_serving(&server);
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_bare_exit_fails_even_with_open_documents() {
    let mut server = Server::spawn();
    server.initialize(json!({}));
    server.open(URI, "dockerfile", 1, "FROM alpine\n");
    server.notify("exit", Value::Null);
    assert_eq!(server.wait_for_exit().code(), Some(1));
}

#[test]
fn closing_stdin_ends_the_server() {
    let mut server = Server::spawn();
    server.initialize(json!({}));
    server.close_stdin();
    assert_eq!(server.wait_for_exit().code(), Some(1));
}

/// A whole session, the client's messages written to `to_server` one by one, each after the
/// answer it waits for shows in `answers()`.
fn serve_session(
    mut server: std::process::Child,
    to_server: &mut impl std::io::Write,
    answers: impl Fn() -> String,
) {
    use std::time::{Duration, Instant};
    let mut exchange = |message: Value, answer: &str| {
        to_server
            .write_all(&frame(message.to_string().as_bytes()))
            .expect("write to the server");
        let deadline = Instant::now() + Duration::from_secs(20);
        while !answers().contains(answer) {
            assert!(Instant::now() < deadline, "no {answer} in {}", answers());
            std::thread::sleep(Duration::from_millis(10));
        }
    };
    let open = json!({"textDocument":
        {"uri": URI, "languageId": "dockerfile", "version": 1, "text": "FROM alpine\n"}});
    exchange(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
        r#""id":1}"#,
    );
    exchange(json!({"jsonrpc": "2.0", "method": "initialized"}), "");
    exchange(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": open}),
        "",
    );
    exchange(
        json!({"jsonrpc": "2.0", "id": 2, "method": "dockwise/debugText", "params": {"uri": URI}}),
        r#""text":"FROM alpine\n""#,
    );
    exchange(
        json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}),
        r#""result":null,"id":3}"#,
    );
    exchange(json!({"jsonrpc": "2.0", "method": "exit"}), "");
    assert_eq!(server.wait().expect("wait for dockwise").code(), Some(0));
}

fn dockwise_lsp() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_dockwise"));
    command.arg("lsp");
    command
}

/// Unix socket pairs, as libuv (Neovim, VS Code) spawns a server: driven like pipes.
#[cfg(unix)]
#[test]
fn a_session_over_sockets_is_served() {
    use std::io::Read;
    use std::os::fd::OwnedFd;
    use std::os::unix::net::UnixStream;
    use std::sync::{Arc, Mutex};

    let (mut to_server, server_in) = UnixStream::pair().expect("a socket pair");
    let (mut from_server, server_out) = UnixStream::pair().expect("a socket pair");
    let server = dockwise_lsp()
        .stdin(OwnedFd::from(server_in))
        .stdout(OwnedFd::from(server_out))
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run dockwise lsp");
    let output = Arc::new(Mutex::new(String::new()));
    let collected = output.clone();
    std::thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(n @ 1..) = from_server.read(&mut buffer) {
            let text = String::from_utf8_lossy(&buffer[..n]);
            collected.lock().unwrap().push_str(&text);
        }
    });
    serve_session(server, &mut to_server, || output.lock().unwrap().clone());
}

/// stdio that cannot be driven: stdin a socket stderr shares (read on a thread), stdout a
/// file (written through tokio's stdout).
#[cfg(unix)]
#[test]
fn a_session_over_undrivable_stdio_is_served() {
    use std::os::fd::OwnedFd;
    use std::os::unix::net::UnixStream;

    let dir = support::Project::new();
    let output = dir.write("output", "");
    let (mut to_server, server_end) = UnixStream::pair().expect("a socket pair");
    let server = dockwise_lsp()
        .stdin(OwnedFd::from(server_end.try_clone().expect("clone")))
        .stdout(std::fs::File::create(&output).expect("create the output file"))
        .stderr(OwnedFd::from(server_end))
        .spawn()
        .expect("run dockwise lsp");
    serve_session(server, &mut to_server, || dir.read("output"));
}
