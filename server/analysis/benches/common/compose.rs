//! The generated Compose file of the `compose` bench and the keystroke made in it, shared with
//! `examples/compose_profile.rs` (which includes this file by path).

use std::sync::Arc;

use dockwise_analysis::{InputEdit, Point};

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
#[allow(dead_code)] // Not every user of this file makes this keystroke.
pub fn keystroke(text: &str) -> (InputEdit, Arc<str>) {
    let at = text.find("LOG_LEVEL: info").expect("a LOG_LEVEL") + "LOG_LEVEL: info".len();
    type_at(text, at, 'o')
}

/// lspbench's keystroke: an `x` typed at the end of line `row`.
#[allow(dead_code)] // Not every user of this file makes this keystroke.
pub fn line_end_keystroke(text: &str, row: usize) -> (InputEdit, Arc<str>) {
    let line_start: usize = text.split_inclusive('\n').take(row).map(str::len).sum();
    let line = text[line_start..].lines().next().unwrap_or("");
    type_at(text, line_start + line.len(), 'x')
}

/// `typed` inserted at byte `at` (an ASCII character): the edit and the new text.
fn type_at(text: &str, at: usize, typed: char) -> (InputEdit, Arc<str>) {
    let row = text[..at].matches('\n').count();
    let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    let edit = InputEdit {
        start_byte: at,
        old_end_byte: at,
        new_end_byte: at + 1,
        start_position: Point { row, column },
        old_end_position: Point { row, column },
        new_end_position: Point {
            row,
            column: column + 1,
        },
    };
    let mut edited = text.to_string();
    edited.insert(at, typed);
    (edit, Arc::from(edited.as_str()))
}
