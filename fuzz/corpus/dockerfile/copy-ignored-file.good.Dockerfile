FROM alpine:3.20
WORKDIR /app
COPY build/keep.txt ./
COPY src/ ./src/
COPY *.md ./
CMD ["/bin/true"]
