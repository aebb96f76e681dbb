//! A guard between stdin and tower-lsp's framing.
//!
//! tower-lsp-server ends the session at the first frame it cannot decode (invalid JSON, a body
//! that is not a JSON-RPC message, a missing or lowercase `Content-Length`, a third header): its
//! reader stream stops after an error. This guard ([`super::stdio`] runs it on what stdin
//! gives) checks every frame, passes good ones on in canonical form, and replaces each bad one with a request to
//! [`MALFORMED`] with a `null` id, which the server answers with the JSON-RPC error (parse error
//! or invalid request, `id: null`) before it reads on. After a bad frame it resynchronises at
//! the next `Content-Length`. A declared length above [`MAX_BODY`] is refused at once rather
//! than waited for; bodies are buffered only as their bytes arrive.

use serde::Deserialize;
use serde_json::json;
use tower_lsp_server::jsonrpc::{self, ErrorCode, Request, Response};

use super::server::Backend;

/// The method a bad frame is replaced with.
pub const MALFORMED: &str = "dockwise/malformedMessage";
/// Larger than any document an editor sends (a 10 MB Dockerfile is ~11 MB of JSON).
pub const MAX_BODY: usize = 64 << 20;
/// Headers are two short lines; anything longer without a blank line is not a header.
const MAX_HEADER: usize = 8 << 10;
const HEADER_NAME: &[u8] = b"content-length";

/// The JSON-RPC error a bad frame is answered with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// -32700: the bytes are not a frame of JSON.
    Parse,
    /// -32600: JSON, but not a JSON-RPC message.
    InvalidRequest,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    Message(Vec<u8>),
    Malformed(Problem, String),
}

/// Splits a byte stream into frames.
#[derive(Default)]
pub struct Framer {
    buffer: Vec<u8>,
    /// After a bad frame with no next header in sight: drop bytes silently until one comes,
    /// so that a long bad body costs one report.
    skipping: bool,
    /// How far the incomplete body at the front was searched for a next header.
    scanned: usize,
}

enum Header {
    Incomplete,
    Length { header_len: usize, body_len: usize },
    Bad(String),
}

