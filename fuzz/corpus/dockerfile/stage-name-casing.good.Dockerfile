FROM golang:1.23 AS builder
FROM alpine:3.20
COPY --from=builder /go/bin/app /app
