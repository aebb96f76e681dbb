# Without a target, a bind mount lands in the WORKDIR (BuildKit joins relative targets to it).
FROM alpine:3.20
WORKDIR /src
RUN --mount=type=bind,src=src ls
RUN --mount=type=bind,target=.,rw ls
