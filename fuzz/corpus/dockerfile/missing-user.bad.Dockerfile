FROM debian:bookworm-slim
RUN useradd --create-home app
CMD ["/bin/true"]
