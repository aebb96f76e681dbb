FROM debian:bookworm-slim AS base
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && apt-get install -y -o APT::Install-Recommends=false git \
 && rm -rf /var/lib/apt/lists/*

FROM base
COPY 99norecommends /etc/apt/apt.conf.d/
RUN apt-get update && apt-get install -y make && rm -rf /var/lib/apt/lists/*
USER nobody
CMD ["sh", "-c", "echo ok"]
