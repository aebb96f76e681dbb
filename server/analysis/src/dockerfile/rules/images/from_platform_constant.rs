use dockwise_syntax::InstructionKind;

use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::{Sink, buildkit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "from-platform-constant",
    summary: "FROM --platform with a constant value pins the stage to one platform for every build",
    severity: Severity::Warning,
    enabled: true,
    fixable: false,
    equivalents: &[buildkit("FromPlatformFlagConstDisallowed")],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    for stage in &cx.file.stages {
        let Some(from) = cx.file.instructions.get(stage.from) else {
            continue;
        };
        if from.kind != InstructionKind::From {
            continue;
        }
        for flag in from
            .flags
            .iter()
            .filter(|flag| flag.name.eq_ignore_ascii_case("platform"))
        {
            let Some(value) = &flag.value else { continue };
            if !value.vars.is_empty() || value.value.is_empty() || value.value.contains('$') {
                continue;
            }
            // BuildKit accepts a constant when the stage name says which platform it is for
            // (`AS build_arm64`).
            let stage_name = stage
                .name
                .as_ref()
                .map(|name| name.name.to_ascii_lowercase())
                .unwrap_or_default();
            let platform = value.value.to_ascii_lowercase();
            if !stage_name.is_empty()
                && platform
                    .split('/')
                    .any(|part| !part.is_empty() && stage_name.contains(part))
            {
                continue;
            }
            sink.report(
                flag.span,
                format!(
                    "`--platform={}` forces this stage onto one platform whatever the build targets: drop it and pass `--platform` to the build, or use `$BUILDPLATFORM`",
                    value.value
                ),
            );
        }
    }
}
