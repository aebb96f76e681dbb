FROM python:3.12-slim
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
RUN curl -fsSLk -o /tmp/tool.tgz https://example.com/tool.tgz \
 && wget --no-check-certificate -O /tmp/other.tgz https://example.com/other.tgz \
 && pip install --no-cache-dir --trusted-host pypi.example.com flask==3.0.3 \
 && git -c http.sslVerify=false clone https://example.com/repo.git /src
USER nobody
CMD ["sh", "-c", "echo ok"]
