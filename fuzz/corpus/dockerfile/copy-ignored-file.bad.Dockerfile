FROM alpine:3.20
WORKDIR /app
COPY docs/guide.md ./docs/
COPY build/app.js ./
CMD ["/bin/true"]
