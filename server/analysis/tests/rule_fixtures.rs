//! Every Dockerfile rule has `<rule>.bad.Dockerfile` (must trigger it) and
//! `<rule>.good.Dockerfile` (must produce no diagnostic at all) under fixtures/dockerfile;
//! the full output of each is snapshotted.

mod support;

use std::path::Path;

use dockwise_analysis::{FileKind, Surroundings};

/// `<fixture>.dockerignore` beside a fixture is its `.dockerignore`; `dockerignore-missing`
/// fixtures without one are analysed as files on disk with none.
fn surroundings(name: &str, rule: &str) -> Surroundings {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dockerfile");
    match std::fs::read_to_string(dir.join(format!("{name}.dockerignore"))) {
        Ok(text) => Surroundings {
            known: true,
            dockerignore: Some(text.into()),
            ..Surroundings::default()
        },
        Err(_) => Surroundings {
            known: rule == "dockerignore-missing",
            ..Surroundings::default()
        },
    }
}

fn fixtures() -> Vec<(String, String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dockerfile");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures directory")
        .map(|entry| entry.expect("dir entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "Dockerfile"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
            let rule = name.split('.').next().unwrap().to_string();
            (name, rule, text)
        })
        .collect()
}

#[test]
fn every_rule_has_bad_and_good_fixtures() {
    let names: Vec<String> = fixtures().into_iter().map(|(name, _, _)| name).collect();
    for rule in dockwise_analysis::rules()
        .iter()
        .filter(|rule| rule.file_kind == FileKind::Dockerfile)
    {
        for expectation in ["bad", "good"] {
            let wanted = format!("{}.{expectation}.Dockerfile", rule.name);
            assert!(names.contains(&wanted), "missing fixture {wanted}");
        }
    }
}

#[test]
fn fixtures_behave_as_named() {
    let known: Vec<&str> = dockwise_analysis::rules()
        .iter()
        .map(|rule| rule.name)
        .collect();
    let mut failures = Vec::new();
    for (name, rule, text) in fixtures() {
        assert!(
            known.contains(&rule.as_str()),
            "{name}: no rule named `{rule}`"
        );
        let mut config = support::enabling(&[&rule]);
        if rule == "untrusted-registry" {
            config.trusted_registries =
                Some(vec!["docker.io".to_string(), "*.example.com".to_string()]);
        }
        let diagnostics = support::analyse_with(
            FileKind::Dockerfile,
            &text,
            &config,
            &surroundings(&name, &rule),
        );
        let rendered = support::render(&text, &diagnostics);
        if name.contains(".bad.") && !diagnostics.iter().any(|d| d.code == rule) {
            failures.push(format!("{name}: expected `{rule}`, got:\n{rendered}"));
        }
        if name.contains(".good.") && !diagnostics.is_empty() {
            failures.push(format!("{name}: expected no diagnostics, got:\n{rendered}"));
        }
        insta::assert_snapshot!(name.clone(), rendered);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
