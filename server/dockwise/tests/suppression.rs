//! `dockwise check` picks up the files around a Dockerfile: `.hadolint.yaml` (below
//! `dockwise.toml`), `.dockerignore` and `<name>.dockerignore`, and honours suppression comments.

use std::path::Path;
use std::process::Command;

fn write(dir: &Path, name: &str, contents: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// The rule codes `dockwise check --format json` reports for `path`.
fn codes(dir: &Path, path: &str) -> Vec<String> {
    let output = Command::new(env!("CARGO_BIN_EXE_dockwise"))
        .args(["check", "--format", "json", path])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.code() != Some(2),
        "check failed to run: {stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

const SHELL_FORM: &str = "FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nCMD /app/run --port 80\n";

#[test]
fn hadolint_yaml_turns_rules_off_and_dockwise_toml_wins() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write(dir, "svc/Dockerfile", SHELL_FORM);
    write(dir, "svc/.dockerignore", ".git\n");
    assert_eq!(codes(dir, "svc/Dockerfile"), ["shell-form-cmd"]);

    write(dir, ".hadolint.yaml", "ignored:\n  - DL3025\n");
    assert!(codes(dir, "svc/Dockerfile").is_empty());

    write(
        dir,
        "dockwise.toml",
        "[rules]\nshell-form-cmd = \"error\"\n",
    );
    assert_eq!(codes(dir, "svc/Dockerfile"), ["shell-form-cmd"]);

    std::fs::remove_file(dir.join("dockwise.toml")).unwrap();
    write(
        dir,
        ".hadolint.yaml",
        "trustedRegistries: [docker.io]\noverride:\n  info: [DL3025]\n",
    );
    write(
        dir,
        "svc/Dockerfile",
        &format!("# dockwise ignore-file=shell-form-cmd\n{SHELL_FORM}"),
    );
    assert!(codes(dir, "svc/Dockerfile").is_empty());
}

#[test]
fn dockerignore_beside_the_dockerfile_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let dockerfile =
        "FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nCOPY docs/guide.md ./\nCMD [\"/app/run\"]\n";
    write(dir, "app/Dockerfile", dockerfile);
    assert_eq!(codes(dir, "app/Dockerfile"), ["dockerignore-missing"]);

    write(dir, "app/.dockerignore", "# not shipped\ndocs\n");
    assert_eq!(codes(dir, "app/Dockerfile"), ["copy-ignored-file"]);

    // `<Dockerfile name>.dockerignore` takes precedence over `.dockerignore`.
    write(dir, "app/Dockerfile.dockerignore", "node_modules\n");
    assert!(codes(dir, "app/Dockerfile").is_empty());
}

#[test]
fn inline_suppressions_in_every_dialect() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write(dir, ".dockerignore", ".git\n");
    write(
        dir,
        "Dockerfile",
        "# check=skip=JSONArgsRecommended\nFROM alpine:3.20\n# hadolint ignore=DL3020\nADD app.conf /etc/app.conf\n# dockwise ignore=expose-ssh-port\nEXPOSE 22\n# dockwise ignore=no-such-rule\nCMD /app/run\n",
    );
    assert_eq!(codes(dir, "Dockerfile"), ["unknown-suppression"]);
}
