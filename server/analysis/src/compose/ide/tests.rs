//! Tests of the Compose editing features, on small files with `$0` marking the cursor.

use std::sync::Arc;

use super::*;
use crate::compose::Compose;
use crate::ide::{CompletionKind, SymbolKind};

fn file(text: &str) -> (Compose, usize) {
    let offset = text.find("$0").unwrap_or(text.len());
    let text = text.replacen("$0", "", 1);
    (Compose::new(Arc::from(text.as_str())), offset)
}

fn labels(text: &str) -> Vec<String> {
    labels_with(text, &Surroundings::default())
}

fn labels_with(text: &str, surroundings: &Surroundings) -> Vec<String> {
    let (file, offset) = file(text);
    completions(&file, surroundings, offset)
        .into_iter()
        .map(|c| c.label)
        .collect()
}

fn slices(file: &Compose, spans: &[Span]) -> Vec<String> {
    spans
        .iter()
        .map(|s| {
            let line = file.text()[..s.start].matches('\n').count() + 1;
            format!("{line}:{}", &file.text()[s.range()])
        })
        .collect()
}

const APP: &str = "\
x-common: &common
  restart: unless-stopped
services:
  web:
    <<: *common
    image: nginx:1.27
    depends_on:
      - db
    links:
      - db:database
    volumes:
      - data:/srv
      - type: volume
        source: data
        target: /other
    networks:
      - front
    secrets:
      - token
  worker:
    image: app:1
    depends_on:
      db:
        condition: service_healthy
    network_mode: service:web
    volumes_from:
      - web:ro
  db:
    image: postgres:16
    extends: base
  base:
    image: postgres:16
volumes:
  data: {}
networks:
  front: {}
secrets:
  token:
    file: ./token.txt
";

#[test]
fn keys_of_a_service_while_typing() {
    let got = labels("services:\n  web:\n    image: nginx\n    dep$0\n");
    assert!(got.contains(&"depends_on".to_string()), "{got:?}");
    assert!(got.contains(&"healthcheck".to_string()));
    assert!(
        !got.contains(&"image".to_string()),
        "present keys are not offered"
    );
    // A blank line inside a service, the key after it already written.
    let got = labels("services:\n  web:\n    $0\n    ports: []\n");
    assert!(got.contains(&"image".to_string()));
    assert!(!got.contains(&"ports".to_string()));
    // Nested: healthcheck keys, and top-level keys.
    let got =
        labels("services:\n  web:\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n      $0");
    assert!(got.contains(&"interval".to_string()) && !got.contains(&"test".to_string()));
    let got = labels("services:\n  web:\n    image: a\n$0");
    assert!(got.contains(&"volumes".to_string()) && !got.contains(&"services".to_string()));
}

#[test]
fn keys_inside_list_items() {
    let got = labels("services:\n  web:\n    volumes:\n      - type: bind\n        $0\n");
    assert!(got.contains(&"source".to_string()), "{got:?}");
    assert!(!got.contains(&"type".to_string()));
    let got = labels("services:\n  web:\n    ports:\n      - target: 80\n        pub$0");
    assert!(got.contains(&"published".to_string()), "{got:?}");
}

#[test]
fn values_from_the_specification() {
    let got = labels(
        "services:\n  web:\n    depends_on:\n      db:\n        condition: $0\n  db:\n    image: x\n",
    );
    assert_eq!(
        got,
        [
            "service_completed_successfully",
            "service_healthy",
            "service_started"
        ]
    );
    let got = labels("services:\n  web:\n    read_only: $0");
    assert_eq!(got, ["false", "true"]);
    let got = labels("services:\n  web:\n    restart: un$0");
    assert!(got.contains(&"unless-stopped".to_string()));
}

