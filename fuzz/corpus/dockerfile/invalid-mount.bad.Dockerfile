FROM alpine:3.20
RUN --mount=type=cahce,target=/root/.cache echo
RUN --mount=type=cache,traget=/root/.cache echo
RUN --mount=type=bind,source=.,target=/ echo
RUN --mount=type=cache,target=/x,sharing=exclusive echo
