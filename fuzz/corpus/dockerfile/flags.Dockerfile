FROM --platform=$BUILDPLATFORM golang:1.22 AS build
RUN --mount=type=cache,target=/root/.cache,sharing=locked --network=none go build ./...
RUN --mount=type=secret,id=token \
    --mount=type=bind,source=.,target=/src \
    make
COPY --chmod=755 --link --from=build /out/app /usr/bin/app
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tar /
COPY --from= a b
COPY --exclude="*.md" -- --weird /dst
