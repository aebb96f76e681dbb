//! Dockerfile syntax for dockwise: a tree-sitter parse (our own grammar, `dockwise-grammar`)
//! lowered into the typed model of [`model`]. Parsing never fails: problems become
//! [`model::SyntaxError`]s and the rest of the file is still modelled.

mod image_ref;
mod instruction;
mod json;
mod logical;
mod lower;
pub mod model;
mod shift;
mod words;

use std::cell::RefCell;
use std::fmt::Write as _;
use std::sync::Arc;

pub use model::*;
pub use tree_sitter::{InputEdit, Point, Tree};

thread_local! {
    // Parsers are not `Sync`; one per thread is reused across parses.
    static PARSER: RefCell<tree_sitter::Parser> = RefCell::new(new_parser());
}

fn new_parser() -> tree_sitter::Parser {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&dockwise_grammar::LANGUAGE.into())
        .expect("the bundled grammar matches the tree-sitter runtime ABI");
    parser
}

/// One parsed version of a Dockerfile: text, tree and model. Cheap to share (`Send + Sync`).
#[derive(Clone)]
pub struct Parse {
    text: Arc<str>,
    tree: Tree,
    dockerfile: Arc<Dockerfile>,
    /// What the next version needs to reuse this one's lowered instructions.
    lowering: Arc<lower::Lowering>,
}

impl Parse {
    /// Parse a whole file.
    pub fn new(text: Arc<str>) -> Parse {
        let tree = parse_tree(&text, None);
        let (dockerfile, lowering) = lower::lower(&text, &tree, None);
        Parse::assemble(text, tree, dockerfile, lowering)
    }

    /// Parse `new_text`, reusing this parse's tree. `edits` are the edits, in order, that turned
    /// this parse's text into `new_text` (tree-sitter `InputEdit`s; points may be approximate,
    /// only byte offsets matter).
    pub fn reparse(&self, new_text: Arc<str>, edits: &[InputEdit]) -> Parse {
        let mut old = self.tree.clone();
        for edit in edits {
            old.edit(edit);
        }
        let tree = parse_tree(&new_text, Some(&old));
        // Only the instructions around the edit are lowered again; the others are reused.
        let previous = lower::Envelope::of(edits).map(|edit| lower::Previous {
            dockerfile: &self.dockerfile,
            lowering: &self.lowering,
            edit,
        });
        let (dockerfile, lowering) = lower::lower(&new_text, &tree, previous);
        Parse::assemble(new_text, tree, dockerfile, lowering)
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn text_arc(&self) -> &Arc<str> {
        &self.text
    }

    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    pub fn dockerfile(&self) -> &Dockerfile {
        &self.dockerfile
    }

    fn assemble(
        text: Arc<str>,
        tree: Tree,
        dockerfile: Dockerfile,
        lowering: lower::Lowering,
    ) -> Parse {
        Parse {
            text,
            tree,
            dockerfile: Arc::new(dockerfile),
            lowering: Arc::new(lowering),
        }
    }
}

fn parse_tree(text: &str, old: Option<&Tree>) -> Tree {
    PARSER.with(|parser| {
        let mut parser = parser.borrow_mut();
        // No timeout or cancellation is set, so tree-sitter always returns a tree; a fresh
        // parse is the fallback should an edited tree ever be refused.
        parser
            .parse(text.as_bytes(), old)
            .or_else(|| parser.parse(text.as_bytes(), None))
            .expect("tree-sitter returns a tree when no timeout or cancellation is set")
    })
}

/// The tree as an S-expression with field names and byte ranges: `(kind [start-end] ...)`.
pub fn tree_sexp(tree: &Tree) -> String {
    let mut out = String::new();
    let mut cursor = tree.walk();
    let mut depth = 0usize;
    loop {
        let node = cursor.node();
        if node.is_named() || node.is_missing() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&"  ".repeat(depth));
            if let Some(field) = cursor.field_name() {
                let _ = write!(out, "{field}: ");
            }
            let kind = if node.is_missing() {
                format!("MISSING {}", node.kind())
            } else {
                node.kind().to_string()
            };
            let _ = write!(out, "({kind} [{}-{}]", node.start_byte(), node.end_byte());
        }
        if cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            if cursor.node().is_named() || cursor.node().is_missing() {
                out.push(')');
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return out;
            }
            depth -= 1;
        }
    }
}

/// What `dockwise parse FILE` prints: the tree, then the model.
pub fn debug_dump(parse: &Parse) -> String {
    format!("{}\n\n{:#?}\n", tree_sexp(parse.tree()), parse.dockerfile())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn insert(parse: &Parse, at: usize, text: &str) -> Parse {
        let mut new_text = parse.text().to_string();
        new_text.insert_str(at, text);
        let point = Point { row: 0, column: 0 };
        let edit = InputEdit {
            start_byte: at,
            old_end_byte: at,
            new_end_byte: at + text.len(),
            start_position: point,
            old_end_position: point,
            new_end_position: point,
        };
        parse.reparse(Arc::from(new_text), &[edit])
    }

    #[test]
    fn an_edit_lowers_only_the_instruction_it_touches() {
        let text = "FROM a\nRUN b \\\n  c\nENV D=1\nCOPY e f\n";
        let parse = Parse::new(Arc::from(text));
        let at = text.find("D=1").unwrap();
        let edited = insert(&parse, at, "X");
        assert_eq!(edited.lowering.reused, 3);
        assert_eq!(edited.dockerfile().instructions[3].span, Span::new(28, 36));
        assert_eq!(
            edited.dockerfile(),
            Parse::new(edited.text_arc().clone()).dockerfile()
        );
    }

    #[test]
    fn a_flag_value_is_verbatim_only_without_quotes_or_line_breaks() {
        let mount = |text: &str| {
            let parse = Parse::new(Arc::from(text));
            let flag = &parse.dockerfile().instructions[1].flags[0];
            flag.value.clone().expect("a value").is_verbatim()
        };
        assert!(mount("FROM a\nRUN --mount=type=cache,target=/x b\n"));
        assert!(!mount("FROM a\nRUN --mount=\"type=cache,target=/x\" b\n"));
        // The value goes on after a continuation and a comment line: its text is not one slice.
        assert!(!mount(
            "FROM a\nRUN --mount=type=cache,\\\n# note\ntarget=/x b\n"
        ));
    }

    #[test]
    fn a_new_escape_directive_lowers_everything_again() {
        let parse = Parse::new(Arc::from("FROM a\nRUN b\n"));
        let edited = insert(&parse, 0, "# escape=`\n");
        assert_eq!(edited.lowering.reused, 0);
        let edited = insert(&edited, edited.text().len(), "USER u\n");
        assert_eq!(edited.lowering.reused, 2);
    }
}
