FROM alpine:latest
USER nobody
CMD ["sh", "-c", "echo ok"]
