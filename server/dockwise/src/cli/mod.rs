//! The terminal commands: `check`, `format`, `explain`, `rules`, `parse`.

/// `println!` that treats a closed stdout (`dockwise rules | head`) as the reader being done,
/// not as a reason to panic.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}
pub(crate) use outln;

pub mod check;
pub mod explain;
pub mod format;
mod location;
mod output;
pub mod parse;
pub mod rules;
