//! Replays the saved fuzz corpus (`fuzz/corpus/<target>/`, minimised with `cargo fuzz cmin`)
//! and the regression inputs (`fuzz/regressions/<target>/`) through the same checks the fuzz
//! targets run, so CI exercises them on stable without cargo-fuzz.

use std::path::{Path, PathBuf};

type Check = fn(&[u8]);

const TARGETS: [(&str, Check); 3] = [
    ("dockerfile", dockwise::fuzz::dockerfile),
    ("compose", dockwise::fuzz::compose),
    ("text_sync", dockwise::fuzz::text_sync),
];

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

fn replay(kind: &str, minimum: usize) {
    for (target, check) in TARGETS {
        let files = inputs(&fuzz_dir().join(kind).join(target));
        assert!(
            files.len() >= minimum,
            "fuzz/{kind}/{target} has {} inputs, expected at least {minimum}",
            files.len()
        );
        for file in files {
            let data = std::fs::read(&file).expect("read a corpus input");
            // Name the input that broke, then let the panic through.
            eprintln!("replaying {}", file.display());
            check(&data);
        }
    }
}

#[test]
fn the_saved_corpus_passes_every_check() {
    replay("corpus", 10);
}

#[test]
fn past_findings_stay_fixed() {
    replay("regressions", 0);
}
