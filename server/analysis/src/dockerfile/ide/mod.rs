//! Editing features for Dockerfile files: see [`crate::ide`] for what each returns.
// In progress: each function is being filled in with its own module and tests.
#![allow(unused_variables)]

mod completion;
mod signature;

use dockwise_syntax::Span;

use crate::ide::{
    Completion, Fold, Highlight, Link, RenameError, RenameResult, RenameTarget, Signature, Symbol,
    Token,
};
use crate::{Surroundings, TextEdit};

mod format;

type File = dockwise_syntax::Parse;

pub fn completions(file: &File, surroundings: &Surroundings, offset: usize) -> Vec<Completion> {
    completion::completions(file, surroundings, offset)
}

pub fn signature_help(file: &File, offset: usize) -> Option<Signature> {
    signature::signature_help(file, offset)
}

pub fn definition(file: &File, offset: usize) -> Vec<Span> {
    Vec::new()
}

pub fn references(file: &File, offset: usize, include_declaration: bool) -> Vec<Span> {
    Vec::new()
}

pub fn highlights(file: &File, offset: usize) -> Vec<Highlight> {
    Vec::new()
}

pub fn prepare_rename(file: &File, offset: usize) -> Option<RenameTarget> {
    None
}

pub fn rename(file: &File, offset: usize, new_name: &str) -> RenameResult {
    Err(RenameError("nothing to rename here".to_string()))
}

pub fn symbols(file: &File) -> Vec<Symbol> {
    Vec::new()
}

pub fn folds(file: &File) -> Vec<Fold> {
    Vec::new()
}

pub fn tokens(file: &File) -> Vec<Token> {
    Vec::new()
}

pub fn links(file: &File) -> Vec<Link> {
    Vec::new()
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
