FROM alpine:3.20
ENV APP_HOME="/srv/my app" \
    # multi-line with a comment
    MODE=production
LABEL description="a demo image"