#[test]
fn names_where_references_go() {
    let got = labels("services:\n  web:\n    depends_on:\n      - $0\n  db: {}\n  cache: {}\n");
    assert_eq!(got, ["cache", "db"], "not the service itself");
    let got = labels(
        "services:\n  web:\n    depends_on:\n      db:\n        condition: service_started\n      $0\n  db: {}\n  cache: {}\n",
    );
    assert_eq!(got, ["cache"], "map form: keys not yet written");
    let got = labels("services:\n  web:\n    depends_on: [$0]\n  db: {}\n");
    assert_eq!(got, ["db"]);
    let got = labels("services:\n  web:\n    network_mode: serv$0\n  vpn: {}\n");
    assert!(got.contains(&"service:vpn".to_string()), "{got:?}");
    let got = labels("services:\n  web:\n    volumes:\n      - $0\nvolumes:\n  data: {}\n");
    assert_eq!(
        got[0], "data",
        "names first, then the long syntax's keys: {got:?}"
    );
    assert!(got.contains(&"type".to_string()));
    let got =
        labels("services:\n  web:\n    networks:\n      - $0\nnetworks:\n  front:\n  back:\n");
    assert_eq!(got, ["back", "front"]);
    let got = labels(
        "services:\n  web:\n    secrets:\n      - source: $0\nsecrets:\n  token:\n    file: t\n",
    );
    assert_eq!(got, ["token"]);
    let got = labels("services:\n  web:\n    extends:\n      service: $0\n  base: {}\n");
    assert_eq!(got, ["base"]);
}

#[test]
fn value_completion_replaces_the_whole_value() {
    let (file, offset) = file("services:\n  web:\n    network_mode: service:v$0\n  vpn: {}\n");
    let completion = completions(&file, &Surroundings::default(), offset)
        .into_iter()
        .find(|c| c.label == "service:vpn")
        .unwrap();
    let span = completion.replace.unwrap();
    assert_eq!(&file.text()[span.range()], "service:v");
    assert_eq!(completion.kind, CompletionKind::Reference);
}

#[test]
fn anchors_after_a_star() {
    let got = labels("x-a: &base\n  restart: always\nservices:\n  web:\n    <<: *b$0\n");
    assert_eq!(got, ["base"]);
    let got = labels("services:\n  web:\n    <<: *$0\nx-a: &later\n  restart: always\n");
    assert!(got.is_empty(), "an alias cannot point forward");
}

#[test]
fn documentation_from_the_knowledge_base() {
    let (file, offset) = file("services:\n  web:\n    depe$0");
    let completion = completions(&file, &Surroundings::default(), offset)
        .into_iter()
        .find(|c| c.label == "depends_on")
        .unwrap();
    assert!(completion.documentation.is_some());
    assert!(completion.detail.is_some());
    assert_eq!(completion.insert.as_deref(), Some("depends_on: "));
}

#[test]
fn no_completion_in_comments_or_odd_places() {
    assert!(labels("services:\n  # dep$0").is_empty());
    assert!(labels("").contains(&"services".to_string()));
    assert!(labels("services:\n  web:\n    command: echo {$0").is_empty());
}

#[test]
fn build_target_offers_the_stages() {
    let mut surroundings = Surroundings::default();
    surroundings.dockerfiles.insert(
        "api/Dockerfile".to_string(),
        Arc::from("FROM golang:1.23 AS build\nRUN true\nFROM alpine:3.20 AS runtime\n"),
    );
    let got = labels_with(
        "services:\n  api:\n    build:\n      context: ./api\n      target: $0\n",
        &surroundings,
    );
    assert_eq!(got, ["build", "runtime"]);
}

#[test]
fn definition_of_every_reference_form() {
    let text = APP;
    let compose = Compose::new(Arc::from(text));
    let at = |needle: &str, nth: usize| text.match_indices(needle).nth(nth).unwrap().0 + 1;
    let db_def = text.find("  db:\n    image: postgres").unwrap() + 2;
    for offset in [
        at("- db\n", 0) + 1,
        at("db:database", 0),
        at("db:\n        condition", 0),
    ] {
        assert_eq!(
            definition(&compose, offset),
            [Span::new(db_def, db_def + 2)]
        );
    }
    let web_def = text.find("  web:").unwrap() + 2;
    assert_eq!(
        definition(&compose, at("service:web", 0) + 8),
        [Span::new(web_def, web_def + 3)]
    );
    assert_eq!(
        definition(&compose, at("web:ro", 0)),
        [Span::new(web_def, web_def + 3)]
    );
    let base_def = text.find("  base:").unwrap() + 2;
    assert_eq!(
        definition(&compose, at("extends: base", 0) + 9),
        [Span::new(base_def, base_def + 4)]
    );
    // Anchors: the alias goes to the anchor's name.
    let anchor = text.find("&common").unwrap() + 1;
    assert_eq!(
        definition(&compose, text.find("*common").unwrap() + 2),
        [Span::new(anchor, anchor + 6)]
    );
}

