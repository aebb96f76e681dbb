//! Incremental reparse must give exactly what a fresh parse gives: same tree (with byte ranges)
//! and same model, whatever the edits.

use std::sync::Arc;

use dockwise_syntax::{InputEdit, Parse, Point, tree_sexp};
use proptest::prelude::*;

const SEEDS: [&str; 6] = [
    "# syntax=docker/dockerfile:1\nFROM alpine AS base\nRUN apk add \\\n    # tools\n    curl \\\n\n    git\nENV A=1 B=\"two words\"\nCMD [\"sh\", \"-c\", \"echo\"]\n",
    "FROM alpine\nRUN <<EOF\necho hi\nEOF\nCOPY <<a <<b /dst/\none\na\ntwo\nb\nRUN echo done\n",
    "# escape=`\r\nFROM windows\r\nRUN dir C:\\ `\r\n  /s\r\nWORKDIR C:\\app\r\n",
    "ARG TAG=latest\nFROM img:${TAG}\nONBUILD RUN x\nHEALTHCHECK --interval=5s CMD curl -f x || exit 1\nLABEL a=b \\\n  c=d",
    // Many short instructions, so that most of them are reused after an edit.
    "FROM a AS one\nRUN x \\\n  y\nENV A=1\n# note\nCOPY --from=one /a /b\nRUN <<EOF\nz\nEOF\nFROM b\nUSER u\nCMD [\"c\"]\nEXPOSE 80\nARG B\nLABEL k=v\n",
    "# syntax=x\n\nFROM a\nRUN a \\\n# c\n  b\nWORKDIR /w\nFROM c AS d\nRUN --mount=type=cache,target=/x y\nENTRYPOINT e\n",
];

const INSERTS: [&str; 21] = [
    "\n",
    "\r\n",
    "\r",
    "\\\n",
    "`\n",
    "é",
    "😀",
    "<<EOF\n",
    "EOF\n",
    "# c\n",
    " ",
    "RUN x ",
    "\"",
    "${A",
    "[\"a\"]",
    "\t",
    "# escape=`\n",
    "FROM x AS y\n",
    " \\",
    "\\",
    "ONBUILD ",
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

/// 512 cases unless `PROPTEST_CASES` asks for more (run with thousands after changing the
/// grammar or the lowering).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(512)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

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

/// Replaces `old` (its first occurrence) by `new` in `text` and checks the incremental reparse
/// against a fresh parse: same tree, same model.
fn check_edit(text: &str, old: &str, new: &str) {
    let start = text.find(old).expect("the text to replace is in the seed");
    let old_end = start + old.len();
    let new_text = format!("{}{}{}", &text[..start], new, &text[old_end..]);
    let new_end = start + new.len();
    let edit = InputEdit {
        start_byte: start,
        old_end_byte: old_end,
        new_end_byte: new_end,
        start_position: point_at(text, start),
        old_end_position: point_at(text, old_end),
        new_end_position: point_at(&new_text, new_end),
    };
    let reparsed = Parse::new(Arc::from(text)).reparse(Arc::from(new_text.as_str()), &[edit]);
    let fresh = Parse::new(Arc::from(new_text.as_str()));
    assert_eq!(
        tree_sexp(reparsed.tree()),
        tree_sexp(fresh.tree()),
        "{new_text:?}"
    );
    assert_eq!(reparsed.dockerfile(), fresh.dockerfile(), "{new_text:?}");
}

const FILE: &str = "FROM alpine AS build\nRUN apk add \\\n    # the compiler\n    gcc \\\n    make\nCOPY <<EOF /etc/conf\nkey=value\nEOF\nENV A=1 B=2\nRUN echo one\nRUN echo two\nFROM scratch\nCOPY --from=build /out /\nCMD [\"/app\"]\n";

#[test]
fn edits_inside_a_heredoc() {
    check_edit(FILE, "key=value", "key=other\nmore=lines");
    check_edit(FILE, "key=value\n", "");
    check_edit(FILE, "EOF\nENV", "EOX\nENV");
}

#[test]
fn edits_in_continuations_and_their_comment_lines() {
    check_edit(FILE, "gcc", "g++ cmake");
    check_edit(FILE, "# the compiler", "# the compilers");
    check_edit(FILE, "# the compiler\n", "");
    check_edit(FILE, "    make", "\n    make");
}

#[test]
fn adding_and_removing_the_escape_directive() {
    check_edit(FILE, "", "# escape=`\n");
    let backtick = format!("# escape=`\n{}", FILE.replace("\\\n", "`\n"));
    check_edit(&backtick, "# escape=`\n", "");
    check_edit(&backtick, "`", "\\");
}

#[test]
fn joining_and_splitting_instructions() {
    // A backslash at the end of a line continues it into the next instruction.
    check_edit(FILE, "echo one", "echo one \\");
    check_edit(FILE, "make\n", "make \\\n");
    // Removing one ends the instruction early: the next line becomes an instruction of its own.
    check_edit(FILE, "gcc \\", "gcc");
    // A new line in the middle of an instruction splits it.
    check_edit(FILE, "B=2", "\nRUN B=2");
    check_edit(FILE, "echo two", "echo\nFROM two AS x");
}

#[test]
fn multiple_edits_in_one_change() {
    let text = FILE;
    let first = text.find("echo one").unwrap();
    let mut edited = text.to_string();
    edited.insert(first, 'x');
    let second = edited.find("/out").unwrap();
    edited.replace_range(second..second + 4, "/result");
    let edits = [
        InputEdit {
            start_byte: first,
            old_end_byte: first,
            new_end_byte: first + 1,
            start_position: point_at(text, first),
            old_end_position: point_at(text, first),
            new_end_position: point_at(text, first),
        },
        InputEdit {
            start_byte: second,
            old_end_byte: second + 4,
            new_end_byte: second + 7,
            start_position: point_at(&edited, second),
            old_end_position: point_at(&edited, second),
            new_end_position: point_at(&edited, second),
        },
    ];
    let reparsed = Parse::new(Arc::from(text)).reparse(Arc::from(edited.as_str()), &edits);
    let fresh = Parse::new(Arc::from(edited.as_str()));
    assert_eq!(reparsed.dockerfile(), fresh.dockerfile());
}

#[test]
fn parse_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Parse>();
}
