FROM alpine:3.20
ARG NPM_TOKEN
ENV DB_PASSWORD=hunter2 API_KEY=abc123
CMD ["/bin/true"]
