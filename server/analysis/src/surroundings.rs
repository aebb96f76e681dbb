//! Files around a document that some rules consult. Analysis does no IO: the caller (the
//! server or the CLI) reads them and passes them in.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use crate::compose::build::DockerfileFacts;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Surroundings {
    /// Whether the caller looked the files up at all. When false (an unsaved buffer, a test),
    /// rules that depend on surroundings stay silent rather than guess.
    pub known: bool,
    /// The `.dockerignore` of the build context, when there is one.
    pub dockerignore: Option<Arc<str>>,
    /// The `.env` beside a Compose file, for variable interpolation.
    pub dotenv: Option<Arc<str>>,
    /// For a Compose file: the Dockerfiles its services build, by their path relative to the
    /// Compose file's directory as [`crate::compose::build::dockerfile_path`] spells it (build
    /// context joined with `dockerfile`, `Dockerfile` by default). A path missing here was not
    /// found or not readable.
    pub dockerfiles: BTreeMap<String, Arc<str>>,
    /// What each of `dockerfiles` declares, parsed on first use and shared by every clone: the
    /// server keeps one `Surroundings` per document until the files change, so a keystroke in a
    /// Compose file does not parse the Dockerfiles it builds again.
    pub facts: FactsMemo,
}

impl Surroundings {
    /// The stages and ARGs of the Dockerfile at `path` (a key of `dockerfiles`).
    pub fn dockerfile_facts(&self, path: &str) -> Option<Arc<DockerfileFacts>> {
        self.facts
            .0
            .get_or_init(|| {
                self.dockerfiles
                    .iter()
                    .map(|(path, text)| (path.clone(), Arc::new(DockerfileFacts::read(path, text))))
                    .collect()
            })
            .get(path)
            .cloned()
    }
}

/// A memo derived from the other fields: it never makes two `Surroundings` differ.
#[derive(Clone, Default)]
pub struct FactsMemo(Arc<OnceLock<BTreeMap<String, Arc<DockerfileFacts>>>>);

impl PartialEq for FactsMemo {
    fn eq(&self, _: &FactsMemo) -> bool {
        true
    }
}

impl Eq for FactsMemo {}

impl std::fmt::Debug for FactsMemo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FactsMemo")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dockerfile_facts_are_read_once_for_every_clone() {
        let mut surroundings = Surroundings::default();
        surroundings.dockerfiles.insert(
            "api/Dockerfile".to_string(),
            Arc::from("ARG GO=1.23\nFROM golang:${GO} AS build\nARG VERSION\n"),
        );
        let clone = surroundings.clone();
        let facts = surroundings.dockerfile_facts("api/Dockerfile").unwrap();
        assert_eq!(facts.stages, ["build"]);
        assert_eq!(facts.args, ["GO", "VERSION"]);
        let again = clone.dockerfile_facts("api/Dockerfile").unwrap();
        assert!(
            Arc::ptr_eq(&facts, &again),
            "the clone reuses the first read"
        );
        assert!(surroundings.dockerfile_facts("Dockerfile").is_none());
        assert_eq!(
            surroundings,
            Surroundings {
                facts: FactsMemo::default(),
                ..clone
            }
        );
    }
}
