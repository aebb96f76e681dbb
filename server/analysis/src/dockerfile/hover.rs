//! Hovers on Dockerfiles: the knowledge entry for the construct under the cursor, or facts
//! about the variable, stage or image it names.

use std::fmt::Write;

use dockwise_syntax::{ImageRef, Instruction, InstructionKind, Span};

use super::Context;
use super::flags::mount_options;
use super::scope::{DeclarationKind, Resolution};
use crate::Hover;

pub fn hover(cx: &Context, offset: usize) -> Option<Hover> {
    if let Some(directive) = cx
        .file
        .directives
        .iter()
        .find(|directive| directive.span.contains(offset))
    {
        return knowledge(
            &format!("dockerfile:directive:{}", directive.name),
            directive.span,
        );
    }
    if let Some(hover) = variable_hover(cx, offset) {
        return Some(hover);
    }
    let instruction = cx
        .file
        .instructions
        .iter()
        .find(|instruction| instruction.span.contains(offset))?;
    let instruction = match &instruction.trigger {
        Some(trigger) if trigger.span.contains(offset) => trigger,
        _ => instruction,
    };
    instruction_hover(cx, instruction, offset)
}

fn instruction_hover(cx: &Context, instruction: &Instruction, offset: usize) -> Option<Hover> {
    let keyword = instruction.kind.keyword();
    if instruction.keyword_span.contains(offset) {
        return knowledge(
            &format!("dockerfile:instruction:{keyword}"),
            instruction.keyword_span,
        );
    }
    if let Some((_, span)) = instruction
        .healthcheck_kind
        .as_ref()
        .filter(|(_, span)| span.contains(offset))
    {
        return knowledge("dockerfile:instruction:HEALTHCHECK", *span);
    }
    if let Some(flag) = instruction
        .flags
        .iter()
        .find(|flag| flag.span.contains(offset))
    {
        if let Some(value) = flag
            .value
            .as_ref()
            .filter(|value| value.span.contains(offset) && value.is_verbatim())
        {
            if instruction.kind == InstructionKind::Run
                && flag.name == "mount"
                && let Some(hover) = mount_hover(cx, &value.value, value.span.start, offset)
            {
                return Some(hover);
            }
            if matches!(
                instruction.kind,
                InstructionKind::Copy | InstructionKind::Add
            ) && flag.name == "from"
                && let Some(hover) = stage_hover(cx, &value.value, value.span)
            {
                return Some(hover);
            }
        }
        return knowledge(
            &format!("dockerfile:flag:{keyword}:{}", flag.name),
            flag.span,
        );
    }
    if instruction.kind == InstructionKind::From {
        let stage = cx.file.stages.iter().find(|stage| {
            cx.file
                .instructions
                .get(stage.from)
                .is_some_and(|from| from.span == instruction.span)
        })?;
        if let Some(name) = stage
            .name
            .as_ref()
            .filter(|name| name.span.contains(offset))
        {
            return stage_definition_hover(cx, stage, name);
        }
        if let Some(image) = stage
            .image
            .as_ref()
            .filter(|image| image.span.contains(offset))
        {
            let earlier = &cx.file.stages[..stage.index.min(cx.file.stages.len())];
            let names_stage = earlier.iter().any(|s| {
                s.name
                    .as_ref()
                    .is_some_and(|name| name.name.eq_ignore_ascii_case(&image.raw))
            });
            return if names_stage {
                stage_hover(cx, &image.raw, image.span)
            } else {
                Some(image_hover(image))
            };
        }
    }
    None
}

/// The first knowledge entry for a construct, shown over `span`.
fn knowledge(construct: &str, span: Span) -> Option<Hover> {
    let entry = dockwise_knowledge::for_construct(construct)
        .into_iter()
        .next()?;
    Some(Hover {
        span,
        markdown: entry.short_markdown(),
    })
}

