//! Compose analysis: the YAML parse, the Compose model, validation against the Compose
//! Specification, semantic rules and hovers.

pub mod build;
pub mod hover;
pub mod ide;
pub mod interpolate;
pub mod model;
pub mod rules;
pub mod schema;
pub mod segments;
pub mod yaml;

use std::sync::{Arc, Mutex, OnceLock};

use dockwise_syntax::Span;

use crate::rule::{Rule, Sink};
use crate::{Config, Diagnostic, Surroundings};

pub(crate) use crate::dockerfile::rules::{did_you_mean, suggestion_suffix};
use interpolate::Env;
use model::{Model, Named};
use yaml::{Node, Yaml};

/// A rule over Compose files.
pub type ComposeRule = Rule<for<'a, 'b> fn(&'b Context<'a>, &mut Sink)>;

/// One parsed version of a Compose file.
pub struct Compose {
    text: Arc<str>,
    yaml: Yaml,
    /// The pieces `text` was parsed in, for the next version to reuse.
    pieces: yaml::Pieces,
    /// The model last built of this version, with the `.env` text it was built with: the
    /// diagnostics build it, and the requests on the same version (hover, completion) reuse it.
    model: Mutex<Option<BuiltModel>>,
}

/// A model and the `.env` text it was built with.
struct BuiltModel {
    dotenv: Option<Arc<str>>,
    model: Arc<Model>,
}

impl std::fmt::Debug for Compose {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compose")
            .field("yaml", &self.yaml)
            .finish_non_exhaustive()
    }
}

impl Compose {
    pub fn new(text: Arc<str>) -> Compose {
        let (yaml, pieces) = yaml::parse_pieces(&text, None);
        Compose {
            text,
            yaml,
            pieces,
            model: Mutex::default(),
        }
    }

    /// The next version, `new_text`: the pieces of the text that did not change are not parsed
    /// again. (The edits are not needed: pieces are found by their text.)
    pub fn edited(&self, new_text: Arc<str>, _edits: &[tree_sitter::InputEdit]) -> Compose {
        let (yaml, pieces) = yaml::parse_pieces(&new_text, Some(&self.pieces));
        Compose {
            text: new_text,
            yaml,
            pieces,
            model: Mutex::default(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn yaml(&self) -> &Yaml {
        &self.yaml
    }

    /// The model of this version with the variables of `dotenv` (the `.env` text, parsed into
    /// `env`), built once per `.env`.
    pub(crate) fn model(&self, dotenv: Option<&Arc<str>>, env: &Env) -> Arc<Model> {
        let mut slot = self
            .model
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(built) = slot.as_ref()
            && built.dotenv.as_deref() == dotenv.map(|text| &**text)
        {
            return built.model.clone();
        }
        let model = Arc::new(Model::build(&self.yaml, &self.text, env));
        *slot = Some(BuiltModel {
            dotenv: dotenv.cloned(),
            model: model.clone(),
        });
        model
    }
}

/// What every Compose rule reads.
pub struct Context<'a> {
    pub text: &'a str,
    pub compose: &'a Compose,
    pub surroundings: &'a Surroundings,
    pub env: Env,
    model: OnceLock<Arc<Model>>,
}

impl<'a> Context<'a> {
    pub fn new(compose: &'a Compose, surroundings: &'a Surroundings) -> Context<'a> {
        let env = surroundings
            .dotenv
            .as_deref()
            .map(Env::from_dotenv)
            .unwrap_or_default();
        Context {
            text: compose.text(),
            compose,
            surroundings,
            env,
            model: OnceLock::new(),
        }
    }

    pub fn root(&self) -> Option<&'a Arc<Node>> {
        self.compose.yaml.root.as_ref()
    }

    pub fn model(&self) -> &Model {
        self.model.get_or_init(|| {
            self.compose
                .model(self.surroundings.dotenv.as_ref(), &self.env)
        })
    }

    pub fn services(&self) -> &[Named] {
        &self.model().services
    }

    pub fn slice(&self, span: Span) -> &'a str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// A scalar's value after interpolation with what is known (`None`: not a scalar, or unknown).
    pub fn resolved(&self, node: &Node) -> Option<String> {
        let text = node.as_str()?;
        interpolate::substitute(text, &self.env)
    }

    /// Byte offset of the start of the line holding `offset`.
    pub fn line_start(&self, offset: usize) -> usize {
        // Bytes, not `str` slicing: `offset` may fall inside a character (a hover anywhere).
        let bytes = self.text.as_bytes();
        bytes
            .get(..offset.min(bytes.len()))
            .and_then(|before| before.iter().rposition(|&b| b == b'\n'))
            .map_or(0, |i| i + 1)
    }

    /// Byte offset just past the newline ending the line holding `offset` (or the end).
    pub fn line_end_inclusive(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let offset = offset.min(bytes.len());
        bytes
            .get(offset..)
            .and_then(|after| after.iter().position(|&b| b == b'\n'))
            .map_or(bytes.len(), |i| offset + i + 1)
    }

    /// Column (in bytes) of `offset` within its line.
    pub fn column(&self, offset: usize) -> usize {
        offset - self.line_start(offset)
    }

    /// Where to insert new lines after a mapping entry's value (the start of the next line).
    pub fn after_node(&self, node: &Node, key: Span) -> usize {
        let end = node.span.end.max(key.end);

        self.line_end_inclusive(end.saturating_sub(usize::from(
            end > key.end && self.text[..end].ends_with('\n'),
        )))
    }

