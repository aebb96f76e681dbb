//! A small LSP client for end-to-end tests: spawns `dockwise lsp`, frames JSON-RPC over its
//! stdio, answers the server's own requests, and fails (rather than hangs) when the server goes
//! quiet.

// Each test binary uses a different part of this client.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Generous: debug builds on a loaded CI machine.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// Answers a server-to-client request: `Ok(result)` or `Err(error object)`.
pub type Handler = Box<dyn Fn(&str, &Value) -> Result<Value, Value> + Send>;

/// Answers `workspace/configuration` with `section` for every item, anything else with `null`.
pub fn settings(section: Value) -> Handler {
    Box::new(move |method, params| match method {
        "workspace/configuration" => {
            let items = params["items"].as_array().map_or(0, Vec::len);
            Ok(Value::Array(vec![section.clone(); items]))
        }
        _ => Ok(Value::Null),
    })
}

#[derive(Default)]
struct Inbox {
    responses: HashMap<i64, Value>,
    notifications: Vec<Value>,
    /// Requests the server sent us, answered already.
    requests: Vec<Value>,
    /// The server closed its stdout.
    closed: bool,
}

type Shared = Arc<(Mutex<Inbox>, Condvar)>;

pub struct Server {
    child: Child,
    stdin: Arc<Mutex<Option<ChildStdin>>>,
    inbox: Shared,
    handler: Arc<Mutex<Handler>>,
    stderr: Arc<Mutex<String>>,
    next_id: AtomicI64,
}

impl Server {
    pub fn spawn() -> Server {
        Server::spawn_with(settings(Value::Null))
    }

    pub fn spawn_with(handler: Handler) -> Server {
        Server::spawn_command(&["lsp"], handler)
    }

    /// Run `dockwise` with `args`, which must start the language server.
    pub fn spawn_command(args: &[&str], handler: Handler) -> Server {
        Server::spawn_program(env!("CARGO_BIN_EXE_dockwise"), args, handler)
    }

