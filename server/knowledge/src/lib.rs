//! dockwise's Q&A knowledge base: the entries of `knowledge/`, validated and embedded at build
//! time, with lookups by id, construct and rule, and a ranked search for `dockwise explain`.
//!
//! Everything is `'static` data compiled into the binary; nothing here reads files or panics.

mod entry;
mod fence;
mod lookup;
mod search;
#[cfg(test)]
mod validate;

pub use entry::{Entry, Example, Reference};
pub use fence::Expectation;
pub use lookup::{for_construct, for_rule, get};
pub use search::{SearchHit, search};

mod generated {
    use crate::{Entry, Reference};
    include!(concat!(env!("OUT_DIR"), "/entries.rs"));
}

/// Every entry, ordered by file path.
pub fn entries() -> &'static [Entry] {
    generated::ENTRIES
}

#[cfg(test)]
mod tests;
