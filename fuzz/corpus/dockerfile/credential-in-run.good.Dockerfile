FROM debian:bookworm-slim
RUN --mount=type=secret,id=token curl -u "deploy:$(cat /run/secrets/token)" -fsSLo /tmp/a.tgz https://example.com/a.tgz
LABEL step="1"
RUN curl -u anonymous -fsSL https://example.com/ > /dev/null
LABEL step="2"
RUN echo https://example.com:8443/path > /url
CMD ["/bin/true"]
