//! `dockwise check`, `explain` and `rules` end to end: the real binary on temporary files.

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

const CLEAN: &str = "FROM alpine:3.20\nCOPY app /app\nCMD [\"/app\"]\n";
const BROKEN: &str = "FROM alpine:3.20\nRUNN echo hi\n";
const WARNS: &str = "FROM alpine:3.20\nMAINTAINER Jane <jane@example.com>\n";

#[test]
fn exit_codes_follow_severity_and_usage() {
    let dir = Project::new();
    dir.write("clean/Dockerfile", CLEAN);
    dir.write("warns/Dockerfile", WARNS);
    dir.write("broken/Dockerfile", BROKEN);
    assert_eq!(
        dockwise(&dir.path, &["check", "clean"]).status.code(),
        Some(0)
    );
    assert_eq!(
        dockwise(&dir.path, &["check", "warns"]).status.code(),
        Some(0)
    );
    assert_eq!(
        dockwise(&dir.path, &["check", "broken"]).status.code(),
        Some(1)
    );
    assert_eq!(
        dockwise(&dir.path, &["check", "missing"]).status.code(),
        Some(2)
    );
    assert_eq!(
        dockwise(&dir.path, &["check", "--format", "xml", "clean"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(dockwise(&dir.path, &["check"]).status.code(), Some(2));
}

#[test]
fn human_output_has_a_code_frame_and_the_explanation() {
    let dir = Project::new();
    dir.write("Dockerfile", BROKEN);
    let output = stdout(&dockwise(&dir.path, &["check", "Dockerfile"]));
    assert!(
        output.contains("Dockerfile:2:1: error[unknown-instruction]"),
        "{output}"
    );
    assert!(
        output.contains("2 | RUNN echo hi") && output.contains("^^^^"),
        "{output}"
    );
    assert!(output.contains("did you mean `RUN`"), "{output}");
    assert!(output.contains("1 error in 1 file"), "{output}");
}

#[test]
fn json_output_follows_the_documented_schema() {
    let dir = Project::new();
    dir.write("Dockerfile", "FROM alpine:3.20\nRUNN echo é\n");
    let output = dockwise(&dir.path, &["check", "--format", "json", "Dockerfile"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["schema"], "dockwise-check/1");
    assert_eq!(report["files"], 1);
    let first = &report["diagnostics"][0];
    assert_eq!(first["file"], "Dockerfile");
    assert_eq!(first["start"], serde_json::json!({"line": 2, "column": 1}));
    assert_eq!(first["end"], serde_json::json!({"line": 2, "column": 5}));
    assert_eq!(first["severity"], "error");
    assert_eq!(first["code"], "unknown-instruction");
    assert_eq!(first["fixable"], true);
    assert!(first["message"].as_str().unwrap().contains("RUNN"));
    assert!(first.get("knowledge").is_some() && first.get("url").is_some());
}

#[test]
fn sarif_output_is_sarif_2_1_0() {
    let dir = Project::new();
    dir.write("Dockerfile", BROKEN);
    let output = dockwise(&dir.path, &["check", "--format", "sarif", "Dockerfile"]);
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "dockwise");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "unknown-instruction");
    assert_eq!(result["level"], "error");
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "unknown-instruction");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "Dockerfile"
    );
}

#[test]
fn github_output_is_workflow_commands() {
    let dir = Project::new();
    dir.write("Dockerfile", BROKEN);
    let output = stdout(&dockwise(
        &dir.path,
        &["check", "--format", "github", "Dockerfile"],
    ));
    let line = output.lines().next().unwrap();
    assert!(line.starts_with("::error file=Dockerfile,line=2,col=1,endLine=2,endColumn=5,title=dockwise unknown-instruction::"), "{line}");
}

