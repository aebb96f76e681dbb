FROM alpine:3.20
COPY a.conf b.conf /etc/app
COPY ["c.conf", "d.conf", "/etc/other"]
CMD ["/bin/true"]
