FROM --platform=linux/amd64 alpine:3.20
USER nobody
CMD ["sh", "-c", "echo ok"]