impl Framer {
    pub fn push(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    /// The next complete frame, if the buffer holds one.
    pub fn next_frame(&mut self) -> Option<Frame> {
        if self.skipping {
            match find_header_name(&self.buffer) {
                Some(at) => {
                    self.buffer.drain(..at);
                    self.skipping = false;
                    self.scanned = 0;
                }
                None => {
                    self.keep_tail();
                    return None;
                }
            }
        }
        // Blank lines between frames are harmless.
        let skip = self
            .buffer
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        self.buffer.drain(..skip);
        if self.buffer.is_empty() {
            return None;
        }
        match parse_header(&self.buffer) {
            Header::Incomplete => None,
            Header::Bad(reason) => Some(self.resync(Problem::Parse, reason)),
            Header::Length { body_len, .. } if body_len > MAX_BODY => Some(self.resync(
                Problem::Parse,
                format!("declared length {body_len} exceeds the limit of {MAX_BODY} bytes"),
            )),
            Header::Length {
                header_len,
                body_len,
            } => {
                let end = header_len.checked_add(body_len)?;
                let Some(body) = self.buffer.get(header_len..end) else {
                    return self.truncated(header_len);
                };
                let problem = check_body(body);
                match problem {
                    None => {
                        let body = body.to_vec();
                        self.buffer.drain(..end);
                        self.scanned = 0;
                        Some(Frame::Message(body))
                    }
                    Some((problem, reason)) => Some(self.resync(problem, reason)),
                }
            }
        }
    }

    /// A body still incomplete: normally wait for the rest, unless the next frame's header
    /// already shows up in it, which means the body was cut short (`Content-Length: <digits>`
    /// followed by a raw line break cannot occur in JSON: not outside strings, and strings hold
    /// no raw line breaks).
    fn truncated(&mut self, header_len: usize) -> Option<Frame> {
        let from = self.scanned.max(header_len);
        let next = next_header(self.buffer.get(from..).unwrap_or_default()).map(|at| from + at);
        let Some(next) = next else {
            // Rescan the last bytes next time: a header may be arriving in pieces.
            self.scanned = self.buffer.len().saturating_sub(HEADER_NAME.len() + 24);
            return None;
        };
        self.buffer.drain(..next);
        self.scanned = 0;
        Some(Frame::Malformed(
            Problem::Parse,
            "a body shorter than its Content-Length".to_owned(),
        ))
    }

    /// Drop the bad frame up to the next `Content-Length` after its start (a truncated body is
    /// followed by the next real frame), and report it.
    fn resync(&mut self, problem: Problem, reason: String) -> Frame {
        match find_header_name(self.buffer.get(1..).unwrap_or_default()) {
            Some(at) => drop(self.buffer.drain(..=at)),
            None => {
                self.skipping = true;
                self.keep_tail();
            }
        }
        self.scanned = 0;
        Frame::Malformed(problem, reason)
    }

    /// Keep only what may be the start of a header name.
    fn keep_tail(&mut self) {
        let keep_from = self.buffer.len().saturating_sub(HEADER_NAME.len() - 1);
        self.buffer.drain(..keep_from);
    }
}

fn find_header_name(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(HEADER_NAME.len())
        .position(|window| window.eq_ignore_ascii_case(HEADER_NAME))
}

/// Where a complete `Content-Length: <digits>\r\n` line starts in `bytes`.
fn next_header(bytes: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = bytes.get(from..).and_then(find_header_name) {
        let start = from + at;
        let rest = bytes.get(start + HEADER_NAME.len()..).unwrap_or_default();
        let rest = rest.strip_prefix(b":").map(|rest| rest.trim_ascii_start());
        if let Some(rest) = rest {
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 0 && rest.get(digits..).is_some_and(|r| r.starts_with(b"\r\n")) {
                return Some(start);
            }
        }
        from = start + 1;
    }
    None
}

fn parse_header(buffer: &[u8]) -> Header {
    let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") else {
        return if buffer.len() > MAX_HEADER {
            Header::Bad("no end of headers".to_owned())
        } else {
            Header::Incomplete
        };
    };
    if end > MAX_HEADER {
        return Header::Bad("headers too long".to_owned());
    }
    let mut body_len = None;
    for line in buffer[..end].split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return Header::Bad("a header line without a colon".to_owned());
        };
        let (name, value) = (&line[..colon], &line[colon + 1..]);
        if name.trim_ascii().eq_ignore_ascii_case(HEADER_NAME) {
            let parsed = std::str::from_utf8(value)
                .ok()
                .and_then(|value| value.trim().parse::<usize>().ok());
            match parsed {
                Some(length) => body_len = Some(length),
                None => return Header::Bad("an invalid Content-Length".to_owned()),
            }
        }
    }
    match body_len {
        Some(body_len) => Header::Length {
            header_len: end + 4,
            body_len,
        },
        None => Header::Bad("no Content-Length header".to_owned()),
    }
}

/// Whether tower-lsp will decode `body`: JSON, and a request, notification or response, by
/// its own types (which is how it decodes a message).
fn check_body(body: &[u8]) -> Option<(Problem, String)> {
    if body.is_empty() {
        return Some((Problem::Parse, "an empty body".to_owned()));
    }
    if serde_json::from_slice::<Request>(body).is_ok()
        || serde_json::from_slice::<Response>(body).is_ok()
    {
        return None;
    }
    match serde_json::from_slice::<serde::de::IgnoredAny>(body) {
        Ok(_) => Some((
            Problem::InvalidRequest,
            "not a JSON-RPC 2.0 message".to_owned(),
        )),
        // The error's position only: never echo message contents, they may hold secrets.
        Err(err) => Some((
            Problem::Parse,
            format!(
                "invalid JSON at line {} column {}",
                err.line(),
                err.column()
            ),
        )),
    }
}

/// tower-lsp drops its MethodNotFound answer to requests named `$/…` (right for notifications,
/// but a request must be answered): give such requests a name it answers normally.
fn rename_dollar_request(body: Vec<u8>) -> Vec<u8> {
    if !body.windows(3).any(|w| w == b"\"$/") {
        return body;
    }
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return body;
    };
    let is_dollar_request = value.get("id").is_some()
        && value
            .get("method")
            .and_then(serde_json::Value::as_str)
            .is_some_and(|method| method.starts_with("$/"));
    if !is_dollar_request {
        return body;
    }
    if let Some(method) = value.get_mut("method") {
        *method = format!("dockwise/unknown{}", method.as_str().unwrap_or_default()).into();
    }
    serde_json::to_vec(&value).unwrap_or(body)
}

#[derive(Deserialize)]
pub struct MalformedParams {
    code: i64,
    reason: String,
}

impl Backend {
    /// Answer a bad frame (replaced by the guard) with its JSON-RPC error.
    pub async fn malformed_message(&self, params: MalformedParams) -> jsonrpc::Result<()> {
        Err(jsonrpc::Error {
            code: ErrorCode::from(params.code),
            message: format!("malformed message: {}", params.reason).into(),
            data: None,
        })
    }
}

