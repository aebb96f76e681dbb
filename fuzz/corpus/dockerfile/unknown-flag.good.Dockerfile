# syntax=docker/dockerfile:1
FROM --platform=$BUILDPLATFORM alpine:3.20 AS build
RUN --mount=type=cache,target=/root/.cache --network=none echo build
FROM alpine:3.20
COPY --from=build --chown=1000:1000 --chmod=755 --link /bin/sh /app/sh
COPY --parents --exclude=*.md docs/ /docs/
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d --chmod=644 https://example.com/a.tgz /tmp/
ADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.12.0 /src
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --start-interval=1s --retries=3 CMD ["true"]
