# check=skip=all
FROM alpine:3.20
ENV API_KEY=abc123
CMD /usr/local/bin/app --port 8080
