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
    Vec::new()
}
