# syntax=docker/dockerfile:1
FROM lukemathwalker/cargo-chef:latest-rust-1.77-slim-bookworm AS chef
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends pkg-config libssl-dev \
    && rm -rf /var/lib/apt/lists/*

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS builder
COPY --from=planner /app/recipe.json recipe.json
# Build dependencies only: this layer is cached until the recipe changes.
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked \
    --mount=type=cache,target=/usr/local/cargo/git,sharing=locked \
    cargo chef cook --release --recipe-path recipe.json
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked \
    --mount=type=cache,target=/usr/local/cargo/git,sharing=locked \
    --mount=type=cache,target=/app/target,sharing=locked \
    cargo build --release --locked --bin tool \
    && cp target/release/tool /usr/local/bin/tool \
    && strip /usr/local/bin/tool

FROM debian:bookworm-slim AS runtime
ARG USER=tool
ARG UID=10001
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libssl3 \
 && rm -rf /var/lib/apt/lists/* \
 && adduser --disabled-password --gecos "" --home "/nonexistent" --shell "/sbin/nologin" \
      --no-create-home --uid "${UID}" "${USER}"
COPY --from=builder /usr/local/bin/tool /usr/local/bin/tool
COPY --chmod=0644 <<EOF /etc/tool/config.toml
[server]
bind = "0.0.0.0:7000"
log_level = "${LOG_LEVEL:-info}"
EOF
USER ${USER}
ENV RUST_LOG=info RUST_BACKTRACE=1
EXPOSE 7000
ENTRYPOINT ["/usr/local/bin/tool"]
CMD ["serve", "--config", "/etc/tool/config.toml"]
