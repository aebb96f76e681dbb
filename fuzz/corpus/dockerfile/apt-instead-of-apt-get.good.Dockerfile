FROM ubuntu:24.04
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && apt-cache policy curl
USER nobody
CMD ["sh", "-c", "echo ok"]
