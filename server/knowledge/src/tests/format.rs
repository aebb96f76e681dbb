//! The build-time validator on deliberately broken entries.

use crate::validate::{self, Parsed, check_construct};

const VALID: &str = r#"+++
id = "sample-entry"
question = "What does a sample entry look like?"
summary = "It has front matter, a body and at least one reference."
applies_to = ["dockerfile:instruction:COPY"]
rules = ["sample-rule"]
keywords = ["sample"]
see_also = []

[[references]]
title = "Dockerfile reference"
url = "https://docs.docker.com/reference/dockerfile/"
+++

Some explanation.

```dockerfile bad
FROM alpine
```

```dockerfile good
FROM alpine:3.20
```

<!-- more -->

```sh
echo more
```
"#;

fn parse(text: &str) -> Result<Parsed, Vec<String>> {
    validate::parse("sample-entry", text)
}

/// Parses `VALID` with `from` replaced by `to` and returns the problems found.
fn problems(from: &str, to: &str) -> Vec<String> {
    assert!(VALID.contains(from), "test bug: `{from}` not in the sample");
    match parse(&VALID.replacen(from, to, 1)) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    }
}

#[track_caller]
fn assert_rejected(from: &str, to: &str, expected: &str) {
    let found = problems(from, to);
    assert!(
        found.iter().any(|p| p.contains(expected)),
        "replacing `{from}` by `{to}`: expected a problem containing `{expected}`, got {found:?}"
    );
}

#[test]
fn the_sample_is_valid_and_splits_where_expected() {
    let parsed = parse(VALID).expect("valid sample");
    assert_eq!(parsed.front.id, "sample-entry");
    assert_eq!(parsed.front.references.len(), 1);
    // The body starts on the line after the closing `+++`.
    let closing = VALID.lines().skip(1).position(|l| l == "+++").unwrap() + 2;
    assert_eq!(parsed.body_line, closing + 1);
    assert!(parsed.body.starts_with("\nSome explanation."));
}

#[test]
fn front_matter_must_exist_and_close() {
    assert!(parse("no front matter\n").is_err());
    let unclosed = VALID.replacen("+++\n\nSome", "\nSome", 1);
    let problems = parse(&unclosed).unwrap_err();
    assert!(problems[0].contains("not closed"), "{problems:?}");
}

#[test]
fn required_keys() {
    assert_rejected(
        "summary = \"It has front matter, a body and at least one reference.\"\n",
        "",
        "missing field `summary`",
    );
    assert_rejected(
        "question = \"What does a sample entry look like?\"",
        "question = \"  \"",
        "`question` is empty",
    );
    let without_references = VALID.replacen(
        "[[references]]\ntitle = \"Dockerfile reference\"\nurl = \"https://docs.docker.com/reference/dockerfile/\"\n",
        "",
        1,
    );
    let found = parse(&without_references).unwrap_err();
    assert!(
        found.iter().any(|p| p.contains("no [[references]]")),
        "{found:?}"
    );
}

#[test]
fn unknown_keys_are_rejected() {
    assert_rejected(
        "keywords = ",
        "tags = [\"x\"]\nkeywords = ",
        "unknown field `tags`",
    );
    assert_rejected(
        "title = \"Dockerfile reference\"",
        "title = \"Dockerfile reference\"\nnote = \"x\"",
        "unknown field `note`",
    );
}

#[test]
fn id_is_kebab_case_and_the_file_stem() {
    assert_rejected(
        "id = \"sample-entry\"",
        "id = \"Sample_Entry\"",
        "not lowercase kebab-case",
    );
    assert_rejected(
        "id = \"sample-entry\"",
        "id = \"sample--entry\"",
        "not lowercase kebab-case",
    );
    assert_rejected(
        "id = \"sample-entry\"",
        "id = \"other-entry\"",
        "differs from the file name",
    );
}

