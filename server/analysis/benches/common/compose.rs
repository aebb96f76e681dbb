//! The generated Compose file of the `compose` bench and the keystroke made in it, shared with
//! `examples/compose_profile.rs`.

use std::sync::Arc;

use dockwise_analysis::InputEdit;

fn service(index: usize) -> String {
    format!(
        r#"  service-{index}:
    <<: *defaults
    image: registry.example.com/team/service-{index}:1.{index}.0
    build:
      context: ./services/service-{index}
      dockerfile: Dockerfile
      args:
        VERSION: "1.{index}.0"
    command: ["/usr/local/bin/service", "--port", "80{index:02}"]
    environment:
      LOG_LEVEL: info
      DATABASE_URL: postgres://app@db:5432/app
      SERVICE_INDEX: "{index}"
    ports:
      - "${{BIND:-127.0.0.1}}:{port}:8080"
    volumes:
      - ./services/service-{index}/config:/etc/service:ro
      - cache-{index}:/var/cache/service
    depends_on:
      db:
        condition: service_healthy
    networks:
      - backend
    healthcheck:
      test: ["CMD", "wget", "-qO-", "http://localhost:8080/health"]
      interval: 10s
      timeout: 3s
      retries: 5
    deploy:
      resources:
        limits:
          memory: 256m
          cpus: "0.5"
"#,
        port = 9000 + index
    )
}

pub fn compose_file(services: usize) -> String {
    let mut text = String::from(
        "x-defaults: &defaults\n  restart: unless-stopped\n  logging:\n    driver: json-file\n\nservices:\n",
    );
    for index in 0..services {
        text.push_str(&service(index));
    }
    text.push_str(
        "  db:\n    image: postgres:16.4\n    volumes:\n      - pgdata:/var/lib/postgresql/data\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U postgres\"]\n    networks:\n      - backend\n",
    );
    text.push_str("networks:\n  backend: {}\nvolumes:\n  pgdata: {}\n");
    for index in 0..services {
        text.push_str(&format!("  cache-{index}: {{}}\n"));
    }
    text
}

/// One keystroke: the first `LOG_LEVEL: info` becomes `infoo`. Returns the edit and the new text.
pub fn keystroke(text: &str) -> (InputEdit, Arc<str>) {
    let at = text.find("LOG_LEVEL: info").expect("a LOG_LEVEL") + "LOG_LEVEL: info".len();
    super::type_at(text, at, 'o')
}
