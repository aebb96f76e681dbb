//! dockwise's own tree-sitter grammar for Dockerfiles.
//!
//! ```
//! let mut parser = tree_sitter::Parser::new();
//! parser.set_language(&dockwise_grammar::LANGUAGE.into()).unwrap();
//! let tree = parser.parse("FROM alpine\n", None).unwrap();
//! assert!(!tree.root_node().has_error());
//! ```

use tree_sitter_language::LanguageFn;

unsafe extern "C" {
    fn tree_sitter_dockerfile() -> *const ();
}

/// The tree-sitter [`LanguageFn`] of the Dockerfile grammar.
// SAFETY: `tree_sitter_dockerfile` is the generated, statically linked language constructor.
#[allow(unsafe_code)]
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_dockerfile) };

/// The content of `src/node-types.json`.
pub const NODE_TYPES: &str = include_str!("../../src/node-types.json");

/// The syntax highlighting query.
pub const HIGHLIGHTS_QUERY: &str = include_str!("../../queries/highlights.scm");
