FROM debian:bookworm-slim
RUN useradd --create-home app
USER app
RUN id
USER root
CMD ["/bin/true"]
