//! A Dockerfile: parse and every analysis feature (see `dockwise::fuzz::dockerfile`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| dockwise::fuzz::dockerfile(data));
