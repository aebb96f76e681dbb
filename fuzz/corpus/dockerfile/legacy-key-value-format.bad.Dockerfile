FROM alpine:3.20
ENV APP_HOME /srv/my app
LABEL description "a demo image"
