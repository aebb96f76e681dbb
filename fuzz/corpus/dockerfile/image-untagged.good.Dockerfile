ARG TAG=3.20
ARG BASE=debian:bookworm-slim
FROM alpine:$TAG AS builder
RUN echo build > /out.txt

FROM ${BASE} AS other
RUN echo other

FROM builder
COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx.conf
USER nobody
CMD ["sh", "-c", "echo ok"]
