//! The Dockerfile behind a service's `build:`: where it is (for the caller, which reads it) and
//! what it declares (stages, ARGs), for the rules, completion and hover that cross into it.

use std::sync::Arc;

use dockwise_syntax::{Arguments, InstructionKind, Parse};

use super::yaml::{Node, Value};
use super::{Compose, Context};
use crate::compose::interpolate::{self, Env};

/// The path of the Dockerfile a build uses, relative to the Compose file's directory and
/// normalised (`./api/` + `Dockerfile` is `api/Dockerfile`). `None` for what cannot be read
/// beside the file: a remote context, an absolute path, a path leaving the directory.
pub fn dockerfile_path(context: &str, dockerfile: Option<&str>) -> Option<String> {
    if context.contains("://") || context.starts_with("git@") || context.contains('$') {
        return None;
    }
    let dockerfile = dockerfile.unwrap_or("Dockerfile");
    if dockerfile.contains('$') {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    for path in [context, dockerfile] {
        if path.starts_with(['/', '\\', '~']) || path.get(1..2) == Some(":") {
            return None;
        }
        for part in path.split(['/', '\\']) {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                part => parts.push(part),
            }
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// The `build` of a service as written: its context and dockerfile, resolved with `env`.
/// `None` when the service does not build, or builds from an inline Dockerfile.
pub fn build_of(service: &Node, env: &Env) -> Option<String> {
    let build = service.get("build")?;
    let resolve = |node: &Node| interpolate::substitute(node.as_str()?, env);
    match &build.value {
        Value::Scalar(_) => dockerfile_path(&resolve(build)?, None),
        Value::Map(_) => {
            if build.get("dockerfile_inline").is_some() {
                return None;
            }
            let context = match build.get("context") {
                Some(node) => resolve(node)?,
                None => ".".to_string(),
            };
            let dockerfile = match build.get("dockerfile") {
                Some(node) => Some(resolve(node)?),
                None => None,
            };
            dockerfile_path(&context, dockerfile.as_deref())
        }
        Value::Seq(_) => None,
    }
}

/// Every Dockerfile the services of `compose` build, for the caller to read.
pub fn dockerfile_paths(compose: &Compose, dotenv: Option<&str>) -> Vec<String> {
    let env = dotenv.map(Env::from_dotenv).unwrap_or_default();
    let mut paths: Vec<String> = compose
        .yaml()
        .root
        .as_ref()
        .and_then(|root| root.get("services"))
        .and_then(|services| services.as_map())
        .unwrap_or(&[])
        .iter()
        .filter_map(|service| build_of(&service.value, &env))
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// What a Dockerfile declares that a Compose file can refer to.
#[derive(Debug, PartialEq, Eq)]
pub struct DockerfileFacts {
    pub path: String,
    /// Named stages, in order.
    pub stages: Vec<String>,
    /// Every ARG name, global or in a stage.
    pub args: Vec<String>,
}

impl DockerfileFacts {
    pub fn read(path: &str, text: &Arc<str>) -> DockerfileFacts {
        let parse = Parse::new(text.clone());
        let dockerfile = parse.dockerfile();
        let stages = dockerfile
            .stages
            .iter()
            .filter_map(|stage| stage.name.as_ref().map(|n| n.name.clone()))
            .collect();
        let mut args = Vec::new();
        for instruction in &dockerfile.instructions {
            if instruction.kind != InstructionKind::Arg {
                continue;
            }
            match &instruction.args {
                Arguments::Pairs(pairs) => {
                    args.extend(pairs.iter().map(|pair| pair.key.value.clone()));
                }
                Arguments::Words(words) => args.extend(words.iter().map(|word| {
                    word.value
                        .split('=')
                        .next()
                        .unwrap_or(&word.value)
                        .to_string()
                })),
                _ => {}
            }
        }
        DockerfileFacts {
            path: path.to_string(),
            stages,
            args,
        }
    }
}

/// The Dockerfile a service builds, when the caller read it.
pub fn service_dockerfile(context: &Context, service: &Node) -> Option<Arc<DockerfileFacts>> {
    let path = build_of(service, &context.env)?;
    context.surroundings.dockerfile_facts(&path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised_and_stay_inside() {
        assert_eq!(dockerfile_path(".", None).as_deref(), Some("Dockerfile"));
        assert_eq!(
            dockerfile_path("./api/", Some("docker/Dockerfile.dev")).as_deref(),
            Some("api/docker/Dockerfile.dev")
        );
        assert_eq!(
            dockerfile_path("api", Some("../Dockerfile")).as_deref(),
            Some("Dockerfile")
        );
        assert_eq!(dockerfile_path("..", None), None);
        assert_eq!(dockerfile_path("/srv/app", None), None);
        assert_eq!(dockerfile_path("https://github.com/a/b.git", None), None);
        assert_eq!(dockerfile_path(".", Some("/abs/Dockerfile")), None);
    }
}

/// The services of `compose` that build the Dockerfile at `path` (relative to the Compose file's
/// directory, normalised as [`dockerfile_path`] writes it), with the span of each service's name.
pub fn services_building(
    compose: &Compose,
    dotenv: Option<&str>,
    path: &str,
) -> Vec<(String, dockwise_syntax::Span)> {
    let env = dotenv.map(Env::from_dotenv).unwrap_or_default();
    compose
        .yaml()
        .root
        .as_ref()
        .and_then(|root| root.get("services"))
        .and_then(|services| services.as_map())
        .unwrap_or(&[])
        .iter()
        .filter(|service| build_of(&service.value, &env).as_deref() == Some(path))
        .map(|service| (service.key.text.clone(), service.key.span))
        .collect()
}

#[cfg(test)]
mod services_building_tests {
    use super::*;

    #[test]
    fn finds_the_services_that_build_a_dockerfile() {
        let compose = Compose::new(Arc::from(
            "services:\n  api:\n    build: ./api\n  worker:\n    build:\n      context: api\n      dockerfile: Dockerfile\n  web:\n    image: nginx:1.27\n  tools:\n    build: {context: ., dockerfile: api/tools.Dockerfile}\n",
        ));
        let names: Vec<String> = services_building(&compose, None, "api/Dockerfile")
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        assert_eq!(names, ["api", "worker"]);
        let (name, span) = services_building(&compose, None, "api/tools.Dockerfile")
            .pop()
            .unwrap();
        assert_eq!(name, "tools");
        assert_eq!(&compose.text()[span.range()], "tools");
        assert!(services_building(&compose, None, "Dockerfile").is_empty());
    }
}