    /// Text that inserts `lines` (already indented) at the end of the file.
    pub fn append_at_end(&self, lines: &str) -> (usize, String) {
        let prefix = if self.text.is_empty() || self.text.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        (self.text.len(), format!("{prefix}{lines}"))
    }

    /// The indentation unit the file uses (the column of the first nested key), 2 by default.
    pub fn indent_unit(&self) -> usize {
        self.services()
            .first()
            .map(|s| self.column(s.span.start))
            .filter(|c| *c > 0)
            .unwrap_or(2)
    }
}

/// Run every enabled Compose rule.
pub fn diagnostics(
    compose: &Compose,
    config: &Config,
    surroundings: &Surroundings,
) -> Vec<Diagnostic> {
    let context = Context::new(compose, surroundings);
    let mut diagnostics = Vec::new();
    for rule in rules::all() {
        let Some(severity) = rule.effective_severity(config) else {
            continue;
        };
        let mut sink = Sink::new(rule.name, severity);
        (rule.check)(&context, &mut sink);
        diagnostics.extend(sink.into_diagnostics());
    }
    // Merged anchors can report the same thing once per use.
    diagnostics.sort_by(|a, b| (a.span, a.code, &a.message).cmp(&(b.span, b.code, &b.message)));
    diagnostics.dedup_by(|a, b| a.span == b.span && a.code == b.code && a.message == b.message);
    diagnostics
}

/// Image names of the databases the rules know.
pub fn database_kind(image: &str) -> Option<&'static str> {
    let without_digest = image.split('@').next().unwrap_or(image);
    let last = without_digest.rsplit('/').next().unwrap_or(without_digest);
    let name = last.split(':').next().unwrap_or(last).to_ascii_lowercase();
    let kind = match name.as_str() {
        "postgres" | "postgresql" | "postgis" | "timescaledb" | "timescaledb-ha" | "pgvector" => {
            "postgres"
        }
        "mysql" | "mysql-server" | "percona" | "percona-server" => "mysql",
        "mariadb" => "mariadb",
        "mongo" | "mongodb" | "mongodb-community-server" => "mongo",
        "redis" | "valkey" | "redis-stack" | "redis-stack-server" | "keydb" => "redis",
        _ => return None,
    };
    Some(kind)
}

/// Whether an image is the official one (Docker Hub library), where data paths are known.
pub fn is_official(image: &str) -> bool {
    let name = image.split(['@', ':']).next().unwrap_or(image);
    !name.contains('/') || name.starts_with("library/") || name.starts_with("docker.io/library/")
}

/// The image of a service, resolved.
pub fn service_image(context: &Context, service: &Node) -> Option<String> {
    context.resolved(service.get("image")?)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::Compose;

    fn point(text: &str, offset: usize) -> tree_sitter::Point {
        let before = &text[..offset];
        let row = before.matches('\n').count();
        let column = offset - before.rfind('\n').map_or(0, |i| i + 1);
        tree_sitter::Point { row, column }
    }

    /// Reusing the previous version's pieces gives exactly what a fresh parse gives, for every
    /// one-character insertion and deletion over a file with repeated services.
    #[test]
    fn reused_pieces_lower_exactly_like_a_fresh_parse() {
        let mut text = String::from("x-defaults: &defaults\n  restart: always\nservices:\n");
        for index in 0..6 {
            text.push_str(&format!(
                "  svc-{index}:\n    <<: *defaults\n    image: \"app:{index}\"\n    environment:\n      A: '1'\n      B: two\n    ports:\n      - \"80{index}:80\"\n    depends_on:\n      db:\n        condition: service_healthy\n"
            ));
        }
        text.push_str("  db:\n    image: postgres:16\nvolumes:\n  data: {}\n");
        let mut current = Compose::new(Arc::from(text.as_str()));
        let inserts = ['x', ' ', ':', '\n', '-', '"'];
        let mut offset = 7;
        let mut step = 0;
        while offset < text.len() {
            let base = current.text().to_string();
            let at = offset.min(base.len());
            if !base.is_char_boundary(at) {
                offset += 1;
                continue;
            }
            // Alternate an insertion and a deletion, walking through the file.
            let (next, edit) = if step % 2 == 0 {
                let c = inserts[step / 2 % inserts.len()];
                let mut next = base.clone();
                next.insert(at, c);
                let edit = tree_sitter::InputEdit {
                    start_byte: at,
                    old_end_byte: at,
                    new_end_byte: at + 1,
                    start_position: point(&base, at),
                    old_end_position: point(&base, at),
                    new_end_position: point(&next, at + 1),
                };
                (next, edit)
            } else {
                let end = (at + 1).min(base.len());
                let mut next = base.clone();
                next.replace_range(at..end, "");
                let edit = tree_sitter::InputEdit {
                    start_byte: at,
                    old_end_byte: end,
                    new_end_byte: at,
                    start_position: point(&base, at),
                    old_end_position: point(&base, end),
                    new_end_position: point(&next, at),
                };
                (next, edit)
            };
            let edited = current.edited(Arc::from(next.as_str()), &[edit]);
            let fresh = Compose::new(Arc::from(next.as_str()));
            assert_eq!(
                format!("{:?}", edited.yaml()),
                format!("{:?}", fresh.yaml()),
                "after edit {step} at {at}:\n{next}"
            );
            current = edited;
            step += 1;
            offset += 13;
        }
        assert!(step > 40);
    }
}
