FROM golang:1.23 AS build-env_1.x
FROM alpine:3.20
COPY --from=build-env_1.x /go/bin/app /app
