FROM --platform=$BUILDPLATFORM golang:1.22 AS build
RUN echo build

FROM --platform=linux/arm64 alpine:3.20 AS runtime_arm64
RUN echo arm64

FROM alpine:3.20
COPY --from=build /go /go
USER nobody
CMD ["sh", "-c", "echo ok"]
