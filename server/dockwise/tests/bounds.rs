//! Resource bounds: large, deep, long-lined, binary and non-UTF-8 inputs finish without a crash
//! or a stack overflow (the test client's timeouts detect hangs), memory stays flat over many
//! open/edit/close cycles, and requests in progress do not hold back edits.

mod support;

use std::process::Command;

use serde_json::{Value, json};
use support::Server;

fn check(name: &str, contents: &[u8]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, contents).unwrap();
    Command::new(env!("CARGO_BIN_EXE_dockwise"))
        .arg("check")
        .arg(&path)
        .output()
        .unwrap()
}

fn deep_flow() -> String {
    format!(
        "services:\n  web:\n    image: x\n    labels: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    )
}

fn deep_block() -> String {
    format!(
        "services:\n  web:\n    x:\n      {}y\n",
        "- ".repeat(10_000)
    )
}

fn big_compose() -> String {
    let mut text = String::from("services:\n");
    for i in 0..25_000 {
        text.push_str(&format!(
            "  s{i}:\n    image: nginx:1.{}\n    ports: [\"{}:80\"]\n    restart: always\n",
            i % 30,
            8000 + i % 1000
        ));
    }
    text
}

/// Not valid UTF-8: Latin-1 and random bytes.
fn garbage() -> Vec<u8> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    (0..100_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

#[test]
fn non_utf8_files_are_a_clear_error_with_exit_2() {
    for (name, contents) in [
        (
            "Dockerfile",
            b"FROM alpine\nLABEL author=\"Jos\xe9\"\n".to_vec(),
        ),
        ("compose.yaml", garbage()),
    ] {
        let output = check(name, &contents);
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("not UTF-8"), "{stderr}");
    }
}

#[test]
fn deeply_nested_yaml_is_reported_not_a_stack_overflow() {
    for text in [deep_flow(), deep_block()] {
        let output = check("compose.yaml", text.as_bytes());
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains("nested more than"), "{stdout}");
    }
}

#[test]
fn large_files_finish() {
    let long_line = format!("FROM alpine\nRUN echo {}\n", "a".repeat(1 << 20));
    let many_lines =
        "FROM alpine:3.19\nRUN apt-get install curl && pip install x\nENV A=1\n".repeat(4_000);
    for (name, text) in [
        ("Dockerfile", long_line),
        ("Dockerfile", many_lines),
        ("compose.yaml", big_compose()),
    ] {
        let output = check(name, text.as_bytes());
        assert!(
            output.status.code().is_some_and(|code| code <= 1),
            "{output:?}"
        );
    }
}

/// About 10 MB of Dockerfile in the shapes that made analysis superlinear: global ARGs, a long
/// stage of RUN/ENV/COPY/ARG/LABEL with variable uses, a SHELL followed by many RUNs, thousands of
/// stages (some built on the previous one) copying from each other, a RUN heredoc and a long
/// RUN with continuations, comment lines, and a 1 MB line. A few findings are planted; the last
/// line is a MAINTAINER.
fn ten_megabytes() -> String {
    const MB: usize = 1 << 20;
    fn section(text: &mut String, size: usize, unit: impl Fn(usize) -> String) {
        let end = text.len() + size;
        let mut i = 0;
        while text.len() < end {
            text.push_str(&unit(i));
            i += 1;
        }
    }
    let mut text = String::from("# syntax=docker/dockerfile:1\n");
    section(&mut text, 40_000, |i| format!("ARG G{i}=v{i}\n"));
    text.push_str("FROM ubuntu:22.04 AS base\nARG BASE=1\n");
    section(&mut text, 5 * MB / 2, |i| match i % 5 {
        // Every twentieth RUN lacks `-y` and the rest.
        0 if i % 100 == 0 => format!("RUN apt-get install curl{i}\n"),
        0 => format!(
            "RUN apt-get update && apt-get install -y --no-install-recommends curl{i}=1.{i} \\\n    && rm -rf /var/lib/apt/lists/*\n"
        ),
        1 => format!("ENV V{i}=x${{BASE}} W{i}=$V{}\n", i.saturating_sub(5)),
        2 => format!("COPY src{i} /app/dst{i}/\n"),
        3 => format!("ARG A{i}=val{i}\n"),
        _ => format!("LABEL l{i}=\"$A{}\" m{i}=v\n", i - 1),
    });
    text.push_str("FROM base AS shelled\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n");
    section(&mut text, 3 * MB / 2, |i| {
        format!("RUN echo {i} | tee /tmp/f{i} && echo $BASE\nWORKDIR /w{i}\n")
    });
    section(&mut text, 2 * MB, |i| {
        let from = if i % 10 == 5 {
            format!("FROM s{} AS s{i}\n", i - 1)
        } else {
            format!("FROM alpine:3.19 AS s{i}\n")
        };
        let source = if i == 0 {
            "base".to_string()
        } else {
            format!("s{}", i - 1)
        };
        format!("{from}COPY --from={source} /a /b{i}\nRUN echo {i}\n")
    });
    text.push_str("FROM alpine:3.19\nRUN <<EOF\nset -e\n");
    section(&mut text, MB / 2, |i| format!("echo line {i} $HOME\n"));
    text.push_str("EOF\nRUN set -e \\\n");
    section(&mut text, MB, |i| format!("  && echo step{i} $HOME \\\n"));
    text.push_str("  && true\n");
    section(&mut text, MB, |i| {
        format!("# comment {i} about the build\n")
    });
    text.push_str(&format!("RUN echo {}\n", "a".repeat(MB)));
    text.push_str("MAINTAINER someone\n");
    text
}

