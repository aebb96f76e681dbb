FROM alpine:3.20 AS base
RUN echo base

FROM nginx:latest@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
COPY --from=base /etc/os-release /tmp/os-release
USER nobody
CMD ["sh", "-c", "echo ok"]
