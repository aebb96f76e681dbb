//! A bug in one analysis must cost one answer, not the session.

use std::backtrace::Backtrace;
use std::panic::{self, AssertUnwindSafe};

/// Report panics on stderr only: stdout carries the protocol.
pub fn install_hook() {
    panic::set_hook(Box::new(|info| {
        eprintln!("dockwise: internal error: {info}\n{}", Backtrace::capture());
    }));
}

/// Run `f`, turning a panic into an error message naming `what` (the hook has already printed
/// the details).
pub fn guarded<T>(what: &str, f: impl FnOnce() -> T) -> Result<T, String> {
    // Unwind safety: callers pass closures over immutable snapshots or over state they replace
    // wholesale, so nothing half-updated stays visible after a panic.
    panic::catch_unwind(AssertUnwindSafe(f))
        .map_err(|_| format!("internal error while computing {what}"))
}

#[cfg(test)]
mod tests {
    use super::guarded;

    #[test]
    fn a_panic_becomes_an_error() {
        assert_eq!(guarded("two", || 1 + 1), Ok(2));
        let err = guarded("hover", || -> u8 { panic!("bug") }).unwrap_err();
        assert!(err.contains("hover"), "{err}");
    }
}