#[test]
fn a_ten_megabyte_dockerfile_finishes() {
    let text = ten_megabytes();
    assert!(text.len() >= 10_000_000, "{} bytes", text.len());
    let line_of = |wanted: &str| text.lines().position(|line| line == wanted).unwrap() + 1;
    let (first_finding, last_line) = (
        line_of("RUN apt-get install curl0"),
        line_of("MAINTAINER someone"),
    );
    let output = check("Dockerfile", text.as_bytes());
    assert!(
        output.status.code().is_some_and(|code| code <= 1),
        "{:?}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    // Findings from the start, the middle and the last line of the file, and the summary.
    for expected in [
        format!("Dockerfile:{first_finding}:5: info[apt-get-missing-no-install-recommends]"),
        "warning[apt-get-missing-yes]".to_string(),
        "hint[consecutive-run]".to_string(),
        format!("Dockerfile:{last_line}:1: warning[maintainer-deprecated]"),
    ] {
        assert!(
            stdout.contains(&expected),
            "no {expected:?} in:\n{}",
            tail(&stdout)
        );
    }
    assert!(
        stdout.trim_end().ends_with("in 1 file"),
        "{}",
        tail(&stdout)
    );
    // The 1 MB line is shown cut around the finding, not whole.
    assert!(
        stdout.lines().all(|line| line.len() < 2_000),
        "a long line in the report"
    );
}

fn tail(text: &str) -> &str {
    let mut start = text.len().saturating_sub(2_000);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

#[test]
fn the_server_answers_on_a_ten_megabyte_dockerfile() {
    let text = ten_megabytes();
    let last_line = text.lines().count() - 1;
    let server = Server::spawn();
    server.initialize(json!({}));
    let uri = "file:///w/big/Dockerfile";
    server.open(uri, "dockerfile", 1, &text);
    let diagnostics = server.wait_for_diagnostics(uri, 1);
    assert!(
        diagnostics["diagnostics"]
            .as_array()
            .is_some_and(|list| list.iter().any(|d| d["code"] == "maintainer-deprecated")),
        "no finding on the last line"
    );
    // Type into the last line, then hover it.
    let change = json!({
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": {"start": {"line": last_line, "character": 0}, "end": {"line": last_line, "character": 10}}, "text": "LABEL"}]
    });
    server.notify("textDocument/didChange", change);
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": last_line, "character": 2}}),
    );
    assert!(
        hover.as_ref().is_ok_and(|hover| hover["contents"]["value"]
            .as_str()
            .is_some_and(|value| value.contains("LABEL"))),
        "{hover:?}"
    );
    let diagnostics = server.wait_for_diagnostics(uri, 2);
    assert!(
        diagnostics["diagnostics"]
            .as_array()
            .is_some_and(|list| list.iter().all(|d| d["code"] != "maintainer-deprecated")),
        "the edit was not applied"
    );
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn the_server_survives_garbage_and_deep_nesting() {
    let server = Server::spawn();
    server.initialize(json!({}));
    // JSON carries text: garbage arrives as the replacement characters and controls it decodes to.
    let garbage = String::from_utf8_lossy(&garbage()).into_owned();
    let documents = [
        ("file:///w/Dockerfile", "dockerfile", garbage.clone()),
        ("file:///w/compose.yaml", "dockercompose", garbage),
        ("file:///w/deep/compose.yaml", "dockercompose", deep_flow()),
        (
            "file:///w/deeper/compose.yaml",
            "dockercompose",
            deep_block(),
        ),
    ];
    for (uri, language, text) in &documents {
        server.open(uri, language, 1, text);
        server.wait_for_diagnostics(uri, 1);
        for (line, character) in [(0, 0), (0, 5), (3, 20), (3, 5000), (99, 0)] {
            let position = json!({"line": line, "character": character});
            let hover = server.request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": position}),
            );
            assert!(hover.is_ok(), "{uri}: {hover:?}");
        }
    }
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn memory_stays_flat_over_many_open_edit_close_cycles() {
    let server = Server::spawn();
    server.initialize(json!({}));
    let cycle = |i: usize| {
        let uri = format!("file:///w/{}/Dockerfile", i % 7);
        server.open(&uri, "dockerfile", 1, "FROM alpine\nRUN apk add curl\n");
        let change = json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 4}}, "text": "echo 𝄞 && "}]
        });
        server.notify("textDocument/didChange", change);
        server.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    };
    let settle = || {
        // Requests are answered after the notifications sent before them were applied.
        assert_eq!(
            server.request(
                "dockwise/debugText",
                json!({"uri": "file:///w/0/Dockerfile"})
            ),
            Ok(Value::Null)
        );
    };
    (0..1_000).for_each(cycle);
    settle();
    let warm = support::rss_kib(server.pid());
    (1_000..10_000).for_each(|i| {
        cycle(i);
        if i % 1_000 == 0 {
            settle();
        }
    });
    settle();
    let after = support::rss_kib(server.pid());
    assert!(
        after < warm + 20 * 1024,
        "RSS grew from {warm} KiB to {after} KiB over 9,000 cycles"
    );
}

