FROM alpine:3.20
ENTRYPOINT exec /usr/local/bin/app --port 8080
CMD /usr/local/bin/app --config "$CONFIG" | tee /var/log/app.log
