//! Navigation and structure end to end, over JSON-RPC against the real binary, on a realistic
//! multi-stage Dockerfile: definition, references, highlights, rename, outline, workspace
//! symbols, folding, selection ranges, semantic tokens, inlay hints and document links.

mod support;

use serde_json::{Value, json};
use support::{Server, file_uri};

const TEXT: &str = r#"# syntax=docker/dockerfile:1
ARG NODE_VERSION=22
ARG APP_VERSION=dev

FROM node:${NODE_VERSION}-alpine AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

# Build the bundle
# with the production settings
FROM deps AS build
ARG APP_VERSION
ARG TARGETPLATFORM
ENV NODE_ENV=production
COPY . .
RUN echo "building $APP_VERSION for $TARGETPLATFORM" && \
    npm run build -- --version=${APP_VERSION}
RUN for f in dist/*.js; do gzip -k "$f"; done

FROM nginx:1.27-alpine AS runtime
MAINTAINER Jane <jane@example.com>
COPY --from=build /app/dist /usr/share/nginx/html
COPY --from=0 /app/package.json /srv/
COPY <<EOF /etc/nginx/conf.d/app.conf
server { listen 8080; }
EOF
CMD ["nginx", "-g", "daemon off;"]
"#;

const URI: &str = "file:///project/Dockerfile";

fn open_with(initialize: Value, uri: &str) -> Server {
    let server = Server::spawn();
    server.initialize(initialize);
    server.open(uri, "dockerfile", 1, TEXT);
    server
}

fn open() -> Server {
    open_with(json!({}), URI)
}

/// The (line, character) of the `nth` occurrence of `needle`, plus `shift` characters (the
/// text is ASCII: characters are bytes).
fn at(needle: &str, nth: usize, shift: usize) -> Value {
    let offset = TEXT
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` #{nth} in the text"))
        .0
        + shift;
    let line = TEXT[..offset].matches('\n').count();
    let character = offset - TEXT[..offset].rfind('\n').map_or(0, |nl| nl + 1);
    json!({"line": line, "character": character})
}

fn position(needle: &str, nth: usize, shift: usize) -> Value {
    json!({"textDocument": {"uri": URI}, "position": at(needle, nth, shift)})
}

/// The text a range covers (single-line ranges of the ASCII text).
fn slice(range: &Value) -> String {
    let line = range["start"]["line"].as_u64().unwrap() as usize;
    let text = TEXT.lines().nth(line).unwrap();
    let start = range["start"]["character"].as_u64().unwrap() as usize;
    let end = range["end"]["character"].as_u64().unwrap() as usize;
    assert_eq!(range["end"]["line"], range["start"]["line"]);
    text[start..end].to_string()
}

/// `line:text` for each location or highlight, in order.
fn places(items: &Value) -> Vec<String> {
    items
        .as_array()
        .expect("an array")
        .iter()
        .map(|item| {
            let range = if item.get("range").is_some() {
                &item["range"]
            } else {
                &item["location"]["range"]
            };
            format!(
                "{}:{}",
                range["start"]["line"].as_u64().unwrap() + 1,
                slice(range)
            )
        })
        .collect()
}

/// Apply LSP text edits (ASCII text) from last to first.
fn apply(text: &str, edits: &Value) -> String {
    let offset = |position: &Value| {
        let line = position["line"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        start + position["character"].as_u64().unwrap() as usize
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .as_array()
        .unwrap()
        .iter()
        .map(|edit| {
            (
                offset(&edit["range"]["start"]),
                offset(&edit["range"]["end"]),
                edit["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.0));
    let mut out = text.to_string();
    for (start, end, new_text) in edits {
        out.replace_range(start..end, &new_text);
    }
    out
}

#[test]
fn definition_references_and_highlights() {
    let server = open();
    let definition = server
        .request("textDocument/definition", position("--from=build", 0, 8))
        .unwrap();
    assert_eq!(places(&definition), ["12:build"]);
    assert_eq!(definition[0]["uri"], URI);

    // A shell use in RUN goes to the stage's ARG, which re-declares the global one.
    let definition = server
        .request("textDocument/definition", position("$APP_VERSION", 0, 3))
        .unwrap();
    assert_eq!(places(&definition), ["13:APP_VERSION"]);
    let definition = server
        .request(
            "textDocument/definition",
            position("ARG APP_VERSION\n", 0, 5),
        )
        .unwrap();
    assert_eq!(
        places(&definition),
        ["3:APP_VERSION"],
        "a bare ARG takes the global default"
    );

    let mut params = position("APP_VERSION=dev", 0, 0);
    params["context"] = json!({"includeDeclaration": true});
    let references = server
        .request("textDocument/references", params.clone())
        .unwrap();
    assert_eq!(
        places(&references),
        [
            "3:APP_VERSION",
            "13:APP_VERSION",
            "17:APP_VERSION",
            "18:APP_VERSION"
        ]
    );
    params["context"] = json!({"includeDeclaration": false});
    let references = server.request("textDocument/references", params).unwrap();
    assert_eq!(places(&references), ["17:APP_VERSION", "18:APP_VERSION"]);

    // `--from=0` refers to the first stage.
    let highlights = server
        .request("textDocument/documentHighlight", position("AS deps", 0, 4))
        .unwrap();
    assert_eq!(places(&highlights), ["5:deps", "12:deps", "24:0"]);
    let kinds: Vec<&Value> = highlights
        .as_array()
        .unwrap()
        .iter()
        .map(|h| &h["kind"])
        .collect();
    assert_eq!(
        kinds,
        [&json!(3), &json!(2), &json!(2)],
        "write, then reads"
    );

    // The shell's own loop variable is nobody's reference; nor is a keyword.
    for (needle, shift) in [("$f", 1), ("RUN", 0)] {
        let result = server
            .request("textDocument/definition", position(needle, 0, shift))
            .unwrap();
        assert_eq!(result, Value::Null, "{needle}");
    }
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn rename_edits_every_occurrence_or_explains_why_not() {
    let server = open();
    let prepared = server
        .request(
            "textDocument/prepareRename",
            position("${APP_VERSION}", 0, 4),
        )
        .unwrap();
    assert_eq!(prepared["placeholder"], "APP_VERSION");
    assert_eq!(slice(&prepared["range"]), "APP_VERSION");

    let mut params = position("${APP_VERSION}", 0, 4);
    params["newName"] = json!("RELEASE");
    let edit = server.request("textDocument/rename", params).unwrap();
    let renamed = apply(TEXT, &edit["changes"][URI]);
    assert_eq!(renamed, TEXT.replace("APP_VERSION", "RELEASE"));

    let mut params = position("AS build", 0, 5);
    params["newName"] = json!("compile");
    let edit = server.request("textDocument/rename", params).unwrap();
    let renamed = apply(TEXT, &edit["changes"][URI]);
    assert!(renamed.contains("FROM deps AS compile\n") && renamed.contains("--from=compile "));
    assert!(renamed.contains("--from=0 "), "an index stays valid");

    let refused = server
        .request(
            "textDocument/prepareRename",
            position("$TARGETPLATFORM", 0, 2),
        )
        .unwrap_err();
    assert_eq!(refused["code"], -32803);
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("predefined by BuildKit"),
        "{refused}"
    );
    let mut params = position("AS build", 0, 5);
    params["newName"] = json!("Not A Name");
    let refused = server.request("textDocument/rename", params).unwrap_err();
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("not a valid stage name"),
        "{refused}"
    );
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn outline_hierarchical_or_flat_and_workspace_symbols() {
    let hierarchical = json!({"capabilities": {"textDocument": {"documentSymbol": {
        "hierarchicalDocumentSymbolSupport": true}}}});
    let server = open_with(hierarchical, URI);
    let symbols = server
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .unwrap();
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["NODE_VERSION", "APP_VERSION", "deps", "build", "runtime"]
    );
    let runtime = &symbols[4];
    assert_eq!(runtime["detail"], "nginx:1.27-alpine");
    assert_eq!(slice(&runtime["selectionRange"]), "runtime");
    let maintainer = &runtime["children"][0];
    assert_eq!(maintainer["tags"], json!([1]), "deprecated: {maintainer}");
    assert_eq!(server.shutdown_and_exit().code(), Some(0));

    let server = open();
    server.open(
        "file:///project/other/Dockerfile",
        "dockerfile",
        1,
        "FROM alpine AS builder\n",
    );
    let flat = server
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .unwrap();
    let flat = flat.as_array().unwrap();
    assert!(
        flat.iter()
            .all(|s| s.get("children").is_none() && s.get("location").is_some())
    );
    let node_env = flat.iter().find(|s| s["name"] == "NODE_ENV").unwrap();
    assert_eq!(node_env["containerName"], "build");

    let found = server.eventually("workspace/symbol", json!({"query": "buil"}), |found| {
        found.as_array().is_some_and(|found| found.len() >= 2)
    });
    let found: Vec<(String, String)> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["location"]["uri"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for expected in [
        (URI, "build"),
        ("file:///project/other/Dockerfile", "builder"),
    ] {
        assert!(
            found.contains(&(expected.1.to_string(), expected.0.to_string())),
            "{expected:?} in {found:?}"
        );
    }
    // Names with b, u, i, l in this order, ignoring case.
    assert!(
        found
            .iter()
            .all(|(name, _)| name.to_lowercase().contains('b'))
    );
    assert!(
        !found
            .iter()
            .any(|(name, _)| name == "runtime" || name == "NODE_ENV")
    );
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn folding_and_selection_ranges() {
    let server = open();
    let folds = server
        .request(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": URI}}),
        )
        .unwrap();
    let folds: Vec<(u64, u64, &str)> = folds
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["startLine"].as_u64().unwrap() + 1,
                f["endLine"].as_u64().unwrap() + 1,
                f["kind"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        folds,
        [
            (5, 8, "region"),
            (10, 11, "comment"),
            (12, 19, "region"),
            (17, 18, "region"),
            (21, 28, "region"),
            (25, 27, "region"),
        ]
    );

    let selection = server
        .request(
            "textDocument/selectionRange",
            json!({"textDocument": {"uri": URI}, "positions": [at("run build", 0, 5)]}),
        )
        .unwrap();
    let mut texts = Vec::new();
    let mut range = &selection[0];
    while !range.is_null() {
        let start = &range["range"]["start"];
        let end = &range["range"]["end"];
        texts.push(format!(
            "{}:{}-{}:{}",
            start["line"], start["character"], end["line"], end["character"]
        ));
        range = &range["parent"];
    }
    assert_eq!(
        texts,
        [
            "17:12-17:17",
            "17:4-17:45",
            "16:4-17:45",
            "16:0-17:45",
            "11:0-18:45",
            "0:0-28:0"
        ]
    );
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn semantic_tokens_follow_the_legend() {
    let server = Server::spawn();
    let result = server.initialize(json!({}));
    let legend = &result["capabilities"]["semanticTokensProvider"]["legend"];
    let types: Vec<&str> = legend["tokenTypes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    let modifiers: Vec<&str> = legend["tokenModifiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    server.open(URI, "dockerfile", 1, TEXT);
    let tokens = server
        .request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": {"uri": URI}}),
        )
        .unwrap();
    let data: Vec<u64> = tokens["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    assert_eq!(data.len() % 5, 0);
    // Decode to `line:text type[+modifiers]`.
    let (mut line, mut character) = (0u64, 0u64);
    let mut decoded = Vec::new();
    for token in data.chunks(5) {
        if token[0] > 0 {
            line += token[0];
            character = token[1];
        } else {
            character += token[1];
        }
        let text = TEXT.lines().nth(line as usize).unwrap();
        let piece = &text[character as usize..(character + token[2]) as usize];
        let mut label = format!("{}:{piece} {}", line + 1, types[token[3] as usize]);
        for (bit, name) in modifiers.iter().enumerate() {
            if token[4] & (1 << bit) != 0 {
                label.push_str(&format!("+{name}"));
            }
        }
        decoded.push(label);
    }
    for expected in [
        "1:syntax macro",
        "2:NODE_VERSION variable+declaration",
        "5:${NODE_VERSION} variable",
        "5:deps namespace+declaration",
        "12:deps namespace",
        "14:TARGETPLATFORM variable+declaration+defaultLibrary",
        "17:$TARGETPLATFORM variable+defaultLibrary",
        "21:nginx:1.27-alpine type",
        "22:MAINTAINER keyword+deprecated",
        "23:--from parameter",
        "23:build namespace",
        "10:# Build the bundle comment",
    ] {
        assert!(
            decoded.contains(&expected.to_string()),
            "{expected} in {decoded:#?}"
        );
    }

    let range = server
        .request(
            "textDocument/semanticTokens/range",
            json!({"textDocument": {"uri": URI}, "range": {
                "start": {"line": 21, "character": 0}, "end": {"line": 22, "character": 0}}}),
        )
        .unwrap();
    let data = range["data"].as_array().unwrap();
    assert_eq!(data[0], 21, "relative to the start of the document");
    assert!(data.len() < tokens["data"].as_array().unwrap().len());
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn inlay_hints_show_arg_values_when_enabled() {
    let range = json!({"start": {"line": 0, "character": 0}, "end": {"line": 30, "character": 0}});
    let server = open();
    let hints = server
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": URI}, "range": range}),
        )
        .unwrap();
    assert_eq!(hints, json!([]), "off by default");
    assert_eq!(server.shutdown_and_exit().code(), Some(0));

    let server = open_with(
        json!({"initializationOptions": {"inlayHints": {"argValues": true}}}),
        URI,
    );
    let hints = server
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": URI}, "range": range}),
        )
        .unwrap();
    assert_eq!(hints.as_array().unwrap().len(), 1, "{hints}");
    assert_eq!(hints[0]["label"], "= 22");
    assert_eq!(hints[0]["position"], at("}-alpine", 0, 1));
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn links_to_registries_and_existing_files_inside_the_workspace() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().canonicalize().unwrap();
    std::fs::write(root.join("package.json"), "{}").unwrap();
    std::fs::write(root.join(".dockerignore"), "node_modules\n").unwrap();
    let uri = file_uri(&root.join("Dockerfile"));
    let server = open_with(
        json!({"workspaceFolders": [{"uri": file_uri(&root), "name": "project"}]}),
        &uri,
    );
    let links = server
        .request(
            "textDocument/documentLink",
            json!({"textDocument": {"uri": uri}}),
        )
        .unwrap();
    let links: Vec<(String, String)> = links
        .as_array()
        .unwrap()
        .iter()
        .map(|link| {
            let target = link["target"].as_str().unwrap();
            let target = target.strip_prefix(&file_uri(&root)).unwrap_or(target);
            (slice(&link["range"]), target.to_string())
        })
        .collect();
    assert_eq!(
        links,
        [
            (
                "docker/dockerfile:1",
                "https://hub.docker.com/r/docker/dockerfile"
            ),
            ("node", "https://hub.docker.com/_/node"),
            ("package.json", "/package.json"),
            (".", "/.dockerignore"),
            ("nginx", "https://hub.docker.com/_/nginx"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string())),
        "package-lock.json does not exist, so it is not linked"
    );
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}

#[test]
fn requests_on_unknown_documents_answer_null() {
    let server = open();
    let other = json!({"textDocument": {"uri": "file:///project/missing"}, "position": {"line": 0, "character": 0}});
    for method in [
        "textDocument/definition",
        "textDocument/documentHighlight",
        "textDocument/prepareRename",
    ] {
        assert_eq!(
            server.request(method, other.clone()),
            Ok(Value::Null),
            "{method}"
        );
    }
    assert_eq!(server.shutdown_and_exit().code(), Some(0));
}
