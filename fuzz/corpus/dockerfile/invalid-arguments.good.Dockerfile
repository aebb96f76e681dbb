FROM alpine:3.20 AS base
COPY app.py /app/
COPY <<EOF /etc/app.conf
debug=false
EOF
ENV MODE=production
LABEL org.opencontainers.image.title="demo"
USER app:app
SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
HEALTHCHECK --interval=30s CMD wget -qO- http://localhost/ || exit 1
WORKDIR /app
CMD ["python3", "app.py"]
