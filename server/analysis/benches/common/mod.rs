//! Inputs shared by the benches and the profiling examples: realistic multi-stage Dockerfiles of
//! any length, generated Compose files (`compose`), and keystrokes in them.
#![allow(dead_code)] // Each bench uses part of it.

pub mod compose;

use std::sync::Arc;

use dockwise_analysis::{InputEdit, Point};

/// `typed` (an ASCII character) inserted at byte `at` of `text`: the edit and the new text.
pub fn type_at(text: &str, at: usize, typed: char) -> (InputEdit, Arc<str>) {
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

/// lspbench's keystroke: an `x` typed at the end of line `row`.
pub fn line_end_keystroke(text: &str, row: usize) -> (InputEdit, Arc<str>) {
    let line_start: usize = text.split_inclusive('\n').take(row).map(str::len).sum();
    let line = text[line_start..].lines().next().unwrap_or("");
    type_at(text, line_start + line.len(), 'x')
}

/// One build stage of about 30 lines, in the style of real multi-stage files.
fn stage(index: usize) -> String {
    format!(
        r#"
############################ service {index} ############################
FROM golang:${{GO_VERSION}}-alpine AS build-{index}
ARG VERSION=dev
ARG TARGETARCH
ENV CGO_ENABLED=0 \
    GOOS=linux \
    GOFLAGS=-mod=readonly
WORKDIR /src/service-{index}
RUN apk add --no-cache git ca-certificates tzdata
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download && go mod verify
COPY cmd/ ./cmd/
COPY internal/ ./internal/
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    GOARCH=${{TARGETARCH}} go build -trimpath \
      -ldflags "-s -w -X main.version=${{VERSION}}" \
      -o /out/service-{index} ./cmd/service

FROM alpine:3.20 AS runtime-{index}
RUN addgroup -S app && adduser -S -G app app
COPY --from=build-{index} --chown=app:app /out/service-{index} /usr/local/bin/service
COPY <<EOF /etc/service.conf
listen=:8080
log=json
EOF
USER app
EXPOSE 8080/tcp
HEALTHCHECK --interval=30s --timeout=3s CMD ["wget", "-qO-", "http://localhost:8080/health"]
ENTRYPOINT ["/usr/local/bin/service"]
"#
    )
}

pub fn dockerfile(stages: usize) -> String {
    let mut text = String::from("# syntax=docker/dockerfile:1\nARG GO_VERSION=1.23\n");
    for index in 0..stages {
        text.push_str(&stage(index));
    }
    text
}
