use std::sync::Arc;

use proptest::prelude::*;

use super::*;
use crate::ide::Indent;

fn parse(text: &str) -> Parse {
    Parse::new(Arc::from(text))
}

fn formatted_with(text: &str, options: &FormatOptions) -> String {
    apply_edits(text, &format(&parse(text), options))
}

fn formatted(text: &str) -> String {
    formatted_with(text, &FormatOptions::default())
}

/// Formats and checks that formatting again changes nothing.
#[track_caller]
fn assert_formats(input: &str, expected: &str) {
    let once = formatted(input);
    assert_eq!(once, expected, "input:\n{input}");
    assert_eq!(formatted(&once), once, "not idempotent on:\n{input}");
}

#[test]
fn keywords_as_and_healthcheck_type_are_upper_cased() {
    assert_formats(
        "from alpine as build\nrun echo hi\nhealthcheck --interval=5s cmd curl -f x\n",
        "FROM alpine AS build\nRUN echo hi\nHEALTHCHECK --interval=5s CMD curl -f x\n",
    );
}

#[test]
fn indentation_before_and_space_after_the_keyword() {
    assert_formats(
        "  FROM\talpine\n\tRUN    echo  hi   \nCOPY  \\\n  a b\n",
        "FROM alpine\nRUN echo  hi\nCOPY \\\n    a b\n",
    );
}

#[test]
fn continuation_lines_of_words_get_one_level() {
    assert_formats(
        "ENV A=1 \\\n  B=2 \\\n        C=3\nLABEL a=b \\\nc=d\n",
        "ENV A=1 \\\n    B=2 \\\n    C=3\nLABEL a=b \\\n    c=d\n",
    );
    // A continuation glued to the previous word is one word: never split it.
    assert_formats("COPY a\\\nb /x\n", "COPY a\\\nb /x\n");
}

#[test]
fn quoted_continuations_are_untouched() {
    let input = "LABEL description=\"first \\\n  second\" \\\n      other=1\n";
    assert_formats(
        input,
        "LABEL description=\"first \\\n  second\" \\\n    other=1\n",
    );
}

#[test]
fn run_scripts_keep_their_layout() {
    let hand_indented = "RUN set -eux; \\\n  apt-get update; \\\n  apt-get install -y \\\n      curl \\\n      git; \\\n  rm -rf /var/lib/apt/lists/*\n";
    assert_formats(hand_indented, hand_indented);
    // Only lines at column 0 get one level.
    assert_formats(
        "RUN apt-get update && \\\napt-get install -y curl && \\\n  rm -rf /x\n",
        "RUN apt-get update && \\\n    apt-get install -y curl && \\\n  rm -rf /x\n",
    );
    // Not inside a string, nor where the join is inside a word.
    let inside = "RUN echo \"a \\\nb\" && \\\nls && echo x\\\ny\n";
    assert_formats(
        inside,
        "RUN echo \"a \\\nb\" && \\\n    ls && echo x\\\ny\n",
    );
}

#[test]
fn text_docker_keeps_verbatim_is_untouched() {
    let verbatim = "FROM a\nONBUILD run echo   hi   \nCMD echo a \\\nb\nENV legacy value \\\n  with spaces\nWORKDIR /a \\\nb\n";
    assert_formats(
        verbatim,
        "FROM a\nONBUILD run echo   hi   \nCMD echo a \\\nb\nENV legacy value \\\n  with spaces\nWORKDIR /a \\\nb\n",
    );
    assert_formats("onbuild   RUN x\n", "ONBUILD RUN x\n");
}

#[test]
fn heredocs_are_never_touched() {
    let input =
        "FROM a\nrun <<-EOF   \n\techo hi   \n\n\n\n\t  EOF\n\tEOF\ncopy <<X /x\n   body  \nX\n";
    assert_formats(
        input,
        "FROM a\nRUN <<-EOF\n\techo hi   \n\n\n\n\t  EOF\n\tEOF\nCOPY <<X /x\n   body  \nX\n",
    );
}