#[test]
fn question_ends_with_a_question_mark() {
    assert_rejected("look like?\"", "look like.\"", "does not end with `?`");
}

#[test]
fn summary_is_one_short_plain_line() {
    let summary = "summary = \"It has front matter, a body and at least one reference.\"";
    assert_rejected(
        summary,
        "summary = \"\"\"\nTwo\nlines\"\"\"",
        "more than one line",
    );
    let long = format!("summary = \"{}\"", "word ".repeat(41));
    assert_rejected(summary, &long, "at most 200");
    for markdown in [
        "Use `COPY`.",
        "Use **COPY**.",
        "See [the docs](https://docs.docker.com).",
        "It is *really* fine.",
        "It is _really_ fine.",
        "Use <b>COPY</b>.",
        "Use COPY<br>or ADD.",
        "A comment <!-- here -->.",
    ] {
        assert_rejected(summary, &format!("summary = {markdown:?}"), "Markdown");
    }
    for plain in [
        "Set NODE_ENV and services.*.ports, then run 2 * 3 jobs; a < b > c.",
        "COPY --from=build copies *.so files from another stage.",
        "--exclude=<pattern> and --mount=type=<bind|cache>,key=value; sha256:<hex>.",
        "# syntax= picks the frontend; - and > are fine too.",
    ] {
        let found = problems(summary, &format!("summary = {plain:?}"));
        assert!(found.is_empty(), "{plain}: {found:?}");
    }
}

#[test]
fn references_need_https_urls() {
    let url = "url = \"https://docs.docker.com/reference/dockerfile/\"";
    assert_rejected(
        url,
        "url = \"http://docs.docker.com/\"",
        "not an https:// URL",
    );
    assert_rejected(url, "url = \"https://\"", "not an https:// URL");
    assert_rejected(url, "url = \"docs.docker.com\"", "not an https:// URL");
    assert_rejected(
        "title = \"Dockerfile reference\"",
        "title = \"\"",
        "empty title",
    );
}

#[test]
fn applies_to_keys_follow_the_documented_forms() {
    for valid in [
        "dockerfile:instruction:HEALTHCHECK",
        "dockerfile:flag:RUN:mount",
        "dockerfile:flag:COPY:from",
        "dockerfile:flag:HEALTHCHECK:start-period",
        "dockerfile:mount:cache",
        "dockerfile:mount-key:sharing",
        "dockerfile:directive:escape",
        "dockerfile:image:alpine",
        "dockerfile:image:digest",
        "dockerfile:variable:TARGETPLATFORM",
        "compose:key:services.*.depends_on",
        "compose:key:services.*.deploy.resources.limits.memory",
        "compose:key:name",
        "compose:value:services.*.restart=unless-stopped",
        "compose:value:services.*.depends_on.*.condition=service_healthy",
        "topic:exit-code-137",
    ] {
        assert_eq!(check_construct(valid), Ok(()), "{valid}");
    }
    for invalid in [
        "COPY",
        "dockerfile:COPY",
        "dockerfile:instruction:copy",
        "dockerfile:instruction:CPOY",
        "dockerfile:flag:RUN",
        "dockerfile:flag:RUN:--mount",
        "dockerfile:mount:volume",
        "dockerfile:directive:foo",
        "dockerfile:variable:1X",
        "dockerfile:keyword:COPY",
        "compose:key:services..ports",
        "compose:key:services.web ports",
        "compose:key:",
        "compose:value:services.*.restart",
        "compose:value:services.*.restart=",
        "compose:service:web",
        "topic:Exit Code",
        "kubernetes:pod",
    ] {
        assert!(check_construct(invalid).is_err(), "{invalid} accepted");
    }
    assert_rejected(
        "applies_to = [\"dockerfile:instruction:COPY\"]",
        "applies_to = [\"dockerfile:instruction:Copy\"]",
        "applies_to `dockerfile:instruction:Copy`",
    );
}

