FROM debian:bookworm-slim
RUN curl -fsSL https://example.com/install.sh | sh
RUN sh -c "$(wget -qO- https://example.com/install.sh)"
USER nobody
CMD ["sh", "-c", "echo ok"]
