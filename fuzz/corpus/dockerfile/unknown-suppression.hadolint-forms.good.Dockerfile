# hadolint global ignore=DL3020
FROM alpine:3.20
ADD app.conf /etc/app.conf
# hadolint ignore=DL3025,DL3003
CMD /usr/local/bin/app --port 8080
