FROM alpine:3.20
WORKDIR app
CMD ["/bin/true"]