#[test]
fn blank_lines_and_final_newline() {
    assert_formats(
        "\n\nFROM a\n\n\n\n\nRUN b\n\n\nRUN c\n\n\n",
        "FROM a\n\n\nRUN b\n\n\nRUN c\n",
    );
    assert_formats("FROM a", "FROM a\n");
    // One blank line before a leading comment is kept: it decides whether it is a directive.
    assert_formats("\n\n# escape=`\nFROM a\n", "\n# escape=`\nFROM a\n");
}

#[test]
fn crlf_is_kept() {
    assert_formats(
        "from a  \r\nenv A=1 \\\r\n  B=2\r\n\r\n\r\n\r\nrun x",
        "FROM a\r\nENV A=1 \\\r\n    B=2\r\n\r\n\r\nRUN x\r\n",
    );
}

#[test]
fn backtick_escape() {
    assert_formats(
        "# escape=`\nfrom mcr.microsoft.com/windows\ncopy C:\\a\\ `\n  C:\\b\\\nrun dir `\n  c:\\\nrun dir `\nc:\\\n",
        "# escape=`\nFROM mcr.microsoft.com/windows\nCOPY C:\\a\\ `\n    C:\\b\\\nRUN dir `\n  c:\\\nRUN dir `\nc:\\\n",
    );
}

#[test]
fn comments_and_empty_lines_inside_continuations() {
    assert_formats(
        "ENV A=1 \\\n# note   \n  \n  B=2\nRUN a \\\n  # keep\nb\n",
        "ENV A=1 \\\n    # note\n\n    B=2\nRUN a \\\n  # keep\n    b\n",
    );
}

#[test]
fn comments_follow_the_line_after_them() {
    let quoted = "ARG PACKAGES=\"\\\n  # utils\n  curl \\\n  git\"\n";
    assert_formats(quoted, quoted);
}

#[test]
fn exec_forms() {
    assert_formats(
        "COPY [ \\\n  \"a\", \\\n  \"./\" \\\n]\n",
        "COPY [ \\\n    \"a\", \\\n    \"./\" \\\n]\n",
    );
    assert_formats(
        "cmd [\"a\",\\\n  \"b c\", \\\n\"d\"]\nentrypoint [\"x \\\n y\"]\n",
        "CMD [\"a\",\\\n    \"b c\", \\\n    \"d\"]\nENTRYPOINT [\"x \\\n y\"]\n",
    );
}

#[test]
fn options_are_honoured() {
    let options = FormatOptions {
        indent: Indent::Tab,
        trim_trailing_whitespace: false,
        insert_final_newline: false,
        trim_final_newlines: false,
    };
    assert_eq!(
        formatted_with("FROM a  \nENV A=1 \\\n  B=2\n\n\n", &options),
        "FROM a  \nENV A=1 \\\n\tB=2\n\n\n"
    );
    let two = FormatOptions {
        indent: Indent::Spaces(2),
        ..FormatOptions::default()
    };
    assert_eq!(
        formatted_with("ENV A=1 \\\nB=2", &two),
        "ENV A=1 \\\n  B=2\n"
    );
}

#[test]
fn refuses_what_it_cannot_be_sure_of() {
    for text in [
        "FROM a\nRUNN x\n",
        "from a\nRUN <<EOF\nno end\n",
        "from a\rrun x\n",
        "from ${a\n",
    ] {
        let file = parse(text);
        assert!(
            format(&file, &FormatOptions::default()).is_empty(),
            "{text:?}"
        );
    }
    let refusal = try_format(&parse("from a\nRUNN x\n"), &FormatOptions::default()).unwrap_err();
    assert!(refusal.0.contains("line 2"), "{refusal:?}");
}

#[test]
fn a_byte_order_mark_stays() {
    assert_formats("\u{feff}  from a  \nrun x\n", "\u{feff}FROM a\nRUN x\n");
    assert_formats(
        "\u{feff}# syntax=x\n\n\n\nfrom a",
        "\u{feff}# syntax=x\n\n\nFROM a\n",
    );
}

#[test]
fn edits_are_per_line() {
    let text = "from a\nrun x   \nenv A=1 \\\nB=2";
    let edits = format(&parse(text), &FormatOptions::default());
    assert!(edits.len() >= 4);
    for edit in &edits {
        let removed = &text[edit.span.range()];
        assert!(!removed.contains('\n'), "{edit:?}");
    }
}

