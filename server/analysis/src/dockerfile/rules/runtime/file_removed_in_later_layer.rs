use std::collections::HashMap;

use dockwise_syntax::{Arguments, InstructionKind};

use super::common;
use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

pub const RULE: DockerfileRule = DockerfileRule {
    name: "file-removed-in-later-layer",
    summary: "A RUN deletes files an earlier instruction added: the bytes stay in the earlier layer",
    severity: Severity::Info,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

const APT_LISTS: &str = "/var/lib/apt/lists";

fn check(cx: &Context, sink: &mut Sink) {
    for stage in &cx.file.stages {
        // Paths added by earlier instructions of this stage, and where (for the message).
        let mut created = Created::default();
        let mut workdir: Option<String> = None;
        for instruction in cx.stage_instructions(stage) {
            match instruction.kind {
                InstructionKind::Workdir => {
                    workdir = match &instruction.args {
                        Arguments::Words(words) if words.len() == 1 && words[0].vars.is_empty() => {
                            let path = &words[0].value;
                            if path.starts_with('/') {
                                Some(path.trim_end_matches('/').to_string())
                            } else {
                                workdir
                                    .as_ref()
                                    .map(|dir| format!("{dir}/{}", path.trim_end_matches('/')))
                            }
                        }
                        _ => None,
                    }
                    // No longer a path a build can make: unknown from here on.
                    .filter(|dir| dir.len() <= super::super::PATH_MAX);
                }
                InstructionKind::Copy | InstructionKind::Add => {
                    let Some(operands) = common::operands(instruction) else {
                        continue;
                    };
                    let [source] = operands.sources.as_slice() else {
                        continue;
                    };
                    if source.variable || operands.dest.variable || common::has_glob(&source.value)
                    {
                        continue;
                    }
                    if instruction.kind == InstructionKind::Add
                        && (common::is_archive_name(&source.value) || common::is_url(&source.value))
                    {
                        continue;
                    }
                    let dest = &operands.dest.value;
                    let target = if dest.ends_with('/') {
                        format!("{dest}{}", common::basename(&source.value))
                    } else {
                        dest.clone()
                    };
                    if let Some(path) = resolve(&target, workdir.as_deref()) {
                        created.add(path, "a COPY/ADD");
                    }
                }
                InstructionKind::Run => {
                    let Some(script) = cx.script(instruction) else {
                        continue;
                    };
                    let updates_apt = script.commands.iter().any(|c| {
                        matches!(c.program(), Some("apt-get" | "apt"))
                            && c.args()
                                .iter()
                                .any(|w| matches!(w.value.as_str(), "update" | "install"))
                    });
                    for command in &script.commands {
                        if command.program() != Some("rm") {
                            continue;
                        }
                        for word in command
                            .args()
                            .iter()
                            .filter(|w| !w.value.starts_with('-') && !w.expands)
                        {
                            let Some(path) = resolve(&word.value, workdir.as_deref()) else {
                                continue;
                            };
                            let trimmed = path.trim_end_matches("/*").trim_end_matches('/');
                            if let Some(by) = created.first_of(&path, trimmed) {
                                sink.report(word.span, format!("`{}` was added by {by} in an earlier layer; removing it here hides it but does not make the image smaller: remove it in the same instruction that creates it", word.value));
                            }
                        }
                    }
                    // Downloads and package lists this RUN leaves behind.
                    for command in &script.commands {
                        let args = command.args();
                        let output = match command.program() {
                            Some("curl") => args
                                .iter()
                                .position(|w| w.value == "-o" || w.value == "--output")
                                .and_then(|i| args.get(i + 1)),
                            Some("wget") => args
                                .iter()
                                .position(|w| w.value == "-O" || w.value == "--output-document")
                                .and_then(|i| args.get(i + 1)),
                            _ => None,
                        };
                        if let Some(path) = output
                            .and_then(|w| w.literal())
                            .and_then(|p| resolve(p, workdir.as_deref()))
                            && path != "/dev/null"
                            && path != "-"
                        {
                            created.add(path, "a download");
                        }
                    }
                    let cleans_lists = script.commands.iter().any(|c| {
                        c.program() == Some("rm")
                            && c.args().iter().any(|w| w.value.starts_with(APT_LISTS))
                    });
                    if updates_apt && !cleans_lists {
                        created.add(APT_LISTS.to_string(), "`apt-get update`");
                    }
                }
                _ => {}
            }
        }
    }
}

/// An absolute, cleaned path (`None` when it depends on an unknown WORKDIR).
/// Paths added by earlier instructions of a stage, each with the first instruction that added
/// it (for the message): looked up by path, not by a scan per removed path.
#[derive(Default)]
struct Created {
    /// Path -> (order of its first addition, by what).
    first: HashMap<String, (usize, &'static str)>,
}

impl Created {
    fn add(&mut self, path: String, by: &'static str) {
        let order = self.first.len();
        self.first.entry(path).or_insert((order, by));
    }

    /// What first added one of these paths.
    fn first_of(&self, path: &str, trimmed: &str) -> Option<&'static str> {
        [path, trimmed]
            .iter()
            .filter_map(|path| self.first.get(*path))
            .min_by_key(|(order, _)| *order)
            .map(|(_, by)| *by)
    }
}

fn resolve(path: &str, workdir: Option<&str>) -> Option<String> {
    let joined = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{}/{path}", workdir?)
    };
    let cleaned = crate::dockerignore::clean(&joined);
    Some(if cleaned.len() > 1 {
        cleaned.trim_end_matches('/').to_string()
    } else {
        cleaned
    })
}
