FROM node:22-alpine AS node
FROM golang:1.23 AS build
FROM alpine:3.20
COPY --from=build /go/bin/app /app
COPY --from=0 /usr/local/bin/node /usr/local/bin/
COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/
COPY --from=docs /index.html /srv/
RUN --mount=from=build,source=/go,target=/go true
