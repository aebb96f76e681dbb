//! One small Dockerfile per construct: snapshots of the tree and of the model, plus the facts
//! each fixture exists for, asserted directly.

use std::path::PathBuf;
use std::sync::Arc;

use dockwise_syntax::*;

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn parse(name: &str) -> Parse {
    let text = std::fs::read_to_string(fixtures_dir().join(name)).unwrap();
    Parse::new(Arc::from(text))
}

#[test]
fn snapshots() {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".Dockerfile"))
        .collect();
    names.sort();
    assert!(names.len() >= 15, "fixtures missing: {names:?}");
    for name in names {
        let parse = parse(&name);
        let stem = name.trim_end_matches(".Dockerfile");
        insta::assert_snapshot!(format!("{stem}__tree"), tree_sexp(parse.tree()));
        insta::assert_snapshot!(
            format!("{stem}__model"),
            format!("{:#?}", parse.dockerfile())
        );
        let expect_errors = matches!(
            stem,
            "syntax_errors" | "heredoc_unterminated" | "duplicate_directive"
        );
        assert_eq!(
            !parse.dockerfile().errors.is_empty(),
            expect_errors,
            "{name}: {:#?}",
            parse.dockerfile().errors
        );
        if stem != "syntax_errors" {
            assert!(
                !parse.tree().root_node().has_error(),
                "{name} has error nodes"
            );
        }
    }
}

fn shell_text(instruction: &Instruction) -> &str {
    match &instruction.args {
        Arguments::Shell(shell) => &shell.text,
        other => panic!("not shell form: {other:?}"),
    }
}

fn exec_values(instruction: &Instruction) -> Vec<&str> {
    match &instruction.args {
        Arguments::Exec(exec) => exec.elements.iter().map(|e| e.value.as_str()).collect(),
        other => panic!("not exec form: {other:?}"),
    }
}

fn pairs(instruction: &Instruction) -> Vec<(String, Option<String>, bool)> {
    match &instruction.args {
        Arguments::Pairs(pairs) => pairs
            .iter()
            .map(|pair| {
                (
                    pair.key.value.clone(),
                    pair.value.as_ref().map(|v| v.value.clone()),
                    pair.legacy,
                )
            })
            .collect(),
        other => panic!("not pairs: {other:?}"),
    }
}

#[test]
fn directives_and_escape() {
    let parse = parse("directives.Dockerfile");
    let df = parse.dockerfile();
    let names: Vec<_> = df.directives.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["syntax", "check", "escape"]);
    assert_eq!(df.escape, '\\');
    // `# unknown=` ends the section: the later `# escape=` lines are comments.
    assert_eq!(df.comments.len(), 3);
    assert_eq!(
        shell_text(&df.instructions[1]),
        "echo   still-the-same-line"
    );
}

