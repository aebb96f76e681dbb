//! Generated Dockerfiles shared by the benches: `dockerfile(4)` is a realistic 120-line
//! multi-stage file, `dockerfile(100)` a 3000-line one.

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
