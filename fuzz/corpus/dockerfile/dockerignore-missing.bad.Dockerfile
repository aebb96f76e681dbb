FROM alpine:3.20
WORKDIR /app
COPY . .
CMD ["/bin/true"]
