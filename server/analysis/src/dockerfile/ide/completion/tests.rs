//! One test per completion context: what is offered at `|`, snapshotted as
//! `label [replaced text] -> inserted text` lines in sort order.

use std::fmt::Write as _;
use std::sync::Arc;

use dockwise_syntax::Parse;

use crate::Surroundings;
use crate::ide::Completion;

fn complete(marked: &str) -> (String, Vec<Completion>) {
    let offset = marked.find('|').expect("a cursor");
    let text = marked.replacen('|', "", 1);
    let parse = Parse::new(Arc::from(text.as_str()));
    let items = super::completions(&parse, &Surroundings::default(), offset);
    for item in &items {
        let replace = item.replace.expect("a replace span");
        assert!(
            replace.start <= offset && offset <= replace.end,
            "{marked:?}: {} replaces {replace:?}, which does not hold the cursor",
            item.label
        );
        assert!(
            !text.get(replace.range()).unwrap().contains('\n'),
            "one line"
        );
    }
    (text, items)
}

/// The labels offered at `|`.
fn labels(marked: &str) -> Vec<String> {
    complete(marked)
        .1
        .into_iter()
        .map(|item| item.label)
        .collect()
}

/// Every case of a context, rendered for a snapshot.
fn render(cases: &[&str]) -> String {
    let mut out = String::new();
    for marked in cases {
        let (text, items) = complete(marked);
        let _ = writeln!(out, "== {marked:?}");
        for item in items {
            let replace = item.replace.unwrap();
            let replaced = text.get(replace.range()).unwrap_or("");
            let _ = write!(out, "{} [{replaced}]", item.label);
            if let Some(insert) = &item.insert {
                let _ = write!(
                    out,
                    " -> {insert}{}",
                    if item.snippet { " (snippet)" } else { "" }
                );
            }
            if let Some(detail) = &item.detail {
                let _ = write!(out, "  // {detail}");
            }
            out.push('\n');
        }
    }
    out
}

#[test]
fn instruction_keywords() {
    insta::assert_snapshot!(render(&[
        "|",
        "FR|",
        "FROM alpine\n|",
        "FROM alpine\nCO|",
        "FROM alpine\nCO|PY a b",
        "from alpine\nru|",
        "FROM alpine\nONBUILD |",
        "FROM alpine\nONBUILD RU|",
    ]));
}

#[test]
fn keywords_carry_knowledge_and_snippets() {
    let (_, items) = complete("FROM alpine\nCOP|");
    let copy = items.iter().find(|item| item.label == "COPY").unwrap();
    assert_eq!(copy.insert.as_deref(), Some("COPY ${1:src} ${2:dest}"));
    assert!(copy.snippet);
    assert!(copy.documentation.as_deref().unwrap_or("").contains("COPY"));
    let (_, items) = complete("FROM alpine\nH|");
    let healthcheck = items
        .iter()
        .find(|item| item.label == "HEALTHCHECK")
        .unwrap();
    assert_eq!(
        healthcheck.insert.as_deref(),
        Some("HEALTHCHECK --interval=${1:30s} CMD ${2:command}")
    );
    assert_eq!(
        labels("FROM alpine\nRUN x\n|").first().map(String::as_str),
        Some("RUN")
    );
}

#[test]
fn flags_of_the_instruction() {
    insta::assert_snapshot!(render(&[
        "FROM a AS b\nFROM b\nCOPY --|",
        "FROM a\nCOPY --from=x --ch| a b",
        "FROM a\nCOPY --exclude=*.md --link --| a b",
        "FROM a\nADD --|",
        "FROM a\nRUN --|",
        "FROM a\nRUN --mount=type=cache,target=/x --|",
        "FROM --|",
        "FROM a\nHEALTHCHECK --|",
        "FROM a\nCOPY --fr|om=b a b",
        "FROM a\nCOPY src --|",
        "FROM a\nWORKDIR --|",
    ]));
}