#[test]
fn references_and_highlights() {
    let compose = Compose::new(Arc::from(APP));
    let offset = APP.find("data: {}").unwrap();
    let refs = references(&compose, offset, true);
    assert_eq!(slices(&compose, &refs), ["12:data", "14:data", "34:data"]);
    let refs = references(&compose, offset, false);
    assert_eq!(refs.len(), 2);
    let highlights = highlights(&compose, APP.find("- db").unwrap() + 2);
    assert_eq!(highlights.iter().filter(|h| h.write).count(), 1);
    assert_eq!(highlights.len(), 4, "{highlights:?}");
    let web = references(&compose, APP.find("  web:").unwrap() + 3, true);
    assert_eq!(slices(&compose, &web), ["4:web", "25:web", "27:web"]);
    let anchor = references(&compose, APP.find("&common").unwrap() + 3, true);
    assert_eq!(slices(&compose, &anchor), ["1:common", "5:common"]);
}

#[test]
fn rename_every_occurrence() {
    let compose = Compose::new(Arc::from(APP));
    let offset = APP.find("- db").unwrap() + 2;
    let target = prepare_rename(&compose, offset).unwrap();
    assert_eq!(target.name, "db");
    let edits = rename(&compose, offset, "database").unwrap();
    let renamed = crate::apply_edits(APP, &edits);
    assert!(renamed.contains("  database:\n    image: postgres"));
    assert!(renamed.contains("- database\n"));
    assert!(renamed.contains("- database:database"));
    assert!(renamed.contains("      database:\n        condition"));
    // The anchor and its alias.
    let edits = rename(&compose, APP.find("*common").unwrap() + 1, "defaults").unwrap();
    let renamed = crate::apply_edits(APP, &edits);
    assert!(renamed.contains("&defaults") && renamed.contains("<<: *defaults"));
}

#[test]
fn rename_refusals() {
    let compose = Compose::new(Arc::from(APP));
    let db = APP.find("- db").unwrap() + 2;
    assert!(rename(&compose, db, "my db").is_err(), "space");
    assert!(rename(&compose, db, "").is_err());
    assert!(rename(&compose, db, "web").is_err(), "taken");
    let data = APP.find("data: {}").unwrap();
    assert!(
        rename(&compose, data, "./data").is_err(),
        "a path, not a name"
    );
    assert!(rename(&compose, data, "pgdata").is_ok());
    let anchor = APP.find("&common").unwrap() + 1;
    assert!(rename(&compose, anchor, "a b").is_err());
    assert!(rename(&compose, 0, "x").is_err(), "nothing there");
    // A service brought in by a merge key cannot be renamed from here.
    let merged =
        "x-svc: &svc\n  api:\n    image: a\nservices:\n  <<: *svc\n  web:\n    depends_on: [api]\n";
    let compose = Compose::new(Arc::from(merged));
    let offset = merged.find("[api]").unwrap() + 2;
    assert!(prepare_rename(&compose, offset).is_none());
    assert!(rename(&compose, offset, "backend").is_err());
    // A name inside an anchor that is merged into several services is renamed once, for all.
    let shared = "x-common: &common\n  depends_on: [db]\nservices:\n  a:\n    <<: *common\n  b:\n    <<: *common\n  db:\n    image: x\n";
    let compose = Compose::new(Arc::from(shared));
    let edits = rename(&compose, shared.find("  db:").unwrap() + 2, "database").unwrap();
    assert_eq!(edits.len(), 2, "{edits:?}");
    // The same anchor also used where it is not a service name: refused.
    let mixed = "x-names: &names [db]\nservices:\n  a:\n    depends_on: *names\n    profiles: *names\n  db:\n    image: x\n";
    let compose = Compose::new(Arc::from(mixed));
    let error = rename(&compose, mixed.find("  db:").unwrap() + 2, "database").unwrap_err();
    assert!(error.0.contains("&names"), "{error:?}");
}