/// Versions of the diagnostics published for `uri` so far, in the order they arrived.
fn published_versions(server: &Server, uri: &str) -> Vec<i64> {
    server
        .notifications("textDocument/publishDiagnostics")
        .iter()
        .filter(|params| params["uri"] == uri)
        .filter_map(|params| params["version"].as_i64())
        .collect()
}

fn insert_at_start(uri: &str, version: i64, text: &str) -> Value {
    json!({
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": text}]
    })
}

#[test]
fn edits_to_one_document_stay_in_order_while_another_is_slow() {
    let server = Server::spawn();
    server.initialize(json!({}));
    let slow = "file:///w/big/compose.yaml";
    server.open(slow, "dockercompose", 1, &big_compose());
    let fast = "file:///w/Dockerfile";
    server.open(fast, "dockerfile", 1, "");
    let mut requests = Vec::new();
    for version in 2..60 {
        server.notify(
            "textDocument/didChange",
            insert_at_start(fast, version, &format!("{version} ")),
        );
        let on_slow = json!({"textDocument": {"uri": slow}});
        match version % 10 {
            0 => {
                let mut hover = on_slow.clone();
                hover["position"] = json!({"line": 40_000, "character": 6});
                requests.push(server.send_request("textDocument/hover", hover));
            }
            3 => requests.push(server.send_request("textDocument/documentSymbol", on_slow)),
            6 => requests.push(server.send_request("textDocument/semanticTokens/full", on_slow)),
            _ => {}
        }
    }
    let expected: String = (2..60).rev().map(|v| format!("{v} ")).collect();
    let text = server
        .request("dockwise/debugText", json!({"uri": fast}))
        .unwrap();
    assert_eq!(text["text"], expected);
    assert_eq!(text["version"], 59);
    server.wait_for_diagnostics(fast, 59);
    for id in requests {
        assert!(server.response(id).is_ok(), "request {id}");
    }
    // Versions skipped in the burst are fine; going back is not.
    let versions = published_versions(&server, fast);
    assert!(
        versions.windows(2).all(|pair| pair[0] < pair[1]),
        "{versions:?}"
    );
    assert_eq!(versions.last(), Some(&59));
}

/// A request in progress does not hold back the edits that come after it. `dockwise/debugHold`
/// keeps requests busy on their workers until a `dockwise/debugRelease` (at most 10 s): six of
/// them, more than the server computes at once and more than tower-lsp's default of four
/// messages in flight. An edit sent after them must be applied and its diagnostics published
/// while they are still held; only then are they released, and each answer says the release
/// (not the time limit) ended it, on the version it was asked about. Were edits queued behind
/// the requests, the diagnostics could only come once the holds gave up: the answers would say
/// `released: false`, or waiting for the diagnostics would time out first.
#[test]
fn a_request_in_progress_does_not_hold_back_edits() {
    let server = Server::spawn();
    server.initialize(json!({}));
    let uri = "file:///w/Dockerfile";
    server.open(
        uri,
        "dockerfile",
        1,
        "FROM alpine:3.20
",
    );
    server.wait_for_diagnostics(uri, 1);

    let holds: Vec<i64> = (0..6)
        .map(|_| server.send_request("dockwise/debugHold", json!({"uri": uri})))
        .collect();
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "MAINTAINER me\n"}]
        }),
    );
    let diagnostics = server.wait_for_diagnostics(uri, 2);
    let codes: Vec<&Value> = diagnostics["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["code"])
        .collect();
    assert!(
        codes.contains(&&json!("maintainer-deprecated")),
        "{codes:?}"
    );

    server.notify("dockwise/debugRelease", Value::Null);
    for id in holds {
        assert_eq!(
            server.response(id),
            Ok(json!({"version": 1, "released": true})),
            "hold {id}"
        );
    }
    assert_eq!(published_versions(&server, uri), [1, 2]);
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}
