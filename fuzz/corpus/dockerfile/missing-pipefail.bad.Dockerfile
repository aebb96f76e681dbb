FROM debian:bookworm-slim
RUN curl -fsSL https://example.com/data.json | jq .version > /version
CMD ["/bin/true"]
