//! Rename a stage, a variable or a heredoc delimiter everywhere it occurs, or say why not.
//!
//! A variable is renamed as a whole (see [`super::names`]): a global ARG together with its
//! re-declarations in stages and every reference to any of them, so the build keeps reading the
//! same values. Stage references by index (`--from=0`) stay as they are: they still name the same
//! stage.

use dockwise_syntax::{Parse, Span};

use super::lines::line_number;
use super::names::{Found, Names, StageTarget, Target, Undeclared, stage_of};
use crate::TextEdit;
use crate::dockerfile::rules::invalid_stage_name::is_valid_stage_name;
use crate::dockerfile::scope::{ALWAYS_SET, PLATFORM_ARGS, PROXY_ARGS};
use crate::dockerfile::shell_vars;
use crate::ide::{RenameError, RenameResult, RenameTarget};

pub fn prepare_rename(parse: &Parse, offset: usize) -> Result<RenameTarget, RenameError> {
    let names = Names::new(parse);
    let (_, span) = renamable(&names, offset)?;
    Ok(RenameTarget {
        span,
        name: names.slice(span).to_string(),
    })
}

pub fn rename(parse: &Parse, offset: usize, new_name: &str) -> RenameResult {
    let names = Names::new(parse);
    let (target, span) = renamable(&names, offset)?;
    if names.slice(span) == new_name {
        return Ok(Vec::new());
    }
    match &target {
        Target::Stage(stage) => check_stage_name(&names, *stage, new_name)?,
        Target::Variable(group) => check_variable_name(&names, group, new_name)?,
        Target::Heredoc(instruction, heredoc) => {
            check_delimiter(&names, *instruction, *heredoc, new_name)?
        }
    }
    Ok(names
        .occurrences(&target)
        .into_iter()
        .filter(|occurrence| occurrence.renames)
        .map(|occurrence| TextEdit {
            span: occurrence.span,
            new_text: new_name.to_string(),
        })
        .collect())
}

fn refuse<T>(message: impl Into<String>) -> Result<T, RenameError> {
    Err(RenameError(message.into()))
}

fn is_predefined(name: &str) -> bool {
    PLATFORM_ARGS.contains(&name) || PROXY_ARGS.contains(&name) || ALWAYS_SET.contains(&name)
}

/// The target at `offset` and the span of the name there, or why it cannot be renamed.
fn renamable(names: &Names, offset: usize) -> Result<(Target, Span), RenameError> {
    let target = match names.find(offset) {
        Found::Target(target) => target,
        Found::StageIndex(stage, span) => {
            let index = names.slice(span);
            return match names.file.stages.get(stage).and_then(|s| s.name.as_ref()) {
                Some(name) => refuse(format!(
                    "`{index}` refers to stage {stage} by its position, which a rename does not change; to rename the stage, rename `{}` on line {}",
                    name.name,
                    line_number(names.text, name.span.start)
                )),
                None => refuse(format!(
                    "`{index}` refers to stage {stage} by its position; that stage has no name to rename (add `AS name` to its FROM line)"
                )),
            };
        }
        Found::ExternalImage(image, _) => {
            return refuse(format!(
                "`{image}` is an image, not a stage of this Dockerfile: there is no name here to rename"
            ));
        }
        Found::Undeclared(name, _, Undeclared::Predefined) => {
            return refuse(format!(
                "`{name}` is a build argument predefined by BuildKit: its name cannot change"
            ));
        }
        Found::Undeclared(name, _, Undeclared::Unknown { base_known }) => {
            let origin = if base_known {
                ""
            } else {
                " (it may come from the base image's environment)"
            };
            return refuse(format!(
                "`{name}` is not declared with ARG or ENV in this Dockerfile{origin}, so there is no declaration to rename"
            ));
        }
        Found::Dynamic(_) => {
            return refuse("this name is built from variables: rename the variables instead");
        }
        Found::Keyword(keyword, _) => {
            return refuse(format!(
                "`{keyword}` is a keyword: only stage names, ARG and ENV variables and heredoc delimiters can be renamed"
            ));
        }
        Found::Nothing => {
            return refuse(
                "nothing to rename here: put the cursor on a stage name, an ARG or ENV variable, or a heredoc delimiter",
            );
        }
    };
    if let Target::Variable(group) = &target {
        let declarations = group.iter().filter_map(|&id| names.scope.declaration(id));
        if let Some(predefined) = declarations.clone().find(|d| is_predefined(&d.name)) {
            return refuse(format!(
                "`{}` is predefined by BuildKit: declaring it makes it visible, but its name cannot change",
                predefined.name
            ));
        }
        if let Some(assignment) = names
            .scope
            .shell_assignments
            .iter()
            .find(|assignment| group.binary_search(&assignment.declaration).is_ok())
        {
            let line = names
                .file
                .instructions
                .get(assignment.instruction)
                .map_or(0, |instruction| {
                    line_number(names.text, instruction.span.start)
                });
            return refuse(format!(
                "the shell script on line {line} also sets `{}`, so its `${}` may be the script's own variable: rename it there by hand first",
                assignment.name, assignment.name
            ));
        }
    }
    // On the `$` or braces of a reference, the name is what is renamed.
    let offset = match names.scope.use_at(offset) {
        Some(used) if !used.var.name_span.contains(offset) => used.var.name_span.start,
        _ => offset,
    };
    let span = names
        .occurrences(&target)
        .into_iter()
        .find(|occurrence| occurrence.renames && occurrence.span.contains(offset))
        .map(|occurrence| occurrence.span);
    match span {
        Some(span) => Ok((target, span)),
        None => refuse("nothing to rename here"),
    }
}

