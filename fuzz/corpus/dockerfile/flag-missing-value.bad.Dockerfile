FROM alpine:3.20
COPY --chown /a /b
COPY --from= /a /b
