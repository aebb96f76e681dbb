ARG VERSION=3.20
ARG VARIANT
FROM alpine:${VERSION} AS base
RUN echo base

FROM python:3.12${VARIANT}
USER nobody
CMD ["sh", "-c", "echo ok"]