fn mount_hover(cx: &Context, value: &str, value_start: usize, offset: usize) -> Option<Hover> {
    let options = mount_options(value);
    let mount_type = options
        .iter()
        .find(|option| option.key.eq_ignore_ascii_case("type"))
        .and_then(|option| option.value)
        .unwrap_or("bind");
    let option = options
        .iter()
        .find(|option| (value_start + option.start..=value_start + option.end).contains(&offset))?;
    let span = Span::new(value_start + option.start, value_start + option.end);
    if option.key.eq_ignore_ascii_case("type") {
        return knowledge(
            &format!("dockerfile:mount:{}", mount_type.to_ascii_lowercase()),
            span,
        );
    }
    if option.key.eq_ignore_ascii_case("from")
        && let Some(hover) = option
            .value
            .and_then(|target| stage_hover(cx, target, span))
    {
        return Some(hover);
    }
    // A key such as `id` is documented by several mount types: prefer this mount's entry.
    let key = super::flags::canonical_mount_key(option.key)?;
    let type_key = format!("dockerfile:mount:{}", mount_type.to_ascii_lowercase());
    let candidates = dockwise_knowledge::for_construct(&format!("dockerfile:mount-key:{key}"));
    let entry = candidates
        .iter()
        .find(|entry| entry.applies_to.contains(&type_key.as_str()))
        .or(candidates.first())
        .copied()
        .or_else(|| {
            dockwise_knowledge::for_construct(&type_key)
                .into_iter()
                .next()
        })?;
    Some(Hover {
        span,
        markdown: entry.short_markdown(),
    })
}

/// A reference to another stage: what that stage is.
fn stage_hover(cx: &Context, reference: &str, span: Span) -> Option<Hover> {
    let stage = cx.stage_by_reference(reference)?;
    let from = cx.file.instructions.get(stage.from)?;
    let mut markdown = String::new();
    let title = stage
        .name
        .as_ref()
        .map_or(format!("stage {}", stage.index), |name| {
            format!("stage `{}`", name.name)
        });
    let _ = writeln!(
        markdown,
        "**{title}** (build stage {} of {}, line {})",
        stage.index,
        cx.file.stages.len(),
        line_of(cx.text, from.span.start)
    );
    let _ = writeln!(
        markdown,
        "\n```dockerfile\n{}\n```",
        first_line(cx.slice(from.span))
    );
    let count = stage.instructions.len().saturating_sub(1);
    let _ = write!(
        markdown,
        "\n{count} instruction{} after FROM.",
        if count == 1 { "" } else { "s" }
    );
    Some(Hover { span, markdown })
}

/// The `AS name` of a stage: what uses it.
fn stage_definition_hover(
    cx: &Context,
    stage: &dockwise_syntax::Stage,
    name: &dockwise_syntax::StageName,
) -> Option<Hover> {
    let mut markdown = format!(
        "**stage `{}`** (build stage {} of {})\n",
        name.name,
        stage.index,
        cx.file.stages.len()
    );
    let mut uses = Vec::new();
    for (_, instruction) in cx.instructions() {
        let refers = instruction.flags.iter().any(|flag| {
            flag.value.as_ref().is_some_and(|value| {
                (flag.name == "from" && value.value.eq_ignore_ascii_case(&name.name))
                    || (flag.name == "mount"
                        && mount_options(&value.value).iter().any(|option| {
                            option.key == "from"
                                && option
                                    .value
                                    .is_some_and(|v| v.eq_ignore_ascii_case(&name.name))
                        }))
            })
        });
        let based_on = instruction.kind == InstructionKind::From
            && cx.file.stages.iter().any(|other| {
                other.index > stage.index
                    && cx
                        .file
                        .instructions
                        .get(other.from)
                        .is_some_and(|from| from.span == instruction.span)
                    && other
                        .image
                        .as_ref()
                        .is_some_and(|image| image.raw.eq_ignore_ascii_case(&name.name))
            });
        if refers || based_on {
            uses.push(format!(
                "- line {}: `{}`",
                line_of(cx.text, instruction.span.start),
                first_line(cx.slice(instruction.span))
            ));
        }
    }
    if uses.is_empty() {
        markdown.push_str("\nNo other stage uses it; it is built only if it is the target (`--target`) or the last stage.");
    } else {
        let _ = write!(markdown, "\nUsed by:\n{}", uses.join("\n"));
    }
    Some(Hover {
        span: name.span,
        markdown,
    })
}

/// A base image: its parts and what its tag or digest means.
fn image_hover(image: &ImageRef) -> Hover {
    let mut markdown = format!("**Base image** `{}`\n\n", image.raw);
    let registry = image
        .registry
        .as_ref()
        .map_or("Docker Hub (docker.io)", |(registry, _)| registry.as_str());
    let _ = writeln!(markdown, "- registry: {registry}");
    let _ = writeln!(markdown, "- repository: `{}`", image.path.0);
    match (&image.tag, &image.digest) {
        (_, Some((digest, _))) => {
            let _ = writeln!(markdown, "- pinned by digest `{}`", shorten(digest));
        }
        (Some((tag, _)), None) => {
            let _ = writeln!(markdown, "- tag `{tag}`");
        }
        (None, None) => {
            let _ = writeln!(markdown, "- no tag: Docker uses `latest`");
        }
    }
    let mut shown: Vec<&str> = Vec::new();
    for aspect in image_aspects(image) {
        let Some(entry) = dockwise_knowledge::for_construct(&format!("dockerfile:image:{aspect}"))
            .into_iter()
            .next()
        else {
            continue;
        };
        if !shown.contains(&entry.id) {
            shown.push(entry.id);
            let _ = write!(markdown, "\n**{}** {}\n", entry.question, entry.summary);
        }
    }
    Hover {
        span: image.span,
        markdown,
    }
}

