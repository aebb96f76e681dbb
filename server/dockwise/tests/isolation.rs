//! Nothing beyond the workspace: under strace, a language-server session and `dockwise check`
//! start no process, open no network socket, and open files only inside the workspace (and
//! what the program itself needs: its binary, libraries, /proc, /sys, /dev). Logs never carry
//! the values of variables that look like secrets.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};
use support::{Server, file_uri};

const SECRET: &str = "s3cr3t-value";

fn strace_available() -> bool {
    Command::new("strace")
        .arg("-V")
        .output()
        .is_ok_and(|out| out.status.success())
}

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("Dockerfile"),
        format!("FROM alpine\nENV API_TOKEN={SECRET}\nRUN apk add curl\n"),
    )
    .unwrap();
    std::fs::write(dir.path().join(".dockerignore"), "*.log\n").unwrap();
    std::fs::write(
        dir.path().join("compose.yaml"),
        "services:\n  web:\n    image: nginx\n",
    )
    .unwrap();
    std::fs::write(dir.path().join(".env"), "TAG=1\n").unwrap();
    dir
}

/// Paths of every file-opening syscall in the trace, and every forbidden call.
fn audit(trace: &str, allowed: &[&Path]) -> Vec<String> {
    let system = ["/proc/", "/sys/", "/dev/", "/etc/ld.so", "/lib", "/usr/lib"];
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_dockwise"));
    let mut problems = Vec::new();
    let mut execs = 0;
    for line in trace.lines() {
        let call = line
            .split_once(' ')
            .map_or(line, |(_, rest)| rest)
            .trim_start();
        if call.starts_with("execve(") {
            execs += 1;
            if execs > 1 {
                problems.push(format!("a process was started: {line}"));
            }
        } else if call.starts_with("connect(")
            || (call.starts_with("socket(") && !call.starts_with("socket(AF_UNIX"))
        {
            problems.push(format!("network: {line}"));
        } else if call.starts_with("open")
            || call.starts_with("stat")
            || call.starts_with("newfstatat")
            || call.starts_with("readlink")
        {
            let Some(path) = line.split('"').nth(1) else {
                continue;
            };
            let path = Path::new(path);
            let name = path.to_string_lossy();
            // The dynamic loader's library search (cargo points it at the build directories).
            let library = name.ends_with(".so") || name.contains(".so.");
            let inside = allowed.iter().any(|root| path.starts_with(root))
                || system.iter().any(|prefix| name.starts_with(prefix))
                || path == binary
                || library
                || path.is_relative();
            if !inside && call.starts_with("open") {
                problems.push(format!("read outside the workspace: {line}"));
            }
        }
    }
    problems
}

fn traced(args: &[&str], trace: &Path) -> Command {
    let mut command = Command::new("strace");
    command
        .args(["-f", "-qq", "-e", "trace=process,network,openat,open", "-o"])
        .arg(trace)
        .arg(env!("CARGO_BIN_EXE_dockwise"))
        .args(args);
    command
}

#[test]
fn check_starts_nothing_and_reads_only_what_it_was_given() {
    if !strace_available() {
        eprintln!("skipped: strace is not installed (tests/run.sh installs it)");
        return;
    }
    let workspace = workspace();
    let trace_dir = tempfile::tempdir().unwrap();
    let trace = trace_dir.path().join("check.trace");
    let output = traced(&["check", "--format", "json"], &trace)
        .arg(workspace.path())
        .output()
        .unwrap();
    assert!(
        output.status.code().is_some_and(|code| code <= 1),
        "{output:?}"
    );
    let trace = std::fs::read_to_string(&trace).unwrap();
    assert!(trace.contains("Dockerfile"), "the trace saw the work");
    // The CLI may look upward from the given path for dockwise.toml / .hadolint.yaml (up to
    // the filesystem root): only those names are allowed above it.
    let problems: Vec<String> = audit(&trace, &[workspace.path()])
        .into_iter()
        .filter(|problem| !(problem.contains("dockwise.toml") || problem.contains(".hadolint.y")))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn a_session_starts_nothing_and_reads_only_the_workspace_and_never_logs_secrets() {
    let workspace = workspace();
    let trace_dir = tempfile::tempdir().unwrap();
    let trace = trace_dir.path().join("lsp.trace");
    let traced_session = strace_available();
    let server = if traced_session {
        let args = [
            "-f",
            "-qq",
            "-e",
            "trace=process,network,openat,open",
            "-o",
            trace.to_str().unwrap(),
            env!("CARGO_BIN_EXE_dockwise"),
            "lsp",
        ];
        Server::spawn_program("strace", &args, support::settings(Value::Null))
    } else {
        eprintln!("strace is not installed: checking the logs only");
        Server::spawn()
    };
    let root = file_uri(workspace.path());
    server.initialize(json!({"workspaceFolders": [{"uri": root, "name": "ws"}]}));
    let uri = file_uri(&workspace.path().join("Dockerfile"));
    let text = std::fs::read_to_string(workspace.path().join("Dockerfile")).unwrap();
    server.open(&uri, "dockerfile", 1, &text);
    server.wait_for_diagnostics(&uri, 1);
    let change = json!({
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 4}}, "text": "OTHER_SECRET=hunter2-x "}]
    });
    server.notify("textDocument/didChange", change);
    server.wait_for_diagnostics(&uri, 2);
    let hover = json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 6}});
    assert!(server.request("textDocument/hover", hover).is_ok());
    let actions = json!({
        "textDocument": {"uri": uri},
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 0}},
        "context": {"diagnostics": []}
    });
    assert!(server.request("textDocument/codeAction", actions).is_ok());
    // A malformed frame carrying the secret is reported without its contents.
    let mut bad = format!("{{\"text\": \"{SECRET}\"").into_bytes();
    let mut frame = format!("Content-Length: {}\r\n\r\n", bad.len()).into_bytes();
    frame.append(&mut bad);
    server.send_raw(&frame);
    server.response(-1).expect_err("malformed");
    // A change to a document never opened is logged by URI only.
    let stray = json!({"textDocument": {"uri": "file:///nowhere/Dockerfile", "version": 1}, "contentChanges": [{"text": SECRET}]});
    server.notify("textDocument/didChange", stray);

    let logs: Vec<String> = server
        .notifications("window/logMessage")
        .into_iter()
        .chain(server.notifications("window/showMessage"))
        .map(|params| params.to_string())
        .collect();
    let stderr = server.stderr();
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
    for secret in [SECRET, "hunter2-x"] {
        assert!(!stderr.contains(secret), "stderr leaks {secret}:\n{stderr}");
        assert!(
            !logs.iter().any(|log| log.contains(secret)),
            "a log message leaks {secret}: {logs:?}"
        );
    }

    if traced_session {
        let trace = std::fs::read_to_string(&trace).unwrap();
        assert!(
            trace.contains(".dockerignore"),
            "the trace saw the project files"
        );
        let problems = audit(&trace, &[workspace.path()]);
        assert!(problems.is_empty(), "{problems:#?}");
    }
}
