ARG MODE=644
FROM alpine:3.20
ARG MODE
RUN --network=host wget -q https://example.com
COPY --chmod=0755 a /b
COPY --chmod=u+x,g-w a /c
COPY --chmod=$MODE a /d
COPY --link=false a /e
HEALTHCHECK --interval=1m30s --timeout=10s --retries=0 CMD ["true"]
