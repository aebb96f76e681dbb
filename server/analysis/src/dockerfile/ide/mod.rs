//! Editing features for Dockerfile files: see [`crate::ide`] for what each returns.

mod completion;
mod signature;

use dockwise_syntax::Span;

use crate::ide::{
    Completion, Fold, Highlight, InlayHint, Link, RenameError, RenameResult, RenameTarget,
    Signature, Symbol, Token,
};
use crate::{Surroundings, TextEdit};

mod folding;
mod format;
mod inlay;
mod lines;
mod links;
mod names;
mod navigation;
mod rename;
mod selection;
mod symbols;
#[cfg(test)]
mod test_support;
mod tokens;

type File = dockwise_syntax::Parse;

pub fn completions(file: &File, surroundings: &Surroundings, offset: usize) -> Vec<Completion> {
    completion::completions(file, surroundings, offset)
}

pub fn signature_help(file: &File, offset: usize) -> Option<Signature> {
    signature::signature_help(file, offset)
}

pub fn definition(file: &File, offset: usize) -> Vec<Span> {
    navigation::definition(file, offset)
}

pub fn references(file: &File, offset: usize, include_declaration: bool) -> Vec<Span> {
    navigation::references(file, offset, include_declaration)
}

pub fn highlights(file: &File, offset: usize) -> Vec<Highlight> {
    navigation::highlights(file, offset)
}

/// The name at `offset` and its span, or why it cannot be renamed.
pub fn prepare_rename(file: &File, offset: usize) -> Result<RenameTarget, RenameError> {
    rename::prepare_rename(file, offset)
}

pub fn rename(file: &File, offset: usize, new_name: &str) -> RenameResult {
    rename::rename(file, offset, new_name)
}

pub fn symbols(file: &File) -> Vec<Symbol> {
    symbols::symbols(file)
}

/// Nested spans around `offset` for "expand selection", innermost first.
pub fn selection_ranges(file: &File, offset: usize) -> Vec<Span> {
    selection::selection_ranges(file, offset)
}

/// Inline labels within `range`.
pub fn inlay_hints(file: &File, range: Span) -> Vec<InlayHint> {
    inlay::inlay_hints(file, range)
}

pub fn folds(file: &File) -> Vec<Fold> {
    folding::folds(file)
}

pub fn tokens(file: &File) -> Vec<Token> {
    tokens::tokens(file)
}

pub fn links(file: &File) -> Vec<Link> {
    links::links(file)
}

pub fn format(file: &File) -> Vec<TextEdit> {
    format::format(file, &crate::ide::FormatOptions::default())
}

pub fn format_with(file: &File, options: &crate::ide::FormatOptions) -> Vec<TextEdit> {
    format::format(file, options)
}

pub fn try_format(
    file: &File,
    options: &crate::ide::FormatOptions,
) -> Result<Vec<TextEdit>, crate::ide::FormatRefusal> {
    format::try_format(file, options)
}

pub fn format_range(file: &File, span: Span, options: &crate::ide::FormatOptions) -> Vec<TextEdit> {
    format::format_range(file, span, options)
}

pub fn format_on_type(file: &File, offset: usize, typed: char) -> Vec<TextEdit> {
    format::on_type(file, offset, typed)
}
