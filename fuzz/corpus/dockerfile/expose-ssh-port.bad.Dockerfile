FROM alpine:3.20
EXPOSE 80 22/tcp
CMD ["/bin/true"]
