FROM alpine:3.20
EXPOSE 80 2222 443/tcp
CMD ["/bin/true"]
