//! The formatter over real Dockerfiles (../shared/corpus/dockerfiles, and the parser edge cases
//! of ../shared/corpus/fixtures/dockerfiles; skipped with a note when absent): formatting twice changes nothing more than formatting once, the edits are per line,
//! and the build is the same. "The same build" is checked here independently of the formatter's
//! own safety net: both versions are parsed and every instruction is compared with its flags,
//! words, exec-form strings, heredoc bodies (byte for byte) and ONBUILD trigger text; keyword case
//! may differ, and RUN commands may differ only in whitespace around line joins, which must split
//! into the same shell words (`shlex`, an independent POSIX lexer).
//!
//! Set `DOCKWISE_FORMAT_OUT=<dir>` to write each changed file there, for reading diffs by eye.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use dockwise_analysis::ide::{FormatOptions, Indent};
use dockwise_analysis::{Document, FileKind, TextEdit, apply_edits};
use dockwise_syntax::{Arguments, Instruction, InstructionKind, Parse, ShellForm};

mod support;
use support::corpus;

fn format(text: &str, options: &FormatOptions) -> Result<Vec<TextEdit>, String> {
    Document::new(FileKind::Dockerfile, Arc::from(text))
        .try_format(options)
        .map_err(|refusal| refusal.0)
}

/// An editor that indents with tabs and keeps trailing whitespace and lines.
fn tab_options() -> FormatOptions {
    FormatOptions {
        indent: Indent::Tab,
        trim_trailing_whitespace: false,
        insert_final_newline: true,
        trim_final_newlines: false,
    }
}

/// What Docker builds from one instruction, as comparable strings.
fn instruction_fingerprint(text: &str, instruction: &Instruction) -> Vec<String> {
    let mut out = vec![format!(
        "{:?} {}",
        instruction.kind,
        instruction.keyword.to_ascii_uppercase()
    )];
    for flag in &instruction.flags {
        out.push(format!(
            "flag {} {:?}",
            flag.name,
            flag.value.as_ref().map(|v| &v.raw)
        ));
    }
    if let Some((kind, _)) = &instruction.healthcheck_kind {
        out.push(format!("type {}", kind.to_ascii_uppercase()));
    }
    match &instruction.args {
        Arguments::None => out.push("no arguments".into()),
        Arguments::Exec(exec) => {
            for element in &exec.elements {
                out.push(format!("exec {:?}", element.value));
            }
        }
        Arguments::Shell(shell) if instruction.kind == InstructionKind::Run => {
            out.push(format!("shell {:?}", collapse_joins(shell)));
            match shlex::split(&shell.text) {
                Some(words) => out.push(format!("shell words {words:?}")),
                None => out.push(format!("shell text {:?}", shell.text)),
            }
        }
        Arguments::Shell(shell) => out.push(format!("shell text {:?}", shell.text)),
        Arguments::Words(words) => {
            for (index, word) in words.iter().enumerate() {
                let raw = if instruction.kind == InstructionKind::From
                    && index == 1
                    && word.raw.eq_ignore_ascii_case("as")
                {
                    "AS".to_string()
                } else {
                    word.raw.clone()
                };
                out.push(format!("word {raw:?}"));
            }
        }
        Arguments::Pairs(pairs) => {
            for pair in pairs {
                out.push(format!(
                    "pair {:?} {:?} legacy={}",
                    pair.key.raw,
                    pair.value.as_ref().map(|v| &v.raw),
                    pair.legacy
                ));
            }
        }
    }
    for heredoc in &instruction.heredocs {
        out.push(format!(
            "heredoc {} strip={} quoted={} body={:?} end={:?}",
            heredoc.delimiter,
            heredoc.strip_tabs,
            heredoc.quoted,
            &text[heredoc.body_span.range()],
            heredoc.end_span.map(|span| &text[span.range()])
        ));
    }
    if instruction.kind == InstructionKind::Onbuild {
        out.push(format!(
            "trigger {:?}",
            text[instruction.keyword_span.end..instruction.span.end].trim_start()
        ));
    }
    out
}

/// The RUN command with the whitespace around each physical-line join collapsed.
fn collapse_joins(shell: &ShellForm) -> String {
    let mut parts = Vec::new();
    let mut at = 0;
    for piece in &shell.pieces {
        parts.push(&shell.text[at..at + piece.len()]);
        at += piece.len();
    }
    assert_eq!(at, shell.text.len(), "pieces cover the command");
    let mut out = String::new();
    for part in parts {
        if out.is_empty() {
            out.push_str(part);
        } else if out.ends_with([' ', '\t']) || part.starts_with([' ', '\t']) {
            out = format!(
                "{} {}",
                out.trim_end_matches([' ', '\t']),
                part.trim_start_matches([' ', '\t'])
            );
        } else {
            out.push_str(part);
        }
    }
    out
}

