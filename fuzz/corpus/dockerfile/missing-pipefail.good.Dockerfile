FROM debian:bookworm-slim AS plain
RUN set -o pipefail && curl -fsSL https://example.com/data.json | jq .version > /version
LABEL step="1"
RUN echo "a | b" > /notes; echo yes | tr y n > /answer
LABEL step="2"
RUN case "$(uname -m)" in x86_64|amd64) echo amd64 ;; esac

FROM debian:bookworm-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/data.json | jq .version > /version
CMD ["/bin/true"]
