//! The committed `src/parser.c` must be what `tree-sitter generate` makes of `grammar.js`, so a
//! build never needs the generator and the two never drift apart.

use std::path::Path;
use std::process::Command;

#[test]
fn committed_parser_matches_grammar() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cli_available = Command::new("tree-sitter")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    if !cli_available {
        eprintln!("note: `tree-sitter` CLI not on PATH; skipping the parser.c freshness check");
        return;
    }
    let out_dir = std::env::temp_dir().join(format!("dockwise-grammar-gen-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let status = Command::new("tree-sitter")
        .current_dir(manifest)
        .arg("generate")
        .arg("--output")
        .arg(&out_dir)
        .arg("grammar.js")
        .status()
        .expect("run tree-sitter generate");
    assert!(status.success(), "tree-sitter generate failed");
    for file in ["parser.c", "grammar.json", "node-types.json"] {
        let generated = std::fs::read_to_string(out_dir.join(file)).unwrap();
        let committed = std::fs::read_to_string(manifest.join("src").join(file)).unwrap();
        assert!(
            generated == committed,
            "src/{file} is stale: run `tree-sitter generate` in server/grammar"
        );
    }
    std::fs::remove_dir_all(&out_dir).ok();
}

#[test]
fn language_loads_and_parses() {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&dockwise_grammar::LANGUAGE.into())
        .unwrap();
    let tree = parser
        .parse("FROM alpine AS base\nRUN echo hi\n", None)
        .unwrap();
    let root = tree.root_node();
    assert!(!root.has_error());
    assert_eq!(root.named_child_count(), 2);
    assert_eq!(root.named_child(0).unwrap().kind(), "from_instruction");
}

#[test]
fn highlights_query_compiles() {
    let language: tree_sitter::Language = dockwise_grammar::LANGUAGE.into();
    let query = tree_sitter::Query::new(&language, dockwise_grammar::HIGHLIGHTS_QUERY).unwrap();
    assert!(query.capture_names().contains(&"keyword"));
}
