FROM alpine:3.20@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa AS base
RUN echo base

FROM base
USER nobody
CMD ["sh", "-c", "echo ok"]
