//! Editing features for Compose files: see [`crate::ide`] for what each returns. One module per
//! feature; `names` is what navigation and rename share.

mod completion;
mod folds;
mod links;
mod names;
mod navigate;
mod rename;
mod symbols;
mod tokens;

use dockwise_syntax::Span;

use crate::ide::{
    Completion, Fold, Highlight, Link, RenameResult, RenameTarget, Signature, Symbol, Token,
};
use crate::{Surroundings, TextEdit};

type File = crate::compose::Compose;

pub fn completions(file: &File, surroundings: &Surroundings, offset: usize) -> Vec<Completion> {
    completion::completions(file, surroundings, offset)
}

/// Compose keys take no positional parameters: there is no signature to show.
pub fn signature_help(_file: &File, _offset: usize) -> Option<Signature> {
    None
}

pub fn definition(file: &File, offset: usize) -> Vec<Span> {
    navigate::definition(file, offset)
}

pub fn references(file: &File, offset: usize, include_declaration: bool) -> Vec<Span> {
    navigate::references(file, offset, include_declaration)
}

pub fn highlights(file: &File, offset: usize) -> Vec<Highlight> {
    navigate::highlights(file, offset)
}

pub fn prepare_rename(file: &File, offset: usize) -> Option<RenameTarget> {
    rename::prepare_rename(file, offset)
}

pub fn rename(file: &File, offset: usize, new_name: &str) -> RenameResult {
    rename::rename(file, offset, new_name)
}

pub fn symbols(file: &File) -> Vec<Symbol> {
    symbols::symbols(file)
}

pub fn folds(file: &File) -> Vec<Fold> {
    folds::folds(file)
}

pub fn tokens(file: &File) -> Vec<Token> {
    tokens::tokens(file)
}

pub fn links(file: &File) -> Vec<Link> {
    links::links(file)
}

/// No Compose formatter: formatting YAML (quoting, indentation, comments, anchors) is out of
/// dockwise's scope, and a partial one would fight the editor's YAML formatter.
pub fn format(_file: &File) -> Vec<TextEdit> {
    Vec::new()
}

#[cfg(test)]
mod tests;