/// The frame as tower-lsp reads it: a bad one replaced by a request to [`MALFORMED`].
pub fn encode(frame: Frame) -> Vec<u8> {
    let body = match frame {
        Frame::Message(body) => rename_dollar_request(body),
        Frame::Malformed(problem, reason) => {
            let code = match problem {
                Problem::Parse => -32700,
                Problem::InvalidRequest => -32600,
            };
            let request = json!({
                "jsonrpc": "2.0",
                "id": null,
                "method": MALFORMED,
                "params": {"code": code, "reason": reason},
            });
            serde_json::to_vec(&request).unwrap_or_default()
        }
    };
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(&body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    fn frames(input: &[u8]) -> Vec<Frame> {
        let mut framer = Framer::default();
        let mut out = Vec::new();
        // Byte by byte: frames may arrive in any pieces.
        for byte in input {
            framer.push(std::slice::from_ref(byte));
            while let Some(frame) = framer.next_frame() {
                out.push(frame);
            }
        }
        out
    }

    const GOOD: &str = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;

    fn good() -> Frame {
        Frame::Message(GOOD.as_bytes().to_vec())
    }

    fn is_malformed(frame: &Frame, expected: Problem) -> bool {
        matches!(frame, Frame::Malformed(problem, _) if *problem == expected)
    }

    #[test]
    fn good_frames_pass_in_any_header_case() {
        let mut input = frame(GOOD);
        input.extend(
            format!(
                "content-length: {}\r\nContent-Type: x\r\n\r\n{GOOD}",
                GOOD.len()
            )
            .bytes(),
        );
        assert_eq!(frames(&input), vec![good(), good()]);
    }

    #[test]
    fn bad_frames_are_reported_and_the_next_one_still_arrives() {
        let cases: Vec<(Vec<u8>, Problem)> = vec![
            (frame("{not json"), Problem::Parse),
            (frame("[1, 2]"), Problem::InvalidRequest),
            (
                frame(r#"{"jsonrpc":"1.0","method":"x"}"#),
                Problem::InvalidRequest,
            ),
            (b"Content-Type: a\r\n\r\n{}".to_vec(), Problem::Parse),
            (b"Content-Length: ten\r\n\r\n{}".to_vec(), Problem::Parse),
            (
                b"Content-Length: 999999999999999999999999\r\n\r\n".to_vec(),
                Problem::Parse,
            ),
            (
                b"Content-Length: 104857600\r\n\r\n{\"jsonrpc\"".to_vec(),
                Problem::Parse,
            ),
            // Truncated: the declared length runs into the next frame, or beyond it.
            (
                b"Content-Length: 60\r\n\r\n{\"jsonrpc\":\"2.0\"".to_vec(),
                Problem::Parse,
            ),
            (
                b"Content-Length: 900\r\n\r\n{\"jsonrpc\":\"2.0\"".to_vec(),
                Problem::Parse,
            ),
            (b"garbage without headers\r\n\r\n".to_vec(), Problem::Parse),
        ];
        for (bad, problem) in cases {
            let mut input = bad.clone();
            input.extend(frame(GOOD));
            let out = frames(&input);
            assert_eq!(out.len(), 2, "{:?}: {out:?}", String::from_utf8_lossy(&bad));
            assert!(is_malformed(&out[0], problem), "{out:?}");
            assert_eq!(out[1], good());
        }
    }

    #[test]
    fn a_huge_declared_length_is_refused_without_waiting_for_the_body() {
        let mut framer = Framer::default();
        framer.push(b"Content-Length: 104857600\r\n\r\n");
        assert!(is_malformed(&framer.next_frame().unwrap(), Problem::Parse));
        // Its body, if it comes, is skipped up to the next frame.
        framer.push(&vec![b'x'; 1 << 20]);
        assert_eq!(framer.next_frame(), None);
        assert!(framer.buffer.len() < 64, "{}", framer.buffer.len());
        framer.push(&frame(GOOD));
        assert_eq!(framer.next_frame(), Some(good()));
        assert_eq!(framer.next_frame(), None);
    }

    #[test]
    fn endless_headers_are_bounded() {
        let mut framer = Framer::default();
        framer.push(&vec![b'a'; MAX_HEADER + 10]);
        assert!(is_malformed(&framer.next_frame().unwrap(), Problem::Parse));
        assert!(framer.buffer.len() < HEADER_NAME.len());
    }
}