#[test]
fn flag_values() {
    insta::assert_snapshot!(render(&[
        "FROM a\nRUN --network=|",
        "FROM a\nRUN --security=i|",
        "FROM a\nCOPY --link=|",
        "FROM a\nCOPY --chmod=|",
        "FROM a\nHEALTHCHECK --interval=|",
        "FROM a\nHEALTHCHECK --retries=|",
        "FROM --platform=|",
        "FROM a\nCOPY --chown=|",
    ]));
}

#[test]
fn mount_options() {
    insta::assert_snapshot!(render(&[
        "FROM a\nRUN --mount=|",
        "FROM a\nRUN --mount=type=|",
        "FROM a\nRUN --mount=type=ca|",
        "FROM a\nRUN --mount=type=cache,|",
        "FROM a\nRUN --mount=type=cache,target=/root/.cache,sh|",
        "FROM a\nRUN --mount=type=cache,sharing=|",
        "FROM a\nRUN --mount=type=secret,|",
        "FROM a\nRUN --mount=type=tmpfs,|",
        "FROM a\nRUN --mount=|target=/x",
        "FROM a AS deps\nFROM a\nRUN --mount=from=|",
        "FROM a\nRUN --mount=type=bind,readonly=|",
    ]));
}

#[test]
fn stage_names() {
    insta::assert_snapshot!(render(&[
        "FROM golang AS build\nFROM alpine AS test\nFROM scratch AS final\nCOPY --from=| /out /",
        "FROM golang AS build\nFROM alpine\nCOPY --from=bu|",
        "FROM golang AS build\nCOPY --from=|",
        "FROM golang\nFROM alpine\nCOPY --from=|",
        "FROM golang AS build\nFROM alpine AS test\nONBUILD COPY --from=|",
    ]));
}

#[test]
fn from_offers_earlier_stages_and_images() {
    let offered = labels("FROM golang AS build\nFROM alpine AS test\nFROM |\nFROM node AS later\n");
    assert_eq!(
        offered.first().map(String::as_str),
        Some("test"),
        "nearest stage first"
    );
    assert_eq!(offered.get(1).map(String::as_str), Some("build"));
    assert!(
        !offered.contains(&"later".to_string()),
        "only stages defined earlier"
    );
    assert!(offered.contains(&"scratch".to_string()));
    assert!(offered.contains(&"alpine".to_string()));
    assert!(offered.contains(&"mcr.microsoft.com/dotnet/aspnet".to_string()));
    assert!(offered.contains(&"--platform".to_string()));
    let current = labels("FROM golang AS build\nFROM b| AS self\n");
    assert!(
        !current.contains(&"self".to_string()),
        "never the current stage"
    );
    assert!(current.contains(&"build".to_string()));
}

#[test]
fn images_and_tags() {
    insta::assert_snapshot!(render(&[
        "FROM alpine:|",
        "FROM node:2|",
        "FROM docker.io/library/python:3.1| AS app",
        "FROM mcr.microsoft.com/dotnet/aspnet:|",
        "FROM unknown/image:|",
        "FROM alpine |",
        "from alpine |",
        "FROM alpine AS |",
        "FROM alpine@|",
    ]));
}

#[test]
fn variables_in_scope() {
    insta::assert_snapshot!(render(&[
        "ARG GO=1.27\nARG BASE=alpine\nFROM golang:${|",
        "ARG GO=1.27\nFROM $|",
        "ARG GO=1.27\nFROM golang AS build\nARG VERSION=1\nENV APP_HOME=/app\nWORKDIR $|\nENV LATER=1",
        "FROM golang AS build\nENV GOPATH=/go\nFROM build AS test\nARG MODE\nRUN echo ${M|}",
        "FROM golang AS build\nARG TARGETARCH\nRUN GOARCH=$TARGETA|",
        "FROM a\nRUN echo \\$|",
        "FROM a\nRUN echo $1|",
    ]));
}

#[test]
fn braced_variables_get_closed() {
    let (_, items) = complete("FROM a\nENV A=1\nRUN echo ${|");
    let a = items.iter().find(|item| item.label == "A").unwrap();
    assert_eq!(a.insert.as_deref(), Some("A}"));
    let (_, items) = complete("FROM a\nENV A=1\nRUN echo ${|}");
    let a = items.iter().find(|item| item.label == "A").unwrap();
    assert_eq!(a.insert, None);
}

