//! Variables after `$` and `${`, with Docker's scoping: global ARGs and the predefined build
//! arguments in FROM; in a stage, what the stage (and the stages it builds on) declared before
//! the cursor, plus the variables set everywhere. Also the names `ARG` can re-declare.

use dockwise_syntax::{InstructionKind, Span};

use super::{CompletionExt, Cursor, Items, Site, item, knowledge};
use crate::dockerfile::Context;
use crate::dockerfile::scope::{
    ALWAYS_SET, Declaration, DeclarationKind, PLATFORM_ARGS, PROXY_ARGS,
};
use crate::ide::CompletionKind;

/// Completes a variable name when the cursor follows `$` or `${` (returns whether it did).
pub fn complete(cursor: &Cursor, site: Option<Site>, out: &mut Items) -> bool {
    if site.is_none() {
        return false;
    }
    let text = cursor.text();
    let offset = cursor.offset;
    let before = text.get(cursor.word.start..offset).unwrap_or("");
    let name_len = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .map(char::len_utf8)
        .sum::<usize>();
    let name_start = offset - name_len;
    let head = before.get(..before.len() - name_len).unwrap_or("");
    let braced = head.ends_with("${");
    let dollar_at = if braced {
        head.len() - 2
    } else if head.ends_with('$') {
        head.len() - 1
    } else {
        return false;
    };
    let escape = cursor.cx.file.escape;
    let escaped = head
        .get(..dollar_at)
        .is_some_and(|lead| lead.ends_with(escape) || lead.ends_with('\\'));
    let typed = text.get(name_start..offset).unwrap_or("");
    if escaped || typed.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let after = text.get(offset..).unwrap_or("");
    let name_end = offset
        + after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
    let close = braced
        && !text
            .get(name_end..)
            .is_some_and(|rest| rest.starts_with('}'));
    let replace = Span::new(name_start, name_end);
    for variable in in_scope(cursor.cx, site, offset) {
        let mut candidate = item(variable.name.clone(), CompletionKind::Variable, replace)
            .detail(variable.detail)
            .documentation(variable.documentation)
            .sort(variable.rank);
        if close {
            candidate = candidate.insert(format!("{}}}", variable.name));
        }
        out.push(candidate);
    }
    true
}

struct Variable {
    name: String,
    detail: String,
    documentation: Option<String>,
    /// 0: this stage, 1: a stage it builds on or a global ARG, 2: predefined, 3: proxies.
    rank: u32,
}

/// Every variable with a value at `offset`, the nearest declaration of each name.
fn in_scope(cx: &Context, site: Option<Site>, offset: usize) -> Vec<Variable> {
    let scope = cx.scope();
    let mut found: Vec<Variable> = Vec::new();
    let add = |variable: Variable, found: &mut Vec<Variable>| {
        if !found.iter().any(|known| known.name == variable.name) {
            found.push(variable);
        }
    };
    let in_from =
        site.is_some_and(|site| site.instruction.kind == InstructionKind::From && !site.trigger);
    let stage = site.and_then(|site| site.stage).filter(|_| !in_from);
    match stage {
        None => {
            // FROM lines and the global ARGs: global ARGs declared so far and the predefined ones.
            for declaration in scope.declarations.iter().rev() {
                if declaration.kind == DeclarationKind::GlobalArg
                    && declaration.name_span.end <= offset
                {
                    add(declared(declaration, 1), &mut found);
                }
            }
            for name in PLATFORM_ARGS {
                add(predefined(name, 2), &mut found);
            }
        }
        Some(stage) => {
            let mut chain = vec![(stage, 0)];
            chain.extend(parents(cx, stage).into_iter().map(|parent| (parent, 1)));
            for (stage, rank) in chain {
                for declaration in scope.declarations.iter().rev() {
                    let visible = declaration.stage == Some(stage)
                        && (rank > 0 || declaration.name_span.end <= offset);
                    if visible {
                        add(declared(declaration, rank), &mut found);
                    }
                }
            }
            for name in ALWAYS_SET {
                add(predefined(name, 2), &mut found);
            }
        }
    }
    for name in PROXY_ARGS {
        add(predefined(name, 3), &mut found);
    }
    found
}

/// The stages `stage` builds on (`FROM <earlier stage>`), nearest first.
fn parents(cx: &Context, stage: usize) -> Vec<usize> {
    let mut chain = Vec::new();
    let mut current = stage;
    while let Some(parent) = cx
        .file
        .stages
        .get(current)
        .and_then(|stage| stage.image.as_ref())
        .and_then(|image| {
            cx.file.stages.get(..current)?.iter().position(|earlier| {
                earlier
                    .name
                    .as_ref()
                    .is_some_and(|name| name.name.eq_ignore_ascii_case(&image.raw))
            })
        })
    {
        chain.push(parent);
        current = parent;
    }
    chain
}

fn declared(declaration: &Declaration, rank: u32) -> Variable {
    let what = match declaration.kind {
        DeclarationKind::GlobalArg => "global ARG",
        DeclarationKind::Arg => "ARG",
        DeclarationKind::Env => "ENV",
    };
    let detail = match declaration
        .value
        .as_deref()
        .or(declaration.inherited.as_deref())
    {
        Some(value) => format!("{what} = {value}"),
        None => format!("{what}, no default"),
    };
    Variable {
        name: declaration.name.clone(),
        detail,
        documentation: None,
        rank,
    }
}

fn predefined(name: &str, rank: u32) -> Variable {
    let detail = if PLATFORM_ARGS.contains(&name) {
        "predefined platform build argument"
    } else if PROXY_ARGS.contains(&name) {
        "predefined proxy build argument"
    } else {
        "set in every stage"
    };
    Variable {
        name: name.to_string(),
        detail: detail.to_string(),
        documentation: knowledge(&format!("dockerfile:variable:{name}")),
        rank,
    }
}

/// `ARG <name>` inside a stage: the global ARGs and platform arguments this stage has not
/// re-declared yet (a stage sees them only after `ARG NAME`).
pub fn arg_names(cursor: &Cursor, site: Site, out: &mut Items) {
    let Some(stage) = site.stage else {
        return;
    };
    let typed = cursor.typed();
    if typed.contains('=') || !typed.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return;
    }
    let scope = cursor.cx.scope();
    let redeclared = |name: &str| {
        scope.declarations.iter().any(|declaration| {
            declaration.kind == DeclarationKind::Arg
                && declaration.stage == Some(stage)
                && declaration.name == name
                && declaration.name_span.start != cursor.word.start
                && declaration.name_span.start < cursor.offset
        })
    };
    let mut offered: Vec<&str> = Vec::new();
    for declaration in &scope.declarations {
        if declaration.kind != DeclarationKind::GlobalArg
            || redeclared(&declaration.name)
            || offered.contains(&declaration.name.as_str())
        {
            continue;
        }
        offered.push(&declaration.name);
        let detail = match &declaration.value {
            Some(value) => format!("global ARG = {value}: re-declare to use it in this stage"),
            None => "global ARG: re-declare to use it in this stage".to_string(),
        };
        out.push(
            item(
                declaration.name.clone(),
                CompletionKind::Variable,
                cursor.word,
            )
            .detail(detail)
            .sort(0),
        );
    }
    for name in PLATFORM_ARGS {
        if redeclared(name) || offered.contains(name) {
            continue;
        }
        out.push(
            item(*name, CompletionKind::Variable, cursor.word)
                .detail("predefined platform build argument")
                .documentation(knowledge(&format!("dockerfile:variable:{name}")))
                .sort(1),
        );
    }
}
