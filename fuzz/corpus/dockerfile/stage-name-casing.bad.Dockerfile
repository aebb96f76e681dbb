FROM golang:1.23 AS Builder
FROM alpine:3.20
COPY --from=Builder /go/bin/app /app
