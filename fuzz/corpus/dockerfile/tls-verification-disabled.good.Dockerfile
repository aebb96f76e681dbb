FROM python:3.12-slim
ENV NODE_TLS_REJECT_UNAUTHORIZED=1
RUN curl -fsSL -o /tmp/tool.tgz https://example.com/tool.tgz \
 && curl -sS -K /etc/curlrc -o /tmp/k.tgz https://example.com/k.tgz \
 && wget -O /tmp/other.tgz https://example.com/other.tgz \
 && pip install --no-cache-dir flask==3.0.3
USER nobody
CMD ["sh", "-c", "echo ok"]
