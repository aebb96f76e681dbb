//! Broken input: each problem is a `SyntaxError` with a stable code and a precise span, and the
//! instructions around it are still modelled.

use std::sync::Arc;

use dockwise_syntax::*;

fn parse(text: &str) -> Parse {
    Parse::new(Arc::from(text))
}

#[test]
fn unterminated_heredoc_takes_the_rest_of_the_file() {
    let text = "FROM alpine\nRUN <<EOF\necho body\nCMD [\"x\"]\n";
    let parse = parse(text);
    let df = parse.dockerfile();
    assert_eq!(df.errors.len(), 1);
    let error = &df.errors[0];
    assert_eq!(error.code, "unterminated-heredoc");
    assert_eq!(&text[error.span.range()], "<<EOF");
    assert!(error.message.contains("EOF"));
    assert_eq!(df.instructions.len(), 2);
    let heredoc = &df.instructions[1].heredocs[0];
    assert_eq!(heredoc.body, "echo body\nCMD [\"x\"]\n");
    assert_eq!(heredoc.end_span, None);
    assert!(!parse.tree().root_node().has_error());
}

#[test]
fn unterminated_heredoc_at_end_of_file_without_body() {
    let text = "FROM alpine\nRUN <<EOF";
    let df = parse(text).dockerfile().clone();
    assert_eq!(df.errors[0].code, "unterminated-heredoc");
    assert_eq!(df.instructions[1].heredocs.len(), 1);
}

#[test]
fn unclosed_variable() {
    let text = "FROM alpine\nENV A=${UNCLOSED B=1\nRUN echo next\n";
    let parse = parse(text);
    let df = parse.dockerfile();
    assert_eq!(df.errors.len(), 1);
    let error = &df.errors[0];
    assert_eq!(error.code, "unclosed-variable");
    assert_eq!(&text[error.span.range()], "${UNCLOSED");
    assert!(error.message.contains("missing `}`"), "{}", error.message);
    assert_eq!(df.instructions.len(), 3);
    assert_eq!(df.instructions[2].kind, InstructionKind::Run);
}

#[test]
fn garbage_line() {
    let text = "FROM alpine\n=== not an instruction ===\nRUN echo still modelled\n";
    let parse = parse(text);
    let df = parse.dockerfile();
    assert_eq!(df.errors.len(), 1, "{:#?}", df.errors);
    let error = &df.errors[0];
    assert_eq!(error.code, "syntax-error");
    assert_eq!(&text[error.span.range()], "=== not an instruction ===");
    assert!(
        error.message.starts_with("expected an instruction keyword"),
        "{}",
        error.message
    );
    let kinds: Vec<_> = df.instructions.iter().map(|i| i.kind).collect();
    assert_eq!(kinds, [InstructionKind::From, InstructionKind::Run]);
    assert_eq!(df.instructions[1].span.start, text.find("RUN").unwrap());
}

#[test]
fn directive_errors() {
    let df = parse("# escape=x\n# ESCAPE=`\nFROM a\n")
        .dockerfile()
        .clone();
    let codes: Vec<_> = df.errors.iter().map(|e| e.code).collect();
    assert_eq!(codes, ["invalid-escape", "duplicate-directive"]);
    assert_eq!(
        df.errors[1].message,
        "only one escape parser directive can be used"
    );
}

#[test]
fn never_panics_on_odd_input() {
    for text in [
        "",
        "\n",
        "\\",
        "`",
        "RUN \\",
        "#",
        "# escape=`\n`",
        "FROM\u{0}x",
        "\r",
        "[",
        "ONBUILD ONBUILD ONBUILD RUN x",
        "RUN <<",
        "COPY <<EOF <<EOF2\n",
        "ENV ${",
        "\u{feff}FROM a",
    ] {
        let parse = parse(text);
        assert!(parse.tree().root_node().end_byte() <= text.len());
    }
}
