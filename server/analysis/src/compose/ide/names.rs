//! What a name under the cursor is (a service, volume, network, secret or config name, or a
//! YAML anchor) and every place it occurs: the shared ground of definition, references,
//! highlights and rename.

use std::sync::Arc;

use dockwise_syntax::Span;

use crate::compose::Compose;
use crate::compose::interpolate::Env;
use crate::compose::model::{Model, RefKind};

/// The thing a name stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A service, or a top-level volume, network, secret or config.
    Name(RefKind, String),
    /// A YAML anchor, by its index in [`crate::compose::yaml::Yaml::anchors`].
    Anchor(usize),
}

/// One occurrence of a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// Exactly the name (for an anchor or alias: without its `&` or `*`).
    pub span: Span,
    pub definition: bool,
}

/// The model of the file as written (no `.env`: navigation follows the text).
pub fn model(file: &Compose) -> Arc<Model> {
    file.model(None, &Env::default())
}

/// The name at `offset` (touching it from either side), with the span of that occurrence.
pub fn target_at(file: &Compose, model: &Model, offset: usize) -> Option<(Target, Span)> {
    let yaml = file.yaml();
    if let Some((index, anchor)) = yaml
        .anchors
        .iter()
        .enumerate()
        .find(|(_, a)| a.span.contains(offset))
    {
        return Some((Target::Anchor(index), name_part(anchor.span)));
    }
    if let Some(alias) = yaml.aliases.iter().find(|a| a.span.contains(offset)) {
        return Some((Target::Anchor(alias.anchor?), name_part(alias.span)));
    }
    for kind in KINDS {
        if let Some(named) = model
            .definitions(kind)
            .iter()
            .find(|n| n.span.contains(offset))
        {
            return Some((Target::Name(kind, named.name.clone()), named.span));
        }
    }
    let reference = model.references.iter().find(|r| r.span.contains(offset))?;
    Some((
        Target::Name(reference.kind, reference.name.clone()),
        reference.span,
    ))
}

pub const KINDS: [RefKind; 5] = [
    RefKind::Service,
    RefKind::Volume,
    RefKind::Network,
    RefKind::Secret,
    RefKind::Config,
];

/// `&name` or `*name` without its sigil.
fn name_part(span: Span) -> Span {
    Span::new((span.start + 1).min(span.end), span.end)
}

/// Every occurrence of `target`, in document order, each once (a merged anchor is reported
/// once per use by the model, at the same place).
pub fn occurrences(file: &Compose, model: &Model, target: &Target) -> Vec<Occurrence> {
    let mut out = Vec::new();
    match target {
        Target::Anchor(index) => {
            let yaml = file.yaml();
            if let Some(anchor) = yaml.anchors.get(*index) {
                out.push(Occurrence {
                    span: name_part(anchor.span),
                    definition: true,
                });
            }
            out.extend(
                yaml.aliases
                    .iter()
                    .filter(|alias| alias.anchor == Some(*index))
                    .map(|alias| Occurrence {
                        span: name_part(alias.span),
                        definition: false,
                    }),
            );
        }
        Target::Name(kind, name) => {
            out.extend(
                model
                    .definitions(*kind)
                    .iter()
                    .filter(|named| &named.name == name)
                    .map(|named| Occurrence {
                        span: named.span,
                        definition: true,
                    }),
            );
            out.extend(
                model
                    .references
                    .iter()
                    .filter(|r| r.kind == *kind && &r.name == name)
                    .map(|r| Occurrence {
                        span: r.span,
                        definition: false,
                    }),
            );
        }
    }
    out.sort_by_key(|o| (o.span, !o.definition));
    out.dedup_by_key(|o| o.span);
    out
}

/// Whether the top-level entry defining this name was brought in by a `<<` merge key.
pub fn defined_by_merge(file: &Compose, kind: RefKind, name: &str) -> bool {
    file.yaml()
        .root
        .as_ref()
        .and_then(|root| root.get(kind.section()))
        .and_then(|section| section.as_map())
        .is_some_and(|entries| entries.iter().any(|e| e.merged && e.key.text == name))
}

/// The byte range of the line holding `offset`, without its newline.
pub fn line_of(text: &str, offset: usize) -> std::ops::Range<usize> {
    let offset = offset.min(text.len());
    let start = text
        .get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(offset..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| offset + i);
    start..end
}
