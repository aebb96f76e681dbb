FROM alpine:3.20
COPY app.conf conf/app.conf
CMD ["/bin/true"]