/// Docker's stage name rule, and no clash with another stage or an image the new name would
/// capture.
fn check_stage_name(names: &Names, stage: usize, new_name: &str) -> Result<(), RenameError> {
    if !is_valid_stage_name(new_name) {
        return refuse(format!(
            "`{new_name}` is not a valid stage name: start with a letter, then use letters, digits, `-`, `_` or `.`"
        ));
    }
    if ["scratch", "context"]
        .iter()
        .any(|reserved| reserved.eq_ignore_ascii_case(new_name))
    {
        return refuse(format!(
            "`{new_name}` is reserved by Docker and cannot name a stage"
        ));
    }
    if let Some((other, name)) = names.file.stages.iter().find_map(|other| {
        let name = other.name.as_ref()?;
        (other.index != stage && name.name.eq_ignore_ascii_case(new_name))
            .then_some((other.index, &name.name))
    }) {
        return refuse(format!(
            "stage {other} is already called `{name}` (stage names are compared without case)"
        ));
    }
    if let Some(image) = names.stage_refs.iter().find(|reference| {
        reference.target == StageTarget::External && reference.text.eq_ignore_ascii_case(new_name)
    }) {
        return refuse(format!(
            "line {} uses an image called `{}`, which would then mean this stage",
            line_number(names.text, image.span.start),
            image.text
        ));
    }
    Ok(())
}