    /// Run `program` with `args` (a wrapper such as strace around `dockwise lsp`).
    pub fn spawn_program(program: &str, args: &[&str], handler: Handler) -> Server {
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn dockwise lsp");
        let stdin = Arc::new(Mutex::new(child.stdin.take()));
        let inbox: Shared = Arc::default();
        let handler = Arc::new(Mutex::new(handler));
        let stderr = Arc::new(Mutex::new(String::new()));

        let mut err_pipe = child.stderr.take().expect("piped stderr");
        let err_log = stderr.clone();
        thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n @ 1..) = err_pipe.read(&mut buffer) {
                err_log
                    .lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        });

        let stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let (reader_inbox, reader_stdin, reader_handler) =
            (inbox.clone(), stdin.clone(), handler.clone());
        thread::spawn(move || read_loop(stdout, &reader_inbox, &reader_stdin, &reader_handler));

        Server {
            child,
            stdin,
            inbox,
            handler,
            stderr,
            next_id: AtomicI64::new(1),
        }
    }

    pub fn set_handler(&self, handler: Handler) {
        *self.handler.lock().unwrap() = handler;
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Write raw bytes to the server's stdin: for frames a correct client would never send.
    pub fn send_raw(&self, bytes: &[u8]) {
        let mut stdin = self.stdin.lock().unwrap();
        if let Some(pipe) = stdin.as_mut() {
            let _ = pipe.write_all(bytes).and_then(|()| pipe.flush());
        }
    }

    /// End of input, as when the editor dies.
    pub fn close_stdin(&self) {
        self.stdin.lock().unwrap().take();
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn send(&self, message: &Value) {
        write_message(&self.stdin, message);
    }

    pub fn notify(&self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request without waiting; see [`Server::response`].
    pub fn send_request(&self, method: &str, params: Value) -> i64 {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst);
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// The result, or the error object.
    pub fn response(&self, id: i64) -> Result<Value, Value> {
        let response = self.wait(&format!("the response to request {id}"), |inbox| {
            inbox.responses.remove(&id)
        });
        match response.get("error") {
            Some(error) => Err(error.clone()),
            None => Ok(response["result"].clone()),
        }
    }

    pub fn request(&self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// `initialize` then `initialized`; returns the initialize result.
    pub fn initialize(&self, params: Value) -> Value {
        let mut params = params;
        params["processId"] = Value::Null;
        if params.get("capabilities").is_none() {
            params["capabilities"] = json!({});
        }
        let result = self
            .request("initialize", params)
            .expect("initialize succeeds");
        self.notify("initialized", json!({}));
        result
    }

    pub fn open(&self, uri: &str, language_id: &str, version: i64, text: &str) {
        let item = json!({"uri": uri, "languageId": language_id, "version": version, "text": text});
        self.notify("textDocument/didOpen", json!({"textDocument": item}));
    }

    /// Params of every notification `method` received so far.
    pub fn notifications(&self, method: &str) -> Vec<Value> {
        let (inbox, _) = &*self.inbox;
        let inbox = inbox.lock().unwrap();
        inbox
            .notifications
            .iter()
            .filter(|n| n["method"] == method)
            .map(|n| n["params"].clone())
            .collect()
    }

    /// Wait for a notification `method` whose params satisfy `matches`.
    pub fn wait_for_notification(&self, method: &str, matches: impl Fn(&Value) -> bool) -> Value {
        self.wait_for_notification_after(method, 0, matches)
    }

    /// Like [`Server::wait_for_notification`], skipping the first `seen` notifications `method`.
    pub fn wait_for_notification_after(
        &self,
        method: &str,
        seen: usize,
        matches: impl Fn(&Value) -> bool,
    ) -> Value {
        self.wait(&format!("a new {method} notification"), |inbox| {
            let mut of_method = inbox
                .notifications
                .iter()
                .filter(|n| n["method"] == method)
                .skip(seen);
            of_method
                .find(|n| matches(&n["params"]))
                .map(|n| n["params"].clone())
        })
    }

    pub fn wait_for_diagnostics(&self, uri: &str, version: i64) -> Value {
        self.wait_for_notification("textDocument/publishDiagnostics", |params| {
            params["uri"] == uri && params["version"] == version
        })
    }

    /// Params of every request `method` the server sent us.
    pub fn server_requests(&self, method: &str) -> Vec<Value> {
        let (inbox, _) = &*self.inbox;
        let inbox = inbox.lock().unwrap();
        inbox
            .requests
            .iter()
            .filter(|r| r["method"] == method)
            .map(|r| r["params"].clone())
            .collect()
    }

    pub fn wait_for_server_request(&self, method: &str) -> Value {
        self.wait(&format!("a {method} request from the server"), |inbox| {
            inbox
                .requests
                .iter()
                .find(|r| r["method"] == method)
                .map(|r| r["params"].clone())
        })
    }

    /// Repeat `request` until its result satisfies `done` (for effects of asynchronous work such
    /// as a configuration pull); returns that result.
    pub fn eventually(&self, method: &str, params: Value, done: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let result = self
                .request(method, params.clone())
                .expect("request succeeds");
            if done(&result) {
                return result;
            }
            assert!(
                Instant::now() < deadline,
                "{method} never returned the expected result; last: {result}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn shutdown_and_exit(mut self) -> ExitStatus {
        assert_eq!(self.request("shutdown", Value::Null), Ok(Value::Null));
        self.notify("exit", Value::Null);
        self.wait_for_exit()
    }

    /// Wait for the process to end, without closing its stdin (a server must exit on `exit`).
    pub fn wait_for_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the server") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the server did not exit; stderr:\n{}",
                self.stderr()
            );
            thread::sleep(Duration::from_millis(10));
        }
    }

    fn wait<T>(&self, what: &str, mut found: impl FnMut(&mut Inbox) -> Option<T>) -> T {
        let deadline = Instant::now() + TIMEOUT;
        let (inbox, changed) = &*self.inbox;
        let mut inbox = inbox.lock().unwrap();
        loop {
            if let Some(value) = found(&mut inbox) {
                return value;
            }
            let now = Instant::now();
            if inbox.closed || now >= deadline {
                let why = if inbox.closed {
                    "the server closed its output"
                } else {
                    "timed out"
                };
                drop(inbox);
                panic!("waiting for {what}: {why}; stderr:\n{}", self.stderr());
            }
            inbox = changed.wait_timeout(inbox, deadline - now).unwrap().0;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn write_message(stdin: &Mutex<Option<ChildStdin>>, message: &Value) {
    let body = serde_json::to_vec(message).expect("serialize");
    let mut stdin = stdin.lock().unwrap();
    let Some(pipe) = stdin.as_mut() else { return };
    let written = pipe
        .write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes())
        .and_then(|()| pipe.write_all(&body))
        .and_then(|()| pipe.flush());
    // The server may have exited on purpose; the test's assertions decide.
    if written.is_err() {
        *stdin = None;
    }
}

fn read_message(stdout: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if stdout.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        match line.split_once(':') {
            Some((name, value)) if name.eq_ignore_ascii_case("content-length") => {
                length = value.trim().parse().ok();
            }
            _ => {}
        }
    }
    let mut body = vec![0; length.expect("a Content-Length header")];
    stdout.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("the server sends JSON"))
}

fn read_loop(
    mut stdout: impl BufRead,
    inbox: &Shared,
    stdin: &Mutex<Option<ChildStdin>>,
    handler: &Mutex<Handler>,
) {
    let (state, changed) = &**inbox;
    while let Some(message) = read_message(&mut stdout) {
        let method = message.get("method").and_then(Value::as_str);
        match (method, message.get("id")) {
            (Some(method), Some(id)) => {
                let answer = (handler.lock().unwrap())(method, &message["params"]);
                let reply = match answer {
                    Ok(result) => json!({"jsonrpc": "2.0", "id": id, "result": result}),
                    Err(error) => json!({"jsonrpc": "2.0", "id": id, "error": error}),
                };
                write_message(stdin, &reply);
                state.lock().unwrap().requests.push(message);
            }
            (Some(_), None) => state.lock().unwrap().notifications.push(message),
            (None, _) => {
                let id = message["id"].as_i64().unwrap_or(-1);
                state.lock().unwrap().responses.insert(id, message);
            }
        }
        changed.notify_all();
    }
    state.lock().unwrap().closed = true;
    changed.notify_all();
}

/// Resident memory of a process, from `/proc/<pid>/status` (Linux).
pub fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("procfs");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("a VmRSS line")
}

/// A `file://` URI for a path.
pub fn file_uri(path: &Path) -> String {
    let path = path.to_str().expect("UTF-8 test paths");
    format!("file://{}", path.replace(' ', "%20"))
}

/// A temporary project directory for the command-line tests, removed when dropped.
pub struct Project {
    pub path: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl Project {
    pub fn new() -> Project {
        let dir = tempfile::tempdir().expect("a temporary directory");
        Project {
            path: dir.path().to_path_buf(),
            _dir: dir,
        }
    }

    /// Write `contents` to `name` (parents created), returning its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> std::path::PathBuf {
        let path = self.path.join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path.join(name)).unwrap()
    }
}
