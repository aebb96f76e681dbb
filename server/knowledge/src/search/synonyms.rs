//! The words people use for the same or nearby things.
//!
//! Phrases go through the same tokenizer and stemmer as the entries, so write them plainly.

use std::sync::LazyLock;

use super::text;

/// Spellings of one thing. The variant on the left is rewritten to the form on the right in
/// entries and queries alike, so they match as if written the same way, phrases and ids
/// included ("multistage build" is then exactly the id `multi-stage-builds`).
pub const EQUIVALENTS: &[(&str, &str)] = &[
    ("env var", "environment variable"),
    ("envvar", "environment variable"),
    ("multistage", "multi stage"),
    ("multiarch", "multi platform"),
    ("multi arch", "multi platform"),
    ("multiplatform", "multi platform"),
    ("cross platform", "multi platform"),
    ("health check", "healthcheck"),
    ("entry point", "entrypoint"),
    ("working directory", "workdir"),
    ("work dir", "workdir"),
    ("build argument", "build arg"),
    ("nonroot", "non root"),
    ("docker ignore", "dockerignore"),
    ("stop signal", "stopsignal"),
    ("out of memory", "oom"),
    ("oomkilled", "oom killed"),
    ("pid1", "pid 1"),
    ("k8s", "kubernetes"),
    ("dockerhub", "docker hub"),
    ("docker file", "dockerfile"),
    ("here doc", "heredoc"),
    ("here document", "heredoc"),
    ("readonly", "read only"),
    ("compose yaml", "compose file"),
    ("compose yml", "compose file"),
    ("gh actions", "github actions"),
];

