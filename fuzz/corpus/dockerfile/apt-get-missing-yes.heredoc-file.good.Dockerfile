# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
RUN cat <<EOF > /usr/local/bin/setup.sh
apt-get install curl
EOF
USER nobody
CMD ["sh", "-c", "echo ok"]
