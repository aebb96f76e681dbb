FROM debian:bookworm-slim AS build
USER root
RUN id

FROM debian:bookworm-slim
USER root
RUN useradd --create-home app
USER app
CMD ["/bin/true"]
