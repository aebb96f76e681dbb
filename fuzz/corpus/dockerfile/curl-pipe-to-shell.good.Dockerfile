FROM debian:bookworm-slim
RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \
 && echo "0000000000000000000000000000000000000000000000000000000000000000  /tmp/install.sh" > /tmp/sum \
 && sha256sum -c /tmp/sum \
 && sh /tmp/install.sh
USER nobody
CMD ["sh", "-c", "echo ok"]