#[test]
fn range_formats_only_intersecting_instructions() {
    let text = "from a\nrun x   \nenv A=1 \\\nB=2\ncmd y\n";
    let file = parse(text);
    let options = FormatOptions::default();
    // A cursor on `run`.
    let edits = format_range(&file, Span::new(8, 8), &options);
    assert_eq!(
        apply_edits(text, &edits),
        "from a\nRUN x\nenv A=1 \\\nB=2\ncmd y\n"
    );
    // From inside ENV's second line to the end of the file.
    let start = text.find("B=2").unwrap();
    let edits = format_range(&file, Span::new(start, text.len()), &options);
    assert_eq!(
        apply_edits(text, &edits),
        "from a\nrun x   \nENV A=1 \\\n    B=2\nCMD y\n"
    );
}

#[test]
fn on_type_upper_cases_the_finished_line_only() {
    let text = "from a as b\nrun x\n";
    let file = parse(text);
    let edits = on_type(&file, 12, '\n');
    assert_eq!(apply_edits(text, &edits), "FROM a AS b\nrun x\n");
    assert!(on_type(&file, 12, 'x').is_empty());
    // Works while the rest of the file is broken.
    let typing = "FROM a\nrunn\ncopy a b\nRUN <<EOF\n";
    let edits = on_type(&parse(typing), typing.find("RUN").unwrap(), '\n');
    assert_eq!(
        apply_edits(typing, &edits),
        "FROM a\nrunn\nCOPY a b\nRUN <<EOF\n"
    );
    // Not an ONBUILD trigger, stored as written.
    let onbuild = "onbuild run x\n";
    let edits = on_type(&parse(onbuild), onbuild.len(), '\n');
    assert_eq!(apply_edits(onbuild, &edits), "ONBUILD run x\n");
}

/// Pieces of Dockerfiles that stress layout: any sequence of them must format idempotently, and
/// formatting must be accepted by the safety net whenever the input parses cleanly.
fn piece() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("from alpine as build\n"),
        Just("FROM  scratch\r\n"),
        Just("run echo hi   \n"),
        Just("RUN a && \\\nb && \\\n    c\n"),
        Just("RUN echo \"x \\\ny\"\n"),
        Just("ENV A=1 \\\n  B=\"two words\" \\\nC=3\n"),
        Just("env legacy value \\\n   kept\n"),
        Just("LABEL a=b \\\n# comment\n\n  c=d\n"),
        Just("COPY --from=build \\\n\t/a /b\n"),
        Just("copy <<EOF /x\n  body \n\nEOF\n"),
        Just("RUN <<-EOT bash\n\techo\n\tEOT\n"),
        Just("ONBUILD run  echo \\\n  x  \n"),
        Just("CMD [\"a\", \\\n\"b\"]\n"),
        Just("healthcheck cmd [\"x\"]\n"),
        Just("\n"),
        Just("   \n"),
        Just("# comment  \n"),
        Just("\t\n\n\n"),
        Just("USER a  \n"),
        Just("expose 80 \\\n   443\n"),
    ]
}

proptest! {
    #[test]
    fn formatting_is_idempotent_and_checked(pieces in proptest::collection::vec(piece(), 0..12), backtick in any::<bool>()) {
        let mut text = if backtick { "# escape=`\n".to_string() } else { String::new() };
        for piece in pieces {
            if backtick {
                text.push_str(&piece.replace(" \\\n", " `\n").replace(" \\\r\n", " `\r\n"));
            } else {
                text.push_str(piece);
            }
        }
        let file = parse(&text);
        let result = try_format(&file, &FormatOptions::default());
        if file.dockerfile().errors.is_empty() {
            prop_assert!(result.is_ok(), "{result:?} on {text:?}");
        }
        let edits = result.unwrap_or_default();
        let once = apply_edits(&text, &edits);
        // The safety net reparses incrementally: it must see what a fresh parse sees.
        let reparsed = file.reparse(Arc::from(once.as_str()), &input_edits(&text, &edits));
        let fresh = parse(&once);
        prop_assert_eq!(reparsed.dockerfile(), fresh.dockerfile());
        let twice = formatted(&once);
        prop_assert_eq!(&twice, &once, "input {:?}", text);
    }
}