#[test]
fn arg_names_to_redeclare() {
    insta::assert_snapshot!(render(&[
        "ARG VERSION=1.2\nARG REGISTRY\nFROM alpine\nARG TARGETOS\nARG |",
        "ARG |",
    ]));
}

#[test]
fn directives_and_suppressions() {
    insta::assert_snapshot!(render(&[
        "#|",
        "# sy|",
        "# syntax=docker/dockerfile:1\n# |\nFROM a",
        "# syntax=|",
        "# escape=|",
        "# check=|",
        "# check=skip=JSONArgsRecommended,|",
        "# check=skip=all;error=|",
        "FROM a\n# |",
        "FROM a\n# dockwise ignore=|\nRUN x",
        "FROM a\n# hadolint ignore=DL3008,|\nRUN x",
        "FROM a\n# just a comment about =|",
    ]));
}

#[test]
fn small_value_sets() {
    insta::assert_snapshot!(render(&[
        "FROM a\nSTOPSIGNAL |",
        "FROM a\nSTOPSIGNAL SIGTERM |",
        "FROM a\nEXPOSE 8080/|",
        "FROM a\nEXPOSE 8080|",
        "FROM a\nSHELL |",
        "FROM a\nSHELL [|",
        "FROM a\nHEALTHCHECK |",
        "FROM a\nHEALTHCHECK --interval=5s |",
        "FROM a\nHEALTHCHECK CMD |",
        "from a\nhealthcheck |",
    ]));
}

#[test]
fn nothing_where_nothing_fits() {
    for marked in [
        "FROM a\nRUN apt-get install |",
        "FROM a\nCOPY src |",
        "FROM a\nWORKDIR /app |",
        "FROM a\nUSER app |",
        "FROM a\nRUN <<EOF\necho |\nEOF",
        "FROM a\nCMD [\"a\", |",
        "FROM a\nENV A=|",
    ] {
        assert_eq!(labels(marked), Vec::<String>::new(), "{marked:?}");
    }
}

#[test]
fn continuation_lines_belong_to_their_instruction() {
    let offered = labels("FROM a\nRUN --mount=type=cache,target=/x \\\n    --|");
    assert!(offered.contains(&"--network".to_string()), "{offered:?}");
    assert!(offered.contains(&"--mount".to_string()), "repeatable");
    assert_eq!(
        labels("FROM a\nRUN apt-get update && \\\n    |"),
        Vec::<String>::new()
    );
}

#[test]
fn never_panics_on_any_prefix() {
    let text = "# syntax=docker/dockerfile:1\n# check=skip=all\nARG GO=1.27\nFROM --platform=$BUILDPLATFORM golang:${GO}-alpine AS build\nRUN --mount=type=cache,target=/go \\\n    go build ./...\nCOPY --from=build --chmod=0755 /a /b\nHEALTHCHECK --interval=30s CMD [\"x\"]\nONBUILD COPY . /é\nEXPOSE 80/tcp\nSTOPSIGNAL SIGQUIT\nRUN <<EOF\nset -e\nEOF\n";
    // Typing the file: the cursor at the end of every prefix.
    for end in (0..=text.len()).filter(|end| text.is_char_boundary(*end)) {
        let parse = Parse::new(Arc::from(&text[..end]));
        let _ = super::completions(&parse, &Surroundings::default(), end);
    }
    // Moving through the whole file, and past its end.
    let parse = Parse::new(Arc::from(text));
    for offset in 0..=text.len() + 2 {
        let _ = super::completions(&parse, &Surroundings::default(), offset);
    }
}

#[test]
fn the_base_image_table_is_well_formed() {
    let table = include_str!("base_images.txt");
    let lines: Vec<&str> = table
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .collect();
    let images = super::images::base_images();
    assert_eq!(images.len(), lines.len(), "every line parses");
    assert!(images.len() >= 30);
    for image in images {
        assert!(!image.tags.is_empty(), "{}", image.name);
        assert!(!image.description.is_empty(), "{}", image.name);
        assert_eq!(
            images
                .iter()
                .filter(|other| other.name == image.name)
                .count(),
            1,
            "{} is listed once",
            image.name
        );
    }
}
