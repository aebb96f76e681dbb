FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends --allow-unauthenticated curl \
 && rm -rf /var/lib/apt/lists/*

FROM alpine:3.20
RUN apk add --no-cache --allow-untrusted /tmp/local.apk

FROM rockylinux:9
RUN dnf install -y --nogpgcheck httpd && dnf clean all
USER nobody
CMD ["sh", "-c", "echo ok"]
