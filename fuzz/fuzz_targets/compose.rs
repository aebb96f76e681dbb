//! A Compose file: parse and every analysis feature (see `dockwise::fuzz::compose`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| dockwise::fuzz::compose(data));
