FROM debian:bookworm-slim
RUN curl -u deploy:s3cr3t -fsSLo /tmp/a.tgz https://example.com/a.tgz
RUN git clone https://bot:ghp_abc123@github.com/acme/app.git /src
RUN docker login -p hunter2 -u me registry.example.com
CMD ["/bin/true"]
