//! Rename a service, volume, network, secret or config (its definition and every reference) or
//! a YAML anchor (the anchor and its aliases). Refused when the new name is not one Compose (or
//! YAML) accepts, when it is taken, or when an occurrence cannot be rewritten exactly.

use super::names::{self, Occurrence, Target};
use crate::TextEdit;
use crate::compose::Compose;
use crate::compose::model::Model;
use crate::compose::model::{RefKind, ShortVolume};
use crate::compose::schema::{PathSegment, catalogue, pattern_matches};
use crate::ide::{RenameError, RenameResult, RenameTarget};

pub fn prepare_rename(file: &Compose, offset: usize) -> Option<RenameTarget> {
    let model = names::model(file);
    let (target, span) = names::target_at(file, &model, offset)?;
    let name = file.text().get(span.range())?.to_string();
    if let Target::Name(kind, defined) = &target
        && (defined != &name || names::defined_by_merge(file, *kind, defined))
    {
        return None;
    }
    Some(RenameTarget { span, name })
}

pub fn rename(file: &Compose, offset: usize, new_name: &str) -> RenameResult {
    let model = names::model(file);
    let Some((target, _)) = names::target_at(file, &model, offset) else {
        return Err(RenameError("there is no name to rename here".to_string()));
    };
    let occurrences = names::occurrences(file, &model, &target);
    let old = match &target {
        Target::Anchor(index) => {
            check_anchor_name(new_name)?;
            let Some(anchor) = file.yaml().anchors.get(*index) else {
                return Err(RenameError("there is no name to rename here".to_string()));
            };
            let old = &anchor.name;
            if file
                .yaml()
                .anchors
                .iter()
                .enumerate()
                .any(|(i, a)| i != *index && a.name == new_name)
            {
                return Err(RenameError(format!(
                    "the anchor `&{new_name}` already exists"
                )));
            }
            old.clone()
        }
        Target::Name(kind, old) => {
            check_compose_name(*kind, new_name)?;
            if model.definition(*kind, new_name).is_some() && new_name != old {
                return Err(RenameError(format!(
                    "a {} named `{new_name}` already exists",
                    kind.noun()
                )));
            }
            if names::defined_by_merge(file, *kind, old) {
                return Err(RenameError(format!(
                    "the {} `{old}` comes from a `<<` merge key; rename it where the anchor defines it",
                    kind.noun()
                )));
            }
            if *kind == RefKind::Volume && !ShortVolume::parse(&format!("{new_name}:/x")).is_named()
            {
                return Err(RenameError(format!(
                    "`{new_name}` would read as a host path in a volume's short syntax"
                )));
            }
            old.clone()
        }
    };
    if let Target::Name(kind, _) = &target {
        check_shared_anchors(file, &model, *kind, &old, &occurrences)?;
    }
    let mut edits = Vec::new();
    for occurrence in &occurrences {
        // Escaped or quoted-with-escapes text cannot be rewritten by replacing the name.
        if file.text().get(occurrence.span.range()) != Some(old.as_str()) {
            return Err(RenameError(format!(
                "`{old}` is written in a form that cannot be renamed safely (escaped or built from several parts)"
            )));
        }
        edits.push(TextEdit {
            span: occurrence.span,
            new_text: new_name.to_string(),
        });
    }
    Ok(edits)
}

/// Names of services and top-level resources must match the specification's pattern for the
/// section's keys (`^[a-zA-Z0-9._-]+$`).
fn check_compose_name(kind: RefKind, name: &str) -> Result<(), RenameError> {
    let catalogue = catalogue();
    let valid = catalogue
        .at_path([PathSegment::Key(kind.section())])
        .map(|id| {
            let shape = catalogue.shape(id);
            shape
                .pattern_properties
                .iter()
                .any(|(pattern, _)| pattern_matches(pattern, name))
        })
        .unwrap_or(false);
    if valid && !name.is_empty() {
        Ok(())
    } else {
        Err(RenameError(format!(
            "`{name}` is not a valid {} name: use letters, digits, `.`, `_` and `-`",
            kind.noun()
        )))
    }
}

/// YAML anchor names: no whitespace and no flow indicators (which would end the name).
fn check_anchor_name(name: &str) -> Result<(), RenameError> {
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !"[]{},".contains(c));
    if valid {
        Ok(())
    } else {
        Err(RenameError(format!(
            "`{name}` is not a valid YAML anchor name: no spaces, and none of `[]{{}},`"
        )))
    }
}

/// A name written inside an anchored node is renamed for every alias of that anchor: refuse
/// when some alias uses the node where the name is not a reference of this kind (the model then
/// sees fewer references there than the anchor has uses).
fn check_shared_anchors(
    file: &Compose,
    model: &Model,
    kind: RefKind,
    old: &str,
    occurrences: &[Occurrence],
) -> Result<(), RenameError> {
    let yaml = file.yaml();
    let services = yaml
        .root
        .as_ref()
        .and_then(|root| root.get("services"))
        .map(|node| node.span);
    for occurrence in occurrences {
        let span = occurrence.span;
        for (index, anchor) in yaml.anchors.iter().enumerate() {
            let node = anchor.node.span;
            if !(node.start <= span.start && span.end <= node.end) {
                continue;
            }
            let aliases = yaml
                .aliases
                .iter()
                .filter(|alias| alias.anchor == Some(index))
                .count();
            let uses = if occurrence.definition {
                aliases + 1
            } else {
                let written_in_services =
                    services.is_some_and(|s| s.start <= anchor.span.start && node.end <= s.end);
                aliases + usize::from(written_in_services)
            };
            let seen = if occurrence.definition {
                1
            } else {
                model
                    .references
                    .iter()
                    .filter(|r| r.kind == kind && r.span == span)
                    .count()
            };
            if seen < uses {
                return Err(RenameError(format!(
                    "`{old}` is written inside the anchor `&{}`, which is also used where it is not this {}; rename it by hand",
                    anchor.name,
                    kind.noun()
                )));
            }
        }
    }
    Ok(())
}