#[test]
fn windows_backtick_escape() {
    let parse = parse("windows_backtick.Dockerfile");
    let df = parse.dockerfile();
    assert_eq!(df.escape, '`');
    let copy = &df.instructions[2];
    let Arguments::Words(words) = &copy.args else {
        panic!()
    };
    assert_eq!(words[0].value, r"C:\src\");
    assert_eq!(words[1].value, r"C:\dst\");
    let run = &df.instructions[4];
    let text = shell_text(run);
    assert!(text.starts_with("[Net.ServicePointManager]::SecurityProtocol"));
    assert!(text.ends_with(r"Expand-Archive C:\x.zip -DestinationPath C:\x\"));
    assert!(!text.contains('`'));
    let Arguments::Shell(shell) = &run.args else {
        panic!()
    };
    assert_eq!(shell.pieces.len(), 3);
    assert_eq!(
        pairs(&df.instructions[5])[1].1.as_deref(),
        Some(r"C:\Users\app")
    );
}

#[test]
fn heredocs() {
    let parse = parse("heredocs.Dockerfile");
    let df = parse.dockerfile();
    let run = &df.instructions[1];
    assert_eq!(
        run.heredocs[0].body,
        "#!/bin/sh\n# not a comment: body content\necho hello\n"
    );
    assert!(df.comments.is_empty());
    let python = &df.instructions[2];
    assert!(python.heredocs[0].quoted);
    assert_eq!(python.heredocs[0].delimiter, "PY");
    assert_eq!(shell_text(&df.instructions[3]), "cat <<EOF > /file");
    let copy = &df.instructions[4];
    let delimiters: Vec<_> = copy
        .heredocs
        .iter()
        .map(|h| (h.delimiter.as_str(), h.quoted))
        .collect();
    assert_eq!(delimiters, [("a.txt", false), ("b.txt", true)]);
    assert_eq!(copy.heredocs[1].body, "second\n");
    let stripped = &df.instructions[5].heredocs[0];
    assert!(stripped.strip_tabs);
    assert_eq!(stripped.body, "echo tabs stripped\n");
    assert_eq!(df.instructions[6].heredocs.len(), 1);
    assert_eq!(df.instructions.last().unwrap().kind, InstructionKind::Cmd);
}

#[test]
fn exec_form_edge_cases() {
    let parse = parse("exec_form.Dockerfile");
    let df = parse.dockerfile();
    let ins = &df.instructions;
    assert_eq!(exec_values(&ins[1]), ["echo", "a b"]);
    assert_eq!(
        exec_values(&ins[2]),
        ["/bin/sh", "-c", "printf \"%s\\n\" é 😀\n"]
    );
    for index in [3, 4, 5] {
        let Arguments::Shell(shell) = &ins[index].args else {
            panic!("{index}")
        };
        assert!(shell.malformed_exec, "{index}");
    }
    assert_eq!(exec_values(&ins[6]), Vec::<&str>::new());
    let Arguments::Shell(shell) = &ins[7].args else {
        panic!()
    };
    assert!(!shell.malformed_exec);
    assert_eq!(exec_values(&ins[8]), ["sh", "-c", "echo joined"]);
    assert_eq!(exec_values(&ins[9]), ["/data", "/logs"]);
    assert!(matches!(&ins[10].args, Arguments::Words(words) if words.len() == 2));
    assert_eq!(exec_values(&ins[11]), ["with space.txt", "/dst/"]);
    assert!(matches!(&ins[13].args, Arguments::Shell(shell) if !shell.malformed_exec));
}

#[test]
fn env_label_arg() {
    let parse = parse("env_label_arg.Dockerfile");
    let ins = &parse.dockerfile().instructions;
    assert_eq!(
        pairs(&ins[1]),
        [("LEGACY".into(), Some("value with   spaces".into()), true)]
    );
    assert_eq!(
        pairs(&ins[2]),
        [
            ("A".into(), Some("1".into()), false),
            ("B".into(), Some("two words".into()), false),
            ("C".into(), Some("three words".into()), false),
            ("D".into(), Some("single $quoted".into()), false),
            ("E".into(), Some(String::new()), false),
        ]
    );
    let multi = pairs(&ins[3]);
    assert_eq!(
        multi.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(),
        ["MULTI", "NEXT", "LAST"]
    );
    assert_eq!(ins[3].empty_continuation_lines.len(), 1);
    assert_eq!(
        pairs(&ins[5]),
        [("legacy-label".into(), Some("some value".into()), true)]
    );
    assert_eq!(pairs(&ins[6]), [("NAME".into(), None, false)]);
    assert_eq!(
        pairs(&ins[7]),
        [
            ("VERSION".into(), Some("1.2.3".into()), false),
            ("OTHER".into(), None, false)
        ]
    );
    assert_eq!(ins[9].args, Arguments::None);
}

#[test]
fn flags() {
    let parse = parse("flags.Dockerfile");
    let df = parse.dockerfile();
    let flag = |index: usize| {
        df.instructions[index]
            .flags
            .iter()
            .map(|flag| {
                (
                    flag.name.clone(),
                    flag.value.as_ref().map(|value| value.value.clone()),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        flag(0),
        [("platform".into(), Some("$BUILDPLATFORM".into()))]
    );
    assert_eq!(
        df.instructions[0].flags[0].value.as_ref().unwrap().vars[0].name,
        "BUILDPLATFORM"
    );
    assert_eq!(
        flag(1)[0].1.as_deref(),
        Some("type=cache,target=/root/.cache,sharing=locked")
    );
    assert_eq!(flag(2).len(), 2);
    assert_eq!(shell_text(&df.instructions[2]).trim(), "make");
    assert_eq!(
        flag(3),
        [
            ("chmod".into(), Some("755".into())),
            ("link".into(), None),
            ("from".into(), Some("build".into()))
        ]
    );
    assert_eq!(flag(5), [("from".into(), Some(String::new()))]);
    assert_eq!(flag(6), [("exclude".into(), Some("*.md".into()))]);
    let Arguments::Words(words) = &df.instructions[6].args else {
        panic!()
    };
    assert_eq!(words[0].value, "--weird");
}

#[test]
fn keywords_in_any_case() {
    let parse = parse("keywords_any_case.Dockerfile");
    let df = parse.dockerfile();
    let kinds: Vec<_> = df
        .instructions
        .iter()
        .map(|i| (i.kind, i.keyword.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (InstructionKind::From, "from"),
            (InstructionKind::Run, "Run"),
            (InstructionKind::Copy, "cOpY"),
            (InstructionKind::User, "user"),
            (InstructionKind::Stopsignal, "STOPSIGNAL"),
            (InstructionKind::Expose, "EXPOSE"),
            (InstructionKind::Maintainer, "maintainer"),
            (InstructionKind::Unknown, "FORM"),
            (InstructionKind::Workdir, "workdir"),
        ]
    );
    assert_eq!(df.stages[0].as_keyword.as_ref().unwrap().0, "as");
    assert_eq!(df.stages[0].name.as_ref().unwrap().name, "base");
}

#[test]
fn crlf_and_no_final_newline() {
    let crlf = parse("crlf.Dockerfile");
    let df = crlf.dockerfile();
    assert_eq!(
        shell_text(&df.instructions[1]),
        "apk add       curl       git"
    );
    assert_eq!(df.instructions[1].empty_continuation_lines.len(), 1);
    assert_eq!(pairs(&df.instructions[2]).len(), 2);
    assert_eq!(df.instructions[3].heredocs[0].body, "echo crlf\n");
    assert_eq!(exec_values(&df.instructions[4]), ["sh"]);

    let last = parse("no_final_newline.Dockerfile");
    let run = &last.dockerfile().instructions[1];
    assert_eq!(shell_text(run), "echo   done");
    assert_eq!(run.span.end, last.text().len());

    let lone = parse("lone_cr.Dockerfile");
    assert_eq!(shell_text(&lone.dockerfile().instructions[1]), "echo a\rb");
    assert_eq!(lone.dockerfile().instructions.len(), 3);
}

#[test]
fn onbuild_and_healthcheck() {
    let parse = parse("onbuild_healthcheck.Dockerfile");
    let ins = &parse.dockerfile().instructions;
    let trigger = ins[1].trigger.as_ref().unwrap();
    assert_eq!(
        (trigger.kind, shell_text(trigger)),
        (InstructionKind::Run, "echo triggered")
    );
    let copy = ins[2].trigger.as_ref().unwrap();
    assert_eq!(copy.flags[0].name, "chown");
    assert_eq!(ins[3].trigger.as_ref().unwrap().kind, InstructionKind::Env);
    assert_eq!(ins[4].healthcheck_kind.as_ref().unwrap().0, "NONE");
    assert_eq!(ins[5].flags.len(), 2);
    assert_eq!(shell_text(&ins[5]), "curl -f http://localhost/ || exit 1");
    assert_eq!(exec_values(&ins[6]), ["curl", "-f", "http://localhost/"]);
    assert_eq!(ins[7].healthcheck_kind.as_ref().unwrap().0, "cmd");
    assert!(ins[8].trigger.is_none());
}

#[test]
fn variables_and_images() {
    let parse = parse("variables.Dockerfile");
    let df = parse.dockerfile();
    let image = df.stages[0].image.as_ref().unwrap();
    assert_eq!(image.path.0, "$REGISTRY/library/alpine");
    assert_eq!(image.tag.as_ref().unwrap().0, "${TAG:-latest}");
    assert_eq!(
        &parse.text()[image.tag.as_ref().unwrap().1.range()],
        "${TAG:-latest}"
    );
    let Arguments::Pairs(pairs) = &df.instructions[3].args else {
        panic!()
    };
    let modifiers: Vec<_> = pairs
        .iter()
        .map(|pair| {
            pair.value.as_ref().unwrap().vars[0]
                .modifier
                .clone()
                .map(|m| m.0)
        })
        .collect();
    assert_eq!(
        modifiers,
        [
            None,
            None,
            Some(":-".into()),
            Some("-".into()),
            Some(":+".into()),
            Some("+".into())
        ]
    );
    let Arguments::Pairs(pairs) = &df.instructions[6].args else {
        panic!()
    };
    let counts: Vec<_> = pairs
        .iter()
        .map(|pair| pair.value.as_ref().unwrap().vars.len())
        .collect();
    assert_eq!(counts, [0, 0, 1, 0, 0, 0]);
    let pinned = df.stages[1].image.as_ref().unwrap();
    assert_eq!(pinned.registry.as_ref().unwrap().0, "localhost:5000");
    assert_eq!(pinned.digest.as_ref().unwrap().0, "sha256:0123456789abcdef");
    assert_eq!(df.stages.len(), 3);
    assert_eq!(df.stages[0].instructions, 2..8);
}
