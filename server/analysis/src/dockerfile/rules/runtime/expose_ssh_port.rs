use dockwise_syntax::{Arguments, InstructionKind};

use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, checkov, trivy};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "expose-ssh-port",
    summary: "EXPOSE 22: an SSH server in a container is rarely needed; use `docker exec` instead",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[trivy("DS004"), checkov("CKV_DOCKER_1")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for (_, instruction) in cx.instructions() {
        if instruction.kind != InstructionKind::Expose {
            continue;
        }
        let Arguments::Words(words) = &instruction.args else {
            continue;
        };
        for word in words {
            let port = word.value.split('/').next().unwrap_or("");
            if port == "22" {
                sink.report(
                    word.span,
                    "port 22 means an SSH server in the container: drop it and use `docker exec` to get a shell",
                );
            }
        }
    }
}
