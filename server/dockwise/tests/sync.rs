//! Incremental text sync: many rapid edits, sent without waiting, must land in order and exactly.

mod support;

use serde_json::{Value, json};
use support::Server;

#[derive(Clone, Copy)]
enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
            Encoding::Utf32 => "utf-32",
        }
    }
}

/// xorshift64: deterministic, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Offsets a client can name: character boundaries, never between the CR and LF of a CRLF.
fn positions(text: &str) -> Vec<usize> {
    (0..=text.len())
        .filter(|&i| {
            text.is_char_boundary(i) && !(text[..i].ends_with('\r') && text[i..].starts_with('\n'))
        })
        .collect()
}

/// The client's own position computation, independent of the server's.
fn position(text: &str, offset: usize, encoding: Encoding) -> Value {
    let before = &text[..offset];
    let lone_crs = before
        .match_indices('\r')
        .filter(|(i, _)| !before[i + 1..].starts_with('\n'))
        .count();
    let line = before.matches('\n').count() + lone_crs;
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let column = &before[line_start..];
    let character = match encoding {
        Encoding::Utf8 => column.len(),
        Encoding::Utf16 => column.encode_utf16().count(),
        Encoding::Utf32 => column.chars().count(),
    };
    json!({"line": line, "character": character})
}

const PIECES: &[&str] = &[
    "a", "Z", " ", "é", "中", "𝄞", "😀", "\n", "\r\n", "\r", "RUN ", "FROM x\n", "\\\n",
];

/// One content change against `text`, applied to it as the server should.
fn random_change(rng: &mut Rng, text: &mut String, encoding: Encoding) -> Value {
    if rng.below(100) == 0 {
        *text = "FROM scratch\r\nCOPY 𝄞 /\n".to_owned();
        return json!({"text": text.clone()});
    }
    let positions = positions(text);
    let start_index = rng.below(positions.len());
    // Deletions are short and a little less likely than insertions, so the text stays small.
    let end_index = match rng.below(3) {
        0 => start_index,
        _ => (start_index + rng.below(6)).min(positions.len() - 1),
    };
    let (start, end) = (positions[start_index], positions[end_index]);
    let inserted: String = (0..rng.below(4))
        .map(|_| PIECES[rng.below(PIECES.len())])
        .collect();
    let range =
        json!({"start": position(text, start, encoding), "end": position(text, end, encoding)});
    text.replace_range(start..end, &inserted);
    json!({"range": range, "text": inserted})
}

fn rapid_edits_arrive_in_order(encoding: Encoding, edits: usize, seed: u64) {
    let server = Server::spawn();
    let capabilities = json!({"general": {"positionEncodings": [encoding.name()]}});
    let result = server.initialize(json!({"capabilities": capabilities}));
    assert_eq!(result["capabilities"]["positionEncoding"], encoding.name());

    let uri = "file:///work/Dockerfile";
    let mut text = "FROM alpine\r\nRUN echo é 𝄞\n".to_owned();
    server.open(uri, "dockerfile", 1, &text);
    let mut rng = Rng(seed);
    let mut version = 1;
    for _ in 0..edits {
        version += 1;
        let changes: Vec<Value> = (0..1 + rng.below(3))
            .map(|_| random_change(&mut rng, &mut text, encoding))
            .collect();
        let document = json!({"uri": uri, "version": version});
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": document, "contentChanges": changes}),
        );
    }

    let state = server
        .request("dockwise/debugText", json!({"uri": uri}))
        .expect("debugText");
    assert_eq!(state["version"], version);
    assert_eq!(state["text"].as_str(), Some(text.as_str()));
    server.wait_for_diagnostics(uri, version);
    let published: Vec<i64> = server
        .notifications("textDocument/publishDiagnostics")
        .iter()
        .filter(|params| params["uri"] == uri)
        .map(|params| params["version"].as_i64().expect("versioned diagnostics"))
        .collect();
    assert!(
        published.is_sorted(),
        "diagnostics went back in time: {published:?}"
    );
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_thousand_rapid_utf16_edits_arrive_in_order() {
    rapid_edits_arrive_in_order(Encoding::Utf16, 1000, 0x9e37_79b9_7f4a_7c15);
}

#[test]
fn rapid_utf8_edits_arrive_in_order() {
    rapid_edits_arrive_in_order(Encoding::Utf8, 300, 0x2545_f491_4f6c_dd1d);
}

#[test]
fn rapid_utf32_edits_arrive_in_order() {
    rapid_edits_arrive_in_order(Encoding::Utf32, 300, 0xd1b5_4a32_d192_ed03);
}
