FROM debian:bookworm-slim
RUN useradd -u 1000000 app
CMD ["/bin/true"]
