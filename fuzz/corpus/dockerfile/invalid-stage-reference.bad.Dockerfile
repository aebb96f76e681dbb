FROM golang:1.23 AS build
COPY --from=build /a /b
COPY --from=5 /a /b
COPY --from=final /etc/os-release /tmp/
FROM golang:1.23 AS license-set
FROM alpine:3.20 AS final
COPY --from=biuld /go/bin/app /app
COPY --from=set /out /
RUN --mount=from=final,target=/x true
