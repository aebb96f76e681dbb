# syntax=docker/dockerfile:1
# check=skip=JSONArgsRecommended,WorkdirRelativePath
FROM alpine:3.20
WORKDIR app
CMD /usr/local/bin/app --port 8080
