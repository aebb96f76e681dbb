//! Incremental reparse must give exactly what a fresh parse gives: same tree (with byte ranges)
//! and same model, whatever the edits.

use std::sync::Arc;

use dockwise_syntax::{InputEdit, Parse, Point, tree_sexp};
use proptest::prelude::*;

const SEEDS: [&str; 4] = [
    "# syntax=docker/dockerfile:1\nFROM alpine AS base\nRUN apk add \\\n    # tools\n    curl \\\n\n    git\nENV A=1 B=\"two words\"\nCMD [\"sh\", \"-c\", \"echo\"]\n",
    "FROM alpine\nRUN <<EOF\necho hi\nEOF\nCOPY <<a <<b /dst/\none\na\ntwo\nb\nRUN echo done\n",
    "# escape=`\r\nFROM windows\r\nRUN dir C:\\ `\r\n  /s\r\nWORKDIR C:\\app\r\n",
    "ARG TAG=latest\nFROM img:${TAG}\nONBUILD RUN x\nHEALTHCHECK --interval=5s CMD curl -f x || exit 1\nLABEL a=b \\\n  c=d",
];

const INSERTS: [&str; 16] = [
    "\n", "\r\n", "\r", "\\\n", "`\n", "é", "😀", "<<EOF\n", "EOF\n", "# c\n", " ", "RUN x ", "\"",
    "${A", "[\"a\"]", "\t",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert {
        at: usize,
        text: &'static str,
    },
    Delete {
        at: usize,
        len: usize,
    },
    Replace {
        at: usize,
        len: usize,
        text: &'static str,
    },
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), prop::sample::select(&INSERTS[..]))
            .prop_map(|(at, text)| Edit::Insert { at, text }),
        (any::<usize>(), 1usize..12).prop_map(|(at, len)| Edit::Delete { at, len }),
        (
            any::<usize>(),
            1usize..6,
            prop::sample::select(&INSERTS[..])
        )
            .prop_map(|(at, len, text)| Edit::Replace { at, len, text }),
    ]
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn point_at(text: &str, byte: usize) -> Point {
    let before = &text[..byte];
    let row = before.matches('\n').count();
    let column = byte - before.rfind('\n').map_or(0, |nl| nl + 1);
    Point { row, column }
}

/// Applies `edit` to `text`, returning the new text and the tree-sitter edit.
fn apply(text: &str, edit: &Edit) -> (String, InputEdit) {
    let (at, len, insert) = match *edit {
        Edit::Insert { at, text: insert } => (at % (text.len() + 1), 0, insert),
        Edit::Delete { at, len } => (at % (text.len() + 1), len, ""),
        Edit::Replace {
            at,
            len,
            text: insert,
        } => (at % (text.len() + 1), len, insert),
    };
    let start = floor_boundary(text, at);
    let end = floor_boundary(text, start + len);
    let new_text = format!("{}{}{}", &text[..start], insert, &text[end..]);
    let new_end = start + insert.len();
    let input_edit = InputEdit {
        start_byte: start,
        old_end_byte: end,
        new_end_byte: new_end,
        start_position: point_at(text, start),
        old_end_position: point_at(text, end),
        new_end_position: point_at(&new_text, new_end),
    };
    (new_text, input_edit)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn reparse_equals_fresh_parse(
        seed in 0usize..SEEDS.len(),
        edits in prop::collection::vec(edit_strategy(), 1..6),
    ) {
        let mut text = SEEDS[seed].to_string();
        let mut parse = Parse::new(Arc::from(text.as_str()));
        for edit in &edits {
            let (new_text, input_edit) = apply(&text, edit);
            parse = parse.reparse(Arc::from(new_text.as_str()), &[input_edit]);
            text = new_text;
            let fresh = Parse::new(Arc::from(text.as_str()));
            prop_assert_eq!(tree_sexp(parse.tree()), tree_sexp(fresh.tree()), "text: {:?}", text);
            prop_assert_eq!(parse.dockerfile(), fresh.dockerfile());
        }
    }

    #[test]
    fn batched_edits_reparse_equals_fresh_parse(
        seed in 0usize..SEEDS.len(),
        edits in prop::collection::vec(edit_strategy(), 2..5),
    ) {
        let original = Parse::new(Arc::from(SEEDS[seed]));
        let mut text = SEEDS[seed].to_string();
        let mut input_edits = Vec::new();
        for edit in &edits {
            let (new_text, input_edit) = apply(&text, edit);
            input_edits.push(input_edit);
            text = new_text;
        }
        let reparsed = original.reparse(Arc::from(text.as_str()), &input_edits);
        let fresh = Parse::new(Arc::from(text.as_str()));
        prop_assert_eq!(tree_sexp(reparsed.tree()), tree_sexp(fresh.tree()), "text: {:?}", text);
        prop_assert_eq!(reparsed.dockerfile(), fresh.dockerfile());
    }
}

#[test]
fn parse_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Parse>();
}
