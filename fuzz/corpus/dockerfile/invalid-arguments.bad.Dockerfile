FROM alpine:3.20 AS
COPY app.py
ENV
LABEL maintainer
USER app admin
SHELL /bin/bash -c
HEALTHCHECK --interval=30s
HEALTHCHECK NONE curl localhost
FROM
