FROM debian:bookworm-slim
RUN useradd --no-log-init -u 1000000 app
LABEL step="1"
RUN useradd -u 1000 other
LABEL step="2"
RUN useradd -l --uid=2000000 third
CMD ["/bin/true"]
