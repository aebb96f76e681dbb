FROM debian:bookworm-slim AS base
RUN useradd --create-home app
USER app

FROM base
CMD ["/bin/true"]
