/// Which analysis a document gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    Dockerfile,
    Compose,
}

impl FileKind {
    /// Recognise a file by the client's languageId first, then by its file name.
    /// `yaml` counts as Compose only when the name says so.
    pub fn detect(file_name: Option<&str>, language_id: Option<&str>) -> Option<FileKind> {
        let name = file_name.map(base_name);
        match language_id {
            Some("dockerfile") | Some("containerfile") => return Some(FileKind::Dockerfile),
            Some("dockercompose") | Some("yaml.docker-compose") => return Some(FileKind::Compose),
            _ => {}
        }
        let name = name?;
        if is_dockerfile_name(name) {
            Some(FileKind::Dockerfile)
        } else if is_compose_name(name) {
            Some(FileKind::Compose)
        } else {
            None
        }
    }
}

fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// `Dockerfile`, `Containerfile`, `Dockerfile.*`, `Containerfile.*`, `*.Dockerfile`, `*.dockerfile`.
pub fn is_dockerfile_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "dockerfile"
        || lower == "containerfile"
        || lower.starts_with("dockerfile.")
        || lower.starts_with("containerfile.")
        || lower.ends_with(".dockerfile")
        || lower.ends_with(".containerfile")
}

/// `compose*.yml|yaml`, `docker-compose*.yml|yaml`.
pub fn is_compose_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    (lower.starts_with("compose") || lower.starts_with("docker-compose"))
        && (lower.ends_with(".yml") || lower.ends_with(".yaml"))
}

#[cfg(test)]
mod tests {
    use super::FileKind::{self, *};

    #[test]
    fn recognises_names_and_language_ids() {
        let cases = [
            (Some("/a/Dockerfile"), None, Some(Dockerfile)),
            (Some("Containerfile"), None, Some(Dockerfile)),
            (Some("api.Dockerfile"), None, Some(Dockerfile)),
            (Some("Dockerfile.dev"), None, Some(Dockerfile)),
            (Some("web.dockerfile"), None, Some(Dockerfile)),
            (Some("compose.yaml"), None, Some(Compose)),
            (Some("docker-compose.override.yml"), None, Some(Compose)),
            (Some("compose.prod.yml"), Some("yaml"), Some(Compose)),
            (Some("values.yaml"), Some("yaml"), None),
            (Some("notes.txt"), Some("dockerfile"), Some(Dockerfile)),
            (Some("x.yml"), Some("dockercompose"), Some(Compose)),
            (Some("README.md"), None, None),
        ];
        for (name, lang, want) in cases {
            assert_eq!(FileKind::detect(name, lang), want, "{name:?} {lang:?}");
        }
    }
}
