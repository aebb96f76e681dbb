//! `cargo run -p dockwise-syntax --example dump FILE`: the tree and the model of a Dockerfile.
fn main() {
    let path = std::env::args().nth(1).expect("usage: dump FILE");
    let text = std::fs::read_to_string(path).expect("readable file");
    print!(
        "{}",
        dockwise_syntax::debug_dump(&dockwise_syntax::Parse::new(text.into()))
    );
}