#[test]
fn lists_hold_no_empty_or_repeated_items() {
    assert_rejected(
        "keywords = [\"sample\"]",
        "keywords = [\"sample\", \"\"]",
        "empty string",
    );
    assert_rejected(
        "keywords = [\"sample\"]",
        "keywords = [\"sample\", \"sample\"]",
        "lists `sample` twice",
    );
    assert_rejected(
        "rules = [\"sample-rule\"]",
        "rules = [\"SampleRule\"]",
        "kebab-case rule",
    );
    assert_rejected(
        "see_also = []",
        "see_also = [\"sample-entry\"]",
        "the entry itself",
    );
}

#[test]
fn code_fences() {
    let fence = "```dockerfile bad";
    assert_rejected(fence, "```", "without a language");
    assert_rejected(fence, "```python", "`python` is not one of");
    assert_rejected(fence, "```sh bad", "only dockerfile and compose");
    assert_rejected(fence, "```dockerfile ugly", "is not `bad` or `good`");
    assert_rejected(fence, "```dockerfile bad extra", "more than a language");
    for valid in [
        "```compose good",
        "```yaml",
        "```console",
        "~~~dockerfile bad",
    ] {
        let found = problems(fence, valid);
        // A tilde opener is not closed by backticks, so it swallows the rest of the body.
        if valid.starts_with('~') {
            assert!(
                found.iter().all(|p| p.contains("never closed")),
                "{found:?}"
            );
        } else {
            assert!(found.is_empty(), "{valid}: {found:?}");
        }
    }
    let opened = VALID.lines().position(|l| l == "```sh").unwrap() + 1;
    let found = problems("echo more\n```\n", "echo more\n");
    assert_eq!(
        found,
        [format!("line {opened}: code block is never closed")]
    );
}

#[test]
fn at_most_one_more_marker_outside_code() {
    assert_rejected(
        "Some explanation.",
        "Some explanation.\n\n<!-- more -->",
        "appears 2 times",
    );
    // Inside a code block the marker is content, not a break.
    let found = problems("echo more", "echo more\n<!-- more -->");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn body_must_not_be_empty() {
    let (head, _) = VALID.split_once("+++\n\nSome").unwrap();
    let found = parse(&format!("{head}+++\n\n")).unwrap_err();
    assert!(
        found.iter().any(|p| p.contains("body is empty")),
        "{found:?}"
    );
}

#[test]
fn problems_across_files() {
    let entry = |stem: &str, extra: &str| {
        let text = VALID
            .replacen("id = \"sample-entry\"", &format!("id = \"{stem}\""), 1)
            .replacen("see_also = []", extra, 1);
        validate::parse(stem, &text).expect("valid entry")
    };
    let set = vec![
        (
            "knowledge/a/one.md".to_owned(),
            entry("one", "see_also = [\"two\"]"),
        ),
        (
            "knowledge/a/two.md".to_owned(),
            entry("two", "see_also = [\"three\", \"four\"]"),
        ),
        (
            "knowledge/b/one.md".to_owned(),
            entry("one", "see_also = []"),
        ),
    ];
    let found = validate::check_set(&set, &["four"]);
    let has = |path: &str, text: &str| found.iter().any(|(p, m)| p == path && m.contains(text));
    assert!(
        has(
            "knowledge/b/one.md",
            "duplicate id `one`, also used by knowledge/a/one.md"
        ),
        "{found:?}"
    );
    assert!(has("knowledge/a/two.md", "unknown id `three`"), "{found:?}");
    assert!(!has("knowledge/a/one.md", "unknown id"), "{found:?}");
    // `four` failed to parse: its own problems name it, a dangling link would be noise.
    assert!(!has("knowledge/a/two.md", "unknown id `four`"), "{found:?}");
    // All three name `sample-rule`: the first explains it, the others are reported.
    assert_eq!(
        found
            .iter()
            .filter(|(_, m)| m.contains("sample-rule"))
            .count(),
        2
    );
}
