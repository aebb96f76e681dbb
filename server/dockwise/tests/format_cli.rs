//! `dockwise format` end to end: the real binary on temporary files.

use std::path::Path;
use std::process::{Command, Output};

use support::Project;

mod support;

fn dockwise(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dockwise"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const UNFORMATTED: &str = "from alpine:3.20 as build\nenv A=1 \\\nB=2   \n\n\n\nrun echo hi";
const FORMATTED: &str = "FROM alpine:3.20 AS build\nENV A=1 \\\n    B=2\n\n\nRUN echo hi\n";

#[test]
fn rewrites_files_in_place_once() {
    let dir = Project::new();
    dir.write("Dockerfile", UNFORMATTED);
    let output = dockwise(&dir.path, &["format", "Dockerfile"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "Dockerfile\n");
    assert_eq!(dir.read("Dockerfile"), FORMATTED);
    let again = dockwise(&dir.path, &["format", "Dockerfile"]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(stdout(&again), "");
}

#[test]
fn check_lists_what_would_change_and_changes_nothing() {
    let dir = Project::new();
    dir.write("app/Dockerfile", UNFORMATTED);
    dir.write("app/worker.Dockerfile", FORMATTED);
    dir.write(
        "app/compose.yaml",
        "services:\n  web:\n    image: nginx   \n",
    );
    let output = dockwise(&dir.path, &["format", "--check", "app"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stdout(&output).trim(),
        Path::new("app").join("Dockerfile").to_str().unwrap()
    );
    assert_eq!(dir.read("app/Dockerfile"), UNFORMATTED);
    let clean = dockwise(&dir.path, &["format", "--check", "app/worker.Dockerfile"]);
    assert_eq!(clean.status.code(), Some(0));
    assert_eq!(stdout(&clean), "");
}

#[test]
fn unreadable_input_and_other_file_kinds_exit_2() {
    let dir = Project::new();
    dir.write("Dockerfile", UNFORMATTED);
    dir.write("latin1.Dockerfile", b"FROM alpine\nLABEL a=\"caf\xe9\"\n");
    dir.write("compose.yaml", "services: {}\n");
    let output = dockwise(&dir.path, &["format", "latin1.Dockerfile", "Dockerfile"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("not UTF-8"), "{}", stderr(&output));
    // The readable file was still formatted.
    assert_eq!(dir.read("Dockerfile"), FORMATTED);
    let missing = dockwise(&dir.path, &["format", "--check", "nope/Dockerfile"]);
    assert_eq!(missing.status.code(), Some(2));
    let compose = dockwise(&dir.path, &["format", "compose.yaml"]);
    assert_eq!(compose.status.code(), Some(2));
    assert!(
        stderr(&compose).contains("Dockerfiles only"),
        "{}",
        stderr(&compose)
    );
}

#[test]
fn files_with_syntax_errors_are_left_alone_with_a_note() {
    let dir = Project::new();
    let broken = "from alpine\nrunn echo hi   \n";
    dir.write("Dockerfile", broken);
    let output = dockwise(&dir.path, &["format", "Dockerfile"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stderr(&output).contains("not formatted") && stderr(&output).contains("line 2"),
        "{}",
        stderr(&output)
    );
    assert_eq!(dir.read("Dockerfile"), broken);
}
