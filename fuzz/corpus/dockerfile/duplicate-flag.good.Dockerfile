FROM alpine:3.20
RUN --mount=type=cache,target=/var/cache/apk --mount=type=tmpfs,target=/tmp apk add git
COPY --exclude=*.md --exclude=*.txt . /src/
