FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
RUN ["apt-get", "remove", "curl"]
USER nobody
CMD ["sh", "-c", "echo ok"]
