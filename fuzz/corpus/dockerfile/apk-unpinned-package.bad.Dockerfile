FROM alpine:3.20
RUN apk add --no-cache curl jq=1.7.1-r0
USER nobody
CMD ["sh", "-c", "echo ok"]
