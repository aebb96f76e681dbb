FROM alpine:3.20
RUN apk add curl
USER nobody
CMD ["sh", "-c", "echo ok"]
