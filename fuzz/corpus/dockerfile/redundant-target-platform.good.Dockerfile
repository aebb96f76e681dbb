FROM --platform=$BUILDPLATFORM alpine:3.20 AS build
RUN echo build

FROM alpine:3.20
COPY --from=build /etc/os-release /tmp/
USER nobody
CMD ["sh", "-c", "echo ok"]
