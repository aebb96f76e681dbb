FROM alpine:3.20
RUNN apk add --no-cache curl
COPPY app /app
apt-get install -y git
