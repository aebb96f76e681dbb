FROM alpine:3.20
COPY --link --chown=app /a /b
