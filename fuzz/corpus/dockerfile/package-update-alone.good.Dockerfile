FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

FROM alpine:3.20
RUN apk update && apk add ca-certificates && rm -rf /var/cache/apk/*
USER nobody
CMD ["sh", "-c", "echo ok"]
