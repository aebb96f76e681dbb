FROM debian:bookworm-slim AS builder
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev \
 && echo 'int main(void) { return 0; }' > /main.c && gcc -o /app /main.c

FROM debian:bookworm-slim
COPY --from=builder /app /usr/local/bin/app
USER nobody
CMD ["/usr/local/bin/app"]
