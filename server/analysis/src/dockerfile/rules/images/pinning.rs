//! What the package-pinning rules share.

use super::common::{Call, Manager, runs};
use crate::dockerfile::Context;
use crate::dockerfile::shell::ShellWord;
use crate::rule::Sink;

/// A path, URL, archive or anything that is not a registry package name.
pub fn not_a_package(value: &str) -> bool {
    value.is_empty()
        || value.starts_with(['.', '/', '~'])
        || value.contains("://")
        || value.contains(['*', '?', '$', '`'])
        || [
            ".deb", ".apk", ".rpm", ".whl", ".tar.gz", ".tgz", ".zip", ".gem", ".txt",
        ]
        .iter()
        .any(|ext| value.ends_with(ext))
        || value.starts_with("git+")
        || value.starts_with("file:")
        || value.starts_with("github:")
}

/// Report every operand of `subcommands` that `pinned` rejects.
pub fn report_unpinned(
    cx: &Context,
    sink: &mut Sink,
    manager: Manager,
    subcommands: &[&str],
    skip_call: impl Fn(&Call) -> bool,
    pinned: impl Fn(&str) -> bool,
    message: impl Fn(&str) -> String,
) {
    for run in runs(cx) {
        for call in run.calls(&[manager]) {
            if !subcommands.contains(&call.subcommand.as_str()) || skip_call(&call) {
                continue;
            }
            let operands: Vec<&ShellWord> = call.operands();
            for word in operands {
                if word.expands || not_a_package(&word.value) || pinned(&word.value) {
                    continue;
                }
                sink.report(word.span, message(&word.value));
            }
        }
    }
}
