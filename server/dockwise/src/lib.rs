//! The protocol-free parts of the `dockwise` binary, as a library for the fuzz targets in
//! `fuzz/` and the tests that replay their corpus (the binary itself is `main.rs`).

#[doc(hidden)]
pub mod fuzz;
pub mod text;