fn is_variable_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A valid name that nothing in the stages the variable reaches already uses.
fn check_variable_name(names: &Names, group: &[usize], new_name: &str) -> Result<(), RenameError> {
    if !is_variable_name(new_name) {
        return refuse(format!(
            "`{new_name}` is not a valid variable name: use letters, digits and `_`, not starting with a digit"
        ));
    }
    if is_predefined(new_name) {
        return refuse(format!(
            "`{new_name}` is predefined by BuildKit: a variable renamed to it would take its value"
        ));
    }
    let scope = &names.scope;
    let in_group = |id: usize| group.binary_search(&id).is_ok();
    let use_stage = |used: &crate::dockerfile::scope::Use| {
        if used.in_from {
            None
        } else {
            stage_of(names.file, used.instruction)
        }
    };
    let uses = || scope.uses.iter().chain(&scope.shell_uses);
    let group_uses: Vec<_> = uses()
        .filter(|used| names.declaration_of(&used.resolution).is_some_and(in_group))
        .collect();
    // The stages (None: the global scope) where the renamed variable is declared or read.
    let mut touched: Vec<Option<usize>> = group
        .iter()
        .filter_map(|&id| scope.declaration(id))
        .map(|declaration| declaration.stage)
        .chain(group_uses.iter().map(|used| use_stage(used)))
        .collect();
    touched.sort();
    touched.dedup();
    let clash = |at: usize| {
        refuse(format!(
            "`{new_name}` is already used on line {} where this variable is visible",
            line_number(names.text, at)
        ))
    };
    for (id, declaration) in scope.declarations.iter().enumerate() {
        if !in_group(id) && declaration.name == new_name && touched.contains(&declaration.stage) {
            return clash(declaration.name_span.start);
        }
    }
    for used in uses() {
        if used.var.name == new_name && touched.contains(&use_stage(used)) {
            return clash(used.var.span.start);
        }
    }
    // A script that sets the new name would take over the renamed `$NAME`s in it.
    let mut scripts: Vec<usize> = scope
        .shell_uses
        .iter()
        .filter(|used| names.declaration_of(&used.resolution).is_some_and(in_group))
        .map(|used| used.instruction)
        .collect();
    scripts.dedup();
    for instruction in scripts {
        let sets = names.shell_texts(instruction).into_iter().any(|text| {
            shell_vars::assigned_names(text)
                .iter()
                .any(|name| name == new_name)
        });
        if sets && let Some(script) = names.file.instructions.get(instruction) {
            return refuse(format!(
                "the shell script on line {} sets its own `{new_name}`",
                line_number(names.text, script.span.start)
            ));
        }
    }
    Ok(())
}

