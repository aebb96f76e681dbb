FROM debian:bookworm-slim
RUN apt-get update && \
    # curl for the healthcheck
    apt-get install -y --no-install-recommends curl && \
    rm -rf /var/lib/apt/lists/*
