//! Incremental edits against a naive model, and incremental reparse against a fresh one (see `dockwise::fuzz::text_sync`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| dockwise::fuzz::text_sync(data));