/// A plain word that no body line equals (it would end the heredoc early) and that no other
/// heredoc of the instruction uses.
fn check_delimiter(
    names: &Names,
    instruction: usize,
    heredoc: usize,
    new_name: &str,
) -> Result<(), RenameError> {
    if !is_variable_name(new_name) {
        return refuse(format!(
            "`{new_name}` is not a plain delimiter: use letters, digits and `_`, not starting with a digit"
        ));
    }
    let Some(instruction) = names.file.instructions.get(instruction) else {
        return refuse("nothing to rename here");
    };
    for (index, other) in instruction.heredocs.iter().enumerate() {
        if index != heredoc && other.delimiter == new_name {
            return refuse(format!(
                "another heredoc of this instruction already ends with `{new_name}`"
            ));
        }
    }
    if let Some(this) = instruction.heredocs.get(heredoc)
        && this.body.lines().any(|line| line == new_name)
    {
        return refuse(format!(
            "a line of the heredoc body is `{new_name}`: it would end the heredoc there"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apply_edits;
    use crate::dockerfile::ide::test_support::{MULTI_STAGE, cursor_at};

    fn renamed(text: &str, needle: &str, nth: usize, new_name: &str) -> Result<String, String> {
        let (parse, offset) = cursor_at(text, needle, nth, 0);
        rename(&parse, offset, new_name)
            .map(|edits| apply_edits(text, &edits))
            .map_err(|RenameError(message)| message)
    }

    fn refusal(text: &str, needle: &str, nth: usize) -> String {
        let (parse, offset) = cursor_at(text, needle, nth, 0);
        match prepare_rename(&parse, offset) {
            Ok(target) => panic!("expected a refusal, got {target:?}"),
            Err(RenameError(message)) => message,
        }
    }

    #[test]
    fn renames_a_stage_everywhere_but_its_index() {
        let text = renamed(MULTI_STAGE, "deps", 0, "dependencies").unwrap();
        insta::assert_snapshot!(text);
        let (parse, offset) = cursor_at(MULTI_STAGE, "from=deps", 0, 5);
        let target = prepare_rename(&parse, offset).unwrap();
        assert_eq!(
            (target.name.as_str(), &MULTI_STAGE[target.span.range()]),
            ("deps", "deps")
        );
    }

    #[test]
    fn renames_a_global_arg_with_its_redeclarations_and_shell_uses() {
        let text = renamed(MULTI_STAGE, "$APP_VERSION", 0, "RELEASE").unwrap();
        insta::assert_snapshot!(text);
    }

    #[test]
    fn renames_a_heredoc_delimiter() {
        let text = "FROM alpine\nCOPY <<-\"END\" /a\n\thello\n\tEND\n";
        assert_eq!(
            renamed(text, "END", 1, "DONE").unwrap(),
            "FROM alpine\nCOPY <<-\"DONE\" /a\n\thello\n\tDONE\n"
        );
        assert_eq!(
            renamed(text, "END", 0, "hello").unwrap_err(),
            "a line of the heredoc body is `hello`: it would end the heredoc there"
        );
    }

    #[test]
    fn explains_what_cannot_be_renamed() {
        let text = "ARG BASE=alpine\nFROM --platform=$BUILDPLATFORM $BASE AS build\nARG TARGETPLATFORM\nRUN echo $TARGETPLATFORM $HOME\nFROM nginx\nCOPY --from=0 /a /b\nCOPY --from=nginx:1 /a /b\n";
        insta::assert_snapshot!(
            [
                refusal(text, "BUILDPLATFORM", 0),
                refusal(text, "TARGETPLATFORM", 0),
                refusal(text, "nginx", 0),
                refusal(text, "0 /a", 0),
                refusal(text, "nginx:1", 0),
                refusal(text, "RUN", 0),
                refusal(text, "AS build", 0),
                refusal(text, "/a", 0),
            ]
            .join("\n")
        );
    }

    #[test]
    fn validates_new_names() {
        let text = MULTI_STAGE;
        insta::assert_snapshot!(
            [
                renamed(text, "build\n", 0, "2fast").unwrap_err(),
                renamed(text, "build\n", 0, "scratch").unwrap_err(),
                renamed(text, "build\n", 0, "DEPS").unwrap_err(),
                renamed(
                    "FROM alpine AS a\nFROM nginx\nCOPY --from=a /x /y\n",
                    "a\n",
                    0,
                    "NGINX"
                )
                .unwrap_err(),
                renamed(text, "APP_VERSION", 0, "APP-VERSION").unwrap_err(),
                renamed(text, "APP_VERSION", 0, "NODE_ENV").unwrap_err(),
                renamed(text, "APP_VERSION", 0, "TARGETARCH").unwrap_err(),
                renamed(text, "NODE_VERSION", 0, "APP_VERSION").unwrap_err(),
            ]
            .join("\n")
        );
        // Renaming to the same name changes nothing.
        assert_eq!(renamed(text, "build\n", 0, "build").unwrap(), text);
    }

    #[test]
    fn a_name_the_script_sets_itself_is_left_to_the_user() {
        let text = "FROM alpine\nARG V=1\nRUN V=2; echo $V\nRUN echo $V\n";
        assert_eq!(
            renamed(text, "V=1", 0, "W").unwrap_err(),
            "the shell script on line 3 also sets `V`, so its `$V` may be the script's own variable: rename it there by hand first"
        );
    }

    #[test]
    fn a_new_name_the_script_sets_would_be_captured() {
        let text = "FROM alpine\nARG V=1\nRUN for W in a; do echo $V $W; done\n";
        assert_eq!(
            renamed(text, "V=1", 0, "W").unwrap_err(),
            "the shell script on line 3 sets its own `W`"
        );
    }

    #[test]
    fn env_after_arg_is_one_variable() {
        let text = "FROM alpine\nARG V=1\nENV V=$V\nRUN echo $V\nCMD echo $V\n";
        assert_eq!(
            renamed(text, "$V\nRUN", 0, "VERSION").unwrap(),
            "FROM alpine\nARG VERSION=1\nENV VERSION=$VERSION\nRUN echo $VERSION\nCMD echo $VERSION\n"
        );
    }

    #[test]
    fn same_name_in_unrelated_stages_is_two_variables() {
        let text =
            "FROM alpine AS a\nARG V=1\nRUN echo $V\nFROM alpine AS b\nARG V=2\nRUN echo $V\n";
        assert_eq!(
            renamed(text, "V=1", 0, "W").unwrap(),
            "FROM alpine AS a\nARG W=1\nRUN echo $W\nFROM alpine AS b\nARG V=2\nRUN echo $V\n"
        );
    }
}
