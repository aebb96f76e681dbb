FROM debian:bookworm-slim AS base
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

FROM base
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends git; \
    apt-get dist-clean
USER nobody
CMD ["sh", "-c", "echo ok"]