/// Which image knowledge applies: variants named in the tag or repository, and pinning.
fn image_aspects(image: &ImageRef) -> Vec<&'static str> {
    let tag = image
        .tag
        .as_ref()
        .map_or("", |(tag, _)| tag.as_str())
        .to_ascii_lowercase();
    let path = image.path.0.to_ascii_lowercase();
    let mut aspects = Vec::new();
    if path == "scratch" {
        aspects.push("scratch");
        return aspects;
    }
    for variant in ["alpine", "slim", "distroless", "windows"] {
        if tag.contains(variant) || path.contains(variant) {
            aspects.push(variant);
        }
    }
    if image.digest.is_some() {
        aspects.push("digest");
    } else if tag == "latest" {
        aspects.push("latest");
    } else if image.tag.is_none() && !image.raw.contains('$') {
        aspects.push("untagged");
    }
    aspects
}

fn variable_hover(cx: &Context, offset: usize) -> Option<Hover> {
    let scope = cx.scope();
    if let Some(declaration) = scope.declaration_at(offset) {
        let kind = match declaration.kind {
            DeclarationKind::GlobalArg => {
                "global build argument (visible to FROM lines; re-declare inside a stage to use it there)"
            }
            DeclarationKind::Arg => {
                "build argument (this stage and stages built FROM it; not kept in the image)"
            }
            DeclarationKind::Env => {
                "environment variable (kept in the image and in later stages built from it)"
            }
        };
        let mut markdown = format!("**{}**: {kind}\n", declaration.name);
        match (&declaration.value, &declaration.inherited) {
            (Some(value), _) => {
                let _ = write!(markdown, "\nDefault: `{value}`");
            }
            (None, Some(inherited)) => {
                let _ = write!(markdown, "\nDefault from the global ARG: `{inherited}`");
            }
            (None, None) => {
                markdown.push_str("\nNo default: empty unless passed with `--build-arg`.")
            }
        }
        return Some(Hover {
            span: declaration.name_span,
            markdown,
        });
    }
    let used = scope.use_at(offset)?;
    let name = &used.var.name;
    let markdown = match &used.resolution {
        Resolution::Declared(id) => {
            let declaration = scope.declaration(*id)?;
            let what = match declaration.kind {
                DeclarationKind::GlobalArg => "ARG (global)",
                DeclarationKind::Arg => "ARG",
                DeclarationKind::Env => "ENV",
            };
            let value = declaration
                .value
                .as_deref()
                .or(declaration.inherited.as_deref())
                .map_or("no default".to_string(), |value| format!("`{value}`"));
            format!(
                "**{name}**: {what} declared on line {}\n\nValue: {value}",
                line_of(cx.text, declaration.name_span.start)
            )
        }
        Resolution::Predefined => {
            dockwise_knowledge::for_construct(&format!("dockerfile:variable:{name}"))
                .into_iter()
                .next()
                .map_or(format!("**{name}**: predefined build argument"), |entry| {
                    entry.short_markdown()
                })
        }
        Resolution::GlobalNotRedeclared(id) => {
            let line = scope
                .declaration(*id)
                .map_or(0, |d| line_of(cx.text, d.name_span.start));
            format!(
                "**{name}**: declared before the first FROM (line {line}) but not in this stage, so it is empty here. Add `ARG {name}` to the stage."
            )
        }
        Resolution::PlatformNotRedeclared => {
            format!(
                "**{name}**: a predefined build argument, empty here until the stage declares `ARG {name}`."
            )
        }
        Resolution::DeclaredLater { name_start } => format!(
            "**{name}**: declared later (line {}); empty at this point.",
            line_of(cx.text, *name_start)
        ),
        Resolution::Unknown { base_known } => {
            if *base_known {
                format!("**{name}**: not declared in this Dockerfile; expands to an empty string.")
            } else {
                format!(
                    "**{name}**: not declared in this Dockerfile; it may come from the base image's environment."
                )
            }
        }
    };
    Some(Hover {
        span: used.var.span,
        markdown,
    })
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

fn shorten(digest: &str) -> String {
    match digest.get(..19) {
        Some(prefix) if digest.len() > 19 => format!("{prefix}…"),
        _ => digest.to_string(),
    }
}