#[test]
fn outline() {
    let compose = Compose::new(Arc::from(APP));
    let symbols = symbols(&compose);
    let names: Vec<_> = symbols.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["services", "volumes", "networks", "secrets"]);
    let services: Vec<_> = symbols[0]
        .children
        .iter()
        .map(|s| (s.name.as_str(), s.kind))
        .collect();
    assert_eq!(
        services,
        [
            ("web", SymbolKind::Service),
            ("worker", SymbolKind::Service),
            ("db", SymbolKind::Service),
            ("base", SymbolKind::Service)
        ]
    );
    assert_eq!(symbols[0].children[0].detail.as_deref(), Some("nginx:1.27"));
    let web_children: Vec<_> = symbols[0].children[0]
        .children
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(web_children, ["volumes", "networks"]);
    // Every child lies inside its parent.
    fn check(symbol: &crate::ide::Symbol) {
        for child in &symbol.children {
            assert!(symbol.span.start <= child.span.start && child.span.end <= symbol.span.end);
            assert!(!child.name.is_empty());
            check(child);
        }
    }
    symbols.iter().for_each(check);
}

#[test]
fn folding_ranges() {
    let text = "# one\n# two\nservices:\n  web:\n    image: a\n    command: |\n      # not a comment\n      # either\n  db:\n    image: b\n";
    let compose = Compose::new(Arc::from(text));
    let folds: Vec<_> = folds(&compose)
        .into_iter()
        .map(|f| {
            (
                text[f.span.range()].lines().next().unwrap().to_string(),
                f.kind,
            )
        })
        .collect();
    assert_eq!(
        folds,
        [
            ("# one".to_string(), crate::ide::FoldKind::Comment),
            ("services:".to_string(), crate::ide::FoldKind::Region),
            ("web:".to_string(), crate::ide::FoldKind::Region),
            ("command: |".to_string(), crate::ide::FoldKind::Region),
            ("db:".to_string(), crate::ide::FoldKind::Region),
        ]
    );
}

#[test]
fn file_links() {
    let text = "services:\n  web:\n    build:\n      context: ./web\n      dockerfile: docker/Dockerfile\n    env_file:\n      - .env.web\n      - path: ./secrets.env\n    volumes:\n      - ./src:/app:ro\n      - data:/data\n      - /etc/hosts:/etc/hosts\n  api:\n    build: https://github.com/example/api.git\n";
    let compose = Compose::new(Arc::from(text));
    let links: Vec<_> = links(&compose)
        .into_iter()
        .map(|l| (text[l.span.range()].to_string(), l.target))
        .collect();
    use crate::ide::LinkTarget::*;
    assert_eq!(
        links,
        [
            ("./web".to_string(), RelativePath("./web".to_string())),
            (
                "docker/Dockerfile".to_string(),
                RelativePath("./web/docker/Dockerfile".to_string())
            ),
            (".env.web".to_string(), RelativePath(".env.web".to_string())),
            (
                "./secrets.env".to_string(),
                RelativePath("./secrets.env".to_string())
            ),
            ("./src".to_string(), RelativePath("./src".to_string())),
            (
                "https://github.com/example/api.git".to_string(),
                Url("https://github.com/example/api.git".to_string())
            ),
        ]
    );
}

#[test]
fn semantic_tokens() {
    let text = "x-a: &base\n  image: \"${REG:-docker.io}/app:$TAG\"\nservices:\n  web: *base\n";
    let compose = Compose::new(Arc::from(text));
    let tokens: Vec<_> = tokens(&compose)
        .into_iter()
        .map(|t| (text[t.span.range()].to_string(), t.kind))
        .collect();
    use crate::ide::TokenKind::*;
    assert_eq!(
        tokens,
        [
            ("x-a".to_string(), Property),
            ("&base".to_string(), Variable),
            ("image".to_string(), Property),
            ("${REG:-docker.io}".to_string(), Variable),
            ("$TAG".to_string(), Variable),
            ("services".to_string(), Property),
            ("web".to_string(), Property),
            ("*base".to_string(), Variable),
        ]
    );
}

#[test]
fn nothing_panics_on_odd_input() {
    for text in [
        "",
        ":",
        "- - -",
        "services:\n  web:\n    <<: *nope\n",
        "a: [\n",
        "\u{feff}services:\n  é: {}\n",
        "services:\n\t web:\n",
    ] {
        let compose = Compose::new(Arc::from(text));
        for offset in 0..=text.len() {
            let _ = completions(&compose, &Surroundings::default(), offset);
            let _ = definition(&compose, offset);
            let _ = references(&compose, offset, true);
            let _ = rename(&compose, offset, "x");
        }
        let _ = (
            symbols(&compose),
            folds(&compose),
            tokens(&compose),
            links(&compose),
        );
    }
}
