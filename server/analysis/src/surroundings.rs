//! Files around a document that some rules consult. Analysis does no IO: the caller (the
//! server or the CLI) reads them and passes them in.

use std::collections::BTreeMap;
use std::sync::Arc;

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
}
