FROM alpine:3.20 AS base
HEALTHCHECK CMD ["wget", "-q", "--spider", "http://localhost/"]

FROM base
CMD ["/bin/true"]
