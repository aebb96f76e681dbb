FROM golang:1.22@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa AS build
RUN echo build

FROM scratch
COPY --from=build /go/bin /bin
USER 65532
CMD ["/bin/app"]