fn fingerprint(parse: &Parse) -> Vec<String> {
    let model = parse.dockerfile();
    let mut out = vec![format!("escape {}", model.escape)];
    for directive in &model.directives {
        out.push(format!("directive {}={}", directive.name, directive.value));
    }
    for instruction in &model.instructions {
        out.extend(instruction_fingerprint(parse.text(), instruction));
    }
    for stage in &model.stages {
        out.push(format!(
            "stage {:?}",
            stage.name.as_ref().map(|name| &name.name)
        ));
    }
    out
}

/// Edits replace within one line, or delete whole blank lines, or add the final line break.
fn per_line(text: &str, edits: &[TextEdit]) -> bool {
    edits.iter().all(|edit| {
        let removed = &text[edit.span.range()];
        let inserts_break = edit.new_text.contains('\n');
        (!removed.contains('\n') && !inserts_break)
            || (edit.new_text.is_empty() && removed.trim().is_empty())
            || (removed.is_empty()
                && edit.span.start == text.len()
                && edit.new_text.trim().is_empty())
    })
}

#[test]
fn formatting_real_dockerfiles_is_idempotent_and_keeps_the_build() {
    let Some(mut files) = corpus("dockerfiles") else {
        eprintln!("note: ../shared/corpus/dockerfiles not found; skipping");
        return;
    };
    // Parser edge cases (BuildKit's test files and the like), where refusing is fine.
    files.extend(corpus("fixtures/dockerfiles").unwrap_or_default());
    let out_dir = std::env::var_os("DOCKWISE_FORMAT_OUT").map(PathBuf::from);
    let mut problems = Vec::new();
    let mut changed = 0;
    let mut refused: BTreeMap<String, usize> = BTreeMap::new();
    let mut read = 0;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        read += 1;
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let tabs = tab_options();
        if let Ok(edits) = format(&text, &tabs) {
            let with_tabs = apply_edits(&text, &edits);
            if format(&with_tabs, &tabs).is_ok_and(|again| !again.is_empty()) {
                problems.push(format!("{name}: not idempotent with tabs"));
            }
            let after = Parse::new(Arc::from(with_tabs.as_str()));
            if fingerprint(&Parse::new(Arc::from(text.as_str()))) != fingerprint(&after) {
                problems.push(format!("{name}: the build differs with tabs"));
            }
        }
        let edits = match format(&text, &FormatOptions::default()) {
            Ok(edits) => edits,
            Err(why) => {
                let reason = why.split(" (line").next().unwrap_or(&why).to_string();
                let reason = if reason.starts_with("line ") {
                    reason
                        .split_once(": ")
                        .map_or(reason.clone(), |(_, r)| r.to_string())
                } else {
                    reason
                };
                *refused.entry(reason).or_default() += 1;
                continue;
            }
        };
        if edits.is_empty() {
            continue;
        }
        changed += 1;
        if !per_line(&text, &edits) {
            problems.push(format!("{name}: an edit spans lines"));
        }
        let once = apply_edits(&text, &edits);
        if let Some(dir) = &out_dir {
            let _ = std::fs::create_dir_all(dir);
            let _ = std::fs::write(dir.join(&name), &once);
        }
        match format(&once, &FormatOptions::default()) {
            Ok(again) if again.is_empty() => {}
            Ok(again) => problems.push(format!(
                "{name}: not idempotent, second pass: {:?}",
                again.iter().take(3).collect::<Vec<_>>()
            )),
            Err(why) => problems.push(format!("{name}: formatted output refused: {why}")),
        }
        let before = Parse::new(Arc::from(text.as_str()));
        let after = Parse::new(Arc::from(once.as_str()));
        if !after.dockerfile().errors.is_empty() {
            problems.push(format!("{name}: formatted output has syntax errors"));
        }
        let (old, new) = (fingerprint(&before), fingerprint(&after));
        if old != new {
            let first = old
                .iter()
                .zip(&new)
                .find(|(a, b)| a != b)
                .map(|(a, b)| format!("{a}\n   vs {b}"))
                .unwrap_or_else(|| "a different number of items".into());
            problems.push(format!("{name}: the build differs: {first}"));
        }
    }
    eprintln!(
        "format corpus: {read} files, {changed} changed, {} unchanged, {} left alone: {refused:?}",
        read - changed - refused.values().sum::<usize>(),
        refused.values().sum::<usize>()
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
