//! Go to definition, find references and document highlights for service, volume, network,
//! secret and config names and for YAML anchors.

use dockwise_syntax::Span;

use super::names::{self, Occurrence};
use crate::compose::Compose;
use crate::ide::Highlight;

/// Where the name at `offset` is defined (the top-level key, or the `&anchor`).
pub fn definition(file: &Compose, offset: usize) -> Vec<Span> {
    let model = names::model(file);
    let Some((target, _)) = names::target_at(file, &model, offset) else {
        return Vec::new();
    };
    names::occurrences(file, &model, &target)
        .into_iter()
        .filter(|o| o.definition)
        .map(|o| o.span)
        .collect()
}

pub fn references(file: &Compose, offset: usize, include_declaration: bool) -> Vec<Span> {
    all(file, offset)
        .into_iter()
        .filter(|o| include_declaration || !o.definition)
        .map(|o| o.span)
        .collect()
}

pub fn highlights(file: &Compose, offset: usize) -> Vec<Highlight> {
    all(file, offset)
        .into_iter()
        .map(|o| Highlight {
            span: o.span,
            write: o.definition,
        })
        .collect()
}

fn all(file: &Compose, offset: usize) -> Vec<Occurrence> {
    let model = names::model(file);
    match names::target_at(file, &model, offset) {
        Some((target, _)) => names::occurrences(file, &model, &target),
        None => Vec::new(),
    }
}
