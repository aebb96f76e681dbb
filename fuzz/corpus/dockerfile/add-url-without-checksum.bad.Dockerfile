FROM alpine:3.20
ADD https://example.com/tool-1.2.3.bin /usr/local/bin/tool
CMD ["/bin/true"]
