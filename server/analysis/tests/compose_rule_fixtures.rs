//! Every Compose rule has `<rule>.bad.yaml` (must trigger it) and `<rule>.good.yaml` (must
//! produce no diagnostic at all) under fixtures/compose; extra `<rule>.<trap>.good.yaml` files
//! guard against false positives. The full output of each is snapshotted. A rule that reads the
//! Dockerfile a service builds gets `<rule>.Dockerfile` beside its fixtures, at every path the
//! fixture's `build:` entries name.

mod support;

use std::path::Path;

use dockwise_analysis::FileKind;

fn fixtures() -> Vec<(String, String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compose");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures directory")
        .map(|entry| entry.expect("dir entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
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
fn every_compose_rule_has_bad_and_good_fixtures() {
    let names: Vec<String> = fixtures().into_iter().map(|(name, _, _)| name).collect();
    for rule in dockwise_analysis::rules()
        .iter()
        .filter(|rule| rule.file_kind == FileKind::Compose)
    {
        for expectation in ["bad", "good"] {
            let wanted = format!("{}.{expectation}.yaml", rule.name);
            assert!(names.contains(&wanted), "missing fixture {wanted}");
        }
    }
}

#[test]
fn compose_fixtures_behave_as_named() {
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
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compose");
        let surroundings = match std::fs::read_to_string(dir.join(format!("{rule}.Dockerfile"))) {
            Ok(dockerfile) => support::with_dockerfile(&text, &dockerfile),
            Err(_) => dockwise_analysis::Surroundings::default(),
        };
        let diagnostics = support::analyse_with(
            FileKind::Compose,
            &text,
            &support::enabling(&[&rule]),
            &surroundings,
        );
        let rendered = support::render(&text, &diagnostics);
        if name.contains(".bad.") && !diagnostics.iter().any(|d| d.code == rule) {
            failures.push(format!("{name}: expected `{rule}`, got:\n{rendered}"));
        }
        if name.contains(".good.") && !diagnostics.is_empty() {
            failures.push(format!("{name}: expected no diagnostics, got:\n{rendered}"));
        }
        // Every fix must leave valid YAML behind.
        for diagnostic in &diagnostics {
            for fix in &diagnostic.fixes {
                let fixed = dockwise_analysis::apply_edits(&text, &fix.edits);
                let after = support::analyse(FileKind::Compose, &fixed, &[]);
                if after.iter().any(|d| d.code == "yaml-syntax") {
                    failures.push(format!(
                        "{name}: fix `{}` breaks the YAML:\n{fixed}",
                        fix.title
                    ));
                }
            }
        }
        insta::assert_snapshot!(format!("compose__{name}"), rendered);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