#[test]
fn directories_are_walked_honouring_gitignore() {
    let dir = Project::new();
    dir.write(".gitignore", "ignored/\n");
    dir.write(".git/HEAD", "ref: refs/heads/main\n");
    dir.write("api/Dockerfile", BROKEN);
    dir.write("web/web.Dockerfile", CLEAN);
    dir.write("ignored/Dockerfile", BROKEN);
    dir.write("compose.yaml", "services:\n  web:\n    image: nginx:1.27\n");
    dir.write("notes.txt", "RUNN");
    let output = dockwise(&dir.path, &["check", "--format", "json", "."]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["files"], 3, "{report}");
    let files: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert!(
        files.iter().all(|file| *file == "api/Dockerfile"),
        "{files:?}"
    );
}

#[test]
fn compose_interpolation_reads_the_dotenv_beside_the_file() {
    let dir = Project::new();
    dir.write(
        "compose.yaml",
        "services:\n  web:\n    image: \"nginx:${TAG}\"\n",
    );
    let unknown = stdout(&dockwise(&dir.path, &["check", "compose.yaml"]));
    assert!(
        unknown.contains("no problems"),
        "an unknown TAG is not judged: {unknown}"
    );
    dir.write(".env", "TAG=latest\n");
    let known = stdout(&dockwise(&dir.path, &["check", "compose.yaml"]));
    assert!(known.contains("compose-image-latest"), "{known}");
}

#[test]
fn files_that_are_not_utf8_are_refused_clearly() {
    let dir = Project::new();
    dir.write("Dockerfile", b"FROM alpine\nRUN echo \xff\xfe\n");
    let output = dockwise(&dir.path, &["check", "Dockerfile"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("not UTF-8"), "{stderr}");
}

#[test]
fn fix_applies_only_safe_fixes() {
    let dir = Project::new();
    let path = dir.write(
        "Dockerfile",
        "from alpine:3.20 as build\nFROM alpine:3.20\nRUNN echo\nMAINTAINER Jane\n",
    );
    let output = dockwise(&dir.path, &["check", "--fix", "Dockerfile"]);
    let fixed = std::fs::read_to_string(path).unwrap();
    // Casing and MAINTAINER are safe; the RUNN typo fix is not and stays for a human.
    assert_eq!(
        fixed,
        "FROM alpine:3.20 AS build\nFROM alpine:3.20\nRUNN echo\nLABEL org.opencontainers.image.authors=\"Jane\"\n"
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "the unknown instruction remains"
    );
}

#[test]
fn project_config_changes_severities() {
    let dir = Project::new();
    dir.write(
        "dockwise.toml",
        "[rules]\nmaintainer-deprecated = \"error\"\n",
    );
    dir.write("sub/Dockerfile", WARNS);
    assert_eq!(
        dockwise(&dir.path, &["check", "sub"]).status.code(),
        Some(1)
    );
    dir.write(
        "dockwise.toml",
        "[rules]\nmaintainer-deprecated = \"off\"\n",
    );
    let output = stdout(&dockwise(&dir.path, &["check", "sub"]));
    assert!(output.contains("no problems"), "{output}");
    dir.write(
        "dockwise.toml",
        "[rules]\nmaintainer-deprecated = \"loud\"\n",
    );
    let output = dockwise(&dir.path, &["check", "sub"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("dockwise.toml"));
}

#[test]
fn explain_and_rules() {
    let dir = Project::new();
    let output = dockwise(
        &dir.path,
        &["explain", "--json", "maintainer", "deprecated"],
    );
    assert_eq!(output.status.code(), Some(0));
    let hits: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(!hits.as_array().unwrap().is_empty());
    let output = dockwise(&dir.path, &["explain", "undefined-variable"]);
    assert!(stdout(&output).contains("ARG"), "{}", stdout(&output));
    let output = dockwise(&dir.path, &["rules", "--json"]);
    let rules: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let names: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| rule["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"unknown-instruction") && names.contains(&"undefined-variable"));
    assert!(
        rules
            .as_array()
            .unwrap()
            .iter()
            .all(|rule| rule["knowledge"].is_string()),
        "every rule has an entry"
    );
}
