use dockwise_syntax::InstructionKind;

use super::common;
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

pub const RULE: DockerfileRule = DockerfileRule {
    name: "copy-credential-file",
    summary: "COPY or ADD of a credential file (`.env`, SSH keys, `.npmrc`, `.netrc`, cloud credentials): it stays in the layer",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for (_, instruction) in cx.instructions() {
        if !matches!(
            instruction.kind,
            InstructionKind::Copy | InstructionKind::Add
        ) || common::flag(instruction, "from").is_some()
        {
            continue;
        }
        let Some(operands) = common::operands(instruction) else {
            continue;
        };
        for source in &operands.sources {
            if source.variable || common::is_url(&source.value) {
                continue;
            }
            if let Some(kind) = credential(&source.value) {
                sink.report(
                    source.span,
                    format!("`{}` is {kind} and will be readable in this layer: mount it for the RUN that needs it (`RUN --mount=type=secret`) instead of copying it", source.value),
                );
            }
        }
    }
}

fn credential(path: &str) -> Option<&'static str> {
    let path = path.trim_end_matches('/');
    let name = common::basename(path);
    let lower = name.to_ascii_lowercase();
    if lower == ".env"
        || (lower.starts_with(".env.")
            && !matches!(
                &lower[5..],
                "example" | "sample" | "template" | "dist" | "defaults" | "default" | "test" | "ci"
            ))
    {
        return Some("an environment file that usually holds secrets");
    }
    if matches!(
        lower.as_str(),
        "id_rsa" | "id_dsa" | "id_ecdsa" | "id_ed25519" | ".ssh"
    ) {
        return Some("an SSH private key");
    }
    if matches!(
        lower.as_str(),
        ".npmrc"
            | ".pypirc"
            | ".netrc"
            | ".git-credentials"
            | ".aws"
            | ".dockercfg"
            | ".pgpass"
            | ".gem/credentials"
    ) {
        return Some("a credentials file");
    }
    if path.ends_with(".aws/credentials")
        || path.ends_with(".docker/config.json")
        || path.ends_with(".kube/config")
    {
        return Some("a credentials file");
    }
    if lower.ends_with(".key") && !lower.ends_with(".pub.key") {
        return Some("a private key");
    }
    None
}
