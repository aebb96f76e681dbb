FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -qy --no-install-recommends curl \
 && DEBIAN_FRONTEND=noninteractive apt-get --assume-yes install --no-install-recommends git \
 && apt-get -qq install --no-install-recommends make \
 && apt-get install --yes --no-install-recommends jq \
 && apt-get -o APT::Get::Assume-Yes=true install --no-install-recommends xz-utils \
 && rm -rf /var/lib/apt/lists/*
USER nobody
CMD ["sh", "-c", "echo ok"]
