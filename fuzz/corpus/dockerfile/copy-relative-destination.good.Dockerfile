FROM alpine:3.20 AS base
WORKDIR /srv

FROM base
COPY app.conf conf/app.conf
COPY motd /etc/motd
CMD ["/bin/true"]
