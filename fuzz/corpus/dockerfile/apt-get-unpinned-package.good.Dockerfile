FROM debian:bookworm-slim
COPY tool.deb /tmp/
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 /tmp/tool.deb "$EXTRA" \
 && rm -rf /var/lib/apt/lists/*
USER nobody
CMD ["sh", "-c", "echo ok"]
