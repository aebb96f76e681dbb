FROM alpine:3.20
RUN --network=bridge wget -q https://example.com
RUN --security=root id
COPY --chmod=abc a /b
COPY --link=maybe a /c
HEALTHCHECK --interval=5 --retries=-1 CMD ["true"]
