# syntax=docker/dockerfile:1
FROM alpine:3.20 AS build
RUN apk add build-base

FROM alpine:3.20 AS base
RUN apk add --no-cache curl

FROM base AS tools
RUN apk update && apk add git && rm -rf /var/cache/apk/*

FROM tools
RUN --mount=type=cache,target=/var/cache/apk apk add jq
RUN apk --no-cache add tzdata
USER nobody
CMD ["sh", "-c", "echo ok"]