/// Related phrases. A query containing one phrase of a group also looks for the others, at a
/// lower weight: "exit 137" finds the out-of-memory entry, "smaller image" the multi-stage one.
/// Groups may overlap: a phrase in two groups expands into both.
pub const RELATED: &[&[&str]] = &[
    // Dockerfile instructions and the words people use instead of their names.
    &["environment variable", "env", "ENV instruction"],
    &["arg", "build arg", "build time variable"],
    &["workdir", "cd", "current directory"],
    &["entrypoint", "entrypoint script", "wrapper script"],
    &["cmd", "default command"],
    &["expose", "publish", "port mapping", "open port", "ports"],
    &[
        "healthcheck",
        "healthy",
        "unhealthy",
        "liveness",
        "readiness",
    ],
    &["label", "metadata", "annotation", "oci label"],
    &[
        "user",
        "non root",
        "run as root",
        "root user",
        "unprivileged",
    ],
    &[
        "stopsignal",
        "signal",
        "sigterm",
        "sigkill",
        "sigint",
        "graceful shutdown",
        "docker stop",
    ],
    &["onbuild", "trigger", "downstream build"],
    &["maintainer", "author"],
    &[
        "shell form",
        "exec form",
        "json form",
        "json array",
        "string form",
    ],
    &["shell", "bash", "powershell"],
    &["from instruction", "base image", "parent image"],
    &[
        "add",
        "auto extract",
        "extract tar",
        "unpack",
        "download url",
        "remote url",
    ],
    &[
        "volume",
        "mount",
        "named volume",
        "persist",
        "persistent data",
        "data loss",
    ],
    &[
        "bind mount",
        "host directory",
        "host path",
        "host folder",
        "hot reload",
        "live reload",
    ],
    &["tmpfs", "in memory filesystem", "ram disk"],
    &["heredoc", "eof", "multi line run"],
    // Processes, signals, failures.
    &[
        "pid 1",
        "init process",
        "tini",
        "dumb-init",
        "zombie",
        "reap",
        "signal",
        "sigterm",
    ],
    &[
        "oom",
        "oom killer",
        "137",
        "exit code 137",
        "killed",
        "memory limit",
    ],
    &["exit code", "exit status", "return code", "crash", "exited"],
    &[
        "restart",
        "restart policy",
        "unless-stopped",
        "crash loop",
        "restarting",
        "always restart",
    ],
    &["log", "logging", "log driver", "stdout", "stderr"],
    &[
        "resource limit",
        "memory limit",
        "cpu limit",
        "mem_limit",
        "cpus",
    ],
    &[
        "permission denied",
        "permission",
        "chown",
        "chmod",
        "ownership",
        "eacces",
    ],
    &["timezone", "tz", "time zone", "localtime"],
    // Images and builds.
    &[
        "image size",
        "small image",
        "smaller",
        "slim",
        "shrink",
        "reduce size",
        "huge",
        "too big",
        "bloat",
        "bloated",
        "large image",
        "multi stage",
    ],
    &[
        "multi stage",
        "multi stage build",
        "build stage",
        "builder pattern",
        "stages",
    ],
    &[
        "cache",
        "layer cache",
        "build cache",
        "rebuild",
        "slow build",
        "cache invalidation",
        "cache bust",
        "invalidate",
    ],
    &["dockerignore", "ignore file", "exclude files", "ignored"],
    &["build context", "sending build context", "context size"],
    &[
        "latest",
        "latest tag",
        "pin",
        "pinning",
        "digest",
        "sha256",
        "floating tag",
        "reproducible",
    ],
    &["alpine", "musl", "busybox", "apk"],
    &["distroless", "scratch", "minimal base image", "no shell"],
    &[
        "apt",
        "install packages",
        "package manager",
        "apk",
        "yum",
        "dnf",
    ],
    &["buildkit", "buildx", "docker build", "builder"],
    &[
        "multi platform",
        "arm64",
        "amd64",
        "apple silicon",
        "m1",
        "aarch64",
        "architecture",
    ],
    &[
        "secret",
        "password",
        "credential",
        "token",
        "api key",
        "private key",
        "sensitive",
    ],
    &[
        "ssh",
        "ssh agent",
        "private repository",
        "private repo",
        "git clone",
        "deploy key",
    ],
    &[
        "vulnerability",
        "cve",
        "security scan",
        "scanner",
        "docker scout",
        "trivy",
        "docker scan",
    ],
    &["squash", "flatten", "combine layers", "merge layers"],
    &["pipefail", "pipe", "pipe failure", "set -o pipefail"],
    &["registry", "push", "docker hub", "ghcr", "ecr"],
    &[
        "prune",
        "disk space",
        "cleanup",
        "dangling",
        "no space left",
    ],
    // Compose.
    &[
        "compose",
        "docker compose",
        "compose file",
        "docker-compose.yml",
        "compose.yaml",
    ],
    &[
        "depends_on",
        "startup order",
        "start order",
        "wait for",
        "service_healthy",
        "dependency",
    ],
    &["env_file", "env file", "dotenv", "dot env"],
    &[
        "interpolation",
        "variable substitution",
        "substitution",
        "dollar sign",
    ],
    &["profile", "optional service"],
    &[
        "override",
        "compose override",
        "multiple compose files",
        "extends",
        "merge files",
    ],
    &[
        "network",
        "networking",
        "bridge",
        "dns",
        "service discovery",
        "hostname",
        "service name",
    ],
    &[
        "localhost",
        "127.0.0.1",
        "0.0.0.0",
        "bind address",
        "listen address",
        "connection refused",
    ],
    &["version key", "obsolete version"],
    &["replicas", "scale", "scaling"],
    // Platforms and tooling.
    &["kubernetes", "pod", "orchestration", "orchestrator"],
    &[
        "ci",
        "continuous integration",
        "github actions",
        "pipeline",
        "gitlab",
    ],
    &["rootless", "userns", "user namespace"],
    &["privileged", "capabilities", "cap_add", "cap_drop"],
    &["read only", "read_only", "immutable filesystem"],
];

/// `EQUIVALENTS` as term sequences, longest variant first so it wins over its own prefix.
static REWRITES: LazyLock<Vec<(Vec<String>, Vec<String>)>> = LazyLock::new(|| {
    let mut rewrites: Vec<(Vec<String>, Vec<String>)> = EQUIVALENTS
        .iter()
        .map(|(variant, canonical)| (text::terms(variant), text::terms(canonical)))
        .filter(|(variant, _)| !variant.is_empty())
        .collect();
    rewrites.sort_by_key(|(variant, _)| std::cmp::Reverse(variant.len()));
    rewrites
});

/// Rewrites the variants of `EQUIVALENTS` in a term sequence to their canonical terms.
pub fn canonical(terms: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(terms.len());
    let mut i = 0;
    'terms: while i < terms.len() {
        for (variant, canonical) in REWRITES.iter() {
            if terms[i..].starts_with(variant) {
                out.extend(canonical.iter().cloned());
                i += variant.len();
                continue 'terms;
            }
        }
        out.push(terms[i].clone());
        i += 1;
    }
    out
}

/// Every term the tables know, canonical or not: typo correction may aim at any of them.
pub fn known_terms() -> impl Iterator<Item = String> {
    let equivalents = EQUIVALENTS.iter().flat_map(|(a, b)| [*a, *b]);
    let related = RELATED.iter().flat_map(|group| group.iter().copied());
    equivalents.chain(related).flat_map(text::terms)
}
