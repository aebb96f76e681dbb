FROM alpine:3.20 AS base
CMD ["/usr/local/bin/app", "--port", "8080"]

FROM base AS with-shell
SHELL ["/bin/ash", "-c"]
CMD /usr/local/bin/app --config "$CONFIG"

FROM with-shell
ENTRYPOINT /usr/local/bin/app
