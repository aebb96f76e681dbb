//! The knowledge base is executed: every rule is explained by exactly one entry, entries name
//! only real rules, each `bad` example triggers one of its entry's rules and each `good` one
//! triggers none of them and no error at all.

mod support;

use dockwise_analysis::{FileKind, Severity, Surroundings};
use dockwise_knowledge::Expectation;

#[test]
fn every_rule_has_one_entry_and_entries_name_real_rules() {
    let rules = dockwise_analysis::rules();
    let mut problems = Vec::new();
    for rule in &rules {
        let owners: Vec<_> = dockwise_knowledge::entries()
            .iter()
            .filter(|entry| entry.rules.contains(&rule.name))
            .collect();
        if owners.len() != 1 {
            problems.push(format!(
                "rule `{}` is listed by {} entries (want exactly 1)",
                rule.name,
                owners.len()
            ));
        }
    }
    for entry in dockwise_knowledge::entries() {
        for name in entry.rules {
            if !rules.iter().any(|rule| rule.name == *name) {
                problems.push(format!("{}: names unknown rule `{name}`", entry.path));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn examples_behave_as_labelled() {
    let mut problems = Vec::new();
    let mut executed = 0;
    for entry in dockwise_knowledge::entries()
        .iter()
        .filter(|entry| !entry.rules.is_empty())
    {
        for example in entry.examples() {
            let kind = match example.language {
                "dockerfile" => FileKind::Dockerfile,
                "compose" => FileKind::Compose,
                _ => continue,
            };
            if example.expectation == Expectation::Illustration {
                continue;
            }
            executed += 1;
            // Dockerfiles are analysed as files on disk with no `.dockerignore` beside them.
            // A Compose example builds the entry's first plain `dockerfile` block, if any.
            let beside = entry
                .examples()
                .into_iter()
                .find(|e| e.language == "dockerfile" && e.expectation == Expectation::Illustration);
            let surroundings = match (kind, beside) {
                (FileKind::Compose, Some(dockerfile)) => {
                    support::with_dockerfile(example.code, dockerfile.code)
                }
                _ => Surroundings {
                    known: kind == FileKind::Dockerfile,
                    ..Surroundings::default()
                },
            };
            let diagnostics = support::analyse_with(
                kind,
                example.code,
                &support::enabling(entry.rules),
                &surroundings,
            );
            let rendered = support::render(example.code, &diagnostics);
            let hits = diagnostics
                .iter()
                .filter(|d| entry.rules.contains(&d.code))
                .count();
            let place = format!("{}:{}", entry.path, example.line);
            match example.expectation {
                Expectation::Bad if hits == 0 => {
                    problems.push(format!(
                        "{place}: `bad` example triggers none of {:?}:\n{rendered}",
                        entry.rules
                    ));
                }
                Expectation::Good
                    if hits > 0 || diagnostics.iter().any(|d| d.severity == Severity::Error) =>
                {
                    problems.push(format!("{place}: `good` example is not clean:\n{rendered}"));
                }
                _ => {}
            }
        }
    }
    assert!(executed > 0, "no example was executed");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
