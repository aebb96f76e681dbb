use dockwise_syntax::{InstructionKind, Span};

use std::collections::HashMap;

use super::{did_you_mean_within, suggestion_suffix};
use crate::Severity;
use crate::dockerfile::flags::mount_options;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

pub const RULE: DockerfileRule = DockerfileRule {
    name: "invalid-stage-reference",
    summary: "A `--from` naming the current or a later stage (Docker needs it defined before), or a name that looks like a mistyped stage",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

/// One reference from a stage to another stage or an image.
struct Reference<'a> {
    from_stage: usize,
    target: &'a str,
    span: Span,
    /// `FROM x` (only earlier stages resolve) as opposed to `--from=x` (any stage resolves).
    is_base: bool,
}

fn check(cx: &Context, sink: &mut Sink) {
    let stage_names: Vec<&str> = cx
        .file
        .stages
        .iter()
        .filter_map(|stage| stage.name.as_ref().map(|name| name.name.as_str()))
        .collect();
    let mut similar = Similar::new(&stage_names);
    for reference in references(cx) {
        let target = reference.target;
        if target.contains('$') {
            continue;
        }
        let current = reference.from_stage;
        if let Ok(index) = target.parse::<usize>() {
            // `FROM 0` names an image, not a stage.
            if !reference.is_base && index >= current {
                let what = if index == current {
                    "the current stage"
                } else {
                    "a later stage"
                };
                sink.report(reference.span, format!("`{index}` refers to {what}: `--from` can only use stages defined before this one"));
            }
            continue;
        }
        let named = cx.stages().named(target);
        match named {
            Some(index) if index < current => {}
            // `FROM node AS node` names the image: FROM only resolves earlier stages.
            Some(index) if reference.is_base && index == current => {}
            Some(_) if reference.is_base => {
                sink.report_warning(
                    reference.span,
                    format!("stage `{target}` is defined later; FROM only sees earlier stages, so Docker will pull an image called `{target}`"),
                );
            }
            Some(index) if index == current => {
                sink.report(
                    reference.span,
                    format!("stage `{target}` cannot use itself as a source"),
                );
            }
            Some(_) => {
                sink.report(reference.span, format!("stage `{target}` is defined later: Docker needs it defined before the stage that copies from it"));
            }
            None if looks_like_stage_name(target) && !reference.is_base => {
                if let Some(stage) = similar.to(target) {
                    sink.report_warning(
                        reference.span,
                        format!("no stage is named `{target}`, so Docker will try to pull an image of that name{}", suggestion_suffix(Some(stage))),
                    );
                }
            }
            None => {}
        }
    }
}

fn references<'a>(cx: &Context<'a>) -> Vec<Reference<'a>> {
    let mut references = Vec::new();
    for stage in &cx.file.stages {
        if let Some(image) = &stage.image {
            references.push(Reference {
                from_stage: stage.index,
                target: &image.raw,
                span: image.span,
                is_base: true,
            });
        }
        for instruction in cx.stage_instructions(stage) {
            for flag in &instruction.flags {
                let Some(value) = &flag.value else { continue };
                match (instruction.kind, flag.name.as_str()) {
                    (InstructionKind::Copy | InstructionKind::Add, "from") => {
                        references.push(Reference {
                            from_stage: stage.index,
                            target: &value.value,
                            span: value.span,
                            is_base: false,
                        })
                    }
                    (InstructionKind::Run, "mount") => {
                        for option in mount_options(&value.value) {
                            if option.key == "from" {
                                let span = if value.is_verbatim() {
                                    Span::new(
                                        value.span.start + option.start,
                                        value.span.start + option.end,
                                    )
                                } else {
                                    value.span
                                };
                                if let Some(target) = option.value {
                                    references.push(Reference {
                                        from_stage: stage.index,
                                        target,
                                        span,
                                        is_base: false,
                                    });
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    references
}

/// The cells of edit-distance tables a file may spend on suggestions (about a second): more
/// than a thousand mistyped references among a thousand stage names need, and a bound for
/// files with a hundred thousand of each, which would take hours.
const SUGGESTION_BUDGET: usize = 100_000_000;

/// The stage names a mistyped reference may have meant.
struct Similar<'n> {
    names: &'n [&'n str],
    /// The first name with each `-`/`_`/`.` separated part, lower-cased.
    by_part: HashMap<String, &'n str>,
    /// Answers so far, by lower-cased reference.
    known: HashMap<String, Option<&'n str>>,
    budget: usize,
}

impl<'n> Similar<'n> {
    fn new(names: &'n [&'n str]) -> Self {
        let mut by_part = HashMap::new();
        for name in names {
            for part in name.to_ascii_lowercase().split(['-', '_', '.']) {
                by_part.entry(part.to_string()).or_insert(*name);
            }
        }
        Similar {
            names,
            by_part,
            known: HashMap::new(),
            budget: SUGGESTION_BUDGET,
        }
    }

    /// A stage whose name contains the reference as a `-`/`_`/`.` separated part (`set` for
    /// `license-set`), else the closest by edit distance.
    fn to(&mut self, target: &str) -> Option<&'n str> {
        let target = target.to_ascii_lowercase();
        if let Some(&known) = self.known.get(&target) {
            return known;
        }
        let similar =
            self.by_part.get(&target).copied().or_else(|| {
                did_you_mean_within(&target, self.names.iter().copied(), &mut self.budget)
            });
        self.known.insert(target, similar);
        similar
    }
}

/// No registry, tag, digest or path: could be a stage name.
fn looks_like_stage_name(target: &str) -> bool {
    !target.contains(['/', ':', '@', '.'])
}
